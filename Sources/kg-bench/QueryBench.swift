import Foundation
import KGModel
import KGQuery
import KGStore

/// Latencies of one kind of query, in milliseconds.
struct LatencySummary {
    var samples: [Double] = []
    /// Rows (edges, paths, matches, hits) each query returned, summed.
    var rows = 0
    /// Samples skipped because their time budget ran out.
    var skipped = 0
    var failures = 0

    func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let rank = Int((p * Double(sorted.count - 1)).rounded())
        return sorted[rank]
    }

    var mean: Double { samples.isEmpty ? .nan : samples.reduce(0, +) / Double(samples.count) }

    var json: [String: Any] {
        [
            "n": samples.count, "p50_ms": percentile(0.5), "p95_ms": percentile(0.95), "mean_ms": mean,
            "max_ms": samples.max() ?? Double.nan, "rows_mean": samples.isEmpty ? 0 : Double(rows) / Double(samples.count),
            "skipped": skipped, "failures": failures,
        ]
    }
}

/// `kg-bench query`: times the query library's commands on entities picked at random with the
/// seed, separately for ordinary entities and for hubs (the best-connected entities).
struct QueryCommand {
    var db: String
    var samples: Int
    var hubSamples: Int
    var seed: UInt64
    /// Wall-clock budget per kind of query and entity group; what is left unsampled is counted
    /// as skipped, so one pathological shape cannot stall the whole run.
    var budgetSeconds: Double

