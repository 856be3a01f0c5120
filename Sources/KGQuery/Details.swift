import KGModel
import KGStore

/// Everything `kg entity` shows about one entity.
public struct EntityDetails: Hashable, Sendable {
    public var entity: EntityRef
    public var aliases: [String]
    /// The type and its ancestors, most specific first (`Company`, `Organization`).
    public var typePath: [String]
    /// Triples with the entity as subject.
    public var outDegree: Int
    /// Triples with the entity as object.
    public var inDegree: Int
    /// Triples by predicate and direction: (`listedOn`, out, 2).
    public var predicates: [PredicateCount]
    /// Documents that mention the entity or state a triple about it, by path: the ones with the
    /// most evidence (then mentions) when there are more than the limit `details` was given.
    public var documents: [DocumentMentions]
    /// How many documents mention the entity or state a triple about it, listed or not.
    public var documentCount: Int
}

/// How many of an entity's triples use one predicate in one direction.
public struct PredicateCount: Hashable, Sendable {
    public var predicate: String
    /// True for triples where the entity is the subject.
    public var outgoing: Bool
    public var count: Int
}

/// A document mentioning an entity.
public struct DocumentMentions: Hashable, Sendable {
    public var path: String
    public var title: String?
    /// Recognised mentions of the entity in the document.
    public var mentions: Int
    /// Evidence rows in the document for triples about the entity.
    public var evidence: Int
}

extension GraphQuery {
    /// The default for `details(of:documentLimit:)`: a hub is mentioned in tens of thousands
    /// of documents, more than anyone reads and slow to list.
    public static let defaultDocumentLimit = 50

    /// Labels, aliases, type, degree and the documents mentioning the entity `name` names: at
    /// most `documentLimit` of them, with the total in `documentCount`.
    public func details(of name: String, documentLimit: Int = GraphQuery.defaultDocumentLimit) throws -> EntityDetails {
        let entity = try resolve(name)
        return try checked {
            let id: [SQLiteValue] = [.integer(entity.id)]
            let aliases = try connection.prepare("SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias")
                .allRows(id) { $0.string(at: 0) }
            let predicates = try connection.prepare(
                """
                SELECT predicate, 1, count(*) FROM triples WHERE subject = ?1 GROUP BY predicate
                UNION ALL
                SELECT predicate, 0, count(*) FROM triples WHERE object = ?1 GROUP BY predicate
                ORDER BY 3 DESC, 1, 2 DESC
                """
            ).allRows(id) { PredicateCount(predicate: $0.string(at: 0), outgoing: $0.int(at: 1) != 0, count: $0.int(at: 2)) }
            var documentCount = 0
            // The window counts every document before LIMIT keeps the top ones, so the total
            // costs no second pass over the evidence.
            let documents = try connection.prepare(
                """
                WITH m(document_id, mentions, evidence) AS (
                    SELECT document_id, count(*), 0 FROM mentions WHERE entity_id = ?1 GROUP BY document_id
                    UNION ALL
                    SELECT e.document_id, 0, count(*) FROM triples t JOIN evidence e ON e.triple_id = t.id
                    WHERE t.subject = ?1 GROUP BY e.document_id
                    UNION ALL
                    SELECT e.document_id, 0, count(*) FROM triples t JOIN evidence e ON e.triple_id = t.id
                    WHERE t.object = ?1 GROUP BY e.document_id
                ),
                per(document_id, mentions, evidence) AS (
                    SELECT document_id, sum(mentions), sum(evidence) FROM m GROUP BY document_id
                ),
                top(document_id, mentions, evidence, total) AS (
                    SELECT document_id, mentions, evidence, count(*) OVER () FROM per
                    ORDER BY evidence DESC, mentions DESC, document_id LIMIT ?2
                )
                SELECT d.path, d.title, top.mentions, top.evidence, top.total
                FROM top JOIN documents d ON d.id = top.document_id
                ORDER BY d.path
                """
            ).allRows(id + [.integer(Int64(max(documentLimit, 0)))]) {
                documentCount = $0.int(at: 4)
                return DocumentMentions(
                    path: $0.string(at: 0), title: $0.optionalString(at: 1), mentions: $0.int(at: 2), evidence: $0.int(at: 3))
            }
            if documentLimit <= 0 {
                documentCount = try connection.prepare(
                    """
                    SELECT count(*) FROM (
                        SELECT document_id FROM mentions WHERE entity_id = ?1
                        UNION
                        SELECT e.document_id FROM triples t JOIN evidence e ON e.triple_id = t.id WHERE t.subject = ?1
                        UNION
                        SELECT e.document_id FROM triples t JOIN evidence e ON e.triple_id = t.id WHERE t.object = ?1
                    )
                    """
                ).firstRow(id) { $0.int(at: 0) } ?? 0
            }
            var typePath: [String] = []
            var current: String? = entity.type
            while let type = current, !typePath.contains(type) {
                typePath.append(type)
                current = vocabulary.type(type)?.parent
            }
            return EntityDetails(
                entity: entity, aliases: aliases, typePath: typePath,
                outDegree: predicates.filter(\.outgoing).reduce(0) { $0 + $1.count },
                inDegree: predicates.filter { !$0.outgoing }.reduce(0) { $0 + $1.count },
                predicates: predicates, documents: documents, documentCount: documentCount)
        }
    }
}

