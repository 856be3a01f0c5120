import Foundation
import KGModel

/// Removes page furniture (watermarks, breadcrumbs, navigation, widgets, disclaimers, comment
/// boxes) from a page's text and reads its metadata, leaving the body paragraphs.
///
/// Furniture is recognised by its shape (text repeated at the end of many paragraphs, segments
/// joined by `>`, short lines made of widget words, a block that starts with 声明:) and by a few
/// generic words that mark page furniture on Chinese news sites; no page's own strings are
/// listed here.
public struct PageCleaner: Sendable {
    /// Why a line is not body text.
    public enum LineKind: String, Sendable, Hashable {
        case body
        case title
        case metadata
        /// A line that is nothing but the watermark suffix.
        case watermark
        case breadcrumb
        case link
        case welcome
        case widget
        case siteName
        case disclaimer
        case comments
        /// A line in the page header (before the body) that is neither title nor metadata.
        case header
        /// A line with no letter, digit or CJK character.
        case decoration
    }

    /// One non-empty line of the page and what the cleaner made of it.
    public struct Line: Sendable, Hashable {
        /// The trimmed line.
        public var span: TextSpan
        /// The line's body text: `span` minus a watermark suffix, trimmed.
        public var content: TextSpan
        public var kind: LineKind
        /// True when a watermark suffix was cut from this line.
        public var watermarked: Bool
    }

    /// The result of cleaning.
    public struct Result: Sendable {
        /// Body paragraphs, in order, as spans into the text.
        public var paragraphs: [TextSpan]
        public var metadata: DocumentMetadata
        /// The suffix cut from paragraphs, if one was found.
        public var watermark: String?
        /// Every non-empty line with its classification (for `kg explain` and tests).
        public var lines: [Line]
    }

    /// A watermark must be shared by at least this many paragraphs…
    public var watermarkMinimumParagraphs = 3
    /// …and by at least this share of the non-empty paragraphs.
    public var watermarkMinimumShare = 0.4
    /// Lines longer than this (in scalars) are never taken as furniture by the widget, link or
    /// site-name tests: furniture is short, body paragraphs are not.
    public var shortLine = 60

    /// A cleaner with the default thresholds.
    public init() {}

    /// Cleans `text`; see `clean(_:htmlTitle:)`.
    public func clean(_ text: String, htmlTitle: String? = nil) -> Result {
        clean(Array(text.unicodeScalars), htmlTitle: htmlTitle)
    }

    /// Cleans the text given as scalars; `htmlTitle` is the page's `<title>`, used as the title
    /// when no title line is found in the text.
    public func clean(_ scalars: [Unicode.Scalar], htmlTitle: String? = nil) -> Result {
        var lines: [Line] = Segmenter.lineSpans(scalars).map {
            Line(span: $0, content: $0, kind: .body, watermarked: false)
        }
        var metadata = DocumentMetadata()

        // (a) Watermark glued to the end of many paragraphs.
        let watermark = findWatermark(scalars, lines)
        if let watermark {
            for k in lines.indices where endsWith(scalars, lines[k].span, watermark) {
                let (a, b) = Scalars.trim(scalars, lines[k].span.start, lines[k].span.end - watermark.count)
                lines[k].content = TextSpan(a, max(a, b))
                lines[k].watermarked = true
                if a >= b { lines[k].kind = .watermark }
            }
        }
        var siteNames = watermark.map { cjkRuns(of: $0, minimum: 2) } ?? []

        // Metadata lines first: the source names the site, which marks more furniture.
        for k in lines.indices where lines[k].kind == .body {
            let text = Scalars.string(scalars, lines[k].content.start, lines[k].content.end)
            if MetadataLine.parse(text, into: &metadata) { lines[k].kind = .metadata }
        }
        if let source = metadata.source {
            for part in source.split(whereSeparator: { "·・|｜/ ".contains($0) }) where part.unicodeScalars.count >= 3 {
                siteNames.append(String(part))
            }
        }

        // (b)–(c) Furniture line by line.
        for k in lines.indices where lines[k].kind == .body {
            let text = Scalars.string(scalars, lines[k].content.start, lines[k].content.end)
            if let kind = furnitureKind(text, watermarked: lines[k].watermarked, siteNames: siteNames) {
                lines[k].kind = kind
            }
        }

        // (d) Disclaimer block; (e) comment widgets at the end.
        markDisclaimer(scalars, &lines)
        markTrailingComments(scalars, &lines)

        // The body starts at the first watermarked body line when there is a watermark (the
        // site stamps body paragraphs only), else at the first body line after the title.
        var titleIndex: Int?
        let bodyStart: Int
        if watermark != nil, let first = lines.indices.first(where: { lines[$0].kind == .body && lines[$0].watermarked }) {
            bodyStart = first
            titleIndex = lines[..<first].indices.first { lines[$0].kind == .body && looksLikeTitle(scalars, lines[$0].content) }
        } else {
            let firstBody = lines.indices.first { lines[$0].kind == .body }
            if let firstBody, looksLikeTitle(scalars, lines[firstBody].content),
                lines[(firstBody + 1)...].contains(where: { $0.kind == .body })
            {
                titleIndex = firstBody
            }
            bodyStart = titleIndex.map { $0 + 1 } ?? (firstBody ?? lines.count)
        }
        if let titleIndex {
            lines[titleIndex].kind = .title
            metadata.title = Scalars.string(scalars, lines[titleIndex].content.start, lines[titleIndex].content.end)
        }
        for k in lines[..<bodyStart].indices where lines[k].kind == .body { lines[k].kind = .header }
        if watermark == nil { markSandwichedHeader(scalars, &lines, from: bodyStart) }

        if metadata.title == nil, let htmlTitle {
            metadata.title = Self.cleanHTMLTitle(htmlTitle)
        }
        let paragraphs = lines.filter { $0.kind == .body }.map(\.content)
        return Result(
            paragraphs: paragraphs, metadata: metadata,
            watermark: watermark.map { String(String.UnicodeScalarView($0)) }, lines: lines)
    }

