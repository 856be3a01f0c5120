import Foundation
import KGModel

extension GraphStore {
    /// The content hash stored for the document at `path`, or nil when it was never ingested;
    /// the pipeline skips a file whose hash is unchanged.
    public func documentHash(path: String) throws -> String? {
        try checked {
            try connection.scalar("SELECT content_hash FROM documents WHERE path = ?", [.text(path)])?.string
        }
    }

    /// Replaces everything stored from `document` with `extraction`: its row, sentences,
    /// mentions and evidence. Triples that only this document supported and that it no longer
    /// states are deleted; entities stay.
    ///
    /// Must run inside `transaction { }` (it throws `S012` otherwise), so a failure halfway
    /// leaves the previous version of the document in place. Unknown predicates or types
    /// (`S010`) and sentence indexes the document does not have (`S011`) are reported before
    /// anything is written.
    ///
    /// `file` is the file's resolved path (the key that makes every spelling of a path one
    /// document) and `extractedBy` the fingerprint of the extractor that made `extraction`;
    /// both are stored on the document's row (nil stores NULL, as a library caller that tracks
    /// neither gets).
    public func replaceDocument(
        _ document: TextDocument, with extraction: DocumentExtraction, file: String? = nil, extractedBy: String? = nil
    ) throws {
        guard connection.isInTransaction else { throw outsideTransaction(document.path) }
        let prepared = PreparedDocument(document, extraction, vocabulary: writeVocabulary, pinyin: &pinyin)
        try replaceDocument(prepared, file: file, extractedBy: extractedBy)
    }

