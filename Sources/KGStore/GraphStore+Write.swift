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
        guard connection.isInTransaction else {
            throw Diagnostic(
                .outsideTransaction, "replaceDocument(\(document.path)) ran outside a transaction",
                hint: "call it inside GraphStore.transaction { } so a failure cannot leave half a document")
        }
        let sentenceIndexes = Set(document.sentences.map(\.index))
        try validate(extraction, of: document, sentenceIndexes: sentenceIndexes)
        try checked {
            let documentID = try upsertDocument(document, file: file, extractedBy: extractedBy)
            // Triples this document supported before: candidates for pruning once its new
            // evidence is in.
            let previous = try connection.prepare("SELECT DISTINCT triple_id FROM evidence WHERE document_id = ?")
                .allRows([.integer(documentID)]) { $0.int64(at: 0) }
            try connection.run("DELETE FROM evidence WHERE document_id = ?", [.integer(documentID)])
            try connection.run("DELETE FROM mentions WHERE document_id = ?", [.integer(documentID)])
            try connection.run("DELETE FROM sentences WHERE document_id = ?", [.integer(documentID)])

            var sentenceIDs: [Int: Int64] = [:]
            let insertSentence = try connection.prepare(
                "INSERT INTO sentences(document_id, idx, start, end, text) VALUES (?, ?, ?, ?, ?)")
            for sentence in document.sentences {
                try insertSentence.run([
                    .integer(documentID), SQLiteValue(sentence.index), SQLiteValue(sentence.span.start),
                    SQLiteValue(sentence.span.end), .text(sentence.text),
                ])
                sentenceIDs[sentence.index] = connection.lastInsertRowID
            }

            let insertMention = try connection.prepare(
                "INSERT OR IGNORE INTO mentions(entity_id, document_id, sentence_id, start, end) VALUES (?, ?, ?, ?, ?)")
            for mention in extraction.mentions {
                let entityID = try entityID(for: mention.entity)
                try insertMention.run([
                    .integer(entityID), .integer(documentID), SQLiteValue(sentenceIDs[mention.sentenceIndex]),
                    SQLiteValue(mention.span.start), SQLiteValue(mention.span.end),
                ])
            }

            let insertEvidence = try connection.prepare(
                """
                INSERT INTO evidence(triple_id, document_id, sentence_id, subject_start, subject_end,
                    object_start, object_end, trigger_start, trigger_end, rule_id, rule_version, confidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertQualifier = try connection.prepare(
                "INSERT OR IGNORE INTO qualifiers(evidence_id, key, value) VALUES (?, ?, ?)")
            for item in extraction.extractions {
                let subject = try entityID(for: item.subject)
                let object = try entityID(for: item.object)
                let tripleID = try tripleID(subject: subject, predicate: item.predicate, object: object)
                try insertEvidence.run([
                    .integer(tripleID), .integer(documentID), SQLiteValue(sentenceIDs[item.sentenceIndex]),
                    SQLiteValue(item.subjectSpan?.start), SQLiteValue(item.subjectSpan?.end),
                    SQLiteValue(item.objectSpan?.start), SQLiteValue(item.objectSpan?.end),
                    SQLiteValue(item.triggerSpan?.start), SQLiteValue(item.triggerSpan?.end),
                    .text(item.ruleID), .text(item.ruleVersion), .real(item.confidence),
                ])
                let evidenceID = connection.lastInsertRowID
                for qualifier in item.qualifiers {
                    try insertQualifier.run([.integer(evidenceID), .text(qualifier.key), .text(qualifier.value)])
                }
            }

            let prune = try connection.prepare(
                "DELETE FROM triples WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM evidence WHERE triple_id = ?1)")
            for tripleID in previous {
                try prune.run([.integer(tripleID)])
            }
        }
    }

    /// Checks vocabulary and sentence references up front, collecting every problem.
    private func validate(
        _ extraction: DocumentExtraction, of document: TextDocument, sentenceIndexes: Set<Int>
    ) throws {
        var problems = DiagnosticList()
        var reported: Set<String> = []
        func report(_ diagnostic: Diagnostic) {
            if reported.insert(diagnostic.message).inserted { problems.append(diagnostic) }
        }
        func checkType(_ entity: EntityDescriptor) {
            if !knownTypes.contains(entity.type) {
                report(
                    Diagnostic(
                        .unknownVocabularyInWrite, "unknown entity type '\(entity.type)' for \(entity.labelZh) in \(document.path)",
                        at: SourceLocation(file: document.path),
                        hint: "types are listed in schema/types.tsv"))
            }
        }
        func checkSentence(_ index: Int, _ what: String) {
            if !sentenceIndexes.contains(index) {
                report(
                    Diagnostic(
                        .missingSentence, "\(what) refers to sentence \(index), which \(document.path) does not have",
                        at: SourceLocation(file: document.path)))
            }
        }
        for mention in extraction.mentions {
            checkType(mention.entity)
            checkSentence(mention.sentenceIndex, "a mention of \(mention.entity.labelZh)")
        }
        for item in extraction.extractions {
            checkType(item.subject)
            checkType(item.object)
            if !knownPredicates.contains(item.predicate) {
                report(
                    Diagnostic(
                        .unknownVocabularyInWrite, "unknown predicate '\(item.predicate)' (rule \(item.ruleID)) in \(document.path)",
                        at: SourceLocation(file: document.path),
                        hint: "predicates are listed in schema/predicates.tsv"))
            }
            checkSentence(item.sentenceIndex, "\(item.subject.labelZh) \(item.predicate) \(item.object.labelZh)")
        }
        if let first = problems.errors.first {
            if problems.errors.count == 1 { throw first }
            throw problems
        }
    }

    /// Inserts or updates the document row, keeping its id, and returns the id.
    private func upsertDocument(_ document: TextDocument, file: String?, extractedBy: String?) throws -> Int64 {
        let metadata = document.metadata
        let authors = String(decoding: try JSONEncoder().encode(metadata.authors), as: UTF8.self)
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
        let id = try statement.firstRow([
            .text(document.path), .text(document.contentHash), SQLiteValue(metadata.title),
            SQLiteValue(metadata.published), SQLiteValue(metadata.source), .text(authors), .text(document.original),
            SQLiteValue(file), SQLiteValue(extractedBy),
        ]) { $0.int64(at: 0) }
        guard let id else {
            throw SQLiteError(extendedCode: 1, message: "upserting the document returned no id", sql: statement.sql)
        }
        return id
    }

    /// The id of the entity with `descriptor.key.rawValue`, inserting it when new. An existing entity
    /// keeps its stored type and labels; only a missing English label is filled in. New aliases
    /// are added.
    func entityID(for descriptor: EntityDescriptor) throws -> Int64 {
        var entry: CachedEntity
        let cached = entityCache[descriptor.key.rawValue]
        if let cached, cached.hasLabelEn || descriptor.labelEn == nil {
            entry = cached
        } else {
            let upsert = try connection.prepare(
                """
                INSERT INTO entities(key, type, label_zh, label_en, pinyin) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET label_en = excluded.label_en
                    WHERE entities.label_en IS NULL AND excluded.label_en IS NOT NULL
                RETURNING id, label_en IS NOT NULL
                """)
            let values: [SQLiteValue] = [
                .text(descriptor.key.rawValue), .text(descriptor.type), .text(descriptor.labelZh), SQLiteValue(descriptor.labelEn),
                .text(pinyin.key(for: descriptor.labelZh)),
            ]
            // An upsert whose update is skipped returns no row; read the existing one then.
            let row =
                try upsert.firstRow(values) { ($0.int64(at: 0), $0.int(at: 1) != 0) }
                ?? connection.prepare("SELECT id, label_en IS NOT NULL FROM entities WHERE key = ?")
                .firstRow([.text(descriptor.key.rawValue)]) { ($0.int64(at: 0), $0.int(at: 1) != 0) }
            guard let row else {
                throw SQLiteError(extendedCode: 1, message: "entity \(descriptor.key.rawValue) vanished", sql: upsert.sql)
            }
            entry = CachedEntity(id: row.0, hasLabelEn: row.1, aliases: cached?.aliases ?? [])
        }
        let newAliases = descriptor.aliases.filter { !entry.aliases.contains($0) }
        if !newAliases.isEmpty {
            let insertAlias = try connection.prepare("INSERT OR IGNORE INTO aliases(entity_id, alias) VALUES (?, ?)")
            for alias in newAliases {
                try insertAlias.run([.integer(entry.id), .text(alias)])
                entry.aliases.insert(alias)
            }
        }
        if cached == nil && entityCache.count >= Self.entityCacheLimit {
            // A corpus names ever more entities; dropping the cache keeps memory bounded and
            // costs only re-reading what is used again (aliases are inserted OR IGNORE).
            entityCache.removeAll(keepingCapacity: true)
        }
        entityCache[descriptor.key.rawValue] = entry
        return entry.id
    }

    /// Entities the cache holds before it starts over.
    static let entityCacheLimit = 50_000

    /// The id of the triple, inserting it when new.
    private func tripleID(subject: Int64, predicate: String, object: Int64) throws -> Int64 {
        let values: [SQLiteValue] = [.integer(subject), .text(predicate), .integer(object)]
        if let id = try connection.prepare("SELECT id FROM triples WHERE subject = ? AND predicate = ? AND object = ?")
            .firstRow(values, { $0.int64(at: 0) })
        {
            return id
        }
        try connection.run("INSERT INTO triples(subject, predicate, object) VALUES (?, ?, ?)", values)
        return connection.lastInsertRowID
    }
}