    // MARK: Watermark

    /// The longest suffix shared by at least `max(3, 40%)` of the non-empty lines, after
    /// dropping leading punctuation (the stop before a glued watermark belongs to the
    /// sentence). Sorting the reversed lines puts lines with a common suffix next to each
    /// other, so the best suffix is the longest common prefix of some window of `k` neighbours.
    func findWatermark(_ scalars: [Unicode.Scalar], _ lines: [Line]) -> [Unicode.Scalar]? {
        let n = lines.count
        let k = max(watermarkMinimumParagraphs, Int((Double(n) * watermarkMinimumShare).rounded(.up)))
        guard n >= watermarkMinimumParagraphs, k <= n else { return nil }
        let maxLength = 120
        let reversed: [[Unicode.Scalar]] = lines.map { line in
            let from = max(line.span.start, line.span.end - maxLength)
            return Array(scalars[from..<line.span.end].reversed())
        }
        let order = reversed.indices.sorted { a, b in reversed[a].lexicographicallyPrecedes(reversed[b]) { $0.value < $1.value } }
        var best = 0
        var bestLine = 0
        for w in 0...(n - k) {
            let first = reversed[order[w]]
            let last = reversed[order[w + k - 1]]
            var l = 0
            while l < first.count && l < last.count && first[l] == last[l] { l += 1 }
            if l > best {
                best = l
                bestLine = order[w]
            }
        }
        guard best > 0 else { return nil }
        var suffix = Array(reversed[bestLine][0..<best].reversed())
        while let c = suffix.first, Scalars.isSpace(c) || Scalars.isStop(c) || Scalars.isCloser(c) || Scalars.isClauseSeparator(c) || c == "." {
            suffix.removeFirst()
        }
        // Short or purely Chinese suffixes are ordinary words (有限公司), not stamps; a stamp has
        // a separator, Latin letters or length.
        let wordy = suffix.filter(Scalars.isWordy).count
        let allCJK = suffix.allSatisfy(Scalars.isCJK)
        guard suffix.count >= 6, wordy >= 4, !allCJK || suffix.count >= 10 else { return nil }
        let sharing = lines.filter { endsWith(scalars, $0.span, suffix) }.count
        return sharing >= k ? suffix : nil
    }

    private func endsWith(_ scalars: [Unicode.Scalar], _ span: TextSpan, _ suffix: [Unicode.Scalar]) -> Bool {
        guard span.length >= suffix.count else { return false }
        return scalars[(span.end - suffix.count)..<span.end].elementsEqual(suffix)
    }

