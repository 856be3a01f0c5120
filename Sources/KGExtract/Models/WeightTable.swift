import KGModel

/// FNV-1a (64-bit) over UTF-8 bytes, fed piece by piece: a feature is a template such as `b0=`
/// followed by characters, and hashing the pieces avoids building a String for every feature of
/// every character. Equal texts give equal hashes however they were split. `fnv1a64` (rule and
/// model versions) is the same hash of a whole string.
struct FeatureHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    init(_ text: String) { add(text) }

    mutating func add(_ text: String) {
        var copy = text
        // Through the contiguous UTF-8 buffer: iterating `utf8` cost five times as much, and a
        // model file's fingerprint hashes megabytes in every process that loads it.
        copy.withUTF8 { bytes in
            for byte in bytes { mix(byte) }
        }
    }

    mutating func add(_ byte: UInt8) { mix(byte) }

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
/// weight rows `feature	w1	w2 …` with integer weights.
///
/// Features are looked up by hash in one open-addressed array whose slots hold the hash and the
/// feature's weights side by side: the tagger looks up fourteen features per character, and a
/// lookup then touches one cache line instead of a key table and a separate weight table. The
/// hashes are already well mixed, so their low bits index the table directly.
struct WeightTable: Sendable {
    /// Slots of `2 + width` integers: the hash's low and high halves (0 and 0 for an empty slot),
    /// then the weights. `offset(of:)` gives the index of a feature's first weight.
    private(set) var weights: [Int32] = []
    private var mask = 0
    /// Weights per row: given, or the number of cells of the setting named by `widthFromSetting`.
    private(set) var width: Int
    /// Rows whose first cell is one of the setting names given to `init`.
    private(set) var settings: [String: [String]] = [:]
    /// The 1-based line of each setting row, for pointing at a bad value.
    private(set) var settingLines: [String: Int] = [:]
    /// A fingerprint of the file's text, stored as the version of what the model extracts.
    let version: String
    /// Number of features.
    private(set) var count = 0

