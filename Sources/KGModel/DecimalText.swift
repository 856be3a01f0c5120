import Foundation

/// Decimal text for measured values such as confidences.
public enum DecimalText {
    /// `value` as the shortest decimal equal to it at 12 significant digits.
    ///
    /// Confidences are products of weights: 0.8 × 0.9 is the double 0.7200000000000001, and
    /// Swift prints every digit needed to round-trip it. No confidence kg computes means anything
    /// beyond a few digits, so the binary noise is cut before printing (`0.72`), in every
    /// format and table alike. Non-finite values are printed by the caller's own convention.
    public static func of(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let trimmed = Double(String(format: "%.12g", value)) ?? value
        return "\(trimmed)"
    }
}
