/// Text cells made inert for spreadsheets.
///
/// A spreadsheet opening a CSV file reads a cell that starts with `=`, `+`, `-` or `@` (or a
/// tab or carriage return before one) as a formula: a company name written `=HYPERLINK(…)` in
/// a news page would run when the export is opened (CSV injection, see OWASP's "CSV Injection").
public enum SpreadsheetText {
    /// `text` with a `'` in front when it starts like a formula, which spreadsheets show as
    /// text and Neo4j stores as written; other text unchanged. Only for text cells: numbers
    /// such as a confidence are written as they are.
    public static func neutralized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }
}
