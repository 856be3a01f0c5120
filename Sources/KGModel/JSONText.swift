import Foundation

/// JSON string literals, shared by the JSON-LD exporter and the query output.
public enum JSONText {
    /// `text` as a JSON string: quotes, backslashes and control characters escaped; everything
    /// else, Chinese included, written as UTF-8.
    public static func quote(_ text: String) -> String {
        // U+2028/2029 start with byte 0xE2; only then is the slow path needed for them.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += "\\u" + String(format: "%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
