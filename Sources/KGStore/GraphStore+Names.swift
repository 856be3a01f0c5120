/// A name kg recognised in a document, as the document writes it: the text at the stored
/// mentions' spans, which may differ from the entity's (normalised) label.
public struct WrittenName: Hashable, Sendable {
    /// The document's path as stored.
    public var document: String
    /// The text of the document at the mention's span.
    public var name: String
    /// The type of the entity the mention was resolved to.
    public var type: String
    /// The start of the first mention with this text and type, in Unicode scalars from the
    /// start of the document.
    public var firstOffset: Int
    /// How many stored mentions have this text and type in the document.
    public var count: Int

    public init(document: String, name: String, type: String, firstOffset: Int, count: Int) {
        self.document = document
        self.name = name
        self.type = type
        self.firstOffset = firstOffset
        self.count = count
    }
}

extension GraphStore {
    /// Every distinct (document, written name, entity type) among the stored mentions, documents
    /// by path and, within one, in order of first occurrence. `documentID` keeps one document.
    ///
    /// A mention inside a longer mention of the same sentence (合肥 in 合肥高新区) is part of
    /// that name, not a name written on its own, so it is left out: the listing is the names a
    /// reader sees in the text.
    public func writtenNames(documentID: Int64? = nil) throws -> [WrittenName] {
        // The span is cut from the sentence's text rather than the document's: substr() walks
        // UTF-8 from the start of its argument, and a document part can be a megabyte long.
        // Sentences hold exactly the document's text at their span, so the result is the same;
        // a mention outside its sentence (never written by kg) still reads the document.
        let written = """
            CASE WHEN m.start >= s.start AND m.end <= s.end
                 THEN substr(s.text, m.start - s.start + 1, m.end - m.start)
                 ELSE substr(d.text, m.start + 1, m.end - m.start) END
            """
        let nested = """
            NOT EXISTS (SELECT 1 FROM mentions o WHERE o.sentence_id = m.sentence_id
                        AND o.start <= m.start AND o.end >= m.end AND (o.end - o.start) > (m.end - m.start))
            """
        let filter = documentID == nil ? "WHERE \(nested)" : "WHERE m.document_id = ? AND \(nested)"
        return try checked {
            try connection.prepare(
                """
                SELECT d.path, \(written) AS name, e.type, min(m.start) AS first, count(*)
                FROM mentions m
                JOIN documents d ON d.id = m.document_id
                JOIN sentences s ON s.id = m.sentence_id
                JOIN entities e ON e.id = m.entity_id
                \(filter)
                GROUP BY m.document_id, name, e.type
                ORDER BY d.path, first, e.type, name
                """
            ).allRows(documentID.map { [.integer($0)] } ?? []) {
                WrittenName(
                    document: $0.string(at: 0), name: $0.string(at: 1), type: $0.string(at: 2),
                    firstOffset: $0.int(at: 3), count: $0.int(at: 4))
            }
        }
    }
}
