import KGModel

/// Turns HTML and Markdown into plain text before cleaning.
///
/// The text it returns is the one every offset of the document points into: for an HTML or
/// Markdown file, `TextDocument.original` is this extracted text, not the markup, so spans
/// index the text a reader sees.
public enum MarkupStripper {
    /// How a file's text is marked up, from its extension or its first bytes.
    public enum Kind: String, Sendable {
        case plain, html, markdown

        /// The kind for `path`: .html/.htm → html, .md/.markdown → markdown; other files are
        /// plain unless their text starts like an HTML document.
        public static func of(path: String, text: String) -> Kind {
            switch InputFiles.fileExtension(path) {
            case "html", "htm": return .html
            case "md", "markdown": return .markdown
            default:
                let head = text.unicodeScalars.prefix(200)
                let trimmed = String(String.UnicodeScalarView(head.drop { Scalars.isSpace($0) })).lowercased()
                return trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") ? .html : .plain
            }
        }
    }

    /// Extracted text and the page's `<title>`, when it has one.
    public struct Stripped: Sendable, Hashable {
        /// The text offsets point into.
        public var text: String
        /// The `<title>` element's text, entities decoded and whitespace collapsed.
        public var title: String?
    }

    // Elements whose content is never body text. nav is navigation by definition.
    private static let skippedElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "nav", "iframe", "object",
    ]
    private static let blockElements: Set<String> = [
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "ul", "ol", "table", "section",
        "article", "header", "footer", "aside", "blockquote", "pre", "hr", "dl", "dt", "dd", "figure",
        "figcaption", "main", "form", "body", "html", "address", "center",
    ]

    /// HTML → text: drops scripts, styles, comments and tags; block elements become line
    /// breaks; whitespace runs collapse to one space; entities are decoded.
    public static func html(_ source: String) -> Stripped {
        let src = Array(source.unicodeScalars)
        let n = src.count
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(n / 2)
        var pendingSpace = false
        var title: String?

        func emit(_ c: Unicode.Scalar) {
            // No-break spaces collapse too: pages use runs of &nbsp; for layout, not content.
            if Scalars.isSpace(c) {
                pendingSpace = true
                return
            }
            if pendingSpace, let last = out.last, last != "\n" { out.append(" ") }
            pendingSpace = false
            out.append(c)
        }
        func lineBreak() {
            while let last = out.last, last == " " { out.removeLast() }
            if let last = out.last, last != "\n" { out.append("\n") }
            pendingSpace = false
        }
        func startsWith(_ pattern: String, at i: Int) -> Bool {
            var k = i
            for p in pattern.unicodeScalars {
                guard k < n else { return false }
                let c = src[k]
                let lower = c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 32)! : c
                if lower != p { return false }
                k += 1
            }
            return true
        }
        func find(_ pattern: String, from i: Int) -> Int? {
            var k = i
            while k < n {
                if startsWith(pattern, at: k) { return k }
                k += 1
            }
            return nil
        }
        /// The index of the `>` closing a tag opened at `i`, skipping quoted attribute values.
        func tagEnd(from i: Int) -> Int {
            var k = i
            var quote: Unicode.Scalar?
            while k < n {
                let c = src[k]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == ">" {
                    return k
                }
                k += 1
            }
            return n - 1
        }

        var i = 0
        while i < n {
            let c = src[i]
            if c == "<" {
                if startsWith("<!--", at: i) {
                    i = (find("-->", from: i + 4).map { $0 + 3 }) ?? n
                    continue
                }
                if i + 1 < n, src[i + 1] == "!" || src[i + 1] == "?" {
                    i = tagEnd(from: i) + 1
                    continue
                }
                var j = i + 1
                let closing = j < n && src[j] == "/"
                if closing { j += 1 }
                var name = ""
                while j < n, Scalars.isASCIILetter(src[j]) || Scalars.isDigit(src[j]) {
                    name.unicodeScalars.append(src[j])
                    j += 1
                }
                if name.isEmpty {
                    emit(c)
                    i += 1
                    continue
                }
                name = name.lowercased()
                let end = tagEnd(from: j)
                let selfClosing = end > 0 && src[end - 1] == "/"
                if !closing && !selfClosing && (skippedElements.contains(name) || name == "title") {
                    let close = find("</" + name, from: end + 1)
                    if name == "title", title == nil {
                        let inner = Array(src[min(end + 1, n)..<(close ?? n)])
                        let text = decodeEntities(String(String.UnicodeScalarView(inner)))
                        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                        if !collapsed.isEmpty { title = collapsed }
                    }
                    i = close.map { tagEnd(from: $0) + 1 } ?? n
                    lineBreak()
                    continue
                }
                if blockElements.contains(name) {
                    lineBreak()
                } else if name == "td" || name == "th" {
                    pendingSpace = true
                }
                i = end + 1
                continue
            }
            if c == "&", let (decoded, length) = entity(at: i, in: src) {
                for d in decoded.unicodeScalars { emit(d) }
                i += length
                continue
            }
            emit(c)
            i += 1
        }
        lineBreak()
        while let last = out.last, last == "\n" { out.removeLast() }
        return Stripped(text: String(String.UnicodeScalarView(out)), title: title)
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ensp": " ",
        "emsp": " ", "thinsp": " ", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "lsquo": "\u{2018}",
        "rsquo": "\u{2019}", "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}",
        "middot": "\u{B7}", "bull": "\u{2022}", "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}",
        "times": "\u{D7}", "divide": "\u{F7}", "laquo": "\u{AB}", "raquo": "\u{BB}", "yen": "\u{A5}",
        "deg": "\u{B0}", "plusmn": "\u{B1}", "sect": "\u{A7}", "para": "\u{B6}", "cent": "\u{A2}",
        "pound": "\u{A3}", "euro": "\u{20AC}", "larr": "\u{2190}", "rarr": "\u{2192}",
    ]

    /// The entity starting at `i` (`&name;`, `&#NN;`, `&#xNN;`) and its length; nil when it is
    /// not one (the `&` is then kept as text).
    private static func entity(at i: Int, in src: [Unicode.Scalar]) -> (String, Int)? {
        var k = i + 1
        var body = ""
        while k < src.count && k - i <= 12 && src[k] != ";" {
            let c = src[k]
            guard Scalars.isASCIILetter(c) || Scalars.isDigit(c) || c == "#" else { return nil }
            body.unicodeScalars.append(c)
            k += 1
        }
        guard k < src.count, src[k] == ";", !body.isEmpty else { return nil }
        let length = k - i + 1
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(String.UnicodeScalarView([scalar])), length)
        }
        guard let named = namedEntities[body] ?? namedEntities[body.lowercased()] else { return nil }
        return (named, length)
    }

    /// Decodes entities in a string (for `<title>` and attribute text).
    public static func decodeEntities(_ text: String) -> String {
        let src = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < src.count {
            if src[i] == "&", let (decoded, length) = entity(at: i, in: src) {
                out.append(contentsOf: decoded.unicodeScalars)
                i += length
            } else {
                out.append(src[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Markdown → text: heading markers, emphasis marks, list and quote markers, code-fence
    /// lines and link syntax go (link text stays); the lines of one paragraph are joined into
    /// one line (without a space between two CJK characters), so each paragraph, heading and
    /// list item is one line.
    public static func markdown(_ source: String) -> String {
        var lines: [String] = []
        var paragraph: [Unicode.Scalar] = []
        var inFence = false

        func flush() {
            if !paragraph.isEmpty { lines.append(String(String.UnicodeScalarView(paragraph))) }
            paragraph = []
        }

        for rawLine in source.textLines() {
            let line = Substring(rawLine)
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flush()
                inFence.toggle()
                continue
            }
            if inFence {
                flush()
                lines.append(String(line))
                continue
            }
            if trimmed.isEmpty || isRule(trimmed) {
                flush()
                if !(lines.last?.isEmpty ?? true) { lines.append("") }
                continue
            }
            if isReferenceDefinition(trimmed) { continue }
            var content = Array(trimmed.unicodeScalars)
            var standalone = false
            while content.first == ">" {
                content.removeFirst()
                if content.first == " " { content.removeFirst() }
            }
            if let level = headingLevel(content) {
                content.removeFirst(level)
                while content.last == "#" || content.last == " " { content.removeLast() }
                content = Array(content.drop { $0 == " " })
                standalone = true
            } else if let marker = listMarkerLength(content) {
                content.removeFirst(marker)
                standalone = true
            }
            let inline = stripInline(content)
            if standalone {
                flush()
                lines.append(String(String.UnicodeScalarView(inline)))
            } else {
                if let last = paragraph.last, let first = inline.first {
                    if !(Scalars.isCJK(last) || Scalars.isCJK(first) || isFullWidthPunctuation(last)) {
                        paragraph.append(" ")
                    }
                }
                paragraph.append(contentsOf: inline)
            }
        }
        flush()
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    private static func isFullWidthPunctuation(_ c: Unicode.Scalar) -> Bool {
        (0x3000...0x303F).contains(c.value) || (0xFF00...0xFF65).contains(c.value)
            || (0x2018...0x201F).contains(c.value)
    }

    private static func isRule(_ line: Substring) -> Bool {
        let chars = line.filter { $0 != " " && $0 != "\t" }
        guard chars.count >= 3, let first = chars.first, "-*_=".contains(first) else { return false }
        return chars.allSatisfy { $0 == first }
    }

    private static func isReferenceDefinition(_ line: Substring) -> Bool {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return false }
        return line[line.index(after: close)...].hasPrefix(":")
    }

    private static func headingLevel(_ content: [Unicode.Scalar]) -> Int? {
        var level = 0
        while level < content.count && content[level] == "#" { level += 1 }
        guard level >= 1 && level <= 6 else { return nil }
        return level == content.count || content[level] == " " ? level : nil
    }

    private static func listMarkerLength(_ content: [Unicode.Scalar]) -> Int? {
        guard content.count >= 2 else { return nil }
        if content[0] == "-" || content[0] == "*" || content[0] == "+", content[1] == " " { return 2 }
        var k = 0
        while k < content.count && k < 9 && Scalars.isDigit(content[k]) { k += 1 }
        if k > 0, k + 1 < content.count, content[k] == "." || content[k] == ")", content[k + 1] == " " { return k + 2 }
        return nil
    }

    /// Inline Markdown: `![alt](url)` → alt, `[text](url)` and `[text][ref]` → text,
    /// `<https://…>` → the address, backticks, `**`, `__`, `~~` and emphasis `*`/`_` removed.
    private static func stripInline(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var i = 0
        let n = s.count
        while i < n {
            let c = s[i]
            if c == "!" && i + 1 < n && s[i + 1] == "[" {
                i += 1
                continue
            }
            if c == "[", let close = s[(i + 1)...].firstIndex(of: "]"), close + 1 < n,
                s[close + 1] == "(" || s[close + 1] == "["
            {
                let closer: Unicode.Scalar = s[close + 1] == "(" ? ")" : "]"
                if let end = s[(close + 2)...].firstIndex(of: closer) {
                    out.append(contentsOf: stripInline(Array(s[(i + 1)..<close])))
                    i = end + 1
                    continue
                }
            }
            if c == "<", let close = s[(i + 1)...].firstIndex(of: ">") {
                let inner = String(String.UnicodeScalarView(s[(i + 1)..<close]))
                if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:") {
                    out.append(contentsOf: inner.unicodeScalars)
                    i = close + 1
                    continue
                }
            }
            if c == "`" {
                i += 1
                continue
            }
            if (c == "*" || c == "_" || c == "~") && i + 1 < n && s[i + 1] == c {
                i += 2
                continue
            }
            if c == "*" || c == "_" {
                let prev: Unicode.Scalar = i > 0 ? s[i - 1] : " "
                let next: Unicode.Scalar = i + 1 < n ? s[i + 1] : " "
                let keep =
                    c == "*"
                    ? (Scalars.isSpace(prev) && Scalars.isSpace(next))
                    : (Scalars.isWordy(prev) && Scalars.isWordy(next) && !Scalars.isCJK(prev) && !Scalars.isCJK(next))
                if !keep {
                    i += 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }
}
