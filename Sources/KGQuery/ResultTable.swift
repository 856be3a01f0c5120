import Foundation
import KGModel

/// One value in a query result: typed so that JSON keeps numbers as numbers.
public enum ResultValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case int(Int)
    case double(Double)
    case text(String)

    /// The value as shown in a table, TSV or CSV (NULL is empty).
    public var description: String {
        switch self {
        case .null: return ""
        case .int(let v): return String(v)
        case .double(let v): return DecimalText.of(v)
        case .text(let v): return v
        }
    }

    /// `.text`, or `.null` for nil.
    public init(_ text: String?) { self = text.map { .text($0) } ?? .null }
}

/// Rows with named columns: what every query command returns for printing. Column names are
/// stable (they are the JSON field names).
public struct ResultTable: Hashable, Sendable {
    public var columns: [String]
    public var rows: [[ResultValue]]

    public init(columns: [String], rows: [[ResultValue]] = []) {
        self.columns = columns
        self.rows = rows
    }

    public var isEmpty: Bool { rows.isEmpty }
}

/// How results are printed: an aligned table for people, JSON, TSV or CSV for programs.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, tsv, csv
}

/// Renders a `ResultTable` in an `OutputFormat`. Every format ends with a newline; an empty
/// table renders its header only (nothing in JSON but `[]`).
public enum ResultFormatter {
    public static func render(_ table: ResultTable, as format: OutputFormat) -> String {
        switch format {
        case .table: return aligned(table)
        case .json: return json(table)
        case .tsv: return tsv(table)
        case .csv: return csv(table)
        }
    }

    /// Columns padded to their widest cell by terminal display width (a Chinese character
    /// takes two columns), a rule under the header, two spaces between columns.
    static func aligned(_ table: ResultTable) -> String {
        let cells = [table.columns.map(oneLine)] + table.rows.map { $0.map { oneLine($0.description) } }
        var widths = [Int](repeating: 0, count: table.columns.count)
        for row in cells {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(cell))
            }
        }
        func line(_ row: [String]) -> String {
            var text = ""
            for (i, cell) in row.enumerated() where i < widths.count {
                let isLast = i == widths.count - 1
                text += cell
                if !isLast { text += String(repeating: " ", count: widths[i] - DisplayWidth.of(cell) + 2) }
            }
            // No trailing blanks when the last cells are empty.
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var lines = [line(table.columns)]
        lines.append(line(widths.map { String(repeating: "-", count: $0) }))
        lines += cells.dropFirst().map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON array with one object per row and one row per line, keys in column order.
    static func json(_ table: ResultTable) -> String {
        if table.rows.isEmpty { return "[]\n" }
        let objects = table.rows.map { row in
            let fields = zip(table.columns, row).map { column, value in
                JSONText.quote(column) + ":" + jsonValue(value)
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// Tab-separated with a header line; tabs, newlines and backslashes in cells are escaped
    /// as `\t`, `\n` and `\\` so each row stays one line.
    static func tsv(_ table: ResultTable) -> String {
        func escape(_ text: String) -> String {
            var out = ""
            for c in text.unicodeScalars {
                switch c {
                case "\\": out += "\\\\"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(c)
                }
            }
            return out
        }
        let lines = [table.columns.map(escape)] + table.rows.map { $0.map { escape($0.description) } }
        return lines.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV: a header, CRLF line ends, cells quoted when they hold a comma, quote or
    /// line break.
    static func csv(_ table: ResultTable) -> String {
        func quote(_ text: String) -> String {
            if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return text
        }
        // Text cells are neutralised (`SpreadsheetText`): CSV is what people open in a spreadsheet.
        func cell(_ value: ResultValue) -> String {
            if case .text(let text) = value { return quote(SpreadsheetText.neutralized(text)) }
            return quote(value.description)
        }
        let lines = [table.columns.map(quote)] + table.rows.map { $0.map(cell) }
        return lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A cell as one terminal-safe line: breaks and tabs become spaces, control characters
    /// visible escapes (see `TerminalText`), since tables are what people read on a terminal.
    private static func oneLine(_ text: String) -> String {
        TerminalText.escaped(text)
    }

    private static func jsonValue(_ value: ResultValue) -> String {
        switch value {
        case .null: return "null"
        case .int(let v): return String(v)
        case .double(let v): return v.isFinite ? DecimalText.of(v) : "null"
        case .text(let v): return JSONText.quote(v)
        }
    }
}
