import CSQLite

/// One SQLite database connection (<https://www.sqlite.org/c3ref/sqlite3.html>). It owns the
/// `sqlite3` handle and closes it when released.
///
/// Deliberately not `Sendable`: SQLite is opened in multi-thread mode (`SQLITE_OPEN_NOMUTEX`),
/// so a connection and its statements must stay on one thread at a time. Give each thread or
/// task its own connection instead.
public final class Connection {
    let handle: OpaquePointer
    /// The file the connection opened, or `:memory:`.
    public let path: String
    private var statementCache: [String: Statement] = [:]

    /// Opens (and, unless `readOnly`, creates) the database at `path`; `:memory:` opens a private
    /// in-memory database (<https://www.sqlite.org/c3ref/open.html>).
    public init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let failure = SQLiteError(code: code, connection: db, sql: nil)
            // A handle is returned even when opening fails and must still be closed.
            sqlite3_close_v2(db)
            throw failure
        }
        handle = db
        self.path = path
        // Report constraint and I/O failures with their extended codes
        // (<https://www.sqlite.org/c3ref/extended_result_codes.html>).
        sqlite3_extended_result_codes(db, 1)
    }

    /// A private database in memory, gone when the connection is released.
    public static func inMemory() throws(SQLiteError) -> Connection {
        try Connection(path: ":memory:")
    }

    deinit {
        statementCache.removeAll()
        // close_v2 defers the close until statements still held elsewhere are finalized
        // (<https://www.sqlite.org/c3ref/close.html>).
        sqlite3_close_v2(handle)
    }

    private func error(_ code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: code, connection: handle, sql: sql)
    }

    /// How long a statement waits for another connection's lock before failing with
    /// `SQLITE_BUSY` (<https://www.sqlite.org/c3ref/busy_timeout.html>).
    public func setBusyTimeout(milliseconds: Int) {
        sqlite3_busy_timeout(handle, Int32(clamping: milliseconds))
    }

    /// Runs one or more SQL statements separated by `;`, ignoring any rows they return
    /// (<https://www.sqlite.org/c3ref/exec.html>). For schema scripts and pragmas.
    public func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            var failure = error(code, sql: sql)
            if let message {
                failure.message = String(cString: message)
                sqlite3_free(message)
            }
            throw failure
        }
    }

    /// A prepared statement for `sql` from the connection's cache, reset and with its bindings
    /// cleared. When the cached statement is still in use (a caller is iterating its rows and
    /// prepares the same SQL again), a fresh uncached statement is returned instead.
    ///
    /// The statement is shared: bind and run it before preparing the same SQL again, or use
    /// `prepareUncached` for a statement of your own.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        if let cached = statementCache[sql] {
            if !cached.isBusy {
                cached.reset()
                cached.clearBindings()
                return cached
            }
            return try prepareUncached(sql)
        }
        let statement = try prepareUncached(sql)
        statementCache[sql] = statement
        return statement
    }

    /// A new prepared statement for one SQL statement, not cached
    /// (<https://www.sqlite.org/c3ref/prepare.html>).
    public func prepareUncached(_ sql: String) throws(SQLiteError) -> Statement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw code == SQLITE_OK
                ? SQLiteError(extendedCode: SQLITE_MISUSE, message: "no SQL statement to prepare", sql: sql)
                : error(code, sql: sql)
        }
        return Statement(handle: statement, sql: sql)
    }

    /// Runs one statement with `values` bound, through the cache.
    public func run(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) {
        try prepare(sql).run(values)
    }

    /// The first column of the first row of `sql`, or nil when there is no row.
    public func scalar(_ sql: String, _ values: [SQLiteValue] = []) throws -> SQLiteValue? {
        try prepare(sql).firstRow(values) { $0.value(at: 0) }
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// True inside an explicit transaction (<https://www.sqlite.org/c3ref/get_autocommit.html>).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in a write transaction: `BEGIN IMMEDIATE` takes the write lock up front (so a
    /// busy database fails here, after the busy timeout, rather than halfway through), `COMMIT`
    /// when `body` returns, `ROLLBACK` when it throws
    /// (<https://www.sqlite.org/lang_transaction.html>).
    ///
    /// Inside a transaction already, `body` simply runs as part of it.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if isInTransaction { return try body() }
        try execute("BEGIN IMMEDIATE")
        let result: T
        do {
            result = try body()
        } catch {
            rollback()
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            rollback()
            throw error
        }
        return result
    }

    /// Replaces this database's content with `source`'s, page by page (SQLite's online backup,
    /// <https://www.sqlite.org/backup.html>): far faster than inserting the rows again, since
    /// no index is rebuilt. The copy is one write transaction; a failure leaves this database
    /// as it was.
    func copyContents(of source: Connection) throws(SQLiteError) {
        guard let backup = sqlite3_backup_init(handle, "main", source.handle, "main") else {
            throw error(sqlite3_errcode(handle), sql: nil)
        }
        let stepped = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        if stepped != SQLITE_DONE { throw error(stepped, sql: nil) }
        if finished != SQLITE_OK { throw error(finished, sql: nil) }
    }

    /// Rolls back the open transaction, if any. Some errors already roll back on their own
    /// (<https://www.sqlite.org/lang_transaction.html#response_to_errors_within_a_transaction>).
    func rollback() {
        if isInTransaction {
            _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
        }
    }
}
