/// Sizing for the open-addressed tables keyed by 64-bit integers (the segmenter's pair index,
/// the name tagger's grouped weights): a power of two at least twice the key count, so a miss
/// ends after a probe or two, and the shift that takes a multiplicative hash's top bits as the
/// slot index.
public enum OpenAddressing {
    /// The slot count (a power of two, at least 16 and at least twice `keys`), the mask for
    /// wrapping a probe, and the right shift of a 64-bit Fibonacci hash to the slot index.
    public static func size(forKeys keys: Int) -> (capacity: Int, mask: Int, shift: UInt64) {
        var capacity = 16
        var bits: UInt64 = 4
        while capacity < keys * 2 {
            capacity *= 2
            bits += 1
        }
        return (capacity, capacity - 1, 64 - bits)
    }
}
