/// A set of characters answered by a bitmap for the Basic Multilingual Plane (8 KB) and a hash
/// set beyond it: recognition and the matcher ask for every character of the text, several
/// times, so membership must cost a shift and a mask rather than a hash.
struct ScalarSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
    private var astral: Set<UInt32> = []

    init<S: Sequence>(_ members: S) where S.Element == Unicode.Scalar {
        for c in members { insert(c) }
    }

    /// The characters of a string.
    init(_ characters: String) {
        self.init(characters.unicodeScalars)
    }

    /// The BMP scalars for which `test` holds (surrogate code points are not scalars).
    init(bmpWhere test: (Unicode.Scalar) -> Bool) {
        for value in 0..<UInt32(0x10000) {
            if let c = Unicode.Scalar(value), test(c) { insert(c) }
        }
    }

    mutating func insert(_ c: Unicode.Scalar) {
        let v = c.value
        if v < 0x10000 { bits[Int(v >> 6)] |= 1 << UInt64(v & 63) } else { astral.insert(v) }
    }

    @inline(__always)
    func contains(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v < 0x10000 ? bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 : astral.contains(v)
    }
}

/// The first characters of a set of literals, as a 256-bit filter on the low bits of the scalar:
/// a position whose character is not in it starts none of them, which is cheaper to tell than
/// comparing every literal there.
struct FirstScalars: Sendable {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// An empty literal matches anywhere, so the filter cannot rule a position out.
    private(set) var hasEmpty = false

    init(_ words: [[Unicode.Scalar]]) {
        for word in words {
            guard let first = word.first else {
                hasEmpty = true
                continue
            }
            let v = first.value & 255
            let bit = UInt64(1) << UInt64(v & 63)
            switch v >> 6 {
            case 0: bits.0 |= bit
            case 1: bits.1 |= bit
            case 2: bits.2 |= bit
            default: bits.3 |= bit
            }
        }
    }

    /// False when none of the literals can start at `i` of `text`.
    @inline(__always)
    func mayStart(_ text: [Unicode.Scalar], at i: Int) -> Bool {
        if hasEmpty { return true }
        guard i >= 0, i < text.count else { return false }
        let v = text[i].value & 255
        let bit = UInt64(1) << UInt64(v & 63)
        switch v >> 6 {
        case 0: return bits.0 & bit != 0
        case 1: return bits.1 & bit != 0
        case 2: return bits.2 & bit != 0
        default: return bits.3 & bit != 0
        }
    }
}
