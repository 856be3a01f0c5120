import KGModel
import KGStore

/// How a search hit matched: ranks sort in this order.
public enum MatchKind: Int, Sendable, Comparable, CustomStringConvertible {
    case exact = 0, prefix, substring

    public static func < (a: MatchKind, b: MatchKind) -> Bool { a.rawValue < b.rawValue }
    public var description: String {
        switch self {
        case .exact: return "exact"
        case .prefix: return "prefix"
        case .substring: return "substring"
        }
    }
}

/// One entity found by `search`, with the name that matched.
public struct SearchHit: Hashable, Sendable {
    public var entity: EntityRef
    /// The label or alias that matched best.
    public var matched: String
    public var match: MatchKind
}

extension GraphQuery {
    /// Entities whose Chinese label, English label or an alias contains `text` (English
    /// ignoring ASCII case), best first: exact matches, then prefixes, then other substrings;
    /// within a rank shorter names first.
    ///
    /// Works for any query length, one Chinese character included: it compares with `instr`
    /// over the names instead of a full-text index, whose trigram tokenizer cannot find strings
    /// shorter than three characters. The cost grows with the number of names, not triples.
    public func search(_ text: String, limit: Int = 20) throws -> [SearchHit] {
        let needle = text.trimmingSpaces()
        guard !needle.isEmpty else { return [] }
        let sql = """
            WITH names(entity_id, name) AS (
                SELECT id, label_zh FROM entities
                UNION ALL SELECT id, label_en FROM entities WHERE label_en IS NOT NULL
                UNION ALL SELECT entity_id, alias FROM aliases
            ),
            hits AS (
                SELECT entity_id, name,
                       CASE WHEN lower(name) = lower(?1) THEN 0
                            WHEN instr(lower(name), lower(?1)) = 1 THEN 1
                            ELSE 2 END AS rank
                FROM names WHERE instr(lower(name), lower(?1)) > 0
            ),
            best AS (
                SELECT entity_id, name, rank,
                       row_number() OVER (PARTITION BY entity_id ORDER BY rank, length(name), name) AS n
                FROM hits
            )
            SELECT \(Self.entityColumns), b.name, b.rank
            FROM best b JOIN entities e ON e.id = b.entity_id
            WHERE b.n = 1
            ORDER BY b.rank, length(b.name), length(e.label_zh), e.label_zh, e.id
            LIMIT ?2
            """
        return try checked {
            try connection.prepare(sql).allRows([.text(needle), .integer(Int64(limit))]) { row in
                SearchHit(
                    entity: Self.entity(row), matched: row.string(at: 5),
                    match: MatchKind(rawValue: row.int(at: 6)) ?? .substring)
            }
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }
}
