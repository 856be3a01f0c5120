import KGModel

/// Character normalisation for matching: every function maps one scalar to one scalar, so an
/// offset into normalised text is the same offset into the original.
public enum Normalizer {
    /// Full-width ASCII forms (！-～) and the ideographic space become their ASCII forms.
    /// Traditional characters are mapped to simplified ones (placeholder: identity until the
    /// text module lands its table).
    public static func normalize(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v == 0x3000 { return " " }
        if (0xFF01...0xFF5E).contains(v), let ascii = Unicode.Scalar(v - 0xFEE0) { return ascii }
        return scalar
    }

    /// Normalises a whole string scalar by scalar.
    public static func normalize(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.map { normalize($0) }
    }
}