    /// Replaces everything stored from a document prepared off the writing thread
    /// (`PreparedDocument`), as `replaceDocument(_:with:file:extractedBy:)` does: same rows,
    /// same ids, same checks.
    ///
    /// Only inserts are left here: one prepared statement per table, values bound one by one
    /// without building arrays, entity ids resolved once per key and document, and triple ids
    /// from a cache, so a row costs about what SQLite needs to store it.
    public func replaceDocument(_ document: PreparedDocument, file: String? = nil, extractedBy: String? = nil) throws {
        guard connection.isInTransaction else { throw outsideTransaction(document.path) }
        if !document.problems.isEmpty {
            let problems = document.problems.map { $0.diagnostic(path: document.path) }
            if problems.count == 1 { throw problems[0] }
            throw DiagnosticList(problems)
        }
        // Positions in the vocabulary the document was prepared against; normally this store's
        // own (the same array, so the comparison is an identity check).
        var predicatePositions: [Int32]?
        if document.predicates != writeVocabulary.predicates {
            let positions = document.predicates.map { writeVocabulary.predicateIndex[$0] ?? -1 }
            for item in document.assertions where positions[Int(item.predicate)] < 0 {
                let predicate = document.predicates[Int(item.predicate)]
                throw PreparedDocument.Problem.unknownPredicate(predicate: predicate, rule: document.rules[Int(item.rule)].id)
                    .diagnostic(path: document.path)
            }
            predicatePositions = positions
        }
        try checked {
            // A new document has nothing to retract; the four statements below would find no
            // row, but only through indexes a bulk load has dropped (`deferIndexes()`).
            let isNew = try connection.scalar("SELECT id FROM documents WHERE path = ?", [.text(document.path)]) == nil
            let documentID = try upsertDocument(document, file: file, extractedBy: extractedBy)
            // Triples this document supported before: candidates for pruning once its new
            // evidence is in.
            var previous: [Int64] = []
            if !isNew {
                previous = try connection.prepare("SELECT DISTINCT triple_id FROM evidence WHERE document_id = ?")
                    .allRows([.integer(documentID)]) { $0.int64(at: 0) }
                try deleteQualifiers(ofDocument: documentID)
                try connection.run("DELETE FROM evidence WHERE document_id = ?", [.integer(documentID)])
                try connection.run("DELETE FROM mentions WHERE document_id = ?", [.integer(documentID)])
                try connection.run("DELETE FROM sentences WHERE document_id = ?", [.integer(documentID)])
            }

            var sentenceIDs: [Int64] = []
            sentenceIDs.reserveCapacity(document.sentences.count)
            let insertSentence = try connection.prepare(
                "INSERT INTO sentences(document_id, idx, start, end, text) VALUES (?, ?, ?, ?, ?)")
            try insertSentence.bind(documentID, at: 1)
            for sentence in document.sentences {
                try insertSentence.bind(Int64(sentence.index), at: 2)
                try insertSentence.bind(Int64(sentence.start), at: 3)
                try insertSentence.bind(Int64(sentence.end), at: 4)
                try insertSentence.bind(sentence.text, at: 5)
                try insertSentence.runBound()
                sentenceIDs.append(connection.lastInsertRowID)
            }

            var entityIDs: [Int64] = []
            entityIDs.reserveCapacity(document.entities.count)
            for entity in document.entities { entityIDs.append(try entityID(for: entity)) }

            let insertMention = try connection.prepare(
                "INSERT OR IGNORE INTO mentions(entity_id, document_id, sentence_id, start, end) VALUES (?, ?, ?, ?, ?)")
            try insertMention.bind(documentID, at: 2)
            for mention in document.mentions {
                try insertMention.bind(entityIDs[Int(mention.entity)], at: 1)
                try insertMention.bind(sentenceIDs[Int(mention.sentence)], at: 3)
                try insertMention.bind(Int64(mention.start), at: 4)
                try insertMention.bind(Int64(mention.end), at: 5)
                try insertMention.runBound()
            }

            let insertEvidence = try connection.prepare(
                """
                INSERT INTO evidence(triple_id, document_id, sentence_id, subject_start, subject_end,
                    object_start, object_end, trigger_start, trigger_end, rule_id, rule_version, confidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertQualifier = try connection.prepare(
                "INSERT OR IGNORE INTO qualifiers(evidence_id, key, value) VALUES (?, ?, ?)")
            try insertEvidence.bind(documentID, at: 2)
            var boundRule: Int32 = -1
            for item in document.assertions {
                let tripleID = try tripleID(
                    subject: entityIDs[Int(item.subject)], predicate: predicatePositions?[Int(item.predicate)] ?? item.predicate,
                    object: entityIDs[Int(item.object)])
                try insertEvidence.bind(tripleID, at: 1)
                try insertEvidence.bind(sentenceIDs[Int(item.sentence)], at: 3)
                try insertEvidence.bind(item.subjectSpan?.start, at: 4)
                try insertEvidence.bind(item.subjectSpan?.end, at: 5)
                try insertEvidence.bind(item.objectSpan?.start, at: 6)
                try insertEvidence.bind(item.objectSpan?.end, at: 7)
                try insertEvidence.bind(item.triggerSpan?.start, at: 8)
                try insertEvidence.bind(item.triggerSpan?.end, at: 9)
                // Bindings stay across runs: the rule's text is bound again only when it changes.
                if item.rule != boundRule {
                    let rule = document.rules[Int(item.rule)]
                    try insertEvidence.bind(rule.id, at: 10)
                    try insertEvidence.bind(rule.version, at: 11)
                    boundRule = item.rule
                }
                try insertEvidence.bind(item.confidence, at: 12)
                try insertEvidence.runBound()
                if !item.qualifiers.isEmpty {
                    let evidenceID = connection.lastInsertRowID
                    for qualifier in document.qualifiers[item.qualifiers] {
                        try insertQualifier.bind(evidenceID, at: 1)
                        try insertQualifier.bind(qualifier.key, at: 2)
                        try insertQualifier.bind(qualifier.value, at: 3)
                        try insertQualifier.runBound()
                    }
                }
            }

            if !previous.isEmpty {
                let prune = try connection.prepare(
                    "DELETE FROM triples WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM evidence WHERE triple_id = ?1)")
                var pruned = false
                for tripleID in previous {
                    try prune.run([.integer(tripleID)])
                    if connection.changes > 0 { pruned = true }
                }
                // A deleted triple's id must not be handed out from the cache again.
                if pruned { tripleCache.removeAll() }
            }
        }
    }

    /// Deletes the qualifiers of a document's evidence. ON DELETE CASCADE would, but not while
    /// a bulk load has the foreign-key checks off (`beginBulkLoad()`).
    func deleteQualifiers(ofDocument documentID: Int64) throws {
        try connection.run(
            "DELETE FROM qualifiers WHERE evidence_id IN (SELECT id FROM evidence WHERE document_id = ?)", [.integer(documentID)])
    }

    private func outsideTransaction(_ path: String) -> Diagnostic {
        Diagnostic(
            .outsideTransaction, "replaceDocument(\(path)) ran outside a transaction",
            hint: "call it inside GraphStore.transaction { } so a failure cannot leave half a document")
    }

    /// Inserts or updates the document row, keeping its id, and returns the id.
    private func upsertDocument(_ document: PreparedDocument, file: String?, extractedBy: String?) throws -> Int64 {
        let metadata = document.metadata
        let statement = try connection.prepare(
            """
            INSERT INTO documents(path, content_hash, title, published, source, authors, text, file, extracted_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(path) DO UPDATE SET content_hash = excluded.content_hash, title = excluded.title,
                published = excluded.published, source = excluded.source, authors = excluded.authors,
                text = excluded.text, ingested_at = excluded.ingested_at, file = excluded.file,
                extracted_by = excluded.extracted_by
            RETURNING id
            """)
        try statement.bind(document.path, at: 1)
        try statement.bind(document.contentHash, at: 2)
        try statement.bind(metadata.title, at: 3)
        try statement.bind(metadata.published, at: 4)
        try statement.bind(metadata.source, at: 5)
        try statement.bind(metadata.authors, at: 6)
        try statement.bind(document.text, at: 7)
        try statement.bind(file, at: 8)
        try statement.bind(extractedBy, at: 9)
        guard let id = try statement.firstInt64Bound() else {
            throw SQLiteError(extendedCode: 1, message: "upserting the document returned no id", sql: statement.sql)
        }
        return id
    }

    /// The id of the entity with `descriptor.key`, inserting it when new (see
    /// `entityID(for entity: PreparedDocument.Row.Entity)`).
    func entityID(for descriptor: EntityDescriptor) throws -> Int64 {
        var aliases: [String] = []
        for alias in descriptor.aliases where !aliases.contains(alias) { aliases.append(alias) }
        return try entityID(
            for: PreparedDocument.Row.Entity(
                key: EntityCacheKey(descriptor.key.rawValue), type: descriptor.type, labelZh: descriptor.labelZh,
                labelEn: descriptor.labelEn, pinyin: pinyin.key(for: descriptor.labelZh), aliases: aliases))
    }

    /// The id of the entity with `entity.key`, inserting it when new. An existing entity keeps
    /// its stored type and labels; only a missing English label is filled in. New aliases are
    /// added.
    func entityID(for entity: PreparedDocument.Row.Entity) throws -> Int64 {
        var entry: CachedEntity
        let cached = entityCache[entity.key]
        if let cached, cached.hasLabelEn || entity.labelEn == nil {
            if entity.aliases.isEmpty || entity.aliases.allSatisfy(cached.aliases.contains) { return cached.id }
            entry = cached
        } else {
            let upsert = try connection.prepare(
                """
                INSERT INTO entities(key, type, label_zh, label_en, pinyin) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET label_en = excluded.label_en
                    WHERE entities.label_en IS NULL AND excluded.label_en IS NOT NULL
                RETURNING id, label_en IS NOT NULL
                """)
            try upsert.bind(entity.key.rawValue, at: 1)
            try upsert.bind(entity.type, at: 2)
            try upsert.bind(entity.labelZh, at: 3)
            try upsert.bind(entity.labelEn, at: 4)
            try upsert.bind(entity.pinyin, at: 5)
            // An upsert whose update is skipped returns no row; read the existing one then.
            let row =
                try upsert.firstRow { ($0.int64(at: 0), $0.int(at: 1) != 0) }
                ?? connection.prepare("SELECT id, label_en IS NOT NULL FROM entities WHERE key = ?")
                .firstRow([.text(entity.key.rawValue)]) { ($0.int64(at: 0), $0.int(at: 1) != 0) }
            guard let row else {
                throw SQLiteError(extendedCode: 1, message: "entity \(entity.key.rawValue) vanished", sql: upsert.sql)
            }
            entry = CachedEntity(id: row.0, hasLabelEn: row.1, aliases: cached?.aliases ?? [])
        }
        let newAliases = entity.aliases.filter { !entry.aliases.contains($0) }
        if !newAliases.isEmpty {
            let insertAlias = try connection.prepare("INSERT OR IGNORE INTO aliases(entity_id, alias) VALUES (?, ?)")
            for alias in newAliases {
                try insertAlias.bind(entry.id, at: 1)
                try insertAlias.bind(alias, at: 2)
                try insertAlias.runBound()
                entry.aliases.insert(alias)
            }
        }
        if cached == nil && entityCache.count >= Self.entityCacheLimit {
            // A corpus names ever more entities; dropping the cache keeps memory bounded and
            // costs only re-reading what is used again (aliases are inserted OR IGNORE).
            entityCache.removeAll(keepingCapacity: true)
        }
        entityCache[entity.key] = entry
        return entry.id
    }

    /// Entities the cache holds before it starts over.
    static let entityCacheLimit = 50_000

    /// Triples the cache holds before it starts over.
    static let tripleCacheLimit = 200_000

    /// The id of the triple, inserting it when new. Ids come from `tripleCache` when the triple
    /// was met before: most evidence restates a known triple, and a hash lookup on three integers
    /// is far cheaper than a query.
    private func tripleID(subject: Int64, predicate: Int32, object: Int64) throws -> Int64 {
        let key = TripleCacheKey(subject: subject, predicate: predicate, object: object)
        if let id = tripleCache[key] { return id }
        let predicateID = writeVocabulary.predicates[Int(predicate)]
        let find = try connection.prepare("SELECT id FROM triples WHERE subject = ? AND predicate = ? AND object = ?")
        try find.bind(subject, at: 1)
        try find.bind(predicateID, at: 2)
        try find.bind(object, at: 3)
        let id: Int64
        if let found = try find.firstInt64Bound() {
            id = found
        } else {
            let insert = try connection.prepare("INSERT INTO triples(subject, predicate, object) VALUES (?, ?, ?)")
            try insert.bind(subject, at: 1)
            try insert.bind(predicateID, at: 2)
            try insert.bind(object, at: 3)
            try insert.runBound()
            id = connection.lastInsertRowID
        }
        if tripleCache.count >= Self.tripleCacheLimit { tripleCache.removeAll(keepingCapacity: true) }
        tripleCache[key] = id
        return id
    }
}