    /// Parses `text`; `settingNames` are the first cells that are settings rather than features.
    /// Every malformed row is reported, as `file:line:col`.
    ///
    /// `eachRow` sees every weight row in file order: its feature as written (escapes not yet
    /// undone, see `unescape`) and its weights, for a model that builds tables of its own.
    init(
        file: String, text: String, width givenWidth: Int, settingNames: Set<String>, widthFromSetting: String? = nil,
        eachRow: ((ArraySlice<UInt8>, [Int32]) -> Void)? = nil
    ) throws {
        self.width = givenWidth
        self.version = String(fnv1a64(text).prefix(8))
        var problems = DiagnosticList()
        var keys: [UInt64] = []
        var rows: [Int32] = []
        // The built-in files hold about a hundred thousand rows and every process loads them, so
        // rows are read from the UTF-8 bytes directly; settings and malformed rows (to report
        // them) go through `readRow`.
        let bytes = Array(text.utf8)
        let settingBytes = settingNames.map { Array($0.utf8) }
        var lineNumber = 0
        var start = 0
        var row: [Int32] = []
        while start < bytes.count {
            let lineEnd = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { start = lineEnd + 1 }
            // A CRLF file's "\r" belongs to the break, not to the last weight.
            let end = lineEnd > start && bytes[lineEnd - 1] == UInt8(ascii: "\r") ? lineEnd - 1 : lineEnd
            lineNumber += 1
            if end == start || bytes[start] == UInt8(ascii: "#") { continue }
            let tab = bytes[start..<end].firstIndex(of: UInt8(ascii: "\t")) ?? end
            // Compared in place: a set of byte arrays made an array and hashed it for every row.
            if tab - start <= 16 && settingBytes.contains(where: { $0.elementsEqual(bytes[start..<tab]) }) {
                let cells = String(decoding: bytes[start..<end], as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
                settings[String(cells[0])] = cells.dropFirst().map(String.init)
                settingLines[String(cells[0])] = lineNumber
                if String(cells[0]) == widthFromSetting { self.width = cells.count - 1 }
                continue
            }
            row.removeAll(keepingCapacity: true)
            if self.width > 0, Self.parseWeights(bytes[tab..<end], into: &row), row.count == self.width {
                keys.append(Self.key(Self.hashFeature(bytes[start..<tab])))
                rows += row
                eachRow?(bytes[start..<tab], row)
            } else {
                Self.reportRow(String(decoding: bytes[start..<end], as: UTF8.self), width: self.width, file: file, line: lineNumber, into: &problems)
            }
        }
        if problems.hasErrors { throw problems }

        // At most 70% full, so that a miss ends after a probe or two.
        var capacity = 16
        while capacity * 7 < keys.count * 10 { capacity *= 2 }
        let stride = 2 + width
        weights = [Int32](repeating: 0, count: capacity * stride)
        mask = capacity - 1
        for (n, key) in keys.enumerated() {
            var i = Int(truncatingIfNeeded: key) & mask
            while weights[i * stride] != 0 || weights[i * stride + 1] != 0 {
                if Self.slotKey(weights, i * stride) == key { break }  // a repeated feature: the last row wins
                i = (i + 1) & mask
            }
            if Self.slotKey(weights, i * stride) != key { count += 1 }
            weights[i * stride] = Int32(bitPattern: UInt32(truncatingIfNeeded: key))
            weights[i * stride + 1] = Int32(bitPattern: UInt32(truncatingIfNeeded: key >> 32))
            for k in 0..<width { weights[i * stride + 2 + k] = rows[n * width + k] }
        }
    }

    /// The index in `weights` of a feature's first weight, or nil when the model does not know
    /// the feature.
    @inline(__always) func offset(of hash: UInt64) -> Int? {
        let key = Self.key(hash)
        let stride = 2 + width
        var i = Int(truncatingIfNeeded: key) & mask
        while true {
            let base = i * stride
            let low = weights[base], high = weights[base + 1]
            if low == 0 && high == 0 { return nil }
            if UInt32(bitPattern: low) == UInt32(truncatingIfNeeded: key) && UInt32(bitPattern: high) == UInt32(truncatingIfNeeded: key >> 32) {
                return base + 2
            }
            i = (i + 1) & mask
        }
    }

    /// Reads `\tw1\tw2…` as integers; false when a cell is not one.
    private static func parseWeights(_ cells: ArraySlice<UInt8>, into row: inout [Int32]) -> Bool {
        var i = cells.startIndex
        while i < cells.endIndex {
            guard cells[i] == UInt8(ascii: "\t") else { return false }
            i += 1
            var negative = false
            if i < cells.endIndex && cells[i] == UInt8(ascii: "-") {
                negative = true
                i += 1
            }
            var value: Int64 = 0
            var digits = 0
            while i < cells.endIndex, cells[i] >= UInt8(ascii: "0"), cells[i] <= UInt8(ascii: "9"), digits < 10 {
                value = value * 10 + Int64(cells[i] - UInt8(ascii: "0"))
                digits += 1
                i += 1
            }
            guard digits > 0, i == cells.endIndex || cells[i] == UInt8(ascii: "\t") else { return false }
            let signed = negative ? -value : value
            guard let weight = Int32(exactly: signed) else { return false }
            row.append(weight)
        }
        return true
    }

    /// The hash of a feature as written in the file, with its escapes (\t, \n, \\) undone.
    private static func hashFeature(_ text: ArraySlice<UInt8>) -> UInt64 {
        var hash = FeatureHash()
        unescape(text) { hash.add($0) }
        return hash.value
    }

    /// Feeds the bytes of a feature as written in the file to `body`, escapes undone.
    static func unescape(_ text: ArraySlice<UInt8>, _ body: (UInt8) -> Void) {
        var escaped = false
        for byte in text {
            if escaped {
                body(byte == UInt8(ascii: "t") ? 9 : byte == UInt8(ascii: "n") ? 10 : byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                body(byte)
            }
        }
    }

    /// The diagnostic for a weight row that did not read.
    private static func reportRow(_ line: String, width: Int, file: String, line lineNumber: Int, into problems: inout DiagnosticList) {
        let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard width > 0, cells.count == width + 1 else {
            problems.append(
                Diagnostic(
                    .weightRowColumns, "a weight row needs a feature and \(width) weights, found \(cells.count - 1)",
                    at: SourceLocation(file: file, line: lineNumber, column: 1), sourceLine: line))
            return
        }
        var column = cells[0].unicodeScalars.count + 2
        for cell in cells.dropFirst() {
            if Int32(cell) == nil {
                problems.append(
                    Diagnostic(
                        .weightNotInteger, "`\(cell)` is not an integer weight",
                        at: SourceLocation(file: file, line: lineNumber, column: column), sourceLine: line))
                return
            }
            column += cell.unicodeScalars.count + 1
        }
    }

    /// 0 marks an empty slot, so a hash of 0 is stored as 1.
    @inline(__always) private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

    private static func slotKey(_ slots: [Int32], _ base: Int) -> UInt64 {
        UInt64(UInt32(bitPattern: slots[base])) | UInt64(UInt32(bitPattern: slots[base + 1])) << 32
    }
}

/// Characters as the models see them: the sentence's normalised characters (`Normalizer`
/// already made them half-width and simplified, as the training script's `fold` does) with
/// Latin letters lower-cased and every digit as `0`, so that FinRE's `<N>` placeholders and real
/// numbers look alike to the features that matter.
enum ModelText {
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if (0x30...0x39).contains(v) { return "0" }
        if (0x41...0x5A).contains(v) { return Unicode.Scalar(UInt8(v + 0x20)) }
        return scalar
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
