import Foundation
import KGQuery
import KGStore

/// `kg-bench explain`: the SQL a pattern compiles to and SQLite's plan for it
/// (<https://www.sqlite.org/eqp.html>), to see why a query is slow.
struct ExplainCommand {
    var db: String
    var pattern: String

    func run() throws -> [String: Any] {
        let store = try GraphStore(path: db)
        let query = GraphQuery(store: store)
        let parsed = try PatternParser(vocabulary: store.vocabulary).parse(pattern)
        let compiled = try query.compile(parsed, limit: 1001)
        let plan = try store.connection.prepareUncached("EXPLAIN QUERY PLAN " + compiled.sql)
            .allRows(compiled.parameters) { "\($0.int(at: 0)) \($0.int(at: 1)) \($0.string(at: 3))" }
        return ["sql": compiled.sql, "parameters": compiled.parameters.map { "\($0)" }, "plan": plan]
    }
}
