import KGModel

/// Reads page metadata (time, source, authors) from short labelled lines such as
/// `发布时间:2023-12-31 15:58:36`, `文章来源:…`, `记者 张三 李四`.
public enum MetadataLine {
    enum Field { case published, source, authors, other }

    /// Labels, longest first so 文章来源 wins over 来源.
    static let labels: [(String, Field)] = [
        ("发布时间", .published), ("发表时间", .published), ("发布日期", .published), ("更新时间", .published),
        ("时间", .published), ("日期", .published),
        ("文章来源", .source), ("新闻来源", .source), ("信息来源", .source), ("稿件来源", .source),
        ("来源", .source), ("稿源", .source), ("出处", .source),
        ("特约记者", .authors), ("记者", .authors), ("通讯员", .authors), ("作者", .authors), ("撰文", .authors),
        ("责任编辑", .other), ("编辑", .other), ("责编", .other), ("审核", .other), ("校对", .other),
        ("浏览次数", .other), ("阅读", .other), ("点击数", .other),
    ]

    struct Match {
        var start: Int
        var valueStart: Int
        var field: Field
    }

    /// Parses `line`; when the line is nothing but metadata (labelled fields, or a bare date),
    /// fills the fields `metadata` does not have yet (authors accumulate) and returns true.
    public static func parse(_ line: String, into metadata: inout DocumentMetadata) -> Bool {
        parse(Array(line.unicodeScalars)[...], into: &metadata)
    }

    static let labelScalars: [([Unicode.Scalar], Field)] = labels.map { (Array($0.0.unicodeScalars), $0.1) }

    /// The scalar form, run on every line: long lines and sentences are rejected before any
    /// allocation.
    static func parse(_ s: ArraySlice<Unicode.Scalar>, into metadata: inout DocumentMetadata) -> Bool {
        guard !s.isEmpty, s.count <= 120 else { return false }
        // A sentence is body text even when it starts with a label word (记者 从…获悉。).
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "。" || c == "！" || c == "？" { return false }
            i += 1
        }
        var strip = Array(s)
        while let c = strip.first, c == "(" || c == "（" || c == "【" || c == "[" { strip.removeFirst() }
        while let c = strip.last, c == ")" || c == "）" || c == "】" || c == "]" { strip.removeLast() }

        if let date = DateText.find(in: strip), date.range.lowerBound == 0,
            strip[date.range.upperBound...].allSatisfy({ !Scalars.isWordy($0) || isWeekday(strip, $0) })
        {
            if metadata.published == nil { metadata.published = date.iso }
            return true
        }

        var matches: [Match] = []
        i = 0
        while i < strip.count {
            var matched = false
            for (l, field) in labelScalars where strip[i] == l[0] {
                guard i + l.count <= strip.count, strip[i..<(i + l.count)].elementsEqual(l) else { continue }
                var v = i + l.count
                let hasSeparator = v < strip.count && (strip[v] == ":" || strip[v] == "：" || Scalars.isSpace(strip[v]))
                if field == .published {
                    guard hasSeparator || (v < strip.count && Scalars.isDigit(strip[v])) else { continue }
                } else {
                    guard hasSeparator else { continue }
                }
                while v < strip.count && (strip[v] == ":" || strip[v] == "：" || Scalars.isSpace(strip[v])) { v += 1 }
                matches.append(Match(start: i, valueStart: v, field: field))
                i = v
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        guard let first = matches.first else { return false }
        // Before the first label only a short prefix of the author kind (本报, 新华社) may stand.
        let prefix = strip[..<first.start].filter(Scalars.isWordy)
        guard prefix.isEmpty || (first.field == .authors && prefix.count <= 6) else { return false }

        var published: String?
        var source: String?
        var authors: [String] = []
        for (n, match) in matches.enumerated() {
            let end = n + 1 < matches.count ? matches[n + 1].start : strip.count
            let value = Array(strip[match.valueStart..<end])
            switch match.field {
            case .published:
                guard let date = DateText.find(in: value),
                    !value[..<date.range.lowerBound].contains(where: Scalars.isWordy)
                else {
                    return false
                }
                published = date.iso
            case .source:
                let (a, b) = Scalars.trim(value, 0, value.count)
                guard b - a >= 1, b - a <= 40 else { return false }
                source = Scalars.string(value, a, b)
            case .authors:
                let names = splitNames(value)
                guard !names.isEmpty else { return false }
                authors += names
            case .other:
                continue
            }
        }
        if metadata.published == nil, let published { metadata.published = published }
        if metadata.source == nil, let source { metadata.source = source }
        for name in authors where !metadata.authors.contains(name) { metadata.authors.append(name) }
        return true
    }

    private static func isWeekday(_ s: [Unicode.Scalar], _ c: Unicode.Scalar) -> Bool {
        "星期周一二三四五六日天".unicodeScalars.contains(c)
    }

    /// Names separated by spaces, 、, commas or slashes; each 1–12 scalars with no digit.
    /// Nil-safe: returns [] when a token does not look like a name.
    static func splitNames(_ value: [Unicode.Scalar]) -> [String] {
        var names: [String] = []
        var current: [Unicode.Scalar] = []
        func flush() -> Bool {
            defer { current = [] }
            guard !current.isEmpty else { return true }
            guard current.count <= 12, !current.contains(where: Scalars.isDigit) else { return false }
            names.append(String(String.UnicodeScalarView(current)))
            return true
        }
        for c in value {
            if Scalars.isSpace(c) || c == "、" || c == "," || c == "，" || c == "/" || c == ";" || c == "；" {
                if !flush() { return [] }
            } else if c == "(" || c == ")" || c == "（" || c == "）" {
                continue
            } else {
                current.append(c)
            }
        }
        if !flush() { return [] }
        return names.filter { $0.unicodeScalars.contains(where: Scalars.isWordy) }
    }
}

/// Dates as news pages write them, normalised to ISO 8601.
public enum DateText {
    /// A date found in text: where it is and its ISO 8601 form.
    public struct Found: Sendable, Hashable {
        /// Scalar offsets of the date (and time) in the searched text.
        public var range: Range<Int>
        /// `YYYY-MM-DD`, with `THH:MM` or `THH:MM:SS` when a time follows.
        public var iso: String
    }

