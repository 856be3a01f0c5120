import KGModel
import KGText

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
        /// It starts or ends inside a word (披露要|约, 一如既往地支|持).
        case splitsWord = "starts or ends inside a word"
        /// Led by a verb, adverb, preposition, pronoun, time word… (涵盖半导体, 谈及公司, 晚间).
        case leadingWord = "starts with a verb, adverb or function word"
        /// Ended by one (投票表决, 比例最多, 外界关心).
        case trailingWord = "ends with a verb, adverb or function word"
        /// A number with a classifier (24户企业, 28家公司, 常美华5人).
        case quantity = "holds a number with a classifier"
        /// A verb or preposition in common use inside it (青岛参加国内顶级联赛, 方式为山东钢铁集团).
        case innerVerb = "holds a verb or preposition"
        /// Only common words, none of them a name or a name's ending (学校办学历程, 核心子品牌).
        case commonWords = "only common words"
        /// The bare 公司 after a word that says what kind of company, or when, not which one
        /// (创业公司, 集团公司, 谈及公司, 首日公司).
        case kindOfCompany = "a kind of company, not a name"
        /// A place and a word of its surroundings before the ending (长三角周边生物医药产业园).
        case surroundings = "a place and its surroundings describe, they do not name"
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
        if startsWithBadStart(body[...]) { return .badStart }
        if spanCutters.contains(where: { body.starts(with: $0) }) { return .startsWithStopWord }
        if isGenericSpan(body[...], makeString(body[...])) { return .generic }
        return nil
    }

    /// Why `range` of a sentence (local offsets into its normalised text) cannot be a name given
    /// the sentence's words, or nil: the gate for names no lexicon row or suffix vouches for
    /// (rule span slots, the model's tagged names). A name starts and ends on word boundaries,
    /// is not led or ended by a verb, adverb or function word, holds no number with a
    /// classifier, and is not made only of common words unless it ends like an organisation.
    ///
    /// `endIsKnown`: a suffix the recogniser matched ends the name, even where the dictionary
    /// fuses it with the word after it (区委|书记 read as 区委书记), so the end is not checked.
    /// `startIsKnown`: likewise a function character before the name (任|中轻集团, read as 任中).
    ///
    /// `office`: the caller knows the text ends in an office's word (处, 局, 部) and judges it as
    /// an organisation's name.
    static func wordRejection(
        _ range: Range<Int>, text: [Unicode.Scalar], words: WordSegmentation, endIsKnown: Bool = false, office: Bool = false,
        startIsKnown: Bool = false
    ) -> Rejection? {
        guard !range.isEmpty else { return .tooFewLetters }
        guard startIsKnown || words.isBoundary(at: range.lowerBound), endIsKnown || words.isBoundary(at: range.upperBound) else { return .splitsWord }
        let inside = words.words(in: range)
        guard let first = inside.first, let last = inside.last else { return nil }
        let body = text[range]
        let endsLikeOrganisation =
            office || (organisationEndingLasts.contains(text[range.upperBound - 1]) && organisationEndings.contains { body.ends(with: $0) })
        // An ordinal opens no name (第一股, 第二大股东).
        if first.pos.isNumeral, text[range.lowerBound] == "第" { return .leadingWord }
        // A single character at an edge is no evidence: names start and end with characters
        // that alone are verbs or prepositions (加多宝, 建行, 中石油). A rare word's tag is weak
        // evidence too (古汉 is a time word in the dictionary): the edge checks read words in
        // common use. With an organisation ending the rest may be any words (同方股份, 大同煤业),
        // but not led by a verb in common use or a function word (涵盖半导体).
        if first.range.count > 1, first.frequency >= rareWord,
            endsLikeOrganisation ? isLeadingNonOrganisation(first) : isLeadingNonName(first)
        {
            return .leadingWord
        }
        if last.range.count > 1, last.frequency >= rareWord, !endsLikeOrganisation, isTrailingNonName(last) { return .trailingWord }
        // An adverb in common use after a word and before a verb, an adjective, a number or the
        // end makes a clause (比例|最|多): names hold none. After a single character or before a
        // noun it is more likely a character of a name the dictionary does not know (先|正|达,
        // 兰|太|实业, 鼎|睿|再|保险).
        if inside.count > 1 {
            for k in inside.indices.dropFirst()
            where inside[k].pos.isAdverb && inside[k].frequency >= commonAdverb && inside[k - 1].range.count > 1 && inside[k - 1].fromDictionary {
                guard k + 1 < inside.endIndex else { return .trailingWord }
                let next = inside[k + 1].pos
                if next.isVerb || next == .adjective || next.isNumeral || next.isAdverb { return .trailingWord }
            }
        }
        // A dictionary quantity word closing it (转转|多数, 企业|多个).
        if inside.count > 1, last.range.count > 1, last.fromDictionary, last.pos.isNumeral, last.frequency >= 1000 {
            return .quantity
        }
        // A verb in common use inside it makes a clause, not a name (青岛参加国内顶级联赛).
        if !endsLikeOrganisation, inside.count > 2, inside.dropFirst().dropLast().contains(where: { $0.pos == .verb && $0.range.count > 1 && $0.frequency >= 2000 }) {
            return .innerVerb
        }
        // A preposition in common use inside it joins a clause (重组方式|为|山东钢铁集团), whatever
        // it ends with; names hold conjunctions (量子信息与量子科技创新研究院), not prepositions.
        if inside.count > 2, inside.dropFirst().dropLast().contains(where: {
            $0.pos == .preposition && $0.fromDictionary && $0.frequency >= 50_000 && !"与和及".unicodeScalars.contains(text[$0.range.lowerBound])
        }) {
            return .innerVerb
        }
        // Words of acting together close no name (湖畔创投|联合 领投, 星河|共同 出资).
        if inside.count > 1, coActionWords.contains(where: { body.ends(with: $0) }) { return .trailingWord }
        var previous: Word?
        for word in inside {
            if let previous, previous.pos == .numeral, word.pos.isClassifier { return .quantity }
            previous = word
        }
        // A count closing it (转转上一轮, 完成两轮): numerals the dictionary lists end no name.
        if inside.count > 1, last.fromDictionary, last.pos.isNumeral, countUnits.contains(text[last.range.upperBound - 1]) {
            return .quantity
        }
        // A locative closing a phrase (经济圈内, 园区中) ends no name.
        if range.count >= 3, locatives.contains(text[range.upperBound - 1]),
            last.range.count == 1 || last.pos == .placeWord || last.pos == .direction
        {
            return .trailingWord
        }
        // Cut short of an organisation ending (青岛科技|大学): the name goes on. A party organ
        // after a name (中轻集团|党委) is the organisation's committee; the name is whole.
        if range.upperBound < text.count, institutionalEndingFirsts.contains(text[range.upperBound]),
            institutionalEndings.contains(where: { text[range.upperBound...].starts(with: $0) }),
            !SentenceScanner.partyOrgans.contains(where: { text[range.upperBound...].starts(with: $0) })
        {
            return .splitsWord
        }
        // One term of the dictionary, not a proper noun, is a term, however it ends (人工智能,
        // 生物医药): a name the dictionary knows is tagged as one.
        if inside.count == 1, first.fromDictionary, first.range == range, range.count >= 4, !first.pos.isProperName, isCommon(first, text) {
            return .commonWords
        }
        // A company's own word opening it (公司|子公司, 集团|党委) refers to the company; it names
        // nothing new.
        if endsLikeOrganisation, inside.count > 1, first.fromDictionary, referringOpeners.contains(where: { text[first.range].elementsEqual($0) }) {
            return .kindOfCompany
        }
        if endsLikeOrganisation {
            // Before an organisation ending the words must name something: a place or a proper
            // noun will do (晋陵投资集团), common words alone will not (基础设施投资).
            let endings = organisationEndings.filter { body.ends(with: $0) && body.count > $0.count }
            if let ending = endings.max(by: { $0.count < $1.count }), words.isBoundary(at: range.upperBound - ending.count) {
                let stem = words.words(in: range.lowerBound..<(range.upperBound - ending.count))
                // A one-word stem of two characters may be a brand (东方航空, 长城汽车), but not
                // before the bare 公司 (创业公司, 团结公司): that is a kind of company.
                // 投资 is as often the word as a company's ending (初次投资, B轮投资): it is judged
                // like the bare 公司. Both often follow a word saying what kind, not which one.
                let kindEnding = ending.elementsEqual("公司".unicodeScalars) || ending.elementsEqual("投资".unicodeScalars)
                // A round before it (B轮, 上一轮) names an investment, not a company.
                if kindEnding, let closing = stem.last, text[closing.range.upperBound - 1] == "轮" { return .quantity }
                // An amount after 投资 (概算投资约42.4亿) makes it the sum invested, not a company.
                if ending.elementsEqual("投资".unicodeScalars), amountFollows(text, at: range.upperBound) { return .quantity }
                // Before the bare 公司 a verb, adjective, adverb or time word in the dictionary,
                // however rare, says what kind of company or when (谈及公司, 首日公司); brands are
                // nouns or names. (Generic parts, 集团公司 and 创业公司, are the lexicon's
                // generic words.)
                if kindEnding, let closing = stem.last, closing.range.count > 1, closing.fromDictionary, !closing.pos.isProperName,
                    closing.pos.isVerb || closing.pos == .verbalNoun || closing.pos == .adjective || closing.pos.isAdverb
                        || isTimeOrDirection(closing.pos)
                {
                    return .kindOfCompany
                }
                // A one-character verb after a common word before it is a clause (股份|占|公司).
                if kindEnding, stem.count >= 2, let closing = stem.last, closing.range.count == 1, closing.fromDictionary, closing.pos == .verb,
                    isCommon(stem[stem.index(before: stem.endIndex - 1)], text)
                {
                    return .kindOfCompany
                }

                if !stem.isEmpty, stem.allSatisfy({ isCommon($0, text) }), !hasUnknownRun(stem),
                    stem.count > 1 || range.count - ending.count > 2 || kindEnding
                {
                    return .commonWords
                }
            } else if !endings.isEmpty, inside.count > 1, isCommon(last, text),
                inside.allSatisfy({ isCommon($0, text) }), !hasUnknownRun(inside)
            {
                // The ending inside a longer word (工程|金属材料): common words throughout.
                return .commonWords
            }
            return nil
        }
        if inside.allSatisfy({ isCommon($0, text) }), !hasUnknownRun(inside), inside.count > 1 || (first.frequency >= 1000 && first.pos != .adjective) {
            return .commonWords
        }
        // A place before a generic noun of organisations is a kind, not a name (中国国有企业,
        // 天津高校); a place before other words may well be one (上海第一生化).
        if genericOrganisationNouns.contains(where: { body.ends(with: $0) }),
            inside.allSatisfy({ isCommon($0, text) || $0.pos == .placeName }), !hasUnknownRun(inside)
        {
            return .commonWords
        }
        return nil
    }

    /// Words a company uses for itself or its group: no name opens with them (公司子公司).
    private static let referringOpeners = ["公司", "集团", "本公司", "该公司"].map { Array($0.unicodeScalars) }

    /// True when an amount starts at `position`, after at most two characters of approximation
    /// or total (约, 达, 超, 近, 逾, 共, 总计): 投资约42.4亿, 投资达5亿元.
    static func amountFollows(_ text: [Unicode.Scalar], at position: Int) -> Bool {
        var i = position
        while i < text.count, i - position < 2, approximators.contains(text[i]) { i += 1 }
        guard i < text.count else { return false }
        // Digits are an amount anywhere; a numeral character only after 约 or 达 (投资约五亿),
        // since names hold numerals (三一重工).
        return CharClass.isDigit(text[i]) || i > position && "一二三四五六七八九十两百千万亿".unicodeScalars.contains(text[i])
    }

    private static let approximators = ScalarSet("约达超近逾共总计额为")

    /// A word that never opens a name: verbs in common use, adverbs, prepositions, conjunctions,
    /// particles, pronouns, time and direction words, classifiers, and numbers that count.
    private static func isLeadingNonName(_ word: Word) -> Bool {
        switch word.pos {
        case .verb, .intransitiveVerb, .adverbialVerb, .verbClassifier: return word.frequency >= commonVerb
        default:
            return word.pos.isAdverb || word.pos.isFunctionWord || word.pos.isClassifier || isTimeOrDirection(word.pos)
                || isPronounOrPhrase(word.pos)
        }
    }

    /// Pronouns (该, 其, 大家) and idioms or set phrases (一如既往) are no part of a name.
    private static func isPronounOrPhrase(_ pos: PartOfSpeech) -> Bool {
        pos == .pronoun || pos == .personalPronoun || pos == .demonstrativePronoun || pos == .idiom || pos == .setPhrase
    }

    /// A word that never opens a name that ends like an organisation.
    private static func isLeadingNonOrganisation(_ word: Word) -> Bool {
        switch word.pos {
        case .verb, .intransitiveVerb, .adverbialVerb, .verbClassifier: return word.frequency >= 500
        default:
            // Not adverbs: the dictionary tags place words so (大同, 首都), and places open
            // organisation names (大同煤业, 首都农业集团).
            return word.pos.isFunctionWord || word.pos == .timeWord || isPronounOrPhrase(word.pos)
        }
    }

    /// A word that never closes a name: adverbs, function words, pronouns, time and direction
    /// words. Verbs may (滴滴出行, 新希望): a phrase ending in one is caught as common words.
    private static func isTrailingNonName(_ word: Word) -> Bool {
        word.pos.isAdverb || word.pos.isFunctionWord || isTimeOrDirection(word.pos) || isPronounOrPhrase(word.pos)
    }

    private static func isTimeOrDirection(_ pos: PartOfSpeech) -> Bool {
        pos == .timeWord || pos == .timeMorpheme || pos == .direction
    }

    /// A verb this common is read as a verb; rarer ones end names (文远知行).
    private static let commonVerb = 200
    /// Below this frequency a word's part of speech does not decide.
    private static let rareWord = 100

    /// Adverbs this common (最, 将, 已, 也, 还) are function words of clauses, not name material.
    private static let commonAdverb = 20_000

    /// A dictionary word common enough, and not a proper noun, to be no evidence of a name. A
    /// four-character compound the dictionary lists (生物医药, 国有企业) is a term however rare; a
    /// rare shorter word (古汉, 外高桥) may be part of a name.
    private static func isCommon(_ word: Word, _ text: [Unicode.Scalar]) -> Bool {
        // One character is name material as often as a word (渝开发, 美团).
        guard word.fromDictionary, !word.pos.isProperName, word.range.count > 1 else { return false }
        return word.frequency >= 300 || (word.range.count >= 4 && word.pos != .abbreviation) || isAbstractNoun(word, text)
    }

    /// Nouns for kinds of organisations and industries: a place before one names a kind
    /// (中国国有企业, 中国建筑业).
    private static let genericOrganisationNouns = ["企业", "机构", "单位", "部门", "院校", "学校", "高校", "园区", "业"].map { Array($0.unicodeScalars) }

    /// A derived abstract noun (自主性, 规范化, 覆盖率), however rare: no part of a name.
    private static func isAbstractNoun(_ word: Word, _ text: [Unicode.Scalar]) -> Bool {
        word.range.count >= 3 && (word.pos == .noun || word.pos == .verbalNoun) && abstractEndings.contains(text[word.range.upperBound - 1])
    }

    private static let abstractEndings = ScalarSet("性化率度")

    /// Classifiers that close a count (一轮, 两家, 三批); 中国一重 ends in no classifier.
    private static let countUnits = ScalarSet("轮批家个位名项座期次户")

    /// Words of acting together, which follow the parties they join.
    private static let coActionWords = ["联合", "共同", "一起", "分别", "携手", "联手", "一同"].map { Array($0.unicodeScalars) }

    /// Postpositions that close a place phrase.
    private static let locatives = ScalarSet("内外中上下里间前后旁边")

    /// Endings of institutions: a span right before one is a name cut short.
    private static let institutionalEndings: [[Unicode.Scalar]] = RecognitionTables.suffixes.filter {
        $0.kind == .institutional && $0.text.unicodeScalars.count >= 2
    }.map { Array($0.text.unicodeScalars) }

    /// Two single-character words in a row: the segmenter's sign of a word it does not know
    /// (美|团, 特|锐|德), which is likely a name.
    private static func hasUnknownRun(_ words: ArraySlice<Word>) -> Bool {
        var singles = 0
        for word in words {
            if word.range.count == 1 && word.pos != .punctuation {
                singles += 1
                if singles >= 2 { return true }
            } else {
                singles = 0
            }
        }
        return words.contains { !$0.fromDictionary && $0.pos != .punctuation }
    }

    /// Endings that make a name an organisation's, and their last characters (a cheap filter:
    /// the gate is asked at every place a span may end).
    private static let organisationEndings = nameHeads + RecognitionTables.industryWords
    private static let organisationEndingLasts = ScalarSet(organisationEndings.compactMap(\.last))
    private static let institutionalEndingFirsts = ScalarSet(institutionalEndings.compactMap(\.first))


    /// True when a mention is a name as the text writes it, to be stored and listed: not a post,
    /// not an anaphor (该公司, 园区) or a ticker code (300001.SZ, which stands for the exchange),
    /// not a quoted phrase that is no title, and not a bare Latin acronym (GPU, API) that no
    /// lexicon row names.
    static func isWrittenName(_ mention: Mention) -> Bool {
        guard mention.entity != nil, mention.type != EntityTypeID.post else { return false }
        switch mention.source {
        case .anaphor, .ticker: return false
        case .quoted: return mention.type == EntityTypeID.title
        case .latin: return mention.confidence > 0.5
        default: return true
        }
    }
}
