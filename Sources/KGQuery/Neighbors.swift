import KGModel
import KGStore

/// A stored triple between two entities, as traversals report it.
public struct GraphEdge: Hashable, Sendable {
    public var tripleID: Int64
    public var subject: EntityRef
    public var predicate: String
    public var object: EntityRef
}

/// A triple found around an entity, with how many hops from it the edge lies (1 = touches it).
public struct NeighborEdge: Hashable, Sendable {
    public var depth: Int
    public var edge: GraphEdge
}

/// Filters for `neighbors`.
public struct NeighborOptions: Hashable, Sendable {
    /// Hops to go out from the entity, in either direction of the edges (1...6).
    public var depth: Int
    /// Follow only these predicates (ids); empty for all.
    public var predicates: [String]
    /// Step only onto entities of these types (with subtypes); empty for all.
    public var types: [String]
    /// Most edges returned.
    public var limit: Int

    public init(depth: Int = 1, predicates: [String] = [], types: [String] = [], limit: Int = 1000) {
        self.depth = depth
        self.predicates = predicates
        self.types = types
        self.limit = limit
    }
}

extension GraphQuery {
    /// The most hops a traversal may take: each hop can multiply the frontier.
    public static let maxDepth = 6

    /// The edges within `options.depth` hops of `name`, nearest first. Edges are followed in
    /// both directions; each edge is reported once, at the depth where it is first reached.
    public func neighbors(of name: String, options: NeighborOptions = NeighborOptions()) throws -> [NeighborEdge] {
        let start = try resolve(name)
        let compiled = try compileNeighbors(of: start.id, options: options)
        return try checked {
            try connection.prepareUncached(compiled.sql).allRows(compiled.parameters) { row in
                NeighborEdge(
                    depth: row.int(at: 0),
                    edge: GraphEdge(
                        tripleID: row.int64(at: 1), subject: Self.entity(row, at: 2), predicate: row.string(at: 7),
                        object: Self.entity(row, at: 8)))
            }
        }
    }

    /// The traversal as one statement: a recursive CTE collects the entities within
    /// `depth - 1` hops (`UNION`, so a node reached again at the same depth is not expanded
    /// twice and cycles cannot grow the frontier), then the edges leaving them are listed.
    func compileNeighbors(of start: Int64, options: NeighborOptions) throws -> (sql: String, parameters: [SQLiteValue]) {
        guard (1...Self.maxDepth).contains(options.depth) else {
            throw Diagnostic("Q020", "--depth must be between 1 and \(Self.maxDepth), not \(options.depth)")
        }
        let predicates = options.predicates
        let types = expand(types: options.types)
        var parameters: [SQLiteValue] = [.integer(start), .integer(Int64(options.depth - 1))]
        func predicateFilter(_ t: String) -> String {
            predicates.isEmpty ? "" : " AND \(t).predicate IN (\(predicates.map { _ in "?" }.joined(separator: ", ")))"
        }
        func typeFilter(_ column: String) -> String {
            types.isEmpty
                ? ""
                : " AND (\(column) = ?1 OR (SELECT type FROM entities WHERE id = \(column)) IN (\(types.map { _ in "?" }.joined(separator: ", "))))"
        }
        func filterParameters() -> [SQLiteValue] {
            predicates.map { .text($0) } + types.map { .text($0) }
        }
        // The recursive part appears twice (one arm per edge direction), the edge listing
        // twice more: each needs its own copy of the filter parameters.
        for _ in 0..<4 { parameters += filterParameters() }
        parameters.append(.integer(Int64(options.limit)))
        let sql = """
            WITH RECURSIVE reach(id, depth) AS (
                SELECT ?1, 0
                UNION
                SELECT t.object, r.depth + 1 FROM reach r JOIN triples t ON t.subject = r.id
                WHERE r.depth < ?2\(predicateFilter("t"))\(typeFilter("t.object"))
                UNION
                SELECT t.subject, r.depth + 1 FROM reach r JOIN triples t ON t.object = r.id
                WHERE r.depth < ?2\(predicateFilter("t"))\(typeFilter("t.subject"))
            ),
            nodes(id, depth) AS (SELECT id, min(depth) FROM reach GROUP BY id),
            edges(triple_id, depth) AS (
                SELECT t.id, n.depth + 1 FROM nodes n JOIN triples t ON t.subject = n.id
                WHERE 1\(predicateFilter("t"))\(typeFilter("t.object"))
                UNION ALL
                SELECT t.id, n.depth + 1 FROM nodes n JOIN triples t ON t.object = n.id
                WHERE 1\(predicateFilter("t"))\(typeFilter("t.subject"))
            ),
            nearest(triple_id, depth) AS (SELECT triple_id, min(depth) FROM edges GROUP BY triple_id)
            SELECT d.depth, t.id,
                   s.id, s.key, s.type, s.label_zh, s.label_en, t.predicate,
                   o.id, o.key, o.type, o.label_zh, o.label_en
            FROM nearest d JOIN triples t ON t.id = d.triple_id
            JOIN entities s ON s.id = t.subject JOIN entities o ON o.id = t.object
            ORDER BY d.depth, s.label_zh, t.predicate, o.label_zh, t.id
            LIMIT ?
            """
        return (sql, parameters)
    }
}