    /// The first date in `s`: `2023-12-31`, `2023/12/31`, `2023.12.31` or `2023年12月31日`,
    /// optionally followed by a time `15:58` or `15:58:36` → `2023-12-31T15:58:36`.
    public static func find(in s: [Unicode.Scalar]) -> Found? {
        var i = 0
        while i < s.count {
            if Scalars.isDigit(s[i]), i == 0 || !Scalars.isDigit(s[i - 1]), let found = parse(s, at: i) { return found }
            i += 1
        }
        return nil
    }

    /// Parses a date string (the whole of `text` or its start).
    public static func iso(_ text: String) -> String? {
        find(in: Array(text.unicodeScalars))?.iso
    }

    private static func number(_ s: [Unicode.Scalar], _ i: inout Int, maxDigits: Int) -> Int? {
        var value = 0
        var digits = 0
        while i < s.count, digits < maxDigits, Scalars.isDigit(s[i]) {
            value = value * 10 + Int(Normalizer.normalize(s[i]).value - 0x30)
            i += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    private static func parse(_ s: [Unicode.Scalar], at start: Int) -> Found? {
        var i = start
        guard let year = number(s, &i, maxDigits: 4), i - start == 4, year >= 1900, year <= 2100, i < s.count else {
            return nil
        }
        let separator = s[i]
        guard separator == "-" || separator == "/" || separator == "." || separator == "年" else { return nil }
        i += 1
        guard let month = number(s, &i, maxDigits: 2), (1...12).contains(month), i < s.count else { return nil }
        let expected: Unicode.Scalar = separator == "年" ? "月" : separator
        guard s[i] == expected else { return nil }
        i += 1
        guard let day = number(s, &i, maxDigits: 2), (1...31).contains(day) else { return nil }
        if separator == "年" {
            guard i < s.count, s[i] == "日" || s[i] == "号" else { return nil }
            i += 1
        }
        var iso = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        var end = i
        var j = i
        while j < s.count && Scalars.isSpace(s[j]) { j += 1 }
        if let hour = number(s, &j, maxDigits: 2), hour < 24, j < s.count, s[j] == ":" || s[j] == "：" {
            j += 1
            if let minute = number(s, &j, maxDigits: 2), minute < 60 {
                iso += "T" + pad(hour, 2) + ":" + pad(minute, 2)
                end = j
                if j < s.count, s[j] == ":" || s[j] == "：" {
                    var k = j + 1
                    if let second = number(s, &k, maxDigits: 2), second < 60 {
                        iso += ":" + pad(second, 2)
                        end = k
                    }
                }
            }
        }
        return Found(range: start..<end, iso: iso)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