/// One sentence behind a triple.
public struct EvidenceRecord: Hashable, Sendable {
    public var subject: EntityRef
    public var predicate: String
    public var object: EntityRef
    public var documentPath: String
    public var documentTitle: String?
    public var evidence: GraphEvidence
}

extension GraphQuery {
    /// The evidence for `subject predicate object`: each sentence stating it, its document, the
    /// spans and the rule. `predicate` may be `?` or `*` for any predicate from subject to object.
    /// A symmetric predicate (`cooperatesWith`) matches its triples stored either way round; the
    /// records keep the stored direction. Empty when the store holds no such triple.
    public func why(subject: String, predicate: String, object: String) throws -> [EvidenceRecord] {
        let s = try resolve(subject)
        let o = try resolve(object)
        let any = predicate == "?" || predicate == "*"
        let predicates = any ? [] : try predicateIDs([predicate])
        let symmetric = vocabulary.predicates.filter { $0.symmetric && (any || predicates.contains($0.id)) }.map(\.id)
        func list(_ ids: [String]) -> String { ids.map { _ in "?" }.joined(separator: ", ") }
        var conditions = "(t.subject = ?1 AND t.object = ?2\(any ? "" : " AND t.predicate IN (\(list(predicates)))"))"
        var values: [SQLiteValue] = [.integer(s.id), .integer(o.id)] + predicates.map { .text($0) }
        if !symmetric.isEmpty {
            conditions += " OR (t.subject = ?2 AND t.object = ?1 AND t.predicate IN (\(list(symmetric))))"
            values += symmetric.map { .text($0) }
        }
        return try checked {
            try connection.prepareUncached(
                """
                SELECT e.id, e.triple_id, e.document_id, se.idx, se.text, se.start, se.end,
                       e.subject_start, e.subject_end, e.object_start, e.object_end,
                       e.trigger_start, e.trigger_end, e.rule_id, e.rule_version, e.confidence,
                       t.predicate, d.path, d.title, t.subject
                FROM triples t JOIN evidence e ON e.triple_id = t.id
                JOIN sentences se ON se.id = e.sentence_id JOIN documents d ON d.id = e.document_id
                WHERE \(conditions)
                ORDER BY t.predicate, d.path, se.idx, e.id
                """
            ).allRows(values) { row in
                let forward = row.int64(at: 19) == s.id
                return EvidenceRecord(
                    subject: forward ? s : o, predicate: row.string(at: 16), object: forward ? o : s,
                    documentPath: row.string(at: 17), documentTitle: row.optionalString(at: 18),
                    evidence: try GraphStore.graphEvidence(row, qualifiers: try store.qualifiers(ofEvidence: row.int64(at: 0))))
            }
        }
    }
}