    /// Runs of CJK characters of at least `minimum` length: the names inside a watermark.
    private func cjkRuns(of text: [Unicode.Scalar], minimum: Int) -> [String] {
        var runs: [String] = []
        var current: [Unicode.Scalar] = []
        for c in text + [" "] {
            if Scalars.isCJK(c) {
                current.append(c)
            } else {
                if current.count >= minimum { runs.append(String(String.UnicodeScalarView(current))) }
                current = []
            }
        }
        return runs
    }

    // MARK: Line tests

    static let widgetWords = ["返回顶部", "扫一扫", "分享到", "朋友圈", "微信", "微博", "字体", "字号", "分享", "评论", "打印", "关闭", "收藏", "转发", "点赞", "参与", "窗口", "本页", "放大", "缩小", "默认"]

    func furnitureKind(_ text: String, watermarked: Bool, siteNames: [String]) -> LineKind? {
        let scalars = Array(text.unicodeScalars)
        let length = scalars.count
        let wordy = scalars.filter(Scalars.isWordy).count
        if wordy == 0 { return .decoration }
        if Self.isBreadcrumb(scalars) { return .breadcrumb }
        if length <= shortLine && (text.contains("欢迎您") || text.contains("欢迎光临") || text.contains("欢迎访问")) {
            return .welcome
        }
        if Self.isCommentWidget(text) { return .comments }
        if length <= 30 {
            var rest = text
            for word in Self.widgetWords { rest = rest.replacingAll(word, with: " ") }
            if rest != text && rest.unicodeScalars.filter(Scalars.isWordy).count <= 4 { return .widget }
        }
        let withoutLinks = Self.removingLinks(text)
        if withoutLinks.count != length {
            let remaining = withoutLinks.filter(Scalars.isWordy).count
            if remaining <= 30 || !withoutLinks.contains(where: Scalars.isStop) { return .link }
        }
        if !watermarked && length <= shortLine && siteNames.contains(where: { text.contains($0) }) {
            return .siteName
        }
        return nil
    }

    /// Segments joined by `>`, `»`, `＞` or `›`: three or more short segments, or two when the
    /// first is a "you are here" word (首页, 当前位置).
    static func isBreadcrumb(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count <= 120, !scalars.contains(where: { Scalars.isStop($0) && $0 != "." }) else { return false }
        var segments: [[Unicode.Scalar]] = [[]]
        for c in scalars {
            if c == ">" || c == "»" || c == "＞" || c == "›" || c == "\u{3009}" {
                segments.append([])
            } else {
                segments[segments.count - 1].append(c)
            }
        }
        let trimmed = segments.map { segment -> [Unicode.Scalar] in
            Array(segment.drop(while: Scalars.isSpace).reversed().drop(while: Scalars.isSpace).reversed())
        }
        guard trimmed.count >= 2, trimmed.allSatisfy({ !$0.isEmpty && $0.count <= 16 }) else { return false }
        if trimmed.count >= 3 { return true }
        let first = String(String.UnicodeScalarView(trimmed[0]))
        return first.hasSuffix("首页") || first.contains("位置")
    }

    /// Comment boxes: 匿名评论, N人参与, N条评论, 发表评论, 网友评论 on a short line.
    static func isCommentWidget(_ text: String) -> Bool {
        guard text.unicodeScalars.count <= 40 else { return false }
        return text.contains("人参与") || text.contains("条评论") || text.contains("匿名评论") || text.contains("发表评论")
            || text.contains("网友评论") || text.contains("我要评论")
    }

