import CSQLite
import KGModel

/// A failed SQLite call, as a value: the result codes, SQLite's own message and the SQL that was
/// running. Store code turns it into a `Diagnostic` (`S0xx`) for the user.
///
/// Result codes are described at <https://www.sqlite.org/rescode.html>; the primary code is the
/// low byte of the extended one.
public struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The primary result code (`SQLITE_BUSY`, `SQLITE_NOTADB`, ...).
    public var resultCode: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_FOREIGNKEY`, ...).
    public var extendedCode: Int32
    /// `sqlite3_errmsg` at the time of the failure.
    public var message: String
    /// The statement that failed, when there was one.
    public var sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.resultCode = extendedCode & 0xFF
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// Reads the error state of a connection after a call returned `code`.
    init(code: Int32, connection: OpaquePointer?, sql: String?) {
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        // The connection's error code can lag behind the call's (for example after a reset), so
        // prefer it only when it agrees with the code the call returned.
        let chosen = (extended & 0xFF) == (code & 0xFF) ? extended : code
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        self.init(extendedCode: chosen, message: message, sql: sql)
    }

    /// True when another connection holds the lock this call needed (`SQLITE_BUSY`).
    public var isBusy: Bool { resultCode == SQLITE_BUSY }
    /// True when the file is not a database (`SQLITE_NOTADB`).
    public var isNotADatabase: Bool { resultCode == SQLITE_NOTADB }
    /// True for constraint violations (`SQLITE_CONSTRAINT_*`).
    public var isConstraint: Bool { resultCode == SQLITE_CONSTRAINT }

    public var description: String {
        var text = "SQLite error \(resultCode)"
        if extendedCode != resultCode { text += " (extended \(extendedCode))" }
        text += ": \(message)"
        if let sql { text += " — while running: \(sql)" }
        return text
    }

    /// A generic store diagnostic (`S020`) for errors that have no more specific meaning.
    /// `file` names the database so the user knows which store failed.
    public func diagnostic(file: String? = nil) -> Diagnostic {
        var message = "SQLite failed: \(self.message) (code \(extendedCode))"
        if let file { message = "\(file): " + message }
        return Diagnostic(
            .sqliteError, message,
            at: file.map { SourceLocation(file: $0) },
            hint: sql.map { "the statement was: \(Self.shortened($0))" })
    }

    private static func shortened(_ sql: String) -> String {
        let oneLine = sql.split(whereSeparator: \.isNewline).map { $0.trimmingPrefixWhitespace() }
            .joined(separator: " ")
        return oneLine.count > 200 ? String(oneLine.prefix(200)) + "…" : oneLine
    }
}

extension Substring {
    fileprivate func trimmingPrefixWhitespace() -> Substring {
        drop { $0 == " " || $0 == "\t" }
    }
}
