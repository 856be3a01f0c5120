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
    /// ignoring ASCII case), or whose label's pinyin is or starts with Latin `text`, best first: exact matches, then prefixes, then other substrings;
    /// within a rank shorter names first.
    ///
    /// Works for any query length, one Chinese character included. A full-text index with
    /// SQLite's trigram tokenizer finds nothing under three characters, so instead the ranks are
    /// fetched in turn and the search stops once `limit` entities are found: exact names and
    /// prefixes come from the label and alias indexes (a prefix is an index range); only when
    /// those leave room does a substring scan over the names run, whose cost grows with the
    /// number of names (not triples).
    public func search(_ text: String, limit: Int = 20) throws -> [SearchHit] {
        let needle = text.trimmingSpaces()
        guard !needle.isEmpty, limit > 0 else { return [] }
        // Every string starting with the needle sorts below needle + U+10FFFF (BINARY and
        // NOCASE collations compare UTF-8 bytes).
        let upper = needle + "\u{10FFFF}"
        // Latin text is also looked up as pinyin (NULL, matching nothing, for Chinese text).
        let typed = PinyinKeyMaker.keyOfTyped(needle)
        let tiers: [(MatchKind, String)] = [
            (
                .exact,
                """
                SELECT id, label_zh FROM entities WHERE label_zh = ?1
                UNION ALL SELECT id, label_en FROM entities WHERE label_en = ?1 COLLATE NOCASE
                UNION ALL SELECT entity_id, alias FROM aliases WHERE alias = ?1
                UNION ALL SELECT id, pinyin FROM entities WHERE pinyin = ?3
                """
            ),
            (
                .prefix,
                """
                SELECT id, label_zh FROM entities WHERE label_zh > ?1 AND label_zh < ?2
                UNION ALL SELECT id, label_en FROM entities
                    WHERE label_en > ?1 COLLATE NOCASE AND label_en < ?2 COLLATE NOCASE
                UNION ALL SELECT entity_id, alias FROM aliases WHERE alias > ?1 AND alias < ?2
                UNION ALL SELECT id, pinyin FROM entities WHERE pinyin > ?3 AND pinyin < ?4
                """
            ),
            (
                .substring,
                """
                SELECT id, label_zh FROM entities WHERE instr(label_zh, ?1) > 1
                UNION ALL SELECT id, label_en FROM entities WHERE instr(lower(label_en), lower(?1)) > 1
                UNION ALL SELECT entity_id, alias FROM aliases WHERE instr(alias, ?1) > 1
                """
            ),
        ]
        var hits: [SearchHit] = []
        var seen: Set<Int64> = []
        try checked {
            for (kind, names) in tiers where hits.count < limit {
                // Ordering all names and keeping the first few lets SQLite use a top-N sort
                // instead of grouping every match by entity; an entity matched by several
                // names keeps its best one. When duplicates leave the page short, fetch more.
                let sql = """
                    WITH names(entity_id, name) AS (\(names))
                    SELECT \(Self.entityColumns), n.name
                    FROM names n JOIN entities e ON e.id = n.entity_id
                    ORDER BY length(n.name), length(e.label_zh), e.label_zh, e.id
                    LIMIT ?5
                    """
                let before = (hits, seen)
                var page = (limit - hits.count) * 2 + 8
                while true {
                    (hits, seen) = before
                    var fetched = 0
                    let values: [SQLiteValue] = [
                        .text(needle), .text(upper), SQLiteValue(typed), SQLiteValue(typed.map { $0 + "\u{10FFFF}" }),
                        .integer(Int64(page)),
                    ]
                    try connection.prepare(sql).forEachRow(values) { row in
                        fetched += 1
                        let entity = Self.entity(row)
                        guard hits.count < limit, seen.insert(entity.id).inserted else { return }
                        hits.append(SearchHit(entity: entity, matched: row.string(at: 5), match: kind))
                    }
                    if hits.count >= limit || fetched < page { break }
                    page *= 4
                }
            }
        }
        return hits
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }
}
