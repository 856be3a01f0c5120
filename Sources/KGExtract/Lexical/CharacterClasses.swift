/// The character classes every stage asks about. One place, so that recognition and the
/// matcher agree on what a name may be made of.
enum CharClass {
    @inline(__always)
    static func isCJK(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2FFFF).contains(v)
            || (0xF900...0xFAFF).contains(v)
    }

    @inline(__always)
    static func isLatinLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
    }

    @inline(__always)
    static func isDigit(_ c: Unicode.Scalar) -> Bool { (0x30...0x39).contains(c.value) }

    /// A clause's punctuation or a space: no letter, digit or Chinese character, and not the
    /// angle brackets of a number placeholder (FinRE writes <N>).
    @inline(__always)
    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        !isCJK(c) && !isLatinLetter(c) && !isDigit(c) && c != "<" && c != ">"
    }

    /// `properties.isAlphabetic`, by table for the Basic Multilingual Plane.
    @inline(__always)
    static func isAlphabetic(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x10000 ? alphabetic.contains(c) : c.properties.isAlphabetic
    }

    private static let alphabetic = ScalarSet(bmpWhere: { $0.properties.isAlphabetic })

    /// A character that may be inside a name a suffix or a lexicon entry ends: Chinese and Latin
    /// letters, digits and the joiners of names (·, -, &).
    @inline(__always)
    static func isNameChar(_ c: Unicode.Scalar) -> Bool {
        isCJK(c) || isLatinLetter(c) || isDigit(c) || c == "·" || c == "-" || c == "&"
    }

    /// A character an unmarked name (a rule's span slot) may hold: `isNameChar`, any other
    /// letter, and the marks of stock names and bracketed places (*ST, (苏州), A+).
    @inline(__always)
    static func isSpanNameChar(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x10000 ? spanName.contains(c) : isSpanNameCharSlow(c)
    }

    private static let spanName = ScalarSet(bmpWhere: isSpanNameCharSlow)

    private static func isSpanNameCharSlow(_ c: Unicode.Scalar) -> Bool {
        isNameChar(c) || c.properties.isAlphabetic || isDigit(c) || "*.()（）+".unicodeScalars.contains(c)
    }

    /// A space between two Latin words of one name (FinFET FPGA, F-Prime Capital).
    static func isLatinSpace(_ text: [Unicode.Scalar], _ i: Int, from start: Int) -> Bool {
        guard text[i] == " ", i > start, i + 1 < text.count else { return false }
        return text[i - 1].isASCII && isAlphabetic(text[i - 1]) && text[i + 1].isASCII && isAlphabetic(text[i + 1])
    }
}
