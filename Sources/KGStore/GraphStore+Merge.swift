import Foundation
import KGModel

/// What merging one source store into another did.
public struct MergeSummary: Sendable, Equatable {
    /// The source store, as given.
    public var source: String
    /// Documents whose path was new to the target.
    public var added = 0
    /// Documents whose path the target held with other content: the source's version replaced it.
    public var replaced = 0
    /// Documents the target held already with the same content hash; left as they were.
    public var unchanged = 0
    /// Rows copied into the target.
    public var sentences = 0
    public var evidence = 0
    /// Triples new to the target (a triple both stores hold is stored once).
    public var newTriples = 0
    /// Entities new to the target (an entity both stores hold, by canonical key, is stored once).
    public var newEntities = 0
    /// One `S014` warning for each replaced document.
    public var diagnostics: [Diagnostic] = []

    public init(source: String) { self.source = source }
}

extension GraphStore {
    /// Unites the store at `sourcePath` into this one, so a corpus built in shards (on any job
    /// runner) becomes one store equal to building it at once.
    ///
    /// - Entities are matched by canonical key (`entities.key`); aliases are united. An entity
    ///   both stores describe differently (type, labels) takes the description of the store
    ///   holding its first document in the order `kg build` reads files, as a one-shot build
    ///   would; a missing English label is filled in.
    /// - Documents are matched by path. A path this store holds with the same content hash is
    ///   left alone (so merging the same shard twice changes nothing); a path with another hash
    ///   is replaced by the source's version and reported as an `S014` warning: the later
    ///   store wins, as a rebuild of the changed file would.
    /// - Sentences, mentions, evidence and qualifiers of the copied documents are copied with
    ///   their ids remapped; triples are de-duplicated on (subject key, predicate, object key).
    ///
    /// Runs as set operations in SQL (`ATTACH` and `INSERT … SELECT`) inside one transaction, so
    /// it costs about as much as copying the rows, and a failure leaves this store as it was.
    /// Into an empty store (the first merge of a tree of shards), the source is copied page by
    /// page instead. The source is only read.
    public func merge(from sourcePath: String) throws -> MergeSummary {
        try checkMergeSource(sourcePath)
        // A store a killed bulk load left without some indexes (`deferIndexes()`): the merge
        // reads and writes through them.
        try restoreIndexes()
        let schema = "kg_merge_source"
        // Until the source is known to be sound, a failure is the source's: `checked` would
        // name this store, and tell the user to delete a store that is fine.
        try checkedSource(sourcePath) {
            try connection.run("ATTACH DATABASE ? AS \(schema)", [.text(sourcePath)])
        }
        defer {
            // DETACH cannot fail once no statement reads the source; nothing to report if it does.
            try? connection.execute("DETACH DATABASE \(schema)")
        }
        try checkedSource(sourcePath) {
            try checkAttachedSchema(schema, path: sourcePath)
            // quick_check reads every page of the source once (about what the merge reads), so
            // a damaged source is found here rather than halfway through the merge.
            let verdict = try connection.prepareUncached("PRAGMA \(schema).quick_check(1)").allRows { $0.string(at: 0) }
            if verdict.first != "ok" {
                throw Diagnostic(
                    .storeDamaged,
                    "\(sourcePath) is damaged (\(verdict.first ?? "no verdict")); nothing was merged from it",
                    at: SourceLocation(file: sourcePath), hint: "rebuild that store, or restore it from a copy")
            }
        }
        if try canCopy(schema) {
            try? connection.execute("DETACH DATABASE \(schema)")
            return try copy(from: sourcePath)
        }
        // Every row the merge writes refers to rows it just matched or copied, so SQLite's
        // foreign-key checks (three index lookups for each mention and evidence row) only
        // repeat what the joins established; they cost more than the inserts. The pragma has no
        // effect inside a transaction, so a caller's own transaction keeps them on; the merge
        // deletes dependent rows itself (qualifiers of replaced evidence) and does not rely on
        // ON DELETE CASCADE.
        let checksWereOn = !connection.isInTransaction
        if checksWereOn { try checked { try connection.execute("PRAGMA foreign_keys = OFF") } }
        defer { if checksWereOn { try? connection.execute("PRAGMA foreign_keys = ON") } }
        let summary = try transaction { try mergeAttached(schema, path: sourcePath) }
        // Entities were written behind the cache's back; ids stay valid but aliases may not.
        entityCache.removeAll()
        tripleCache.removeAll()
        return summary
    }

