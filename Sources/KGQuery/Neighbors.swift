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

/// The edges `neighborPage` found, nearest first, and whether the limit cut the list short.
public struct NeighborResult: Hashable, Sendable {
    public var edges: [NeighborEdge]
    /// True when more edges lie within the depth than `NeighborOptions.limit`.
    public var truncated: Bool
}

extension GraphQuery {
    /// The most hops a traversal may take: each hop can multiply the frontier.
    public static let maxDepth = 6

    /// The edges within `options.depth` hops of `name`, nearest first. Edges are followed in
    /// both directions; each edge is reported once, at the depth where it is first reached.
    /// At most `options.limit` edges; `neighborPage` also says whether there were more.
    public func neighbors(of name: String, options: NeighborOptions = NeighborOptions()) throws -> [NeighborEdge] {
        try neighborPage(of: name, options: options).edges
    }

    /// The first `options.limit` edges within `options.depth` hops of `name`, ordered by depth,
    /// then subject label, predicate and object label, with a flag for the edges left out.
    ///
    /// Evaluated one level at a time into temporary tables, so the work stops at the level
    /// where the limit is reached: ordering by depth first means no later level could enter
    /// the page. When a level is cut short, the edges kept from it are the first ones in index
    /// order (then sorted by label among themselves), not the first by label.
    public func neighborPage(of name: String, options: NeighborOptions = NeighborOptions()) throws -> NeighborResult {
        let start = try resolve(name)
        let compiled = try compileNeighbors(of: start.id, options: options)
        return try checked {
            try prepareNeighborTables()
            defer { try? connection.execute("DELETE FROM temp.kg_edge; DELETE FROM temp.kg_reach;") }
            try connection.prepare("INSERT INTO temp.kg_reach(node, depth) VALUES (?, 0)").run([.integer(start.id)])
            let level = try connection.prepareUncached(compiled.sql)
            let reach = try connection.prepare(Self.reachSQL)
            let wanted = max(options.limit, 0) + 1
            var found = 0
            for depth in 1...options.depth {
                let before = found
                try level.run([.integer(start.id), .integer(Int64(depth - 1)), .integer(Int64(wanted - found))] + compiled.parameters)
                found += connection.changes
                if found >= wanted || found == before || depth == options.depth { break }
                try reach.run([.integer(Int64(depth))])
            }
            let edges = try connection.prepare(Self.edgeListSQL).allRows([.integer(Int64(max(options.limit, 0)))]) { row in
                NeighborEdge(
                    depth: row.int(at: 0),
                    edge: GraphEdge(
                        tripleID: row.int64(at: 1), subject: Self.entity(row, at: 2), predicate: row.string(at: 7),
                        object: Self.entity(row, at: 8)))
            }
            return NeighborResult(edges: edges, truncated: found > options.limit)
        }
    }

    /// One level of the traversal: the edges touching the entities first reached at depth ?2
    /// that no nearer level holds, at most ?3 of them, into `temp.kg_edge` at depth ?2 + 1.
    /// ?1 is the start entity; the returned parameters (the filters) follow ?3.
    ///
    /// An edge with both ends in the frontier is taken by the subject arm only, so the two
    /// arms never yield the same triple and `LIMIT` counts distinct edges. `CROSS JOIN` keeps
    /// the temporary table (which has no statistics) on the outside of the join.
    func compileNeighbors(of start: Int64, options: NeighborOptions) throws -> (sql: String, parameters: [SQLiteValue]) {
        guard (1...Self.maxDepth).contains(options.depth) else {
            throw Diagnostic(.depthOutOfRange, "--depth must be between 1 and \(Self.maxDepth), not \(options.depth)")
        }
        let predicates = options.predicates
        let types = expand(types: options.types)
        let predicateList = predicates.indices.map { "?\($0 + 4)" }.joined(separator: ", ")
        let typeList = types.indices.map { "?\($0 + 4 + predicates.count)" }.joined(separator: ", ")
        let predicateFilter = predicates.isEmpty ? "" : " AND t.predicate IN (\(predicateList))"
        func typeFilter(_ column: String) -> String {
            types.isEmpty
                ? "" : " AND (\(column) = ?1 OR (SELECT type FROM entities WHERE id = \(column)) IN (\(typeList)))"
        }
        let sql = """
            INSERT INTO temp.kg_edge(triple, depth)
            SELECT t.id, ?2 + 1 FROM temp.kg_reach r CROSS JOIN triples t ON t.subject = r.node
            WHERE r.depth = ?2\(predicateFilter)\(typeFilter("t.object"))
              AND NOT EXISTS (SELECT 1 FROM temp.kg_edge x WHERE x.triple = t.id)
            UNION ALL
            SELECT t.id, ?2 + 1 FROM temp.kg_reach r CROSS JOIN triples t ON t.object = r.node
            WHERE r.depth = ?2\(predicateFilter)\(typeFilter("t.subject"))
              AND NOT EXISTS (SELECT 1 FROM temp.kg_edge x WHERE x.triple = t.id)
              AND NOT EXISTS (SELECT 1 FROM temp.kg_reach y WHERE y.node = t.subject AND y.depth = ?2)
            LIMIT ?3
            """
        return (sql, predicates.map { .text($0) } + types.map { .text($0) })
    }

    /// The far ends of the edges at depth ?1, as entities reached at depth ?1 (an entity
    /// reached nearer keeps its depth).
    static let reachSQL = """
        INSERT OR IGNORE INTO temp.kg_reach(node, depth)
        SELECT t.object, ?1 FROM temp.kg_edge e CROSS JOIN triples t ON t.id = e.triple WHERE e.depth = ?1
        UNION ALL
        SELECT t.subject, ?1 FROM temp.kg_edge e CROSS JOIN triples t ON t.id = e.triple WHERE e.depth = ?1
        """

    /// The collected edges with their entities, nearest first, at most ?1.
    static let edgeListSQL = """
        SELECT d.depth, t.id,
               s.id, s.key, s.type, s.label_zh, s.label_en, t.predicate,
               o.id, o.key, o.type, o.label_zh, o.label_en
        FROM temp.kg_edge d CROSS JOIN triples t ON t.id = d.triple
        JOIN entities s ON s.id = t.subject JOIN entities o ON o.id = t.object
        ORDER BY d.depth, s.label_zh, t.predicate, o.label_zh, t.id
        LIMIT ?1
        """

    func prepareNeighborTables() throws {
        try connection.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS kg_reach (node INTEGER PRIMARY KEY, depth INTEGER NOT NULL);
            CREATE TEMP TABLE IF NOT EXISTS kg_edge (triple INTEGER PRIMARY KEY, depth INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS temp.kg_reach_depth ON kg_reach(depth, node);
            DELETE FROM temp.kg_reach;
            DELETE FROM temp.kg_edge;
            """)
    }
}
