import CSQLite
import Foundation

/// Tells SQLite to copy bound text and blobs before the bind call returns, so Swift's buffers
/// may go away. The C macro is not imported into Swift
/// (<https://www.sqlite.org/c3ref/c_static.html>).
nonisolated(unsafe) private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement (<https://www.sqlite.org/c3ref/stmt.html>). It owns its `sqlite3_stmt`
/// and finalizes it when released. Not `Sendable`: it belongs to its connection's thread.
///
/// Use: `bind` parameters (1-based, as SQLite counts), then `step()` until it returns false,
/// reading columns (0-based) while it returns true. `run`, `forEachRow` and `firstRow` wrap that
/// loop and reset the statement afterwards so it can be reused from the connection's cache.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text the statement was prepared from.
    public let sql: String

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    private func error(_ code: Int32) -> SQLiteError {
        SQLiteError(code: code, connection: sqlite3_db_handle(handle), sql: sql)
    }

    /// Number of `?` parameters.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// True while a step has produced rows that were not read to the end or reset
    /// (<https://www.sqlite.org/c3ref/stmt_busy.html>).
    public var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    // MARK: Binding (<https://www.sqlite.org/c3ref/bind_blob.html>)

    /// Binds one value to the 1-based parameter `index`.
    public func bind(_ value: SQLiteValue, at index: Int) throws(SQLiteError) {
        let i = Int32(index)
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, i)
        case .integer(let v):
            code = sqlite3_bind_int64(handle, i, v)
        case .real(let v):
            code = sqlite3_bind_double(handle, i, v)
        case .text(let v):
            // An explicit byte length: text with an embedded NUL stays whole, and SQLite need not
            // scan for the terminator.
            // withCString always yields a valid pointer, also for "" (a nil pointer would bind NULL).
            code = v.withCString { pointer in
                sqlite3_bind_text64(handle, i, pointer, UInt64(v.utf8.count), SQLITE_TRANSIENT, UInt8(SQLITE_UTF8))
            }
        case .blob(let v):
            if v.isEmpty {
                // A nil pointer would bind NULL; an empty blob is a zero-length zeroblob.
                code = sqlite3_bind_zeroblob(handle, i, 0)
            } else {
                code = v.withUnsafeBytes { bytes in
                    sqlite3_bind_blob64(handle, i, bytes.baseAddress, UInt64(bytes.count), SQLITE_TRANSIENT)
                }
            }
        }
        if code != SQLITE_OK { throw error(code) }
    }

    // Typed binds for the writer's per-row inserts: no `SQLiteValue` array to allocate and free
    // for every row, which cost more than SQLite's own work for a mention or an evidence row.

    /// Binds an integer to the 1-based parameter `index`.
    public func bind(_ value: Int64, at index: Int) throws(SQLiteError) {
        let code = sqlite3_bind_int64(handle, Int32(index), value)
        if code != SQLITE_OK { throw error(code) }
    }

    /// Binds an integer, or NULL for nil.
    public func bind(_ value: Int?, at index: Int) throws(SQLiteError) {
        let code = value.map { sqlite3_bind_int64(handle, Int32(index), Int64($0)) } ?? sqlite3_bind_null(handle, Int32(index))
        if code != SQLITE_OK { throw error(code) }
    }

    /// Binds a double.
    public func bind(_ value: Double, at index: Int) throws(SQLiteError) {
        let code = sqlite3_bind_double(handle, Int32(index), value)
        if code != SQLITE_OK { throw error(code) }
    }

    /// Binds text, or NULL for nil, with its explicit byte length (see `bind(_:at:)` for `.text`).
    public func bind(_ value: String?, at index: Int) throws(SQLiteError) {
        guard var text = value else {
            let code = sqlite3_bind_null(handle, Int32(index))
            if code != SQLITE_OK { throw error(code) }
            return
        }
        let code = text.withUTF8 { bytes in
            // An empty buffer may have no base address, and a nil pointer would bind NULL.
            bytes.baseAddress == nil
                ? sqlite3_bind_text64(handle, Int32(index), "", 0, SQLITE_TRANSIENT, UInt8(SQLITE_UTF8))
                : bytes.withMemoryRebound(to: CChar.self) {
                    sqlite3_bind_text64(handle, Int32(index), $0.baseAddress, UInt64($0.count), SQLITE_TRANSIENT, UInt8(SQLITE_UTF8))
                }
        }
        if code != SQLITE_OK { throw error(code) }
    }

    /// Runs the statement with the values bound so far to completion and resets it (bindings stay).
    public func runBound() throws(SQLiteError) {
        defer { reset() }
        while try step() {}
    }

    /// Runs the statement with the values bound so far and returns the first column of its first
    /// row as an integer, or nil when it returns no row; resets it.
    public func firstInt64Bound() throws(SQLiteError) -> Int64? {
        defer { reset() }
        return try step() ? int64(at: 0) : nil
    }

    /// Binds values to parameters 1, 2, ... in order.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Ends the current run so the statement can run again; bindings stay
    /// (<https://www.sqlite.org/c3ref/reset.html>).
    public func reset() {
        sqlite3_reset(handle)
    }

    // MARK: Stepping (<https://www.sqlite.org/c3ref/step.html>)

    /// Advances to the next row: true when a row is ready to read, false when done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            let failure = error(code)
            sqlite3_reset(handle)
            throw failure
        }
    }

    /// Binds `values` (when given), runs the statement to completion and resets it.
    public func run(_ values: [SQLiteValue] = []) throws(SQLiteError) {
        defer { reset() }
        if !values.isEmpty { try bind(values) }
        while try step() {}
    }

    /// Binds `values`, calls `body` with the statement positioned on each row, then resets.
    public func forEachRow(
        _ values: [SQLiteValue] = [], _ body: (Statement) throws -> Void
    ) throws {
        defer { reset() }
        if !values.isEmpty { try bind(values) }
        while try step() {
            try body(self)
        }
    }

    /// Binds `values` and maps the first row, or returns nil when there is none.
    public func firstRow<T>(_ values: [SQLiteValue] = [], _ map: (Statement) throws -> T) throws -> T? {
        defer { reset() }
        if !values.isEmpty { try bind(values) }
        return try step() ? map(self) : nil
    }

    /// Binds `values` and maps every row into an array; for small results only.
    public func allRows<T>(_ values: [SQLiteValue] = [], _ map: (Statement) throws -> T) throws -> [T] {
        var rows: [T] = []
        try forEachRow(values) { rows.append(try map($0)) }
        return rows
    }

    // MARK: Columns (<https://www.sqlite.org/c3ref/column_blob.html>)

    /// Number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of a result column (its `AS` name when it has one).
    public func columnName(at index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// True when the column of the current row is NULL.
    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// The column as an integer (0 for NULL).
    public func int64(at index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(index))
    }

    /// The column as an `Int` (0 for NULL).
    public func int(at index: Int) -> Int {
        Int(sqlite3_column_int64(handle, Int32(index)))
    }

    /// The column as an integer, nil for NULL.
    public func optionalInt(at index: Int) -> Int? {
        isNull(at: index) ? nil : int(at: index)
    }

    /// The column as a double (0 for NULL).
    public func double(at index: Int) -> Double {
        sqlite3_column_double(handle, Int32(index))
    }

    /// The column as text ("" for NULL).
    public func string(at index: Int) -> String {
        let i = Int32(index)
        // Ask for the text before its length: the conversion to text can change the byte count.
        guard let text = sqlite3_column_text(handle, i) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column as text, nil for NULL.
    public func optionalString(at index: Int) -> String? {
        isNull(at: index) ? nil : string(at: index)
    }

    /// The column as bytes (empty for NULL).
    public func data(at index: Int) -> Data {
        let i = Int32(index)
        guard let bytes = sqlite3_column_blob(handle, i) else { return Data() }
        return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, i)))
    }

    /// The column as a typed value, whatever its storage class.
    public func value(at index: Int) -> SQLiteValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return .integer(int64(at: index))
        case SQLITE_FLOAT: return .real(double(at: index))
        case SQLITE_TEXT: return .text(string(at: index))
        case SQLITE_BLOB: return .blob(data(at: index))
        default: return .null
        }
    }
}
