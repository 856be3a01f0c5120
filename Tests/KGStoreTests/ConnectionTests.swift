import Foundation
import KGModel
import Testing

@testable import KGStore

@Suite struct ConnectionTests {
    @Test func valuesRoundTripThroughBindAndColumns() throws {
        let db = try Connection.inMemory()
        try db.execute("CREATE TABLE t(a, b, c, d, e, f)")
        let text = "园区\u{0}后半"
        try db.run(
            "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
            [.integer(Int64.max), .real(0.25), .text(text), .text(""), .null, .blob(Data([0, 1, 2, 255]))])
        let row = try #require(try db.prepare("SELECT a, b, c, d, e, f FROM t").firstRow { row in
            (row.int64(at: 0), row.double(at: 1), row.string(at: 2), row.optionalString(at: 3),
             row.optionalString(at: 4), row.data(at: 5), row.value(at: 4))
        })
        #expect(row.0 == Int64.max)
        #expect(row.1 == 0.25)
        #expect(row.2 == text, "an embedded NUL does not cut the text")
        #expect(row.3 == "", "empty text is not NULL")
        #expect(row.4 == nil)
        #expect(row.5 == Data([0, 1, 2, 255]))
        #expect(row.6 == .null)
        #expect(try db.scalar("SELECT length(CAST(c AS BLOB)) FROM t") == .integer(13))
    }

    @Test func theStatementCacheReusesIdleStatementsOnly() throws {
        let db = try Connection.inMemory()
        try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3);")
        let sql = "SELECT x FROM t WHERE x >= ? ORDER BY x"
        let first = try db.prepare(sql)
        #expect(try db.prepare(sql) === first)
        var pairs: [String] = []
        try first.forEachRow([.integer(2)]) { outer in
            // The cached statement is mid-iteration: a nested prepare gets its own.
            let inner = try db.prepare(sql)
            #expect(inner !== first)
            let count = try inner.allRows([.integer(1)]) { $0.int(at: 0) }.count
            pairs.append("\(outer.int(at: 0)):\(count)")
        }
        #expect(pairs == ["2:3", "3:3"])
        #expect(try db.prepare(sql) === first)
    }

    @Test func errorsCarryCodesMessageAndSQL() throws {
        let db = try Connection.inMemory()
        let error = #expect(throws: SQLiteError.self) { _ = try db.prepare("SELEC 1") }
        #expect(error?.resultCode == 1)
        #expect(error?.message.contains("syntax error") == true)
        #expect(error?.sql == "SELEC 1")
        let diagnostic = try #require(error?.diagnostic(file: "x.sqlite"))
        #expect(diagnostic.code.rawValue == "S020")
        #expect(diagnostic.message.hasPrefix("x.sqlite: SQLite failed: "))
        #expect(diagnostic.hint?.contains("SELEC 1") == true)

        try db.execute("CREATE TABLE u(x UNIQUE)")
        try db.run("INSERT INTO u VALUES (1)")
        let duplicate = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO u VALUES (?)", [.integer(1)]) }
        #expect(duplicate?.isConstraint == true)
        #expect(duplicate?.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
    }

    @Test func transactionsCommitOrRollBack() throws {
        let db = try Connection.inMemory()
        try db.execute("CREATE TABLE t(x)")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                throw Stop()
            }
        }
        #expect(!db.isInTransaction)
        let value = try db.transaction {
            try db.run("INSERT INTO t VALUES (2)")
            #expect(db.isInTransaction)
            return db.lastInsertRowID
        }
        #expect(value == 1)
        #expect(try db.scalar("SELECT group_concat(x) FROM t") == .text("2"))
    }
}
