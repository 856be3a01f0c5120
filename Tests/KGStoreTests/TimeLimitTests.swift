import Foundation
import KGModel
import Testing

@testable import KGStore

/// `Connection.withTimeLimit`: SQLite's progress handler stops a statement that runs past its
/// budget, and the handler is gone afterwards.
@Suite struct TimeLimitTests {
    /// Counts forever; only an interrupt ends it.
    static let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"

    @Test func anEndlessStatementIsStopped() throws {
        let db = try Connection.inMemory()
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: TimeLimitExceeded(seconds: 0.2)) {
            try db.withTimeLimit(0.2) { _ = try db.scalar(Self.endless) }
        }
        #expect(clock.now - started < .seconds(10))
    }

    @Test func aQuickStatementRunsAndTheHandlerIsRemoved() throws {
        let db = try Connection.inMemory()
        let value = try db.withTimeLimit(0.05) { try db.scalar("SELECT 41 + 1")?.int64 }
        #expect(value == 42)
        // Past the deadline, outside withTimeLimit: a statement must still run.
        Thread.sleep(forTimeInterval: 0.1)
        let count = try db.scalar("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT count(*) FROM n")
        #expect(count?.int64 == 200_000)
    }

    @Test func otherErrorsPassThroughUnchanged() throws {
        let db = try Connection.inMemory()
        #expect(throws: SQLiteError.self) {
            try db.withTimeLimit(10) { try db.execute("SELECT * FROM no_such_table") }
        }
    }
}
