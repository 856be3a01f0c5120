import KGModel
import KGStore

/// One step of a path: from one entity to the next over a stored triple, which may point
/// either way.
public struct PathHop: Hashable, Sendable {
    public var from: EntityRef
    public var predicate: String
    public var to: EntityRef
    /// True when the stored triple is `from predicate to`; false when it is `to predicate from`.
    public var forward: Bool
    public var tripleID: Int64
}

/// A chain of hops between two entities.
public struct GraphPath: Hashable, Sendable, CustomStringConvertible {
    public var hops: [PathHop]
    public var length: Int { hops.count }

    /// `陈东 -founderOf-> 星河科技 <-introduced- 湖畔科学城`.
    public var description: String {
        guard let first = hops.first else { return "" }
        var text = first.from.labelZh
        for hop in hops {
            text += hop.forward ? " -\(hop.predicate)-> " : " <-\(hop.predicate)- "
            text += hop.to.labelZh
        }
        return text
    }
}

/// Options for `paths`.
public struct PathOptions: Hashable, Sendable {
    /// The longest path looked for, in hops (1...6).
    public var maxDepth: Int
    /// Every shortest path instead of one.
    public var all: Bool
    /// Follow only these predicates (ids); empty for all.
    public var predicates: [String]
    /// With `all`, the most paths returned.
    public var limit: Int

    public init(maxDepth: Int = 4, all: Bool = false, predicates: [String] = [], limit: Int = 100) {
        self.maxDepth = maxDepth
        self.all = all
        self.predicates = predicates
        self.limit = limit
    }
}

extension GraphQuery {
    /// The shortest path (or, with `options.all`, every shortest path) from `a` to `b`,
    /// following edges in either direction, at most `options.maxDepth` hops; empty when there is
    /// none that short.
    ///
    /// A bidirectional breadth-first search in SQL: both ends grow one level at a time, the
    /// smaller frontier first, each level one `INSERT … SELECT` over the triple indexes into a
    /// temporary table of visited entities with the triples that reached them. It stops at the
    /// first level where the two sides meet, so the work is bounded by the two half-depth
    /// neighbourhoods instead of every walk of the full depth, and an entity is expanded once.
    public func paths(from a: String, to b: String, options: PathOptions = PathOptions()) throws -> [GraphPath] {
        guard (1...Self.maxDepth).contains(options.maxDepth) else {
            throw Diagnostic(.maxDepthOutOfRange, "--max-depth must be between 1 and \(Self.maxDepth), not \(options.maxDepth)")
        }
        let start = try resolve(a)
        let goal = try resolve(b)
        if start.id == goal.id { return [] }
        return try checked { try search(from: start, to: goal, options: options) }
    }

    private func search(from start: EntityRef, to goal: EntityRef, options: PathOptions) throws -> [GraphPath] {
        try prepareVisitTable()
        defer { try? connection.execute("DELETE FROM temp.kg_visit") }
        let seed = try connection.prepare("INSERT INTO temp.kg_visit(side, node, depth, prev, triple) VALUES (?, ?, 0, NULL, NULL)")
        try seed.run([.integer(0), .integer(start.id)])
        try seed.run([.integer(1), .integer(goal.id)])

        let filterValues: [SQLiteValue] = options.predicates.map { .text($0) }
        let expand = try connection.prepare(Self.expandSQL(predicateCount: options.predicates.count))
        let probe = try connection.prepare(Self.probeSQL(predicateCount: options.predicates.count))
        let frontierSize = try connection.prepare("SELECT count(*) FROM temp.kg_visit WHERE side = ? AND depth = ?")
        // Only the level just added can meet the other side for the first time.
        let meeting = try connection.prepare(
            """
            SELECT DISTINCT a.node, a.depth, b.depth FROM temp.kg_visit a
            JOIN temp.kg_visit b ON b.side = 1 - ?1 AND b.node = a.node
            WHERE a.side = ?1 AND a.depth = ?2
            ORDER BY a.node
            """)

        var depth = [0, 0]
        var best: Int?
        var meets: [(node: Int64, depthA: Int, depthB: Int)] = []
        while depth[0] + depth[1] < options.maxDepth {
            let sizes = try (0...1).map { side in
                try frontierSize.firstRow([.integer(Int64(side)), .integer(Int64(depth[side]))]) { $0.int(at: 0) } ?? 0
            }
            if sizes[0] == 0 || sizes[1] == 0 { break }
            let side = sizes[0] <= sizes[1] ? 0 : 1
            let level: [SQLiteValue] = [.integer(Int64(side)), .integer(Int64(depth[side]))] + filterValues + filterValues
            // A frontier holding a hub expands to ~10⁵ rows; when the two sides meet one hop
            // on, recording only the meeting hops finds the same shortest paths.
            try probe.run(level)
            if connection.changes == 0 { try expand.run(level) }
            depth[side] += 1
            let found = try meeting.allRows([.integer(Int64(side)), .integer(Int64(depth[side]))]) { row in
                side == 0
                    ? (node: row.int64(at: 0), depthA: row.int(at: 1), depthB: row.int(at: 2))
                    : (node: row.int64(at: 0), depthA: row.int(at: 2), depthB: row.int(at: 1))
            }
            if let shortest = found.map({ $0.depthA + $0.depthB }).min() {
                best = shortest
                meets = found.filter { $0.depthA + $0.depthB == shortest }
                break
            }
        }
        guard let best, best <= options.maxDepth else { return [] }

        var cache: [Int64: EntityRef] = [:]
        func entityRef(_ id: Int64) throws -> EntityRef {
            if let known = cache[id] { return known }
            guard let found = try entity(id: id) else {
                throw Diagnostic(
                    .storeDamaged, "\(store.path): a triple points at entity #\(id), which is missing; run kg build again")
            }
            cache[id] = found
            return found
        }
        let parents = try connection.prepare(
            """
            SELECT v.prev, v.triple, t.subject, t.predicate FROM temp.kg_visit v JOIN triples t ON t.id = v.triple
            WHERE v.side = ? AND v.node = ? AND v.prev IS NOT NULL ORDER BY v.prev, v.triple
            """)
        // Every chain of parent links from `node` back to its side's root, as hops leading
        // away from the root.
        func chains(side: Int, node: Int64, budget: Int) throws -> [[PathHop]] {
            let links = try parents.allRows([.integer(Int64(side)), .integer(node)]) {
                (prev: $0.int64(at: 0), triple: $0.int64(at: 1), subject: $0.int64(at: 2), predicate: $0.string(at: 3))
            }
            if links.isEmpty { return [[]] }
            var result: [[PathHop]] = []
            for link in options.all ? links : Array(links.prefix(1)) {
                let here = try entityRef(node)
                let there = try entityRef(link.prev)
                let hop = PathHop(
                    from: there, predicate: link.predicate, to: here, forward: link.subject == link.prev,
                    tripleID: link.triple)
                for chain in try chains(side: side, node: link.prev, budget: budget - result.count) {
                    result.append(chain + [hop])
                    if result.count >= budget { return result }
                }
            }
            return result
        }
        var paths: [GraphPath] = []
        let limit = options.all ? options.limit : 1
        for meet in meets {
            let fromStart = try chains(side: 0, node: meet.node, budget: limit)
            let fromGoal = try chains(side: 1, node: meet.node, budget: limit)
            for head in fromStart {
                for tail in fromGoal {
                    // The goal side's hops lead away from the goal: reverse them to lead to it.
                    let back = tail.reversed().map {
                        PathHop(from: $0.to, predicate: $0.predicate, to: $0.from, forward: !$0.forward, tripleID: $0.tripleID)
                    }
                    paths.append(GraphPath(hops: head + back))
                    if paths.count >= limit { return paths }
                }
            }
        }
        return paths
    }

