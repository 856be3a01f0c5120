import KGModel
import KGText

extension SentenceView {
    /// Where an unmarked name starting at `position` runs to, before the pattern's own ends are
    /// added (see `Search.spans`): it depends only on the position and the length limit, and
    /// every rule with a span slot asks for it, so it is computed once per sentence.
    struct SpanRun {
        var end: Int
        var natural: Bool
        var nameStart: Int
    }

    func spanRun(at position: Int, maxLength: Int) -> SpanRun {
        var table = 0
        while table < spanRunLimits.count, spanRunLimits[table] != maxLength { table += 1 }
        if table == spanRunLimits.count {
            spanRunLimits.append(maxLength)
            spanRuns.append(Array(repeating: SpanRun(end: -1, natural: false, nameStart: 0), count: count + 1))
        }
        let known = spanRuns[table][position]
        if known.end >= 0 { return known }
        let run = computeSpanRun(at: position, maxLength: maxLength)
        spanRuns[table][position] = run
        return run
    }

    private func computeSpanRun(at position: Int, maxLength: Int) -> SpanRun {
        var end = position
        var depth = 0
        var natural = true
        while end < text.count, !stopAt[end] || CharClass.isLatinSpace(text, end, from: position) {
            let c = text[end]
            if c == "(" || c == "（" { depth += 1 }
            if c == ")" || c == "）" {
                if depth == 0 { break }
                depth -= 1
            }
            guard nameAt[end] || c == " " else { break }
            if end > position, cutterAt[end] {
                // 投资, 控股… closing a name (新湖投资、) belong to it; followed by more, they are verbs.
                if let weak = weakCutters.first(where: { has($0, at: end) }) {
                    let after = end + weak.count
                    if after >= text.count || stopAt[after] || isBarrier(after) || cutterAt[after] {
                        end = after
                    }
                }
                break
            }
            if end - position == maxLength {
                natural = false
                break
            }
            end += 1
        }
        // A full name with an organisation suffix may hold words that otherwise end a span
        // (无锡市滨湖城市投资发展有限责任公司).
        var long = position
        var lastLongSuffix: Int?
        while long < text.count, long - position < 30, !stopAt[long], !isBarrier(long),
            nameAt[long], long == position || !cutterAt[long] || weakCutters.contains(where: { has($0, at: long) })
        {
            long += 1
            if orgSuffixes.contains(where: { long - $0.count >= position + 2 && has($0, at: long - $0.count) }) { lastLongSuffix = long }
        }
        if let lastLongSuffix, lastLongSuffix > end {
            end = lastLongSuffix
            natural = true
        }
        // A run that goes on past an organisation suffix (…有限公司书面通知) ends at the last suffix.
        if natural {
            var lastSuffix: Int?
            for k in (position + 2)..<max(end, position + 2) {
                for suffix in orgSuffixes where k + suffix.count <= end && has(suffix, at: k) {
                    lastSuffix = max(lastSuffix ?? 0, k + suffix.count)
                }
            }
            if let lastSuffix, lastSuffix < end { end = lastSuffix }
            // Digits glued to a Chinese name are a number that follows it (…公司2.5%).
            while end - position > 2, ("0"..."9").contains(text[end - 1]) {
                var k = end - 1
                while k > position, ("0"..."9").contains(text[k - 1]) || text[k - 1] == "." { k -= 1 }
                guard k > position, text[k - 1].value >= 0x4E00 else { break }
                end = k
            }
        }
        // An appositive descriptor (国际娱乐巨头迪斯尼, 战投安联集团) is not part of the name.
        var nameStart = position
        for k in position..<max(position, end) {
            for word in descriptors where has(word, at: k) && end - (k + word.count) >= 2 { nameStart = k + word.count }
        }
        return SpanRun(end: end, natural: natural, nameStart: nameStart)
    }
}
