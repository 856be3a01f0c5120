import Foundation
import KGModel
import KGStore

/// Writes generated documents straight into the store's tables with prepared statements: the
/// same rows `GraphStore.replaceDocument` writes for a new document, without its per-document
/// checks and look-ups, and with the secondary indexes dropped during the load and rebuilt at
/// the end (one sorted build each instead of millions of random inserts).
///
/// Only for a fresh store that this writer alone fills: it keeps the entity and triple ids in
/// memory instead of asking SQLite.
final class BulkWriter {
    let store: GraphStore
    private let connection: Connection
    private var entityIDs: [String: Int64] = [:]
    private var tripleIDs: [TripleKey: Int64] = [:]
    private var nextEntity: Int64 = 1
    private var nextTriple: Int64 = 1
    private var nextDocument: Int64 = 1
    private var nextSentence: Int64 = 1
    private var nextEvidence: Int64 = 1
    private var pinyin = PinyinKeyMaker()
    private var droppedIndexes: [(name: String, sql: String)] = []
    private let encoder = JSONEncoder()

    private struct TripleKey: Hashable {
        var subject: Int64
        var predicate: String
        var object: Int64
    }

    private let insertEntity: Statement
    private let insertAlias: Statement
    private let insertTriple: Statement
    private let insertDocument: Statement
    private let insertSentence: Statement
    private let insertMention: Statement
    private let insertEvidence: Statement
    private let insertQualifier: Statement

    init(store: GraphStore) throws {
        self.store = store
        connection = store.connection
        // A bulk load of a throwaway store: no fsync, 1 GiB of page cache for the indexes that
        // stay (the UNIQUE ones), foreign keys checked by construction instead.
        try connection.execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA foreign_keys = OFF")
        droppedIndexes = try connection.prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE 'sqlite_%'"
        ).allRows { (name: $0.string(at: 0), sql: $0.string(at: 1)) }
        for index in droppedIndexes { try connection.execute("DROP INDEX \(index.name)") }
        insertEntity = try connection.prepareUncached(
            "INSERT INTO entities(id, key, type, label_zh, label_en, pinyin) VALUES (?, ?, ?, ?, ?, ?)")
        insertAlias = try connection.prepareUncached("INSERT OR IGNORE INTO aliases(entity_id, alias) VALUES (?, ?)")
        insertTriple = try connection.prepareUncached("INSERT INTO triples(id, subject, predicate, object) VALUES (?, ?, ?, ?)")
        insertDocument = try connection.prepareUncached(
            "INSERT INTO documents(id, path, content_hash, title, published, source, authors, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        insertSentence = try connection.prepareUncached(
            "INSERT INTO sentences(id, document_id, idx, start, end, text) VALUES (?, ?, ?, ?, ?, ?)")
        insertMention = try connection.prepareUncached(
            "INSERT OR IGNORE INTO mentions(entity_id, document_id, sentence_id, start, end) VALUES (?, ?, ?, ?, ?)")
        insertEvidence = try connection.prepareUncached(
            """
            INSERT INTO evidence(id, triple_id, document_id, sentence_id, subject_start, subject_end,
                object_start, object_end, trigger_start, trigger_end, rule_id, rule_version, confidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertQualifier = try connection.prepareUncached("INSERT OR IGNORE INTO qualifiers(evidence_id, key, value) VALUES (?, ?, ?)")
    }

    private func entity(_ descriptor: EntityDescriptor) throws -> Int64 {
        if let id = entityIDs[descriptor.key.rawValue] { return id }
        let id = nextEntity
        nextEntity += 1
        try insertEntity.run([
            .integer(id), .text(descriptor.key.rawValue), .text(descriptor.type), .text(descriptor.labelZh),
            SQLiteValue(descriptor.labelEn), .text(pinyin.key(for: descriptor.labelZh)),
        ])
        for alias in descriptor.aliases { try insertAlias.run([.integer(id), .text(alias)]) }
        entityIDs[descriptor.key.rawValue] = id
        return id
    }

    /// Writes one new document with everything extracted from it.
    func write(_ document: TextDocument, _ extraction: DocumentExtraction) throws {
        let documentID = nextDocument
        nextDocument += 1
        let metadata = document.metadata
        try insertDocument.run([
            .integer(documentID), .text(document.path), .text(document.contentHash), SQLiteValue(metadata.title),
            SQLiteValue(metadata.published), SQLiteValue(metadata.source),
            .text(String(decoding: try encoder.encode(metadata.authors), as: UTF8.self)), .text(document.original),
        ])
        var sentenceIDs: [Int: Int64] = [:]
        for sentence in document.sentences {
            let id = nextSentence
            nextSentence += 1
            try insertSentence.run([
                .integer(id), .integer(documentID), SQLiteValue(sentence.index), SQLiteValue(sentence.span.start),
                SQLiteValue(sentence.span.end), .text(sentence.text),
            ])
            sentenceIDs[sentence.index] = id
        }
        for mention in extraction.mentions {
            try insertMention.run([
                .integer(try entity(mention.entity)), .integer(documentID), SQLiteValue(sentenceIDs[mention.sentenceIndex]),
                SQLiteValue(mention.span.start), SQLiteValue(mention.span.end),
            ])
        }
        for item in extraction.extractions {
            let key = TripleKey(subject: try entity(item.subject), predicate: item.predicate, object: try entity(item.object))
            let tripleID: Int64
            if let known = tripleIDs[key] {
                tripleID = known
            } else {
                tripleID = nextTriple
                nextTriple += 1
                try insertTriple.run([.integer(tripleID), .integer(key.subject), .text(key.predicate), .integer(key.object)])
                tripleIDs[key] = tripleID
            }
            let evidenceID = nextEvidence
            nextEvidence += 1
            try insertEvidence.run([
                .integer(evidenceID), .integer(tripleID), .integer(documentID), SQLiteValue(sentenceIDs[item.sentenceIndex]),
                SQLiteValue(item.subjectSpan?.start), SQLiteValue(item.subjectSpan?.end),
                SQLiteValue(item.objectSpan?.start), SQLiteValue(item.objectSpan?.end),
                SQLiteValue(item.triggerSpan?.start), SQLiteValue(item.triggerSpan?.end),
                .text(item.ruleID), .text(item.ruleVersion), .real(item.confidence),
            ])
            for qualifier in item.qualifiers {
                try insertQualifier.run([.integer(evidenceID), .text(qualifier.key), .text(qualifier.value)])
            }
        }
    }

    /// Rebuilds the dropped indexes and restores the store's usual settings.
    func finish() throws {
        for index in droppedIndexes { try connection.execute(index.sql) }
        try connection.execute("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
        // `PRAGMA optimize` only analyzes tables this connection has queried, and the bulk load
        // queried none: give the planner the statistics a `kg build` of the same documents
        // leaves (its look-ups touch these six tables; entities and documents stay unanalyzed).
        for table in ["triples", "evidence", "mentions", "aliases", "qualifiers", "sentences"] {
            try connection.execute("ANALYZE \(table)")
        }
    }
}