    func run() throws -> [String: Any] {
        let store = try GraphStore(path: db)
        let query = GraphQuery(store: store)
        let connection = store.connection
        var rng = SplitMix64(seed: seed)
        let clock = ContinuousClock()

        let maxID = try connection.scalar("SELECT max(id) FROM entities")?.int64 ?? 0
        let tripleMax = try connection.scalar("SELECT max(id) FROM triples")?.int64 ?? 0
        func label(_ id: Int64) throws -> String? {
            try connection.scalar("SELECT label_zh FROM entities WHERE id = ?", [.integer(id)])?.string
        }
        // Ordinary entities: uniform over entity ids, so mostly the long tail; only entities in
        // some triple count (an isolated one makes every traversal trivial).
        func ordinary() throws -> String {
            while true {
                let id = Int64(rng.below(Int(maxID))) + 1
                let linked = try connection.scalar(
                    "SELECT EXISTS (SELECT 1 FROM triples WHERE subject = ?1) OR EXISTS (SELECT 1 FROM triples WHERE object = ?1)",
                    [.integer(id)])?.int64 ?? 0
                if linked != 0, let name = try label(id) { return name }
            }
        }
        let setupStart = clock.now
        // Hubs: the 50 entities with most incoming triples (the object index is covering).
        let hubRows = try connection.prepare(
            "SELECT object, count(*) AS n FROM triples GROUP BY object ORDER BY n DESC LIMIT 50"
        ).allRows { ($0.int64(at: 0), $0.int(at: 1)) }
        var hubs: [(name: String, degree: Int)] = []
        for (id, degree) in hubRows {
            if let name = try label(id) { hubs.append((name, degree)) }
        }
        log("hubs: " + hubs.prefix(5).map { "\($0.name) (\($0.degree))" }.joined(separator: ", "))
        let boards = try connection.prepare(
            "SELECT e.label_zh FROM entities e WHERE e.type = 'Exchange' ORDER BY e.id"
        ).allRows { $0.string(at: 0) }
        let setupSeconds = (clock.now - setupStart).seconds

        func measure(_ name: String, count: Int, _ body: () throws -> Int) -> LatencySummary {
            var summary = LatencySummary()
            let started = clock.now
            for _ in 0..<count {
                if (clock.now - started).seconds > budgetSeconds {
                    summary.skipped += 1
                    continue
                }
                let t0 = clock.now
                do {
                    summary.rows += try body()
                    summary.samples.append((clock.now - t0).seconds * 1000)
                } catch {
                    summary.failures += 1
                    if summary.failures <= 3 { log("\(name): \(error)") }
                }
            }
            log(
                "\(name): n=\(summary.samples.count) p50=\(format(summary.percentile(0.5))) ms p95=\(format(summary.percentile(0.95))) ms mean=\(format(summary.mean)) ms\(summary.skipped > 0 ? " skipped=\(summary.skipped)" : "")"
            )
            return summary
        }

        // Inputs are drawn before timing so every kind of query sees the same entities.
        let ordinaryNames = try (0..<samples).map { _ in try ordinary() }
        let hubNames = (0..<hubSamples).map { i in hubs[i % hubs.count].name }
        let pairs = try (0..<samples).map { _ in (try ordinary(), try ordinary()) }
        let hubPairs = try (0..<hubSamples).map { i in (hubs[i % hubs.count].name, try ordinary()) }
        // Triples for `why`: random triple ids that exist.
        var triples: [(String, String, String)] = []
        while triples.count < samples {
            let id = Int64(rng.below(Int(tripleMax))) + 1
            if let row = try connection.prepare(
                """
                SELECT s.label_zh, t.predicate, o.label_zh FROM triples t
                JOIN entities s ON s.id = t.subject JOIN entities o ON o.id = t.object WHERE t.id = ?
                """
            ).firstRow([.integer(id)], { ($0.string(at: 0), $0.string(at: 1), $0.string(at: 2)) }) {
                triples.append(row)
            }
        }
        // Investors for the two-pattern join with a name in it.
        let investors = try connection.prepare(
            """
            SELECT DISTINCT s.label_zh FROM triples t JOIN entities s ON s.id = t.subject
            WHERE t.predicate = 'investsIn' AND t.id % 97 = ?
            LIMIT ?
            """
        ).allRows([.integer(Int64(seed % 97)), .integer(Int64(samples))]) { $0.string(at: 0) }
        func snippet(_ name: String, length: Int) -> String {
            let characters = Array(name)
            guard characters.count > length else { return name }
            let start = rng.below(characters.count - length + 1)
            return String(characters[start..<start + length])
        }
        let short2 = ordinaryNames.map { snippet($0, length: 2) }
        let short3 = ordinaryNames.map { snippet($0, length: 3) }

        var results: [String: Any] = [:]
        var index = 0
        func next<T>(_ items: [T]) -> T {
            defer { index += 1 }
            return items[index % items.count]
        }
        func group(_ name: String, ordinaryCount: Int, hubCount: Int, ordinaryBody: () throws -> Int, hubBody: (() throws -> Int)?) {
            index = 0
            let label = hubBody == nil ? "all" : "ordinary"
            var entry: [String: Any] = [label: measure(name + " (\(label))", count: ordinaryCount, ordinaryBody).json]
            if let hubBody {
                index = 0
                entry["hub"] = measure(name + " (hub)", count: hubCount, hubBody).json
            }
            results[name] = entry
        }

        group(
            "neighbors_1hop", ordinaryCount: samples, hubCount: hubSamples,
            ordinaryBody: { try query.neighbors(of: next(ordinaryNames), options: NeighborOptions(depth: 1)).count },
            hubBody: { try query.neighbors(of: next(hubNames), options: NeighborOptions(depth: 1)).count })
        group(
            "neighbors_3hop", ordinaryCount: samples, hubCount: hubSamples,
            ordinaryBody: { try query.neighbors(of: next(ordinaryNames), options: NeighborOptions(depth: 3)).count },
            hubBody: { try query.neighbors(of: next(hubNames), options: NeighborOptions(depth: 3)).count })
        group(
            "shortest_path", ordinaryCount: samples, hubCount: hubSamples,
            ordinaryBody: {
                let (a, b) = next(pairs)
                return try query.paths(from: a, to: b, options: PathOptions(maxDepth: 6)).count
            },
            hubBody: {
                let (a, b) = next(hubPairs)
                return try query.paths(from: a, to: b, options: PathOptions(maxDepth: 6)).count
            })
        group(
            "join_hosts_listedOn_board", ordinaryCount: min(samples, 50), hubCount: 0,
            ordinaryBody: { try query.query("?z hosts ?c . ?c listedOn \(next(boards))").rows.count }, hubBody: nil)
        group(
            "join_investor_investsIn_listedOn", ordinaryCount: samples, hubCount: 0,
            ordinaryBody: { try query.query("\(next(investors)) investsIn ?c . ?c listedOn ?b").rows.count }, hubBody: nil)
        group(
            "join_investsIn_listedOn_board", ordinaryCount: min(samples, 50), hubCount: 0,
            ordinaryBody: { try query.query("?x investsIn ?c . ?c listedOn \(next(boards))").rows.count }, hubBody: nil)
        group(
            "listedOn_board", ordinaryCount: min(samples, 50), hubCount: 0,
            ordinaryBody: { try query.query("?c listedOn \(next(boards))").rows.count }, hubBody: nil)
        group(
            "entity_details", ordinaryCount: samples, hubCount: hubSamples,
            ordinaryBody: { try query.details(of: next(ordinaryNames)).documents.count },
            hubBody: { try query.details(of: next(hubNames)).documents.count })
        group(
            "search_2char", ordinaryCount: samples, hubCount: 0,
            ordinaryBody: { try query.search(next(short2)).count }, hubBody: nil)
        group(
            "search_3char", ordinaryCount: samples, hubCount: 0,
            ordinaryBody: { try query.search(next(short3)).count }, hubBody: nil)
        group(
            "why", ordinaryCount: samples, hubCount: 0,
            ordinaryBody: {
                let (s, p, o) = next(triples)
                return try query.why(subject: s, predicate: p, object: o).count
            }, hubBody: nil)

        let stats = try store.statistics()
        return [
            "store": [
                "assertions": stats.evidence, "triples": stats.triples, "entities": stats.entities,
                "documents": stats.documents,
            ],
            "samples": samples, "hub_samples": hubSamples, "seed": Int(seed), "budget_seconds_per_kind": budgetSeconds,
            "setup_seconds": setupSeconds,
            "hubs": hubs.prefix(10).map { ["name": $0.name, "in_degree": $0.degree] },
            "queries": results,
        ]
    }
}
