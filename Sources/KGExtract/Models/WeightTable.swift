import KGModel

/// FNV-1a over the UTF-8 bytes of a feature's text, fed piece by piece: a feature is a template
/// such as `b0=` followed by characters, and hashing the pieces avoids building a String for
/// every feature of every character. Equal texts give equal hashes however they were split.
struct FeatureHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    init(_ text: String) { add(text) }

    mutating func add(_ text: String) {
        for byte in text.utf8 { mix(byte) }
    }

    mutating func add(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            mix(UInt8(v))
        case 0x80..<0x800:
            mix(UInt8(0xC0 | (v >> 6)))
            mix(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            mix(UInt8(0xE0 | (v >> 12)))
            mix(UInt8(0x80 | ((v >> 6) & 0x3F)))
            mix(UInt8(0x80 | (v & 0x3F)))
        default:
            mix(UInt8(0xF0 | (v >> 18)))
            mix(UInt8(0x80 | ((v >> 12) & 0x3F)))
            mix(UInt8(0x80 | ((v >> 6) & 0x3F)))
            mix(UInt8(0x80 | (v & 0x3F)))
        }
    }

    @inline(__always) private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01B3
    }
}

/// A model file of `schema/models/`: `#` comments, named setting rows (`threshold	0.4`), and
/// weight rows `feature	w1	w2 …` with integer weights. Features are looked up by hash.
struct WeightTable: Sendable {
    /// Weights per feature, `width` integers each, rows in file order.
    private(set) var weights: [Int32] = []
    private var rows: [UInt64: Int32] = [:]
    /// Weights per row: given, or the number of cells of the setting named by `widthFromSetting`.
    private(set) var width: Int
    /// Rows whose first cell is one of the setting names given to `init`.
    private(set) var settings: [String: [String]] = [:]
    /// A fingerprint of the file's text, stored as the version of what the model extracts.
    let version: String

    /// Parses `text`; `settingNames` are the first cells that are settings rather than features.
    /// Every malformed row is reported, as `file:line:col`.
    init(file: String, text: String, width givenWidth: Int, settingNames: Set<String>, widthFromSetting: String? = nil) throws {
        self.width = givenWidth
        self.version = String(fnv1a64(text).prefix(8))
        var problems = DiagnosticList()
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if settingNames.contains(cells[0]) {
                settings[cells[0]] = Array(cells.dropFirst())
                if cells[0] == widthFromSetting { self.width = cells.count - 1 }
                continue
            }
            guard self.width > 0, cells.count == self.width + 1 else {
                problems.append(
                    Diagnostic(
                        "R070", "a weight row needs a feature and \(self.width) weights, found \(cells.count - 1)",
                        at: SourceLocation(file: file, line: lineNumber, column: 1), sourceLine: String(line)))
                continue
            }
            var column = cells[0].unicodeScalars.count + 2
            var row: [Int32] = []
            for cell in cells.dropFirst() {
                guard let weight = Int32(cell) else {
                    problems.append(
                        Diagnostic(
                            "R071", "`\(cell)` is not an integer weight",
                            at: SourceLocation(file: file, line: lineNumber, column: column), sourceLine: String(line)))
                    break
                }
                row.append(weight)
                column += cell.unicodeScalars.count + 1
            }
            guard row.count == self.width else { continue }
            rows[FeatureHash(Self.unescape(cells[0])).value] = Int32(weights.count / self.width)
            weights += row
        }
        if problems.hasErrors { throw problems }
    }

    /// The index of a feature's first weight, or nil when the model does not know the feature.
    @inline(__always) func offset(of hash: UInt64) -> Int? {
        rows[hash].map { Int($0) * width }
    }

    /// Features may contain a tab, a newline or a backslash; the file escapes them.
    private static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var out = ""
        var escaped = false
        for ch in text {
            if escaped {
                out.append(ch == "t" ? "\t" : ch == "n" ? "\n" : ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

/// Characters as the models see them: half-width, lower-case ASCII, every digit as `0`, so that
/// FinRE's `<N>` placeholders and real numbers look alike to the features that matter.
enum ModelText {
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        var v = scalar.value
        if (0xFF01...0xFF5E).contains(v) {
            v -= 0xFEE0
        } else if v == 0x3000 {
            v = 0x20
        }
        if (0x30...0x39).contains(v) { return "0" }
        if (0x41...0x5A).contains(v) { v += 0x20 }
        return Unicode.Scalar(v) ?? scalar
    }

    /// The stand-in for "no character" beyond the ends of a sentence.
    static let boundary: Unicode.Scalar = "\u{2400}"

    /// H for a Han character, L for a Latin letter, D for a digit, P for anything else and _
    /// beyond the sentence.
    static func characterClass(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar == boundary { return "_" }
        let v = scalar.value
        if (0x4E00...0x9FFF).contains(v) { return "H" }
        if scalar.isASCII && ((0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)) { return "L" }
        if scalar == "0" { return "D" }
        return "P"
    }
}