    /// True when this store holds nothing yet and `src` was written with this kg's schema and
    /// vocabulary: merging it then gives its own rows, which a page copy writes much faster (the
    /// first merge of a tree of shards, `kg merge a b --db new`).
    private func canCopy(_ src: String) throws -> Bool {
        try checked {
            let rows = try connection.scalar(
                "SELECT (SELECT count(*) FROM main.documents) + (SELECT count(*) FROM main.entities) + (SELECT count(*) FROM main.extractors)"
            )?.int64 ?? 1
            guard rows == 0, !connection.isInTransaction, path != ":memory:" else { return false }
            let vocabulary = try connection.scalar("SELECT value FROM \(src).kg_meta WHERE key = 'vocabulary'")?.string
            return vocabulary == Self.fingerprint(of: self.vocabulary)
        }
    }

    /// Makes this empty store a copy of the store at `sourcePath` (checked by `merge(from:)`).
    private func copy(from sourcePath: String) throws -> MergeSummary {
        let source: Connection
        do {
            source = try Connection(path: sourcePath, readOnly: true)
        } catch {
            throw Self.diagnose(error, path: sourcePath)
        }
        try checked { try connection.copyContents(of: source) }
        entityCache.removeAll()
        tripleCache.removeAll()
        // The copy of a shard whose build was killed lacks what that build had deferred.
        try restoreIndexes()
        var summary = MergeSummary(source: sourcePath)
        try checked {
            try loadVocabularyIDs()
            func count(_ table: String) throws -> Int { Int(try connection.scalar("SELECT count(*) FROM \(table)")?.int64 ?? 0) }
            summary.added = try count("documents")
            summary.sentences = try count("sentences")
            summary.evidence = try count("evidence")
            summary.newTriples = try count("triples")
            summary.newEntities = try count("entities")
        }
        return summary
    }

    /// Missing sources, and the target itself, are refused before ATTACH (which would create an
    /// empty database for a missing file).
    private func checkMergeSource(_ sourcePath: String) throws {
        guard FileManager.default.fileExists(atPath: sourcePath) else {
            throw Diagnostic(
                .storeNotFound, "no graph store at \(sourcePath)", at: SourceLocation(file: sourcePath),
                hint: "build it first: kg build INPUT... --db \(sourcePath)")
        }
        try Self.checkFile(sourcePath)
        if path != ":memory:" {
            let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
            let source = URL(fileURLWithPath: sourcePath).resolvingSymlinksInPath().standardizedFileURL.path
            if target == source {
                throw Diagnostic(
                    .mergeIntoItself, "\(sourcePath) is the store being merged into; a store cannot be merged into itself",
                    at: SourceLocation(file: sourcePath), hint: "give another --db for the merged store")
            }
        }
    }

