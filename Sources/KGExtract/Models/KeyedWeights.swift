import KGText

/// Rows of integer weights under exact 64-bit keys (characters, pairs and triples of characters
/// packed into one integer), in one open-addressed array whose slots hold the key and the row side
/// by side, so that a lookup touches one or two cache lines.
///
/// `WeightTable` keys features by their FNV hash; this table holds what a model derives from it
/// (several templates' weights for one character under one key), so a tagger makes one lookup
/// where it made several.
struct KeyedWeights: Sendable {
    /// Slots of `2 + width` integers: the key's low and high halves (0 and 0: empty), then the row.
    private(set) var slots: [Int32]
    private let shift: UInt64
    private let mask: Int
    let width: Int

    /// `keys` (distinct, never 0), and `width` weights for each in `weights`, in the same order.
    init(width: Int, keys: [UInt64], weights: [Int32]) {
        self.width = width
        // At most half full: a miss (a character the model never saw) then ends quickly.
        let (capacity, mask, shift) = OpenAddressing.size(forKeys: keys.count)
        self.shift = shift
        self.mask = mask
        let stride = 2 + width
        var slots = [Int32](repeating: 0, count: capacity * stride)
        precondition(weights.count == keys.count * width)
        for (n, key) in keys.enumerated() {
            precondition(key != 0)
            var i = Self.index(key, shift)
            while slots[i * stride] != 0 || slots[i * stride + 1] != 0 {
                precondition(Self.slotKey(slots, i * stride) != key, "a key given twice")
                i = (i + 1) & mask
            }
            slots[i * stride] = Int32(bitPattern: UInt32(truncatingIfNeeded: key))
            slots[i * stride + 1] = Int32(bitPattern: UInt32(truncatingIfNeeded: key >> 32))
            for k in 0..<width { slots[i * stride + 2 + k] = weights[n * width + k] }
        }
        self.slots = slots
    }

    /// Fibonacci hashing: packed characters differ in their low bits, which the top bits of the
    /// product spread over the table.
    @inline(__always) private static func index(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private static func slotKey(_ slots: [Int32], _ base: Int) -> UInt64 {
        UInt64(UInt32(bitPattern: slots[base])) | UInt64(UInt32(bitPattern: slots[base + 1])) << 32
    }

    /// The index in `slots` of the key's first weight, or nil when the key has no row.
    @inline(__always) func offset(of key: UInt64) -> Int? {
        let stride = 2 + width
        let low = Int32(bitPattern: UInt32(truncatingIfNeeded: key)), high = Int32(bitPattern: UInt32(truncatingIfNeeded: key >> 32))
        var i = Self.index(key, shift)
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let base = i * stride
                let l = slots[base], h = slots[base + 1]
                if l == low && h == high { return base + 2 }
                if l == 0 && h == 0 { return nil }
                i = (i + 1) & mask
            }
        }
    }

    /// Packs one to three characters into a key (21 bits each, plus one so that no key is 0).
    @inline(__always) static func key(_ a: Unicode.Scalar) -> UInt64 { UInt64(a.value) + 1 }
    @inline(__always) static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 {
        (UInt64(a.value) << 21 | UInt64(b.value)) + 1
    }
    @inline(__always) static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> UInt64 {
        (UInt64(a.value) << 42 | UInt64(b.value) << 21 | UInt64(c.value)) + 1
    }
}
