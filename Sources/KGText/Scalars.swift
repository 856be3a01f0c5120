/// Character classes the cleaner and segmenter share, on scalars.
public enum Scalars {
    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x3000, 0xFEFF, 0x200B, 0x2002...0x200A: return true
        default: return false
        }
    }

    @inline(__always)
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0xF900 && v <= 0xFAFF)
            || (v >= 0x20000 && v <= 0x3134F)
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0xFF10 && s.value <= 0xFF19)
    }

    @inline(__always)
    static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value | 0x20
        return v >= 0x61 && v <= 0x7A
    }

    /// A letter, digit or CJK character: something that carries content.
    static func isWordy(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return isDigit(s) || isASCIILetter(s) }
        return isCJK(s) || isDigit(s) || (s.value >= 0x3000 && s.value < 0x3040 ? false : s.properties.isAlphabetic)
    }

    /// Sentence-final punctuation.
    @inline(__always)
    static func isStop(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0xFF1B, 0x3B, 0x2026, 0xFF61: return true
        default: return false
        }
    }

    /// Closers that stay with the sentence they follow.
    @inline(__always)
    static func isCloser(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x29, 0x3011, 0x300B, 0x22, 0x27: return true
        default: return false
        }
    }

    /// Clause separators: ，,；;：: and the enumeration comma is not one (it lists nouns).
    @inline(__always)
    static func isClauseSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0xFF0C, 0x2C, 0xFF1B, 0x3B, 0xFF1A, 0x3A: return true
        default: return false
        }
    }

    /// Trims whitespace from both ends of `range` over `scalars`.
    static func trim(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> (Int, Int) {
        var a = start
        var b = end
        while a < b && isSpace(scalars[a]) { a += 1 }
        while b > a && isSpace(scalars[b - 1]) { b -= 1 }
        return (a, b)
    }

    /// The string for a scalar range.
    static func string(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        // Encoding into a byte buffer by hand is several times faster than appending to a
        // String.UnicodeScalarView in debug builds, and no slower in release.
        var bytes: [UInt8] = []
        bytes.reserveCapacity((end - start) * 3)
        var i = start
        while i < end {
            let v = scalars[i].value
            if v < 0x80 {
                bytes.append(UInt8(v))
            } else if v < 0x800 {
                bytes.append(UInt8(0xC0 | (v >> 6)))
                bytes.append(UInt8(0x80 | (v & 0x3F)))
            } else if v < 0x10000 {
                bytes.append(UInt8(0xE0 | (v >> 12)))
                bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (v & 0x3F)))
            } else {
                bytes.append(UInt8(0xF0 | (v >> 18)))
                bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
                bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (v & 0x3F)))
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The index in `hay` where `needle` first occurs at or after `from`.
    public static func firstIndex(of needle: [Unicode.Scalar], in hay: ArraySlice<Unicode.Scalar>, from: Int) -> Int? {
        guard let head = needle.first, needle.count <= hay.count else { return nil }
        var i = from
        let last = hay.endIndex - needle.count
        while i <= last {
            if hay[i] == head {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// True when `needle` occurs in `hay`.
    public static func contains(_ hay: ArraySlice<Unicode.Scalar>, _ needle: [Unicode.Scalar]) -> Bool {
        firstIndex(of: needle, in: hay, from: hay.startIndex) != nil
    }
}