    /// Runs `body`, turning SQLite failures into diagnostics that name the source store.
    private func checkedSource<T>(_ sourcePath: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw Self.diagnose(error, path: sourcePath)
        }
    }

    /// The source must be a kg store at this kg's schema version.
    private func checkAttachedSchema(_ schema: String, path sourcePath: String) throws {
        // Plain `try`: the caller turns SQLite failures into diagnostics that name the source.
        let hasMeta = try connection.scalar("SELECT count(*) FROM \(schema).sqlite_schema WHERE name = 'kg_meta'")?.int64 ?? 0
        if hasMeta == 0 {
            throw Diagnostic(
                .notAKGStore, "\(sourcePath) is a SQLite database but not a kg store; it cannot be merged",
                at: SourceLocation(file: sourcePath))
        }
        let version = try connection.scalar("PRAGMA \(schema).user_version")?.int64 ?? 0
        if version != Int64(Migrations.latestVersion) {
            throw Diagnostic(
                .schemaVersionMismatch,
                "\(sourcePath) has schema version \(version); this kg merges stores at version \(Migrations.latestVersion)",
                at: SourceLocation(file: sourcePath),
                hint: "open it once with this kg (for example kg export --db \(sourcePath)) to upgrade it, or rebuild it")
        }
    }

    /// Gives each entity both stores hold, described differently, the type and labels of the
    /// store where it appears first in path order: what a one-shot build of the same files
    /// stores, since a build keeps the description it meets first, and it reads folders in
    /// sorted order (shards preserve that order among their own files).
    ///
    /// Only entities whose rows differ are looked at (a few in a thousand), each by its mentions
    /// and triples through their indexes, so this adds little to a merge.
    private func adoptEarlierDescriptions(from src: String) throws {
        let differing = try connection.prepareUncached(
            """
            SELECT m.id, s.id FROM \(src).entities s JOIN main.entities m ON m.key = s.key
            WHERE m.type IS NOT s.type OR m.label_zh IS NOT s.label_zh OR m.pinyin IS NOT s.pinyin
                OR m.label_en IS NOT s.label_en
            """
        ).allRows { ($0.int64(at: 0), $0.int64(at: 1)) }
        if differing.isEmpty { return }
        func documents(_ schema: String) -> String {
            """
            SELECT d.path FROM \(schema).mentions m JOIN \(schema).documents d ON d.id = m.document_id WHERE m.entity_id = ?1
            UNION SELECT d.path FROM \(schema).triples t JOIN \(schema).evidence e ON e.triple_id = t.id
                JOIN \(schema).documents d ON d.id = e.document_id WHERE t.subject = ?1
            UNION SELECT d.path FROM \(schema).triples t JOIN \(schema).evidence e ON e.triple_id = t.id
                JOIN \(schema).documents d ON d.id = e.document_id WHERE t.object = ?1
            """
        }
        let mainDocuments = try connection.prepareUncached(documents("main"))
        let sourceDocuments = try connection.prepareUncached(documents(src))
        let adopt = try connection.prepareUncached(
            """
            UPDATE main.entities SET (type, label_zh, pinyin, label_en) =
                (SELECT s.type, s.label_zh, s.pinyin, coalesce(s.label_en, entities.label_en)
                 FROM \(src).entities s WHERE s.id = ?2)
            WHERE id = ?1
            """)
        for (target, source) in differing {
            let here = try mainDocuments.allRows([.integer(target)]) { $0.string(at: 0) }.min(by: Self.readsBefore)
            let there = try sourceDocuments.allRows([.integer(source)]) { $0.string(at: 0) }.min(by: Self.readsBefore)
            guard let there else { continue }
            if here.map({ Self.readsBefore(there, $0) }) ?? true {
                try adopt.run([.integer(target), .integer(source)])
            }
        }
    }

    /// True when `kg build` reads the document stored as `a` before the one stored as `b`: paths
    /// compared folder by folder, each name as the folder walk sorts them, and the parts of one
    /// file (`FILE#char=START,END`) by their start.
    static func readsBefore(_ a: String, _ b: String) -> Bool {
        func split(_ path: String) -> (components: [Substring], start: Int) {
            guard let marker = path.range(of: "#char=", options: .backwards) else {
                return (path.split(separator: "/", omittingEmptySubsequences: false), -1)
            }
            let start = Int(path[marker.upperBound...].prefix { $0 != "," }) ?? -1
            return (path[..<marker.lowerBound].split(separator: "/", omittingEmptySubsequences: false), start)
        }
        let (x, y) = (split(a), split(b))
        for (p, q) in zip(x.components, y.components) where p != q {
            return String(p) < String(q)
        }
        if x.components.count != y.components.count { return x.components.count < y.components.count }
        return x.start < y.start
    }

    private func mergeAttached(_ src: String, path sourcePath: String) throws -> MergeSummary {
        var summary = MergeSummary(source: sourcePath)
        func run(_ sql: String, _ values: [SQLiteValue] = []) throws -> Int {
            try connection.prepareUncached(sql).run(values)
            return connection.changes
        }
        func count(_ sql: String) throws -> Int { Int(try connection.scalar(sql)?.int64 ?? 0) }
        try checked {
            // Vocabulary rows the source knows and this store does not (a store built with a
            // newer vocabulary): copied so the foreign keys of its triples and entities hold.
            _ = try run(
                """
                INSERT OR IGNORE INTO main.entity_types(id, parent, label_en, label_zh, schema_org)
                SELECT id, NULL, label_en, label_zh, schema_org FROM \(src).entity_types
                """)
            _ = try run(
                """
                UPDATE main.entity_types SET parent = (SELECT s.parent FROM \(src).entity_types s WHERE s.id = entity_types.id)
                WHERE parent IS NULL AND (SELECT s.parent FROM \(src).entity_types s WHERE s.id = entity_types.id)
                    IN (SELECT id FROM main.entity_types)
                """)
            _ = try run("INSERT OR IGNORE INTO main.predicates SELECT * FROM \(src).predicates")

            // Entities by canonical key, with the same rule as GraphStore.entityID(for:).
            let entitiesBefore = try count("SELECT count(*) FROM main.entities")
            _ = try run(
                """
                INSERT INTO main.entities(key, type, label_zh, label_en, pinyin)
                SELECT key, type, label_zh, label_en, pinyin FROM \(src).entities WHERE true ORDER BY id
                ON CONFLICT(key) DO UPDATE SET label_en = excluded.label_en
                    WHERE entities.label_en IS NULL AND excluded.label_en IS NOT NULL
                """)
            summary.newEntities = try count("SELECT count(*) FROM main.entities") - entitiesBefore
            try adoptEarlierDescriptions(from: src)
            try connection.execute(
                """
                DROP TABLE IF EXISTS temp.merge_entities;
                CREATE TEMP TABLE merge_entities(source INTEGER PRIMARY KEY, target INTEGER NOT NULL);
                DROP TABLE IF EXISTS temp.merge_documents;
                CREATE TEMP TABLE merge_documents(
                    source INTEGER PRIMARY KEY, target INTEGER, action INTEGER NOT NULL, path TEXT NOT NULL);
                DROP TABLE IF EXISTS temp.merge_triples;
                CREATE TEMP TABLE merge_triples(source INTEGER PRIMARY KEY, target INTEGER NOT NULL);
                DROP TABLE IF EXISTS temp.merge_touched;
                CREATE TEMP TABLE merge_touched(id INTEGER PRIMARY KEY);
                """)
            _ = try run(
                """
                INSERT INTO temp.merge_entities(source, target)
                SELECT s.id, m.id FROM \(src).entities s JOIN main.entities m ON m.key = s.key
                """)
            _ = try run(
                """
                INSERT OR IGNORE INTO main.aliases(entity_id, alias)
                SELECT me.target, a.alias FROM \(src).aliases a JOIN temp.merge_entities me ON me.source = a.entity_id
                """)

            // The fingerprints the copied documents name, so kg can still say what extracted them.
            _ = try run("INSERT OR IGNORE INTO main.extractors SELECT * FROM \(src).extractors")

            // Documents by path: 0 new, 1 replaces other content, 2 already here unchanged.
            _ = try run(
                """
                INSERT INTO temp.merge_documents(source, target, action, path)
                SELECT s.id, m.id,
                       CASE WHEN m.id IS NULL THEN 0 WHEN m.content_hash = s.content_hash THEN 2 ELSE 1 END, s.path
                FROM \(src).documents s LEFT JOIN main.documents m ON m.path = s.path
                """)
            let replacedPaths = try connection.prepareUncached(
                "SELECT path FROM temp.merge_documents WHERE action = 1 ORDER BY path"
            ).allRows { $0.string(at: 0) }
            summary.replaced = replacedPaths.count
            summary.unchanged = try count("SELECT count(*) FROM temp.merge_documents WHERE action = 2")
            for replacedPath in replacedPaths {
                summary.diagnostics.append(
                    Diagnostic(
                        .mergeConflict,
                        "\(replacedPath) is in \(sourcePath) with other content than in the stores merged before it; \(sourcePath)'s version is kept",
                        severity: .warning, at: SourceLocation(file: sourcePath),
                        hint: "the later store on the command line wins; reorder the stores to keep the other version"))
            }

            // Replaced documents lose their old sentences, mentions and evidence; the triples
            // that evidence supported are pruned at the end if nothing else states them.
            if summary.replaced > 0 {
                _ = try run(
                    """
                    INSERT OR IGNORE INTO temp.merge_touched(id)
                    SELECT e.triple_id FROM main.evidence e
                    WHERE e.document_id IN (SELECT target FROM temp.merge_documents WHERE action = 1)
                    """)
                _ = try run(
                    """
                    DELETE FROM main.qualifiers WHERE evidence_id IN (
                        SELECT id FROM main.evidence
                        WHERE document_id IN (SELECT target FROM temp.merge_documents WHERE action = 1))
                    """)
                for table in ["evidence", "mentions", "sentences"] {
                    _ = try run(
                        """
                        DELETE FROM main.\(table)
                        WHERE document_id IN (SELECT target FROM temp.merge_documents WHERE action = 1)
                        """)
                }
                _ = try run(
                    """
                    UPDATE main.documents SET (content_hash, title, published, source, authors, text, ingested_at,
                            file, extracted_by) =
                        (SELECT s.content_hash, s.title, s.published, s.source, s.authors, s.text, s.ingested_at,
                                s.file, s.extracted_by
                         FROM \(src).documents s JOIN temp.merge_documents d ON d.source = s.id
                         WHERE d.target = documents.id)
                    WHERE id IN (SELECT target FROM temp.merge_documents WHERE action = 1)
                    """)
            }
            // New documents keep their source id shifted past every id here, so the remap is
            // arithmetic for documents, sentences and evidence: no lookup table for the big ones.
            let documentShift = try count("SELECT coalesce(max(id), 0) FROM main.documents")
            summary.added = try run(
                """
                INSERT INTO main.documents(id, path, content_hash, title, published, source, authors, text, ingested_at,
                    file, extracted_by)
                SELECT s.id + ?1, s.path, s.content_hash, s.title, s.published, s.source, s.authors, s.text, s.ingested_at,
                    s.file, s.extracted_by
                FROM \(src).documents s JOIN temp.merge_documents d ON d.source = s.id
                WHERE d.action = 0 ORDER BY s.id
                """, [.integer(Int64(documentShift))])
            _ = try run(
                "UPDATE temp.merge_documents SET target = source + ?1 WHERE action = 0", [.integer(Int64(documentShift))])

            let sentenceShift = Int64(try count("SELECT coalesce(max(id), 0) FROM main.sentences"))
            summary.sentences = try run(
                """
                INSERT INTO main.sentences(id, document_id, idx, start, end, text)
                SELECT s.id + ?1, d.target, s.idx, s.start, s.end, s.text
                FROM \(src).sentences s JOIN temp.merge_documents d ON d.source = s.document_id
                WHERE d.action < 2 ORDER BY s.id
                """, [.integer(sentenceShift)])
            _ = try run(
                """
                INSERT OR IGNORE INTO main.mentions(entity_id, document_id, sentence_id, start, end)
                SELECT me.target, d.target, m.sentence_id + ?1, m.start, m.end
                FROM \(src).mentions m
                JOIN temp.merge_documents d ON d.source = m.document_id
                JOIN temp.merge_entities me ON me.source = m.entity_id
                WHERE d.action < 2 ORDER BY m.document_id, m.sentence_id
                """, [.integer(sentenceShift)])

            // Triples stated by a copied document, de-duplicated by the (subject, predicate,
            // object) unique index on the remapped entity ids.
            let triplesBefore = try count("SELECT count(*) FROM main.triples")
            _ = try run(
                """
                INSERT OR IGNORE INTO main.triples(subject, predicate, object)
                SELECT ms.target, t.predicate, mo.target
                FROM \(src).triples t
                JOIN temp.merge_entities ms ON ms.source = t.subject
                JOIN temp.merge_entities mo ON mo.source = t.object
                WHERE EXISTS (
                    SELECT 1 FROM \(src).evidence e JOIN temp.merge_documents d ON d.source = e.document_id
                    WHERE e.triple_id = t.id AND d.action < 2)
                ORDER BY t.id
                """)
            summary.newTriples = try count("SELECT count(*) FROM main.triples") - triplesBefore
            _ = try run(
                """
                INSERT INTO temp.merge_triples(source, target)
                SELECT t.id, m.id
                FROM \(src).triples t
                JOIN temp.merge_entities ms ON ms.source = t.subject
                JOIN temp.merge_entities mo ON mo.source = t.object
                JOIN main.triples m ON m.subject = ms.target AND m.predicate = t.predicate AND m.object = mo.target
                """)

            let evidenceShift = Int64(try count("SELECT coalesce(max(id), 0) FROM main.evidence"))
            summary.evidence = try run(
                """
                INSERT INTO main.evidence(id, triple_id, document_id, sentence_id, subject_start, subject_end,
                    object_start, object_end, trigger_start, trigger_end, rule_id, rule_version, confidence)
                SELECT e.id + ?1, mt.target, d.target, e.sentence_id + ?2, e.subject_start, e.subject_end,
                    e.object_start, e.object_end, e.trigger_start, e.trigger_end, e.rule_id, e.rule_version, e.confidence
                FROM \(src).evidence e
                JOIN temp.merge_documents d ON d.source = e.document_id
                JOIN temp.merge_triples mt ON mt.source = e.triple_id
                WHERE d.action < 2 ORDER BY e.id
                """, [.integer(evidenceShift), .integer(sentenceShift)])
            _ = try run(
                """
                INSERT OR IGNORE INTO main.qualifiers(evidence_id, key, value)
                SELECT q.evidence_id + ?1, q.key, q.value
                FROM \(src).qualifiers q
                JOIN \(src).evidence e ON e.id = q.evidence_id
                JOIN temp.merge_documents d ON d.source = e.document_id
                WHERE d.action < 2
                """, [.integer(evidenceShift)])

            if summary.replaced > 0 {
                _ = try run(
                    """
                    DELETE FROM main.triples
                    WHERE id IN (SELECT id FROM temp.merge_touched)
                      AND NOT EXISTS (SELECT 1 FROM main.evidence e WHERE e.triple_id = triples.id)
                    """)
            }
            try connection.execute(
                """
                DROP TABLE temp.merge_entities; DROP TABLE temp.merge_documents;
                DROP TABLE temp.merge_triples; DROP TABLE temp.merge_touched;
                """)
        }
        return summary
    }
}
