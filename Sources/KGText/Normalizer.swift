import Foundation
import KGModel

/// Character normalisation for matching: every function maps one scalar to one scalar, so an
/// offset into normalised text is the same offset into the original.
public enum Normalizer {
    /// Full-width ASCII forms (！-～, including full-width digits) and the ideographic space
    /// become their ASCII forms; traditional Chinese characters become simplified ones.
    @inline(__always)
    public static func normalize(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v < 0x3000 { return scalar }
        if v == 0x3000 { return " " }
        if v >= 0xFF01 && v <= 0xFF5E { return Unicode.Scalar(UInt8(truncatingIfNeeded: v - 0xFEE0)) }
        return TraditionalToSimplified.map(scalar)
    }

    /// Normalises a whole string scalar by scalar; the result has exactly as many scalars as
    /// `text`.
    public static func normalize(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.utf8.count / 2)
        // The table is borrowed once for the whole string instead of per scalar.
        TraditionalToSimplified.table.withUnsafeBufferPointer { table in
            for scalar in text.unicodeScalars {
                result.append(normalize(scalar, table))
            }
        }
        return result
    }

    @inline(__always)
    static func normalize(_ scalar: Unicode.Scalar, _ table: UnsafeBufferPointer<UInt32>) -> Unicode.Scalar {
        let v = scalar.value
        if v < 0x3000 { return scalar }
        if v == 0x3000 { return " " }
        if v >= 0xFF01 && v <= 0xFF5E { return Unicode.Scalar(UInt8(truncatingIfNeeded: v - 0xFEE0)) }
        guard v >= 0x3400 && v <= 0xFAFF else { return scalar }
        let mapped = table[Int(v &- 0x3400)]
        return mapped == v ? scalar : Unicode.Scalar(mapped) ?? scalar
    }

    /// Normalises scalars already split out of a text (the form the segmenter works on).
    public static func normalize(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        TraditionalToSimplified.table.withUnsafeBufferPointer { table in scalars.map { normalize($0, table) } }
    }

    /// `normalize(_:)` as a String, for lexicon keys and display.
    public static func normalizedString(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { view.append(normalize(scalar)) }
        return String(view)
    }
}

/// Traditional → simplified, one scalar to one scalar, from ICU's `Hant-Hans` transform.
///
/// The transform is slow per call (tens of microseconds), so it runs once per code point of the
/// CJK blocks into a flat table when first needed (about 28,000 calls, tens of milliseconds);
/// after that a lookup is an array index with no lock. Measured on Chinese text with -O: the
/// table normalises at about 300 MB/s, a `Mutex`-protected dictionary filled on demand at about
/// 100 MB/s (`NormalizerTests.throughput` prints both for the build under test); the table's
/// one-off cost (70 ms) is small next to reading a corpus.
public enum TraditionalToSimplified {
    /// The blocks covered: CJK Extension A, CJK Unified Ideographs, CJK Compatibility
    /// Ideographs. Characters outside them are left alone.
    public static let blocks: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF]

    /// The table: `table[v - 0x3400]` is the simplified scalar value for v in 0x3400...0xFAFF
    /// (identity outside the blocks). Built once, thread-safely, by Swift's lazy static
    /// initialisation, from `pairs`: running ICU over the blocks cost about 0.56 G instructions
    /// (0.15 s) in every process; `NormalizerTests` checks the pairs against `buildTable()`.
    static let table: [UInt32] = tableFromPairs()

    static func tableFromPairs() -> [UInt32] {
        let first: UInt32 = 0x3400
        var table = (first...0xFAFF).map { $0 }
        var i = 0
        while i + 1 < pairs.count {
            table[Int(pairs[i] - first)] = pairs[i + 1]
            i += 2
        }
        return table
    }

    /// Runs the transform over every code point of `blocks` (tens of milliseconds): what `pairs`
    /// was generated from, and what the tests compare it with.
    static func buildTable() -> [UInt32] {
        let first: UInt32 = 0x3400
        var table = (first...0xFAFF).map { $0 }
        let transform = StringTransform("Hant-Hans")
        for block in blocks {
            for value in block {
                guard let scalar = Unicode.Scalar(value) else { continue }
                if let mapped = transformSingle(scalar, transform) {
                    table[Int(value - first)] = mapped.value
                }
            }
        }
        return table
    }

    /// Maps one scalar through the table.
    @inline(__always)
    public static func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        guard v >= 0x3400 && v <= 0xFAFF else { return scalar }
        let mapped = table[Int(v - 0x3400)]
        return mapped == v ? scalar : Unicode.Scalar(mapped) ?? scalar
    }

    /// Runs the ICU transform on one character; nil when it leaves the character alone or
    /// yields anything but exactly one scalar (the mapping must keep offsets).
    public static func transformSingle(
        _ scalar: Unicode.Scalar, _ transform: StringTransform = StringTransform("Hant-Hans")
    ) -> Unicode.Scalar? {
        let text = String(String.UnicodeScalarView([scalar]))
        guard let out = text.applyingTransform(transform, reverse: false) else { return nil }
        let scalars = out.unicodeScalars
        guard scalars.count == 1, let only = scalars.first, only != scalar else { return nil }
        return only
    }
}

extension EntityKey {
    /// The key of a name as written: normalised here, the one normalisation every key gets, so
    /// 華潤 and 华润, ＴＣＬ and TCL are one entity.
    public static func name(_ text: String) -> EntityKey {
        .name(normalized: Normalizer.normalizedString(text))
    }
}
