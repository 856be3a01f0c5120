import KGModel

/// The one judge of whether a stretch of text can be a name, and if not, why.
///
/// Every stage that finds a name without a lexicon row asks it: rule span slots (an unmarked
/// name before or after a trigger), the matcher's speaker test (中海发展表示), and the name gate
/// that will stand before the store. Keeping the checks here, each with a reason, is what lets
/// `kg explain` say why a candidate was turned down and lets the checks grow in one place.
enum NameJudge {
    /// Why a candidate is not a name.
    enum Rejection: String, Sendable, Hashable {
        /// It opens with a quantity, demonstrative, pronoun or verb (一批, 该, 积极…).
        case badStart = "starts with a word names do not start with"
        /// It opens with a word that ends names (公告, 收购…).
        case startsWithStopWord = "starts with a word that ends names"
        /// Longer than a short name and not ended by an organisation word (公司, 大学…).
        case tooLongWithoutHead = "a phrase: too long for a name without an organisation ending"
        case tooFewLetters = "fewer than two letters"
        /// A digit before 年/月/日: a date.
        case date = "holds a date"
        case unbalancedBrackets = "unbalanced brackets"
        /// Ends with an amount or a joiner (元, 亿, %, -).
        case badEnd = "ends like an amount"
        /// A count of shares (100万股).
        case shareCount = "a count of shares"
        /// A generic noun (公司, 上市公司, 双方).
        case generic = "a generic noun"
    }

    /// Whether `body` opens with a word no name opens with. A span slot stops trying longer
    /// readings at the first such start, so this check comes apart from `spanRejection`.
    static func hasBadStart(_ body: ArraySlice<Unicode.Scalar>) -> Bool {
        startsWithBadStart(body)
    }

    /// Why `body` (normalised text) is not an unmarked name, or nil when it may be one; the
    /// checks of a rule's span slot after `hasBadStart`. `typedEnding` is true when the slot
    /// requires an ending (…中心), which lets a name run long.
    static func spanRejection(_ body: ArraySlice<Unicode.Scalar>, typedEnding: Bool) -> Rejection? {
        // The cheap checks first, the string last.
        if !typedEnding, body.count > 8, !nameHeads.contains(where: { body.ends(with: $0) }), !body.allSatisfy({ $0.isASCII }) {
            return .tooLongWithoutHead
        }
        var alphabetic = 0
        var open = 0
        var close = 0
        var digitBeforeDate = false
        var previous: Unicode.Scalar = " "
        for c in body {
            if CharClass.isAlphabetic(c) { alphabetic += 1 }
            if c == "(" || c == "（" {
                open += 1
            } else if c == ")" || c == "）" {
                close += 1
            }
            if ("0"..."9").contains(previous), dateUnitTable.contains(c) { digitBeforeDate = true }
            previous = c
        }
        if alphabetic < 2 { return .tooFewLetters }
        if digitBeforeDate { return .date }
        if open != close { return .unbalancedBrackets }
        if let last = body.last, spanBadEndTable.contains(last) { return .badEnd }
        if body.count >= 2, body[body.endIndex - 1] == "股", countBeforeShareTable.contains(body[body.endIndex - 2]) {
            return .shareCount
        }
        // Every generic word is Chinese: a string with more scalars cannot equal one.
        if body.count <= spanGenericMaxScalars, isGenericSpan(body, makeString(body)) { return .generic }
        return nil
    }

    /// Why `body` is not the name of a company announcing something (the subject before 表示,
    /// 公告…), or nil when it may be one.
    static func speakerRejection(_ body: [Unicode.Scalar]) -> Rejection? {
        if spanBadStarts.contains(where: { body.starts(with: $0) }) { return .badStart }
        if spanCutters.contains(where: { body.starts(with: $0) }) { return .startsWithStopWord }
        if spanGeneric.contains(String(String.UnicodeScalarView(body))) { return .generic }
        return nil
    }
}
