/// Splitting text into lines the same way for every file kg reads.
///
/// Swift reads "\r\n" as one `Character`, so `split(separator: "\n")` finds no line break at all
/// in a file saved with Windows line endings: a CRLF rule file or lexicon became one long line
/// and was silently ignored. Every reader of line-based files splits here instead.
extension StringProtocol {
    /// The lines of the text, split at "\n", "\r\n" and a lone "\r", without their breaks. Empty
    /// lines are kept (line numbers count them); a final break does not start an extra line only
    /// in the sense that it yields one empty last element, as `split(omittingEmptySubsequences:
    /// false)` does, so line numbers stay what an editor shows.
    public func textLines() -> [SubSequence] {
        split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }
}
