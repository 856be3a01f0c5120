import KGModel
import KGText

extension SentenceView {
    /// What the name checks make of an unmarked span name (`Search.spans`).
    enum SpanVerdict {
        /// The start is bad: no longer reading from it is a name either.
        case badStart
        case rejected
        case accepted
    }

    /// The checks `Search.spans` makes of the span `nameStart..<stop` as a name, remembered for
    /// the sentence: they depend only on the span and the two flags, and every rule with a span
    /// slot asks them again at the same positions (the word gate alone was a fifth of matching).
    /// `typed`: the slot names its endings; `gated`: the word gate judges the slot's type.
    func spanVerdict(_ nameStart: Int, _ stop: Int, typed: Bool, gated: Bool) -> SpanVerdict {
        let key = ((nameStart * (count + 1) + stop) << 2) | (typed ? 2 : 0) | (gated ? 1 : 0)
        return memo.spanVerdict(key) { judgeSpan(nameStart, stop, typed: typed, gated: gated) }
    }

    private func judgeSpan(_ nameStart: Int, _ stop: Int, typed: Bool, gated: Bool) -> SpanVerdict {
        let body = text[nameStart..<stop]
        // A bad start rules out every longer reading too; the other checks only this one.
        if NameJudge.hasBadStart(body) { return .badStart }
        if NameJudge.spanRejection(body, typedEnding: typed) != nil { return .rejected }
        // A descriptor describes a name and ends none (核心子品牌, 行业龙头).
        if !typed, descriptors.contains(where: { body.ends(with: $0) }) { return .rejected }
        // A slot that names its endings (…产业集群) vouches for the name as a suffix does; the
        // word gate judges the others.
        // Industries, products and titles are named by common words (新材料, 现代服务业).
        if !typed, gated, NameJudge.wordRejection(nameStart..<stop, text: text, words: sentence.words) != nil { return .rejected }
        // A span holding a person, a post or an exchange is no organisation (科大讯飞创始人刘庆峰).
        if holdsPersonPostOrExchange(nameStart, stop) { return .rejected }
        return .accepted
    }
}
