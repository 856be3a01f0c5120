/// Text made safe to print on a terminal.
///
/// Labels, sentences and source lines come from the documents and rule files kg reads, which
/// anyone may have written: an ESC in a company name could clear the screen or retitle the
/// window, a CR could overwrite the row before it, and a right-to-left override could make a
/// row read differently from what is stored. Output meant for people passes through here.
public enum TerminalText {
    /// `text` with every control character written as a visible escape: tab and line breaks as
    /// one space (a table row stays one line), other C0 and C1 controls and DEL as `\x1B`, and
    /// the bidirectional overrides and isolates as `\u{202E}`. Printable text is unchanged.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCR:
                continue  // "\r\n" is one break, already one space
            case "\t", "\n", "\r":
                out.append(" ")
            case _ where isControl(scalar):
                out.append(contentsOf: ("\\x" + hex(scalar.value, digits: 2)).unicodeScalars)
            case _ where isBidiControl(scalar):
                out.append(contentsOf: ("\\u{" + hex(scalar.value, digits: 4) + "}").unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True when `escaped` would change the scalar.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar == "\r" || isControl(scalar) || isBidiControl(scalar)
    }

    /// C0 controls, DEL and the C1 controls (U+0080–U+009F: a terminal may read U+009B as CSI).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The embeddings, overrides and isolates that reorder what follows them on screen.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
