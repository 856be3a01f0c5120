import KGModel
import KGStore

/// An entity as queries report it.
public struct EntityRef: Hashable, Sendable {
    public var id: Int64
    public var key: String
    public var type: String
    public var labelZh: String
    public var labelEn: String?

    public init(id: Int64, key: String, type: String, labelZh: String, labelEn: String?) {
        self.id = id
        self.key = key
        self.type = type
        self.labelZh = labelZh
        self.labelEn = labelEn
    }

    /// The Chinese label with the type, for candidate lists: `星河科技 (Company, #12)`.
    public var summary: String {
        var text = labelZh
        if let labelEn, labelEn != labelZh { text += " / \(labelEn)" }
        return text + " (\(type), #\(id), \(key))"
    }
}

/// The query side of a graph store: pattern queries, neighbourhoods, paths, entity details,
/// search and evidence. Every command is compiled to SQL over the store's indexes and streams
/// rows; the graph is never loaded into memory.
///
/// Not `Sendable`, like the store it reads.
public final class GraphQuery {
    public let store: GraphStore
    let connection: Connection
    let vocabulary: Vocabulary

    public init(store: GraphStore) {
        self.store = store
        self.connection = store.connection
        self.vocabulary = store.vocabulary
    }

    /// Runs `body`, turning SQLite failures into store diagnostics.
    func checked<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw error.diagnostic(file: store.path)
        }
    }

    /// Runs `body` with every statement stopped once `seconds` have passed (nil: no limit),
    /// throwing `Q009` then: a pattern of unrelated variables (`?a ?p ?b . ?c ?q ?d`) can ask
    /// for the square of the graph, and a user waiting on it deserves an answer, not a hang.
    public func withTimeLimit<T>(_ seconds: Double?, _ body: () throws -> T) throws -> T {
        do {
            return try connection.withTimeLimit(seconds, body)
        } catch let error as TimeLimitExceeded {
            let shown = error.seconds == error.seconds.rounded() ? String(Int(error.seconds)) : String(error.seconds)
            throw Diagnostic(
                .queryTimedOut, "the query was stopped after \(shown) s",
                hint: "name an entity instead of a ?variable, add a predicate or a ?x:Type, or raise --timeout")
        }
    }

    static let entityColumns = "e.id, e.key, e.type, e.label_zh, e.label_en"

    /// Reads the five columns of `entityColumns` starting at `offset`.
    static func entity(_ row: Statement, at offset: Int = 0) -> EntityRef {
        EntityRef(
            id: row.int64(at: offset), key: row.string(at: offset + 1), type: row.string(at: offset + 2),
            labelZh: row.string(at: offset + 3), labelEn: row.optionalString(at: offset + 4))
    }

    /// The entity with row id `id`.
    func entity(id: Int64) throws -> EntityRef? {
        try checked {
            try connection.prepare("SELECT \(Self.entityColumns) FROM entities e WHERE e.id = ?")
                .firstRow([.integer(id)]) { Self.entity($0) }
        }
    }

    // MARK: Names

    /// Entity types that satisfy a constraint: the types themselves and their subtypes.
    func expand(types: [String]) -> [String] {
        guard !types.isEmpty else { return [] }
        return vocabulary.types.map(\.id).filter { candidate in types.contains { vocabulary.isA(candidate, $0) } }
    }

    /// Finds the one entity `name` names, in this order: an exact Chinese or English label
    /// (English ignoring case), then an exact alias, then the pinyin of the Chinese label
    /// (`suzhou gongye yuanqu`, spaces, case and tone marks ignored), then a canonical key
    /// (`lex:…`, `name:…`) or a row id (`#12`). The first of these that matches decides; `types` (with subtypes)
    /// narrows the candidates.
    ///
    /// Throws `Q010` listing the candidates when the name is ambiguous, `Q011` with suggestions
    /// when nothing has that name. `location` points the error at the name in a pattern.
    public func resolve(
        _ name: String, types: [String] = [], location: SourceLocation? = nil, sourceLine: String? = nil
    ) throws -> EntityRef {
        let allowed = Set(expand(types: types))
        func filter(_ candidates: [EntityRef]) -> [EntityRef] {
            var seen: Set<Int64> = []
            return candidates.filter { (allowed.isEmpty || allowed.contains($0.type)) && seen.insert($0.id).inserted }
        }
        let tiers: [() throws -> [EntityRef]] = [
            {
                try self.rows(
                    """
                    SELECT \(Self.entityColumns) FROM entities e WHERE e.label_zh = ?1
                    UNION SELECT \(Self.entityColumns) FROM entities e WHERE e.label_en = ?1 COLLATE NOCASE
                    ORDER BY 1
                    """, [.text(name)])
            },
            {
                try self.rows(
                    "SELECT \(Self.entityColumns) FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE a.alias = ? ORDER BY 1",
                    [.text(name)])
            },
            {
                guard let key = PinyinKeyMaker.keyOfTyped(name) else { return [] }
                return try self.rows("SELECT \(Self.entityColumns) FROM entities e WHERE e.pinyin = ? ORDER BY 1", [.text(key)])
            },
            {
                if name.hasPrefix("#"), let id = Int64(name.dropFirst()) {
                    return try self.entity(id: id).map { [$0] } ?? []
                }
                return try self.rows("SELECT \(Self.entityColumns) FROM entities e WHERE e.key = ?", [.text(name)])
            },
        ]
        for tier in tiers {
            let candidates = filter(try checked(tier))
            if candidates.count == 1 { return candidates[0] }
            if candidates.count > 1 {
                let list = candidates.prefix(20).map { "  " + $0.summary }.joined(separator: "\n")
                throw Diagnostic(
                    .ambiguousName, "'\(name)' names \(candidates.count) entities:\n\(list)", at: location, sourceLine: sourceLine,
                    hint: "add a type (\(name):\(candidates[0].type)) or name one by its id (#\(candidates[0].id))")
            }
        }
        let suggestions = try search(name, limit: 5).map(\.entity.labelZh)
        var hint = "kg search \(name) lists entities whose names contain it"
        if !suggestions.isEmpty { hint = "did you mean " + suggestions.joined(separator: ", ") + "?" }
        let typeNote = types.isEmpty ? "" : " of type \(types.joined(separator: "|"))"
        throw Diagnostic(
            .unknownName, "no entity\(typeNote) is named '\(name)'", at: location, sourceLine: sourceLine, hint: hint)
    }

    func rows(_ sql: String, _ values: [SQLiteValue]) throws -> [EntityRef] {
        try connection.prepare(sql).allRows(values) { Self.entity($0) }
    }

    /// Checks predicate names given as options (`--predicates`), returning their ids.
    public func predicateIDs(_ words: [String]) throws -> [String] {
        try words.flatMap { word in
            let parser = PatternParser(vocabulary: vocabulary, origin: "--predicates")
            let ids = parser.predicateIDs(named: word)
            if ids.isEmpty {
                var problem = parser.unknownPredicate(word, column: 0, source: word)
                problem.location = nil
                problem.sourceLine = nil
                throw problem
            }
            return ids
        }
    }

    /// Checks type names given as options (`--types`).
    public func typeIDs(_ words: [String]) throws -> [String] {
        try words.map { word in
            if let type = vocabulary.type(word) { return type.id }
            if let type = vocabulary.types.first(where: { $0.labelZh == word || $0.id.lowercased() == word.lowercased() }) {
                return type.id
            }
            throw Diagnostic(
                .queryUnknownType, "unknown entity type '\(word)'",
                hint: "types: " + vocabulary.types.map(\.id).joined(separator: ", "))
        }
    }
}

/// Levenshtein distance over characters, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...max(1, b.count) where j <= b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
