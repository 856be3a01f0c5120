/// A half-open range of Unicode scalar offsets into a document's original text.
///
/// kg counts every offset in Unicode scalars (not UTF-16 units, not bytes, not grapheme
/// clusters): one Chinese character is one scalar, and Python's `str` indexing agrees, so a span
/// stored by kg can be checked with `text[start:end]` in any script.
public struct TextSpan: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "a span ends before it starts")
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }
    public var isEmpty: Bool { start == end }

    public func contains(_ other: TextSpan) -> Bool { start <= other.start && other.end <= end }
    public func overlaps(_ other: TextSpan) -> Bool { start < other.end && other.start < end }
    public func shifted(by delta: Int) -> TextSpan { TextSpan(start + delta, end + delta) }

    public static func < (a: TextSpan, b: TextSpan) -> Bool {
        (a.start, a.end) < (b.start, b.end)
    }

    public var description: String { "\(start)..<\(end)" }
}

/// Where something is in a file: the one location type for rule-file errors, input errors and
/// triple provenance. Lines and columns count from 1; columns count characters (Unicode
/// scalars), not bytes, so a column under Chinese text is the n-th character.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Scalar offset from the start of the file, when known.
    public var offset: Int?

    public init(file: String, line: Int = 0, column: Int = 0, offset: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `file:line:col`, or just the file when the position is unknown.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }

    /// Computes line and column of a scalar offset in `text`.
    public static func of(offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        var index = 0
        for scalar in text.unicodeScalars {
            if index == offset { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return SourceLocation(file: file, line: line, column: column, offset: offset)
    }
}
