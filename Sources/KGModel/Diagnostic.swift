/// A problem found by kg, as a value: a stable code, a message that says how to fix it, and
/// where it is. Library code returns or throws these; the CLI renders them.
///
/// Codes come from one catalog, `DiagnosticCode`, which gives each its one meaning.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    /// The stable code, printed as `error[R003]`.
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// The source line the location points into, shown with a caret when rendered.
    public var sourceLine: String?
    /// How to fix it, when the message alone does not say.
    public var hint: String?

    public init(
        _ code: DiagnosticCode, _ message: String, severity: Severity = .error,
        at location: SourceLocation? = nil, sourceLine: String? = nil, hint: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
        self.hint = hint
    }

    /// One line: `file:line:col: error[R003]: message`.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue)[\(code)]: \(message)"
        return text
    }

    /// The compiler-style rendering: the summary line, then the source line with a caret under
    /// the column, then the hint. The caret pads by display width (a CJK character is two columns
    /// wide on a terminal) so it lands under the right character.
    ///
    /// What came from a file is shown terminal-safe (`TerminalText`) and in bounded length: a
    /// source line is cut to a window around the column (a minified file's one line can be
    /// megabytes long), and the summary line to `messageLimit` characters.
    public var rendered: String {
        var lines = [Self.clipped(TerminalText.escaped(description), to: Self.messageLimit)]
        if let sourceLine, let column = location?.column, column > 0 {
            let gutter = String(repeating: " ", count: String(location?.line ?? 0).count)
            let (shown, caretWidth) = Self.excerpt(sourceLine, column: column)
            lines.append("\(gutter) |")
            lines.append("\(location?.line ?? 0) | \(shown)")
            lines.append("\(gutter) | " + String(repeating: " ", count: caretWidth) + "^")
        }
        if let hint { lines.append("  = help: \(Self.clipped(TerminalText.escaped(hint), to: Self.messageLimit))") }
        return lines.joined(separator: "\n")
    }

    /// The most characters of a summary or hint line printed.
    public static let messageLimit = 400
    /// Characters of the source line shown before and after the column.
    public static let excerptBefore = 60
    public static let excerptAfter = 100

    /// The part of `line` shown under a diagnostic: at most `excerptBefore` characters before
    /// `column` (1-based) and `excerptAfter` from it, with "…" where it was cut, escaped for the
    /// terminal; and the display width of what precedes the column, where the caret goes.
    public static func excerpt(_ line: String, column: Int) -> (text: String, caretWidth: Int) {
        let scalars = Array(line.unicodeScalars)
        let at = min(max(column - 1, 0), scalars.count)
        let from = max(0, at - excerptBefore)
        let to = min(scalars.count, at + excerptAfter)
        let before = (from > 0 ? "…" : "") + TerminalText.escaped(String(String.UnicodeScalarView(scalars[from..<at])))
        let after = TerminalText.escaped(String(String.UnicodeScalarView(scalars[at..<to]))) + (to < scalars.count ? "…" : "")
        return (before + after, DisplayWidth.of(before))
    }

    /// `text` cut to `limit` characters, with "…" when it was longer.
    static func clipped(_ text: String, to limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(limit))) + "…"
    }
}

/// Terminal display width of characters, for aligning carets and tables under Chinese text.
public enum DisplayWidth {
    /// 2 for East Asian wide and full-width characters, 0 for combining marks, else 1.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v)
            || (0x3041...0x33FF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        {
            return 2
        }
        return 1
    }

    /// Display width of a whole string.
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }
}

/// Collects every problem before failing, so a user sees all errors in one run.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic] = []) { self.items = items }

    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }

    /// Adds what a failed step threw (one diagnostic or a list of them); rethrows anything else.
    public mutating func absorb(_ error: any Error) throws {
        switch error {
        case let list as DiagnosticList: items += list.items
        case let diagnostic as Diagnostic: items.append(diagnostic)
        default: throw error
        }
    }

    public var description: String { items.map(\.rendered).joined(separator: "\n") }
}
