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
        /// What the line is.
        public var kind: LineKind
        /// True when a watermark suffix was cut from this line.
        public var watermarked: Bool
    }

    /// The result of cleaning.
    public struct Result: Sendable {
        /// Body paragraphs, in order, as spans into the text.
        public var paragraphs: [TextSpan]
        /// Title, time, source and authors read from the page.
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
            if MetadataLine.parse(scalars[lines[k].content.start..<lines[k].content.end], into: &metadata) {
                lines[k].kind = .metadata
            }
        }
        if let source = metadata.source {
            for part in source.split(whereSeparator: { "·・|｜/ ".contains($0) }) where part.unicodeScalars.count >= 3 {
                siteNames.append(String(part))
            }
        }

        // (b)–(c) Furniture line by line.
        // A welcome line names the site (☆ 某某网 ☆欢迎您): other lines repeating it are furniture.
        for line in lines where line.kind == .body && line.content.length <= shortLine {
            let slice = scalars[line.content.start..<line.content.end]
            guard Self.welcomeWords.contains(where: { Scalars.contains(slice, $0) }) else { continue }
            var rest = Array(slice)
            for word in Self.welcomeWords {
                while let at = Scalars.firstIndex(of: word, in: rest[...], from: 0) {
                    rest.replaceSubrange(at..<(at + word.count), with: [" "])
                }
            }
            siteNames += cjkRuns(of: rest, minimum: 3)
        }
        let namePatterns = siteNames.map { Array($0.unicodeScalars) }
        for k in lines.indices where lines[k].kind == .body {
            let line = scalars[lines[k].content.start..<lines[k].content.end]
            if let kind = furnitureKind(line, watermarked: lines[k].watermarked, siteNames: namePatterns) {
                lines[k].kind = kind
            }
        }

        // (d) Disclaimer block; (e) comment widgets at the end.
        markDisclaimer(scalars, &lines)
        markTrailingComments(scalars, &lines)

        // The body starts at the first watermarked body line when there is a watermark (the
        // site stamps body paragraphs only), else at the first body line after the title.
        var titleIndex: Int?
        var bodyStart: Int
        if watermark != nil,
            let first = lines.indices.first(where: { lines[$0].kind == .body && lines[$0].watermarked })
        {
            bodyStart = first
            titleIndex = lines[..<first].indices.first {
                lines[$0].kind == .body && looksLikeTitle(scalars, lines[$0].content)
            }
        } else {
            // The title is the first body line when it looks like one. When the page has a
            // header (metadata or furniture before the first paragraph-like line, one that ends
            // with a stop or is too long for a title), it is the first substantial line of that
            // header, past logo and section lines.
            let firstBody = lines.indices.first { lines[$0].kind == .body }
            let firstParagraph =
                lines.indices.first { k in
                    lines[k].kind == .body
                        && (lines[k].content.length > 80 || endsLikeSentence(scalars, lines[k].content))
                } ?? lines.count
            let hasHeader = lines[..<firstParagraph].contains { $0.kind != .body }
            let searchEnd = hasHeader ? firstParagraph : min(firstParagraph, (firstBody ?? 0) + 1)
            titleIndex = lines[..<searchEnd].indices.first { k in
                lines[k].kind == .body && looksLikeTitle(scalars, lines[k].content)
                    && lines[(k + 1)...].contains(where: { $0.kind == .body })
            }
            bodyStart = titleIndex.map { $0 + 1 } ?? (firstBody ?? lines.count)
        }
        // An HTML page names its title in <title>: a leading line that the <title> contains is
        // the title even when a logo or section line comes first.
        if let htmlTitle {
            let limit =
                watermark != nil
                ? bodyStart
                : (lines.indices.first { lines[$0].kind == .body && lines[$0].content.length > 40 } ?? lines.count)
            let named = lines[..<limit].indices.first { k in
                guard lines[k].kind == .body, looksLikeTitle(scalars, lines[k].content) else { return false }
                return htmlTitle.contains(Scalars.string(scalars, lines[k].content.start, lines[k].content.end))
            }
            if let named, named != titleIndex {
                titleIndex = named
                bodyStart = max(bodyStart, named + 1)
            }
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
    /// sentence).
    ///
    /// Lines are grouped by their last scalar, then the groups big enough are split by the
    /// scalar before it, and so on: a group must hold at least 40% of the lines, so at most two
    /// survive each step and the work is linear in the number of lines times the suffix length.
    /// When two suffixes of the same length qualify, the first group found wins (the order is
    /// fixed, so the result is the same on every run).
    func findWatermark(_ scalars: [Unicode.Scalar], _ lines: [Line]) -> [Unicode.Scalar]? {
        let n = lines.count
        let k = max(watermarkMinimumParagraphs, Int((Double(n) * watermarkMinimumShare).rounded(.up)))
        guard n >= watermarkMinimumParagraphs, k <= n else { return nil }
        let maxLength = 120
        var groups: [[Int]] = [Array(lines.indices)]
        var depth = 0
        while depth < maxLength {
            var next: [[Int]] = []
            for group in groups {
                for value in frequentScalars(scalars, lines, group, depth: depth, atLeast: k) {
                    func matches(_ line: Int) -> Bool {
                        lines[line].span.length > depth && scalars[lines[line].span.end - 1 - depth].value == value
                    }
                    var count = 0
                    for line in group where matches(line) { count += 1 }
                    // Past the first steps a group is usually all watermark lines: keep it whole.
                    if count == group.count {
                        next.append(group)
                    } else if count >= k {
                        next.append(group.filter(matches))
                    }
                }
            }
            if next.isEmpty { break }
            groups = next
            depth += 1
        }
        guard depth > 0, let line = groups.first?.first else { return nil }
        let end = lines[line].span.end
        var suffix = Array(scalars[(end - depth)..<end])
        while let c = suffix.first,
            Scalars.isSpace(c) || Scalars.isStop(c) || Scalars.isCloser(c) || Scalars.isClauseSeparator(c) || c == "."
        {
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

    /// The scalar values at distance `depth` from the end of the group's lines that may occur
    /// at least `atLeast` times (a superset; the caller counts). When that is more than a
    /// third of the group, Misra–Gries with two counters finds them without hashing.
    private func frequentScalars(
        _ scalars: [Unicode.Scalar], _ lines: [Line], _ group: [Int], depth: Int, atLeast k: Int
    ) -> [UInt32] {
        if k * 3 <= group.count {
            var counts: [UInt32: Int] = [:]
            for line in group where lines[line].span.length > depth {
                counts[scalars[lines[line].span.end - 1 - depth].value, default: 0] += 1
            }
            return counts.filter { $0.value >= k }.map(\.key).sorted()
        }
        var first: UInt32 = 0
        var firstCount = 0
        var second: UInt32 = 0
        var secondCount = 0
        for line in group where lines[line].span.length > depth {
            let value = scalars[lines[line].span.end - 1 - depth].value
            if firstCount > 0 && value == first {
                firstCount += 1
            } else if secondCount > 0 && value == second {
                secondCount += 1
            } else if firstCount == 0 {
                first = value
                firstCount = 1
            } else if secondCount == 0 {
                second = value
                secondCount = 1
            } else {
                firstCount -= 1
                secondCount -= 1
            }
        }
        var candidates: [UInt32] = []
        if firstCount > 0 { candidates.append(first) }
        if secondCount > 0 { candidates.append(second) }
        return candidates
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

    static let widgetWords = [
        "返回顶部", "扫一扫", "分享到", "朋友圈", "微信", "微博", "字体", "字号", "分享", "评论", "打印", "关闭", "收藏",
        "转发", "点赞", "参与", "窗口", "本页", "放大", "缩小", "默认",
    ].map { Array($0.unicodeScalars) }
    static let welcomeWords = ["欢迎您", "欢迎光临", "欢迎访问"].map { Array($0.unicodeScalars) }
    static let commentWords = ["人参与", "条评论", "匿名评论", "发表评论", "网友评论", "我要评论"].map { Array($0.unicodeScalars) }
    static let linkMarks = ["http", "HTTP", "www.", "WWW.", "@"].map { Array($0.unicodeScalars) }

    /// What kind of furniture `text` is, or nil when it may be body text.
    func furnitureKind(_ text: String, watermarked: Bool, siteNames: [String]) -> LineKind? {
        furnitureKind(
            Array(text.unicodeScalars)[...], watermarked: watermarked,
            siteNames: siteNames.map { Array($0.unicodeScalars) })
    }

    /// The scalar form, run on every line: each test is gated by line length first, so long
    /// body paragraphs cost one pass over their scalars.
    func furnitureKind(_ s: ArraySlice<Unicode.Scalar>, watermarked: Bool, siteNames: [[Unicode.Scalar]]) -> LineKind? {
        let length = s.count
        var wordy = 0
        var hasArrow = false
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            i += 1
            if Scalars.isWordy(c) { wordy += 1 }
            if c == ">" || c == "»" || c == "＞" || c == "›" || c == "\u{3009}" { hasArrow = true }
        }
        if wordy == 0 { return .decoration }
        if length <= 8 {
            // An end mark: （完）, [END].
            let letters = String(String.UnicodeScalarView(s.filter(Scalars.isWordy))).lowercased()
            if letters == "完" || letters == "end" { return .decoration }
        }
        if hasArrow && length <= 120 && Self.isBreadcrumb(Array(s)) { return .breadcrumb }
        // A line holding a full stop is a sentence: welcome and site-name lines are slogans.
        let hasFullStop = s.contains("。")
        if length <= shortLine && !hasFullStop && Self.welcomeWords.contains(where: { Scalars.contains(s, $0) }) {
            return .welcome
        }
        if length <= 40 && Self.commentWords.contains(where: { Scalars.contains(s, $0) }) { return .comments }
        if length <= 30 {
            // Widget lines are widget words and little else: count what the words leave.
            var covered = [Bool](repeating: false, count: length)
            var any = false
            for word in Self.widgetWords {
                var i = 0
                while let found = Scalars.firstIndex(of: word, in: s, from: s.startIndex + i) {
                    for j in (found - s.startIndex)..<(found - s.startIndex + word.count) { covered[j] = true }
                    any = true
                    i = found - s.startIndex + word.count
                }
            }
            if any {
                var rest = 0
                for (j, c) in s.enumerated() where !covered[j] && Scalars.isWordy(c) { rest += 1 }
                if rest <= 4 { return .widget }
            }
        }
        if Self.linkMarks.contains(where: { Scalars.contains(s, $0) }) {
            let withoutLinks = Self.removingLinks(Array(s))
            if withoutLinks.count != length {
                let remaining = withoutLinks.filter(Scalars.isWordy).count
                if remaining <= 30 || !withoutLinks.contains(where: Scalars.isStop) { return .link }
            }
        }
        if !watermarked && length <= shortLine && !hasFullStop && siteNames.contains(where: { Scalars.contains(s, $0) }) {
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
        let s = Array(text.unicodeScalars)[...]
        return s.count <= 40 && commentWords.contains { Scalars.contains(s, $0) }
    }

    /// The text with URLs (http://, https://, www.) and e-mail addresses removed.
    static func removingLinks(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var i = 0
        func isURLChar(_ c: Unicode.Scalar) -> Bool {
            c.value > 0x20 && c.value < 0x7F && c != "<" && c != ">" && c != "\"" && c != ")" && c != "("
        }
        func starts(_ p: String, _ at: Int) -> Bool {
            var k = at
            for c in p.unicodeScalars {
                guard k < s.count, s[k] == c || (c.value >= 0x61 && c.value <= 0x7A && s[k].value == c.value - 32)
                else {
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
            if s[i] == "@", i > 0, isURLChar(s[i - 1]), i + 1 < s.count,
                Scalars.isASCIILetter(s[i + 1]) || Scalars.isDigit(s[i + 1])
            {
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

    /// A title: at most 80 scalars, at least 6 of them letters, digits or CJK (shorter lines
    /// are section labels and logos), not ending like a sentence.
    func looksLikeTitle(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> Bool {
        guard span.length <= 80 else { return false }
        let wordy = scalars[span.start..<span.end].filter(Scalars.isWordy).count
        return wordy >= 6 && !endsLikeSentence(scalars, span)
    }

    /// True when the span ends with 。；; (a title may end with ！ or ？).
    func endsLikeSentence(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> Bool {
        guard span.end > span.start else { return false }
        let last = scalars[span.end - 1]
        return last == "。" || last == "；" || last == ";"
    }

    // MARK: Blocks

    /// (d) A line starting 声明, 免责声明 or 版权声明 followed by a colon (or nothing) starts the
    /// disclaimer: it, the paragraph after a bare label, and every following line that is
    /// short or furniture.
    func markDisclaimer(_ scalars: [Unicode.Scalar], _ lines: inout [Line]) {
        let label = Array("声明".unicodeScalars)
        guard
            let start = lines.indices.first(where: { k in
                let span = lines[k].content
                // Cheap test first: the label must be within the line's first few scalars.
                guard Scalars.contains(scalars[span.start..<min(span.end, span.start + 12)], label) else {
                    return false
                }
                return Self.isDisclaimerStart(Scalars.string(scalars, span.start, span.end))
            })
        else { return }
        lines[start].kind = .disclaimer
        var k = start + 1
        let first = lines[start].content
        if scalars[first.start..<first.end].filter(Scalars.isWordy).count <= 6, k < lines.count {
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

    /// Without a watermark, a short header line between two non-body lines (a site slogan
    /// between a logo line and a link line) is furniture too. Lines are taken in order, so a
    /// run of such lines goes when it is closed by furniture or metadata on both sides.
    func markSandwichedHeader(_ scalars: [Unicode.Scalar], _ lines: inout [Line], from start: Int) {
        guard start < lines.count else { return }
        let firstLong =
            lines[start...].indices.first { lines[$0].kind == .body && lines[$0].content.length > 40 } ?? lines.count
        func isFurniture(_ kind: LineKind) -> Bool { kind != .body && kind != .title }
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
