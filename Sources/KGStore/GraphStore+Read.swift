import Foundation
import KGModel

/// Row counts of a store, for `kg stats` and progress reports.
public struct StoreStatistics: Hashable, Sendable, Codable {
    public var documents: Int
    public var sentences: Int
    public var entities: Int
    public var triples: Int
    public var evidence: Int

    public init(documents: Int, sentences: Int, entities: Int, triples: Int, evidence: Int) {
        self.documents = documents
        self.sentences = sentences
        self.entities = entities
        self.triples = triples
        self.evidence = evidence
    }
}

extension GraphStore: GraphReader {
    /// Every stored document, by id (documents are few; their text is not loaded).
    public func documents() throws -> [GraphDocument] {
        try checked {
            try connection.prepare(
                "SELECT id, path, content_hash, title, published, source, authors FROM documents ORDER BY id"
            ).allRows { Self.graphDocument($0) }
        }
    }

    /// The stored document at `path`, or nil.
    public func document(path: String) throws -> GraphDocument? {
        try checked {
            try connection.prepare(
                "SELECT id, path, content_hash, title, published, source, authors FROM documents WHERE path = ?"
            ).firstRow([.text(path)], Self.graphDocument)
        }
    }

    /// The stored original text of the document at `path` (the text every offset points into).
    public func documentText(path: String) throws -> String? {
        try checked { try connection.scalar("SELECT text FROM documents WHERE path = ?", [.text(path)])?.string }
    }

    private static func graphDocument(_ row: Statement) -> GraphDocument {
        let authors = (try? JSONDecoder().decode([String].self, from: Data(row.string(at: 6).utf8))) ?? []
        return GraphDocument(
            id: row.int64(at: 0), path: row.string(at: 1), contentHash: row.string(at: 2),
            metadata: DocumentMetadata(
                title: row.optionalString(at: 3), published: row.optionalString(at: 4),
                source: row.optionalString(at: 5), authors: authors))
    }

    /// The stored sentences of the document at `path`, in order; clauses are not stored, so they
    /// come back empty.
    public func sentences(ofDocumentAt path: String) throws -> [Sentence] {
        try checked {
            try connection.prepare(
                """
                SELECT s.idx, s.start, s.end, s.text FROM sentences s JOIN documents d ON d.id = s.document_id
                WHERE d.path = ? ORDER BY s.idx
                """
            ).allRows([.text(path)]) {
                Sentence(index: $0.int(at: 0), span: TextSpan($0.int(at: 1), $0.int(at: 2)), text: $0.string(at: 3), clauses: [])
            }
        }
    }

    /// Visits every entity by id, with its aliases (sorted), streaming one row at a time.
    public func forEachEntity(_ body: (GraphEntity) throws -> Void) throws {
        try forEachEntity(where: "", body)
    }

    /// Entities some triple touches, found through the subject and object indexes, so a drawing
    /// of the whole graph needs no id set as large as the graph.
    public func forEachConnectedEntity(_ body: (GraphEntity) throws -> Void) throws {
        try forEachEntity(
            where: """
                WHERE EXISTS (SELECT 1 FROM triples t WHERE t.subject = e.id)
                   OR EXISTS (SELECT 1 FROM triples t WHERE t.object = e.id)
                """, body)
    }

    private func forEachEntity(where filter: String, _ body: (GraphEntity) throws -> Void) throws {
        // Entities joined with their aliases arrive grouped by entity (the alias table is keyed
        // by entity id); one entity is assembled at a time.
        let statement = try checked {
            try connection.prepare(
                """
                SELECT e.id, e.key, e.type, e.label_zh, e.label_en, a.alias
                FROM entities e LEFT JOIN aliases a ON a.entity_id = e.id
                \(filter)
                ORDER BY e.id, a.alias
                """)
        }
        var pending: GraphEntity?
        try checked {
            try statement.forEachRow { row in
                let id = row.int64(at: 0)
                if let current = pending, current.id != id {
                    try body(current)
                    pending = nil
                }
                if pending == nil {
                    pending = GraphEntity(
                        id: id, key: row.string(at: 1), type: row.string(at: 2), labelZh: row.string(at: 3),
                        labelEn: row.optionalString(at: 4), aliases: [])
                }
                if let alias = row.optionalString(at: 5) { pending?.aliases.append(alias) }
            }
        }
        if let last = pending { try body(last) }
    }

