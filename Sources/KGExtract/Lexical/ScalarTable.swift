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

/// Scalar membership by table lookup instead of hashing: the Basic Multilingual Plane in a flat
/// table, the rest in a set. The matcher asks for every character many times.
struct ScalarTable: Sendable {
    private let plane: [Bool]
    private let rest: Set<Unicode.Scalar>

    init(_ members: Set<Unicode.Scalar>) {
        var plane = Array(repeating: false, count: 0x10000)
        for c in members where c.value < 0x10000 { plane[Int(c.value)] = true }
        self.plane = plane
        rest = members.filter { $0.value >= 0x10000 }
    }

    /// The BMP scalars for which `test` holds (surrogate code points are not scalars).
    init(bmpWhere test: (Unicode.Scalar) -> Bool) {
        plane = (0..<0x10000).map { value in Unicode.Scalar(UInt32(value)).map(test) ?? false }
        rest = []
    }

    func contains(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x10000 ? plane[Int(c.value)] : rest.contains(c)
    }
}
