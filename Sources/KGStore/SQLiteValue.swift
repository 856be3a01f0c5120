import Foundation

/// A value SQLite stores: one of its five storage classes
/// (<https://www.sqlite.org/datatype3.html>).
public enum SQLiteValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    /// `.integer`, or `.null` for nil.
    public init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
    /// `.integer`, or `.null` for nil.
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    /// `.real`, or `.null` for nil.
    public init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
    /// `.text`, or `.null` for nil.
    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    /// `.blob`, or `.null` for nil.
    public init(_ value: Data?) { self = value.map { .blob($0) } ?? .null }
    /// `.integer(1)` or `.integer(0)`: SQLite has no boolean class.
    public init(_ value: Bool) { self = .integer(value ? 1 : 0) }

    /// The value as an integer when it is one.
    public var int64: Int64? {
        if case .integer(let v) = self { return v }
        return nil
    }
    /// The value as text when it is text.
    public var string: String? {
        if case .text(let v) = self { return v }
        return nil
    }
}

extension SQLiteValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByNilLiteral
{
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(nilLiteral: ()) { self = .null }
}
