/// A string of scalars, encoded to UTF-8 in one buffer: building it through
/// `String.UnicodeScalarView` appends scalar by scalar and cost more than the search around it.
func makeString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.count * 3)
    for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
    return String(decoding: bytes, as: UTF8.self)
}

extension RandomAccessCollection where Element: Equatable, Index == Int {
    /// True when the collection ends with `suffix` (compared in place, without copying).
    func ends(with suffix: [Element]) -> Bool {
        guard count >= suffix.count else { return false }
        var i = endIndex - suffix.count
        for element in suffix {
            if self[i] != element { return false }
            i += 1
        }
        return true
    }
}