    /// New entities one hop beyond side ?1's frontier at depth ?2, with every triple that
    /// reaches them (several parents at the same depth give the other shortest paths).
    /// `predicateCount` placeholders follow ?2 in each arm for a predicate filter.
    static func expandSQL(predicateCount: Int) -> String {
        let filter = predicateCount == 0
            ? "" : " AND t.predicate IN (\(Array(repeating: "?", count: predicateCount).joined(separator: ", ")))"
        return """
            INSERT OR IGNORE INTO temp.kg_visit(side, node, depth, prev, triple)
            SELECT ?1, t.object, ?2 + 1, v.node, t.id FROM temp.kg_visit v JOIN triples t ON t.subject = v.node
            WHERE v.side = ?1 AND v.depth = ?2\(filter)
              AND NOT EXISTS (SELECT 1 FROM temp.kg_visit w WHERE w.side = ?1 AND w.node = t.object AND w.depth <= ?2)
            UNION ALL
            SELECT ?1, t.subject, ?2 + 1, v.node, t.id FROM temp.kg_visit v JOIN triples t ON t.object = v.node
            WHERE v.side = ?1 AND v.depth = ?2\(filter)
              AND NOT EXISTS (SELECT 1 FROM temp.kg_visit w WHERE w.side = ?1 AND w.node = t.subject AND w.depth <= ?2)
            """
    }

    /// The hops from side ?1's frontier at depth ?2 straight onto an entity the other side has
    /// visited, recorded at depth ?2 + 1 as `expandSQL` would record them; nothing else. Such an
    /// entity cannot be visited by side ?1 yet (the search stops as soon as the sides share one),
    /// so these rows are exactly the meeting rows of the full expansion, every parent included.
    /// `predicateCount` placeholders follow ?2 in each arm for a predicate filter.
    static func probeSQL(predicateCount: Int) -> String {
        let filter = predicateCount == 0
            ? "" : " AND t.predicate IN (\(Array(repeating: "?", count: predicateCount).joined(separator: ", ")))"
        return """
            INSERT OR IGNORE INTO temp.kg_visit(side, node, depth, prev, triple)
            SELECT ?1, b.node, ?2 + 1, a.node, t.id
            FROM temp.kg_visit a CROSS JOIN triples t ON t.subject = a.node CROSS JOIN temp.kg_visit b
            WHERE a.side = ?1 AND a.depth = ?2\(filter) AND b.side = 1 - ?1 AND b.node = t.object
            UNION ALL
            SELECT ?1, b.node, ?2 + 1, a.node, t.id
            FROM temp.kg_visit a CROSS JOIN triples t ON t.object = a.node CROSS JOIN temp.kg_visit b
            WHERE a.side = ?1 AND a.depth = ?2\(filter) AND b.side = 1 - ?1 AND b.node = t.subject
            """
    }

    func prepareVisitTable() throws {
        try connection.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS kg_visit (
                side INTEGER NOT NULL, node INTEGER NOT NULL, depth INTEGER NOT NULL,
                prev INTEGER, triple INTEGER,
                UNIQUE (side, node, prev, triple)
            );
            CREATE INDEX IF NOT EXISTS temp.kg_visit_frontier ON kg_visit(side, depth, node);
            CREATE INDEX IF NOT EXISTS temp.kg_visit_node ON kg_visit(side, node, depth);
            DELETE FROM temp.kg_visit;
            """)
    }
}