    /// Visits every triple by id with its evidence count, highest confidence and the distinct
    /// qualifiers of its evidence.
    public func forEachTriple(_ body: (GraphTriple) throws -> Void) throws {
        let statement = try checked {
            try connection.prepare(
                """
                SELECT t.id, t.subject, t.predicate, t.object,
                       (SELECT max(confidence) FROM evidence WHERE triple_id = t.id),
                       (SELECT count(*) FROM evidence WHERE triple_id = t.id)
                FROM triples t ORDER BY t.id
                """)
        }
        try checked {
            try statement.forEachRow { row in
                let id = row.int64(at: 0)
                try body(
                    GraphTriple(
                        id: id, subject: row.int64(at: 1), predicate: row.string(at: 2), object: row.int64(at: 3),
                        qualifiers: try qualifiers(ofTriple: id), confidence: row.double(at: 4),
                        evidenceCount: row.int(at: 5)))
            }
        }
    }

    /// Visits every evidence row by id, with its sentence and qualifiers.
    public func forEachEvidence(_ body: (GraphEvidence) throws -> Void) throws {
        let statement = try checked {
            try connection.prepare(
                """
                SELECT e.id, e.triple_id, e.document_id, s.idx, s.text, s.start, s.end,
                       e.subject_start, e.subject_end, e.object_start, e.object_end,
                       e.trigger_start, e.trigger_end, e.rule_id, e.rule_version, e.confidence
                FROM evidence e JOIN sentences s ON s.id = e.sentence_id
                ORDER BY e.id
                """)
        }
        try checked {
            try statement.forEachRow { row in
                try body(try Self.graphEvidence(row, qualifiers: try qualifiers(ofEvidence: row.int64(at: 0))))
            }
        }
    }

    /// Reads an evidence row laid out as in `forEachEvidence` (columns 0...15).
    public static func graphEvidence(_ row: Statement, qualifiers: [Qualifier]) throws -> GraphEvidence {
        func span(_ start: Int) -> TextSpan? {
            guard let s = row.optionalInt(at: start), let e = row.optionalInt(at: start + 1), s <= e else { return nil }
            return TextSpan(s, e)
        }
        return GraphEvidence(
            id: row.int64(at: 0), tripleID: row.int64(at: 1), documentID: row.int64(at: 2),
            sentenceIndex: row.int(at: 3), sentenceText: row.string(at: 4),
            sentenceSpan: TextSpan(row.int(at: 5), max(row.int(at: 5), row.int(at: 6))),
            subjectSpan: span(7), objectSpan: span(9), triggerSpan: span(11),
            ruleID: row.string(at: 13), ruleVersion: row.string(at: 14), confidence: row.double(at: 15),
            qualifiers: qualifiers)
    }

    /// The qualifiers of one evidence row, sorted.
    public func qualifiers(ofEvidence id: Int64) throws -> [Qualifier] {
        try connection.prepare("SELECT key, value FROM qualifiers WHERE evidence_id = ? ORDER BY key, value")
            .allRows([.integer(id)]) { Qualifier($0.string(at: 0), $0.string(at: 1)) }
    }

    /// The distinct qualifiers over a triple's evidence, sorted.
    public func qualifiers(ofTriple id: Int64) throws -> [Qualifier] {
        try connection.prepare(
            """
            SELECT DISTINCT q.key, q.value FROM evidence e JOIN qualifiers q ON q.evidence_id = e.id
            WHERE e.triple_id = ? ORDER BY q.key, q.value
            """
        ).allRows([.integer(id)]) { Qualifier($0.string(at: 0), $0.string(at: 1)) }
    }

    /// Row counts of the main tables.
    public func statistics() throws -> StoreStatistics {
        try checked {
            func count(_ table: String) throws -> Int {
                Int(try connection.scalar("SELECT count(*) FROM \(table)")?.int64 ?? 0)
            }
            return StoreStatistics(
                documents: try count("documents"), sentences: try count("sentences"), entities: try count("entities"),
                triples: try count("triples"), evidence: try count("evidence"))
        }
    }
}