    /// The text with URLs (http://, https://, www.) and e-mail addresses removed.
    static func removingLinks(_ text: String) -> [Unicode.Scalar] {
        let s = Array(text.unicodeScalars)
        var out: [Unicode.Scalar] = []
        var i = 0
        func isURLChar(_ c: Unicode.Scalar) -> Bool {
            c.value > 0x20 && c.value < 0x7F && c != "<" && c != ">" && c != "\"" && c != ")" && c != "("
        }
        func starts(_ p: String, _ at: Int) -> Bool {
            var k = at
            for c in p.unicodeScalars {
                guard k < s.count, s[k] == c || (c.value >= 0x61 && c.value <= 0x7A && s[k].value == c.value - 32) else {
                    return false
                }
                k += 1
            }
            return true
        }
        while i < s.count {
            if starts("http://", i) || starts("https://", i) || starts("www.", i) {
                while i < s.count && isURLChar(s[i]) { i += 1 }
                continue
            }
            if s[i] == "@", i > 0, isURLChar(s[i - 1]), i + 1 < s.count, Scalars.isASCIILetter(s[i + 1]) || Scalars.isDigit(s[i + 1]) {
                // An e-mail address: drop the local part already copied and the domain.
                while let last = out.last, isURLChar(last), last != "(" { out.removeLast() }
                i += 1
                while i < s.count && isURLChar(s[i]) { i += 1 }
                continue
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    /// A title: 4–80 scalars with content, not ending like a sentence.
    func looksLikeTitle(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> Bool {
        guard span.length <= 80 else { return false }
        let wordy = scalars[span.start..<span.end].filter(Scalars.isWordy).count
        guard wordy >= 4, let last = span.end > span.start ? scalars[span.end - 1] : nil else { return false }
        return last != "。" && last != "；" && last != ";"
    }

    // MARK: Blocks

    /// (d) A line starting 声明, 免责声明 or 版权声明 followed by a colon (or nothing) starts the
    /// disclaimer: it, the paragraph after a bare label, and every following line that is
    /// short or furniture.
    func markDisclaimer(_ scalars: [Unicode.Scalar], _ lines: inout [Line]) {
        guard let start = lines.indices.first(where: { k in
            let text = Scalars.string(scalars, lines[k].content.start, lines[k].content.end)
            return Self.isDisclaimerStart(text)
        }) else { return }
        lines[start].kind = .disclaimer
        var k = start + 1
        let label = Scalars.string(scalars, lines[start].content.start, lines[start].content.end)
        if label.unicodeScalars.filter(Scalars.isWordy).count <= 6, k < lines.count {
            lines[k].kind = .disclaimer
            k += 1
        }
        while k < lines.count {
            if lines[k].kind == .body && lines[k].content.length > 40 { break }
            if lines[k].kind == .body { lines[k].kind = .disclaimer }
            k += 1
        }
    }

    static func isDisclaimerStart(_ text: String) -> Bool {
        let stripped = text.drop { !Scalars.isCJK($0.unicodeScalars.first!) }
        for label in ["免责声明", "版权声明", "声明"] where stripped.hasPrefix(label) {
            let rest = stripped.dropFirst(label.count).drop { $0 == " " || $0 == "】" || $0 == "]" }
            return rest.isEmpty || rest.first == ":" || rest.first == "："
        }
        return false
    }

    /// (e) Short lines at the very end after a comment widget go with it.
    func markTrailingComments(_ scalars: [Unicode.Scalar], _ lines: inout [Line]) {
        guard let firstComment = lines.indices.first(where: { lines[$0].kind == .comments }) else { return }
        let tail = lines[firstComment...]
        guard tail.allSatisfy({ $0.kind != .body || $0.content.length <= 12 }) else { return }
        for k in tail.indices where lines[k].kind == .body { lines[k].kind = .comments }
    }

    /// Without a watermark, a short header line between two furniture lines (a site slogan
    /// between a logo line and a link line) is furniture too.
    func markSandwichedHeader(_ scalars: [Unicode.Scalar], _ lines: inout [Line], from start: Int) {
        guard start < lines.count else { return }
        let firstLong = lines[start...].indices.first { lines[$0].kind == .body && lines[$0].content.length > 40 } ?? lines.count
        func isFurniture(_ kind: LineKind) -> Bool { kind != .body && kind != .title && kind != .metadata }
        for k in start..<firstLong where lines[k].kind == .body && lines[k].content.length <= 40 {
            if k > 0, k + 1 < lines.count, isFurniture(lines[k - 1].kind), isFurniture(lines[k + 1].kind) {
                lines[k].kind = .header
            }
        }
    }

    /// An HTML `<title>` without the site name after a separator (`标题 - 网站`).
    public static func cleanHTMLTitle(_ title: String) -> String? {
        var best = title
        for separator in [" - ", " _ ", "_", "|", "｜", " — ", "——", " – "] {
            if let range = best.range(of: separator) {
                let head = String(best[..<range.lowerBound])
                if head.unicodeScalars.filter(Scalars.isWordy).count >= 4 { best = head }
            }
        }
        let trimmed = best.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    func trimmingSpaces() -> String {
        let s = Array(unicodeScalars)
        let (a, b) = Scalars.trim(s, 0, s.count)
        return Scalars.string(s, a, b)
    }
}
