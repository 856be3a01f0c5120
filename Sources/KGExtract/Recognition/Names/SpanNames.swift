import KGModel
import KGText

/// Names the recogniser did not mark, as rule span slots read them: how far an unmarked name
/// starting at a position runs, which recognised mentions bound such names, and the company
/// named as the subject of an announcing verb.
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
        memo.spanRun(at: position, maxLength: maxLength) { computeSpanRun(at: position, maxLength: maxLength) }
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
                } else if let closer = nameListClosers.first(where: { has($0, at: end) }) {
                    let after = end + closer.count
                    if after < text.count, text[after] == "、" || text[after] == "等" { end = after }
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
            if orgSuffixLasts.contains(text[long - 1]),
                orgSuffixes.contains(where: { long - $0.count >= position + 2 && has($0, at: long - $0.count) })
            {
                lastLongSuffix = long
            }
        }
        if let lastLongSuffix, lastLongSuffix > end {
            end = lastLongSuffix
            natural = true
        }
        // A run that goes on past an organisation suffix (…有限公司书面通知) ends at the last suffix.
        if natural {
            var lastSuffix: Int?
            for k in (position + 2)..<max(end, position + 2) where orgSuffixFirsts.contains(text[k]) {
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

    /// A named (not anaphoric) organisation or person mention that holds no coordinator (与, 和, 及, 、): such a
    /// mention bounds spans and stops gaps. A mention across a coordinator is likely two names
    /// run together, so spans may cut it.
    static func isTrusted(_ mention: Mention, vocabulary: Vocabulary, text: [Unicode.Scalar], base: Int, typeFits: Bool? = nil) -> Bool {
        guard mention.type != Slot.postType, mention.source != .anaphor,
            typeFits ?? (vocabulary.isA(mention.type, EntityTypeID.organization) || vocabulary.isA(mention.type, EntityTypeID.person))
        else { return false }
        let start = max(0, mention.span.start - base)
        let end = min(text.count, mention.span.end - base)
        guard start < end else { return false }
        let body = Array(text[start..<end])
        if body.contains(where: { coordinatorTable.contains($0) }) { return false }
        // A name found by its suffix alone may have taken in words before it (公司中航动力,
        // 中信证券开始买入中国重工): spans may cut it when it holds words names do not.
        if mention.source == .suffix {
            if startsWithBadStart(body[...]) { return false }
            for k in 1..<body.count {
                let rest = body[k...]
                if let words = spanCutterIndex[body[k]], words.contains(where: { rest.starts(with: $0) }) { return false }
                // 投资, 控股… inside a suffix name, with more name after them, may be a verb.
                if weakCutterFirsts.contains(body[k]), weakCutters.contains(where: { rest.starts(with: $0) && rest.count > $0.count + 1 }) {
                    return false
                }
                if spanStopTable.contains(body[k]) { return false }
            }
        }
        return true
    }

    /// A name the recogniser missed at a clause start, known as a subject because an
    /// announcing verb follows it (中海发展表示, 南纺股份今日公告).
    static func speaker(in sentence: AnnotatedSentence, from start: Int) -> EntityDescriptor? {
        let text = sentence.normalized
        var end = start
        while end < text.count, end - start < 10, CharClass.isSpanNameChar(text[end]), !spanStopTable.contains(text[end]) {
            for verb in speechVerbs where end - start >= 2 && end + verb.count <= text.count {
                if (0..<verb.count).allSatisfy({ text[end + $0] == verb[$0] }) {
                    var body = Array(text[start..<end])
                    // 嘉凯城同时公告: the name ends before an adverb.
                    if let cut = (1..<body.count).first(where: { k in
                        spanCutters.contains { body[k...].starts(with: $0) } || spanLeads.contains { $0.count > 1 && body[k...].starts(with: $0) }
                    }) {
                        body = Array(body[..<cut])
                    }
                    guard body.count >= 2, NameJudge.speakerRejection(body) == nil,
                        NameJudge.wordRejection(start..<(start + body.count), text: text, words: sentence.words) == nil
                    else { return nil }
                    let name = String(String.UnicodeScalarView(body))
                    let original = Array(sentence.sentence.text.unicodeScalars)
                    let label = String(String.UnicodeScalarView(original[start..<min(start + body.count, original.count)]))
                    return EntityDescriptor(key: .name(normalized: name), type: EntityTypeID.company, labelZh: label)
                }
            }
            end += 1
        }
        return nil
    }

    /// True when a person, post or exchange mention lies inside `start..<end` (relative
    /// offsets): such a span is no organisation's name (…创始人刘庆峰, 美股+港股).
    func holdsPersonPostOrExchange(_ start: Int, _ end: Int) -> Bool {
        mentions.contains { mention in
            let a = mention.span.start - base
            let b = mention.span.end - base
            return a >= start && b <= end
                && (mention.type == EntityTypeID.person || mention.type == EntityTypeID.post || mention.type == EntityTypeID.exchange)
        }
    }

    /// Types named by common words, which the word gate does not judge.
    static let commonWordTypes: Set<String> = [EntityTypeID.industry, EntityTypeID.product, EntityTypeID.title, EntityTypeID.project]
}
