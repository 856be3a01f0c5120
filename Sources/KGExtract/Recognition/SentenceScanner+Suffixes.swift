import KGModel
import KGText

extension SentenceScanner {
    // MARK: - Lexicon

    mutating func addLexiconMentions(_ list: [ScalarAutomaton.Hit]) {
        for hit in list {
            for cue in compiled.cues[Int(hit.pattern)] {
                guard case .entry(let e) = cue, !compiled.lexicon.entries[Int(e)].isPost else { continue }
                let entry = compiled.descriptors[Int(e)]
                // A two-character place read across two words of the dictionary (舞台|中央 holds
                // 台中) is no place: short names are where such accidents happen.
                if hit.end - hit.start == 2, entry.type == EntityTypeID.place, crossesWords(Int(hit.start), Int(hit.end)) { continue }
                // An organisation's name that ends inside a longer word (中国建筑|业 of 建筑业) is
                // the word's, not the name's.
                if compiled.isA(entry.type, EntityTypeID.organization), endsInsideWord(Int(hit.start), Int(hit.end)) { continue }
                add(Mention(span: TextSpan(Int(hit.start), Int(hit.end)), type: entry.type, entity: entry, source: .lexicon))
            }
        }
    }

    /// True when a dictionary word of two or more characters starts inside `a..<b` and goes on
    /// one character past its end (中国建筑 in 中国|建筑业).
    func endsInsideWord(_ a: Int, _ b: Int) -> Bool {
        guard b < text.count, let last = words.word(at: b - 1) else { return false }
        // One character past the name (建筑|业) derives a word from it; a word of its own
        // past it (电子科技大学|毕业 read as 大学毕业) leaves the name whole.
        return last.fromDictionary && last.range.count > 1 && last.range.lowerBound > a && last.range.upperBound == b + 1
    }

    /// True when `a..<b` starts inside one dictionary word and ends inside another (舞|台中|央).
    func crossesWords(_ a: Int, _ b: Int) -> Bool {
        guard let first = words.word(at: a), let last = words.word(at: b - 1) else { return false }
        return first.range.lowerBound < a && first.fromDictionary && last.range.upperBound > b && last.fromDictionary
    }

    // MARK: - Names by suffix

    mutating func addSuffixNames(_ list: [(hit: ScalarAutomaton.Hit, suffix: Int)]) {
        // Suffixes by end, longest first (股份有限公司 before 有限公司 before 公司): the longest
        // that yields a name wins; a shorter one is tried when the longer leaves no name
        // (宝新能源: 新能源 leaves 宝, 能源 leaves 宝新).
        var byEnd: [Int: [(hit: ScalarAutomaton.Hit, suffix: Int)]] = [:]
        for item in list { byEnd[Int(item.hit.end), default: []].append(item) }
        let suffixStarts = Set(list.map { Int($0.hit.start) })
        var longestFrom: [Int: Int] = [:]
        for item in list { longestFrom[Int(item.hit.start)] = max(longestFrom[Int(item.hit.start)] ?? 0, Int(item.hit.end)) }
        var created: [(start: Int, end: Int, index: Int, type: String, industry: Bool, branch: Bool)] = []
        for end in byEnd.keys.sorted() {
            let candidates = byEnd[end]!.sorted { $0.hit.end - $0.hit.start > $1.hit.end - $1.hit.start }
            for (hit, s) in candidates {
                if let made = suffixName(hit: hit, suffix: s, suffixStarts: suffixStarts, longestFrom: longestFrom) {
                    created.append(made)
                    break
                }
                // A legal ending read whole (科技|有限公司) is not read again as a shorter one
                // (科技有限|公司): what it left is no name.
                if compiled.suffixes[s].legal { break }
            }
        }
        // Among names with one start, a shorter company-like one is a piece of the longer
        // (新光维医疗科技 inside 新光维医疗科技(苏州)股份有限公司).
        var drop = Set<Int>()
        for a in created where a.type == EntityTypeID.company || a.industry {
            // A branch keeps its parent (中海石油有限公司 in 中海石油有限公司深圳分公司).
            if created.contains(where: { $0.start == a.start && $0.end > a.end && $0.type == EntityTypeID.company && !$0.branch }) {
                drop.insert(a.index)
            }
        }
        if !drop.isEmpty { removeMentions(drop) }
    }

    /// Makes the name ended by one suffix hit, or returns nil when the text before it is no name.
    mutating func suffixName(
        hit: ScalarAutomaton.Hit, suffix s: Int, suffixStarts: Set<Int>, longestFrom: [Int: Int]
    ) -> (start: Int, end: Int, index: Int, type: String, industry: Bool, branch: Bool)? {
        let suffix = compiled.suffixes[s]
        let start = Int(hit.start)
        let end = Int(hit.end)
        // 工业园 inside 工业园区: the longer suffix makes the name.
        if let longest = longestFrom[start], longest > end { return nil }
        // A lexicon name that contains the suffix is the better name.
        if findings.mentions.contains(where: {
            $0.source == .lexicon && $0.span.start <= start && $0.span.end >= end && $0.span.length > end - start
        }) {
            return nil
        }
        if end < text.count {
            let next = text[end]
            if RecognitionTables.suffixBreakers.contains(next) && !suffix.endsInCompany { return nil }
        }
        // A party organ after an industry word (华润置地|党委) is the company's committee: the
        // name ends there, as before any other suffix it would go on.
        if suffix.kind == .industry, !Self.partyOrgans.contains(where: { has($0, at: end) }) {
            if end < text.count, industryFollows(at: end) { return nil }
            if suffixStarts.contains(end) { return nil }
        }
        let shortForm = suffix.shortForm
        guard
            let found = leftEdge(
                suffixStart: start, suffixEnd: end, pastConjunction: suffix.pastConjunction, legal: suffix.legal,
                branch: suffix.branch,
                academic: suffix.type == EntityTypeID.university || suffix.type == EntityTypeID.researchInstitute)
        else { return nil }
        var edge = found
        // A verb the run starts inside (入|主蓝山电子 of 入主) ends before the name.
        if edge.prefixEnd == edge.start, let word = words.word(at: edge.start), word.range.lowerBound < edge.start,
            Self.isClauseVerb(word), start - word.range.upperBound >= 2
        {
            edge.cut(at: word.range.upperBound)
        }
        // One character of the clause glued to a Latin name (入职|OPPO研究院 read as 入|职|OPPO):
        // the name starts at the Latin letters.
        if edge.prefixEnd == edge.start, edge.start + 1 < start, CharClass.isCJK(text[edge.start]), CharClass.isLatinLetter(text[edge.start + 1]),
            let lone = words.word(at: edge.start), lone.range == edge.start..<(edge.start + 1), !lone.pos.isProperName
        {
            edge.cut(at: edge.start + 1)
        }
        // Words of the clause before the name (他|接替|蔚来汽车, 努力|做好|白云校区, 前往|青岛…公司):
        // a pronoun, a function word, an adverb, a time word (the dictionary tags 前往 so) or a
        // verb (tagged v, not a verbal noun: 建设银行, unless a verb went before it: 决定|投资|
        // 星河科技) opening the run is cut off while two characters of the name are left and no
        // lexicon name opens there (招商证券).
        var trimmed = 0
        while trimmed < 3, edge.prefixEnd == edge.start, let first = words.word(at: edge.start), first.range.lowerBound == edge.start,
            first.fromDictionary, start - first.range.upperBound >= 2,
            first.pos == .pronoun || first.pos == .personalPronoun || first.pos == .demonstrativePronoun || first.pos.isFunctionWord
                || first.range.count > 1 && first.pos.isAdverb && first.frequency >= 100
                || first.range.count > 1 && first.pos == .timeWord && first.frequency >= 100
                || Self.isClauseVerb(first)
                || first.range.count > 1 && first.frequency >= 100 && first.pos == .verbalNoun && (trimmed > 0 || verbEnds(at: edge.start)),
            !findings.mentions.contains(where: { $0.source == .lexicon && $0.span.start == edge.start })
        {
            edge.cut(at: first.range.upperBound)
            trimmed += 1
        }
        // A place named by its kind (龙泉高铁站, 天府大道) starts after the clause's last verb
        // (列车抵达|龙泉高铁站); company names hold verbs (新希望六和), places rarely.
        if suffix.type == EntityTypeID.place, edge.prefixEnd == edge.start,
            let verb = words.words(in: edge.start..<start).last(where: Self.isClauseVerb), start - verb.range.upperBound >= 2
        {
            edge.cut(at: verb.range.upperBound)
        }
        let nameStart = edge.start
        let prefixEnd = edge.prefixEnd
        // A place and a word of its surroundings (长三角|周边|生物医药产业园, 沿线) describe parks
        // near it; they name none.
        if findings.mentions.contains(where: { m in
            m.source == .lexicon && m.span.start >= nameStart && m.span.end < start && compiled.isA(m.type, EntityTypeID.place)
                && Self.surroundings.contains { has($0, at: m.span.end) }
        }) {
            findings.rejectedNames.append(RejectedName(span: TextSpan(nameStart, end), source: "suffix", reason: NameJudge.Rejection.surroundings.rawValue))
            return nil
        }
        // The part between the place/zone prefix and the suffix must say which one it is.
        let core = text[prefixEnd..<start]
        let whole = text[nameStart..<start]
        // An industry word after a company's name is its sector or a verb (桑德集团控股), not a name.
        if suffix.kind == .industry && edge.companyPrefix { return nil }
        // A place or 中国 before it makes a name of generic words (广西投资集团, 中国交通建设集团).
        let official = core.starts(with: "国家".unicodeScalars) || core.starts(with: "中国".unicodeScalars)
        // Short company names (X集团, X公司, X药业) are short: a long core means the edge overran.
        // Official names run long (中国国有企业结构调整基金) and start where the edge says.
        if shortForm && !official && nameLength(text[edge.knownPrefixEnd..<start]) > (suffix.kind == .industry ? 4 : 6) { return nil }
        let placed = prefixEnd > nameStart
        // A region or city before the suffix, not a country (山东公司, but not 美国公司).
        let regional = placed && !edge.countryLast
        var confidence = suffix.confidence
        switch suffix.kind {
        case .institutional:
            // 国家 starts official names (国家第三代半导体技术创新中心), however generic the rest.
            if whole.count < 2 || !(official && core.count > 2) && compiled.isGeneric(core) && prefixEnd == nameStart { return nil }
            if suffix.type == EntityTypeID.company && whole.count < 2 { return nil }
            if shortForm {
                if core.isEmpty && regional {
                    // A place and a suffix alone (山东公司) name a company, weakly.
                    confidence = 0.5
                } else if core.count < 2 && !(core.first.map(CharClass.isLatinLetter) ?? false)
                    || !(placed || official && core.count > 2) && compiled.isGeneric(core)
                {
                    return nil
                }
            }
        case .industry:
            if core.isEmpty && regional {
                // A place and an industry (重庆钢铁, 深圳能源) is a company's short name, weakly,
                // and only where a word ends after it (not 苏州生物药品).
                guard endsWord(at: end) else { return nil }
                confidence = 0.5
            } else if core.count < 2 && !(core.first.map(CharClass.isLatinLetter) ?? false) || compiled.isGeneric(core) {
                return nil
            }
        case .institute:
            // 中科院药物所, 中国科学院…所: an academy before 所.
            let academy = whole.contains("院") || zip(whole, whole.dropFirst()).contains { $0 == "科" && $1 == "学" }
            if !academy || whole.count < 2 { return nil }
        case .office:
            if prefixEnd == nameStart && !startsWithGovernmentWord(nameStart) { return nil }
            if whole.count < 2 || (core.count > 0 && compiled.isGeneric(core) && prefixEnd == nameStart) { return nil }
        }
        // The name gate: what a suffix ends is a name only if it starts and ends on words, is not
        // led by a verb or function word (涵盖半导体, 谈及公司) and holds no count (81家公司);
        // an industry word (科技, 投资) also needs more than common words before it (追加投资).
        // Universities, platforms and clusters are named by common words (中央财经大学, 国家合成
        // 生物技术创新中心, 生物药品制品制造创新型产业集群) and keep their suffix's word.
        // A lexicon name opening it (联想控股) is evidence enough.
        let opensWithKnownName = findings.mentions.contains {
            $0.source == .lexicon && $0.span.start == nameStart && $0.type != EntityTypeID.exchange
        }
        // A country and generic words before the bare 公司 (中国公司, 中国创业公司) say whose
        // companies, not which one (中国中药公司 is one).
        if suffix.text == "公司", let country = findings.mentions.first(where: {
            $0.source == .lexicon && $0.span.start == nameStart && ($0.entity.map { compiled.countryKeys.contains($0.key) } ?? false)
        }), country.span.end == start || compiled.isGeneric(text[country.span.end..<start]) {
            findings.rejectedNames.append(RejectedName(span: TextSpan(nameStart, end), source: "suffix", reason: NameJudge.Rejection.kindOfCompany.rawValue))
            return nil
        }
        // No company name opens with a board or an exchange (创业板种业公司 is a kind of company).
        if findings.mentions.contains(where: { $0.type == EntityTypeID.exchange && $0.span.start == nameStart && $0.span.end < end }) {
            return nil
        }
        // A scale before a cluster or platform (千亿级…产业集群, 世界级…) describes one; a name
        // does not open with it.
        if Self.namedByCommonWords.contains(suffix.type), opensWithScale(nameStart, before: start) { return nil }
        // A platform is named by common words only after a place, 国家 or 中国, or a known name
        // (国家火炬计划软件产业基地, 合肥智算中心); common words alone describe one (科研配套服务
        // 中心, 碳纤维材料生产应用基地), and a verb or adverb opening it makes a clause.
        if suffix.type == EntityTypeID.platform, !opensWithKnownName, !official, prefixEnd == nameStart,
            let rejection = NameJudge.wordRejection(nameStart..<end, text: text, words: words, endIsKnown: true),
            [.commonWords, .leadingWord, .innerVerb].contains(rejection)
        {
            findings.rejectedNames.append(RejectedName(span: TextSpan(nameStart, end), source: "suffix", reason: rejection.rawValue))
            return nil
        }
        if !Self.namedByCommonWords.contains(suffix.type), !opensWithKnownName,
            let rejection = NameJudge.wordRejection(
                nameStart..<end, text: text, words: words, endIsKnown: true,
                startIsKnown: nameStart > 0 && RecognitionTables.hardStopCharacters.contains(text[nameStart - 1])),
            rejection != .commonWords || suffix.kind == .industry || suffix.type != EntityTypeID.company
        {
            findings.rejectedNames.append(RejectedName(span: TextSpan(nameStart, end), source: "suffix", reason: rejection.rawValue))
            return nil
        }
        let nameText = string(nameStart, end)
        let entity = EntityDescriptor(
            key: .name(normalized: nameText), type: suffix.type, labelZh: nameText,
            labelEn: compiled.labeler.label(
                name: Array(text[nameStart..<end]), suffixLength: end - start, suffixEnglish: suffix.english))
        let index = findings.mentions.count
        add(Mention(span: TextSpan(nameStart, end), type: suffix.type, entity: entity, source: .suffix, confidence: confidence))
        if suffix.kind != .industry && !shortForm { institutionalEnds.insert(end) }
        if prefixEnd > nameStart && start - prefixEnd >= 2 && suffix.type == EntityTypeID.company {
            // The name without its place prefix, as the text's readers also call it.
            var short = entity
            let shortText = string(prefixEnd, end)
            short.aliases = [shortText]
            findings.mentions[index].entity = short
            add(Mention(span: TextSpan(prefixEnd, end), type: suffix.type, entity: short, source: .suffix, confidence: confidence * 0.9))
        }
        return (nameStart, end, index, suffix.type, suffix.kind == .industry, suffix.branch)
    }

    static let surroundings = ["周边", "周围", "附近", "沿线", "境内", "境外", "一带", "地区"].map { Array($0.unicodeScalars) }

    /// True when the text from `position` opens with a scale (千亿级, 百亿级, 世界级, 国际级).
    func opensWithScale(_ position: Int, before limit: Int) -> Bool {
        var i = position
        while i < limit, Self.numerals.contains(text[i]) || "亿".unicodeScalars.contains(text[i]) { i += 1 }
        if i > position, i < limit, text[i] == "级" { return true }
        return Self.scaleWords.contains { has($0, at: position) }
    }

    static let scaleWords = ["世界级", "国际级", "全球级"].map { Array($0.unicodeScalars) }

    /// True when a dictionary verb (tagged v) ends at `position`.
    func verbEnds(at position: Int) -> Bool {
        guard position > 0, let word = words.word(at: position - 1) else { return false }
        return word.range.upperBound == position && word.fromDictionary && word.pos == .verb
    }

    /// True when a word plausibly ends before `position`: the text ends, a non-Chinese character
    /// or a stop follows, or a verb, post or name starts there.
    func endsWord(at position: Int) -> Bool {
        guard position < text.count else { return true }
        let c = text[position]
        return !CharClass.isCJK(c) || cueStartsAt[position] || RecognitionTables.hardStopCharacters.contains(c)
            || RecognitionTables.softStopCharacters.contains(c) || RecognitionTables.industryNameFollowers.contains(c)
            || findings.mentions.contains { $0.span.start == position }
    }

    /// Length of a name part counting a Latin word as one character (Verenex能源 is 3).
    func nameLength(_ part: ArraySlice<Unicode.Scalar>) -> Int {
        var length = 0
        var inLatin = false
        for c in part {
            let latin = CharClass.isLatinLetter(c) || CharClass.isDigit(c)
            if !latin || !inLatin { length += 1 }
            inLatin = latin
        }
        return length
    }

    mutating func removeMentions(_ indices: Set<Int>) {
        // The place-prefix sub-mention added right after a dropped name goes with it.
        var all = indices
        for i in indices where i + 1 < findings.mentions.count {
            let a = findings.mentions[i]
            let b = findings.mentions[i + 1]
            if b.source == .suffix && b.span.end == a.span.end && b.span.start > a.span.start && b.entity?.key == a.entity?.key {
                all.insert(i + 1)
            }
        }
        findings.mentions = findings.mentions.enumerated().filter { !all.contains($0.offset) }.map(\.element)
        endingAt = [:]
        for (i, m) in findings.mentions.enumerated() { endingAt[m.span.end, default: []].append(i) }
    }

    func industryFollows(at position: Int) -> Bool {
        followerStartsAt[position] || RecognitionTables.suffixBreakers.contains(text[position])
            || RecognitionTables.singleIndustryFollowers.contains(text[position])
    }

    func startsWithGovernmentWord(_ position: Int) -> Bool {
        guard position + 2 <= text.count else { return false }
        let two = string(position, position + 2)
        return ["国家", "中国", "中央", "国务"].contains(two)
    }

    /// Scans left from a suffix for the start of the name. Returns the start and the end of the
    /// place/zone (or organisation) mentions the name begins with, or nil when no name is there.
    /// The left edge of a name: where it starts, where its place/zone prefix ends, where all the
    /// known names it starts with end, and whether one of those is a company.
    struct Edge {
        var start: Int
        var prefixEnd: Int
        var knownPrefixEnd: Int
        var companyPrefix: Bool
        /// The last place of the prefix is a country.
        var countryLast: Bool

        /// Moves the start to `position`, past words of the clause the run began with; known
        /// names that ended at the old start end at the new one.
        mutating func cut(at position: Int) {
            if knownPrefixEnd == start { knownPrefixEnd = position }
            start = position
            prefixEnd = position
        }
    }

    /// A verb of the clause, not of a name: tagged v (not a verbal noun), two characters or more,
    /// in common enough use that its tag decides (接替, 决定, 抵达; 转转 and 文远知行 read as names
    /// where the callers allow it).
    static func isClauseVerb(_ word: Word) -> Bool {
        word.fromDictionary && word.pos == .verb && word.frequency >= 100 && word.range.count > 1
    }

    func leftEdge(
        suffixStart: Int, suffixEnd: Int, pastConjunction: Bool, legal: Bool, branch: Bool, academic: Bool = false
    ) -> Edge? {
        let maxLength = 26
        var p = suffixStart
        var softCut: Int?
        var prefixMentions: [Mention] = []
        scanning: while p > 0 && suffixEnd - p < maxLength {
            // A known name ending here is taken whole, even when it ends like a stop word.
            if let m = entityMention(endingAt: p), m.span.start < p, !stopEndsAt[p] || m.source == .lexicon {
                // Another full name ends here (A有限公司B公司): B starts after it, unless B would
                // be nothing but its suffix.
                // A registered name holds no 公司 before its own ending either (直投公司|招商致远
                // 资本投资有限公司): the words before it say what kind of company follows.
                let endsInCompany = p >= 2 && text[p - 2] == "公" && text[p - 1] == "司"
                if m.source == .suffix && (institutionalEnds.contains(p) || legal && endsInCompany) && p < suffixStart && !branch { break }
                prefixMentions.append(m)
                p = m.span.start
                // A company name before the suffix is where the name starts (平安证券 + 集团), or
                // the place before it in a registered name (北京|百度|网讯科技有限公司).
                if m.type == EntityTypeID.company {
                    if legal, let place = entityMention(endingAt: p), place.source == .lexicon, compiled.isA(place.type, EntityTypeID.place) {
                        prefixMentions.append(place)
                        p = place.span.start
                    }
                    break
                }
                continue
            }
            if stopEndsAt[p] || weakStopEndsAt[p] && !legal { break }
            let c = text[p - 1]
            if c == ")" {
                // A short bracketed place inside a name: 新光维医疗科技(苏州)股份有限公司.
                var q = p - 2
                while q >= 0 && p - q <= 8 && CharClass.isCJK(text[q]) { q -= 1 }
                if q >= 0 && text[q] == "(" && q < p - 2 {
                    p = q
                    continue
                }
                break
            }
            if RecognitionTables.hardStopCharacters.contains(c) { break }
            if RecognitionTables.softStopCharacters.contains(c) {
                if suffixStart - p < 1 {
                    // A known name before it (集团党委|和|公司): two names joined, no name here.
                    if entityMention(endingAt: p - 1) != nil { break scanning }
                    p -= 1
                    continue
                }
                if softCut == nil { softCut = p }
                p -= 1
                continue
            }
            if !CharClass.isNameChar(c) { break scanning }
            p -= 1
        }
        var start = p
        if let cut = softCut {
            // Past a conjunction only when the name clearly starts further left (国家…及…中心),
            // not when a known organisation ends at it (国家工信部|和|安徽省政府: two names).
            let knownBeforeCut = findings.mentions.contains {
                $0.source == .lexicon && $0.span.end == cut - 1 && $0.entity.map { compiled.isA($0.type, EntityTypeID.organization) } == true
            }
            // 与 joining two fields in a school's or institute's name (环境与安全工程学院, 量子信息与
            // 量子科技创新研究院) makes one name, when the field before it is no known name and
            // holds no verb.
            let joinsFields = academic && text[cut - 1] == "与" && cut - 1 - start >= 2 && !knownBeforeCut
                && !findings.mentions.contains(where: { $0.span.end > start && $0.span.end <= cut - 1 })
                && !words.words(in: start..<(cut - 1)).contains(where: { $0.pos.isVerb })
            if !joinsFields && (!pastConjunction || !startsWithGovernmentWord(start) || start >= cut || knownBeforeCut) { start = cut }
            while start < suffixStart, RecognitionTables.softStopCharacters.contains(text[start]) { start += 1 }
            // A conjunction that would leave one character of the name (来自和利资本: 利资本) is
            // the name's first character, when no known name ends before it.
            if start == cut, suffixStart - cut < 2, cut >= 2, entityMention(endingAt: cut - 1) == nil {
                start = cut - 1
            }
        }
        // A verb before a place inside the run ends the clause the name is in (项目落位|长春新区,
        // 项目深度契合|咸阳高新区): the name starts at the place.
        if let place = findings.mentions.last(where: {
            $0.source == .lexicon && $0.span.start > start && $0.span.end <= suffixStart
                && $0.entity.map { compiled.isA($0.type, EntityTypeID.place) } == true
        }), words.words(in: start..<place.span.start).contains(where: { $0.pos.isVerb }) {
            start = place.span.start
        }
        start = trimLeadingQuantity(start, limit: suffixStart)
        while start < suffixStart, !CharClass.isNameChar(text[start]), text[start] != "(" { start += 1 }
        if start < suffixStart && text[start] == "(" { return nil }
        // The prefix mentions that the name (as finally cut) starts with.
        var prefixEnd = start
        var countryLast = false
        for m in prefixMentions.reversed() where m.span.start == prefixEnd {
            // A country is part of a name (中国半导体行业协会); a city or zone is where it is.
            guard let entity = m.entity, compiled.isA(entity.type, EntityTypeID.place), entity.key != .lexicon("cn") else { break }
            prefixEnd = m.span.end
            // Only a region or city (not a country, not a zone) makes a name with a suffix alone.
            countryLast = compiled.countryKeys.contains(entity.key) || entity.type != EntityTypeID.place
        }
        var knownEnd = start
        var company = false
        for m in prefixMentions.reversed() where m.span.start == knownEnd {
            knownEnd = m.span.end
            // A full name found by its suffix (桑德集团); a known brand before an industry word
            // names a subsidiary instead (华润电力).
            if m.type == EntityTypeID.company && m.source == .suffix { company = true }
        }
        if start == suffixStart && prefixEnd == start { return nil }
        return Edge(
            start: start, prefixEnd: prefixEnd, knownPrefixEnd: knownEnd, companyPrefix: company, countryLast: countryLast)
    }

    static let numerals = ScalarSet("一二三四五六七八九十两几多数百千万0123456789")
    static let measures = ScalarSet("家个批项座位名所")
    static let units = ScalarSet("年月日号时万亿元股个家批项位名%倍天周")

    /// Skips a count at the start of a name (两家, 3个) and units after a number (<N>月, 5亿).
    func trimLeadingQuantity(_ start: Int, limit: Int) -> Int {
        var i = start
        while i < limit && i > 0 && (CharClass.isDigit(text[i - 1]) || text[i - 1] == ">" || text[i - 1] == ".")
            && Self.units.contains(text[i])
        {
            i += 1
        }
        if i > start { return i }
        while i < limit && Self.numerals.contains(text[i]) { i += 1 }
        if i > start && i < limit && Self.measures.contains(text[i]) { return i + 1 }
        return start
    }

    /// Types whose names are often made of common words alone.
    static let namedByCommonWords: Set<String> = [EntityTypeID.university, EntityTypeID.industryCluster, EntityTypeID.platform]

    // MARK: - Names listed beside companies

    /// Members of a list whose other members are companies (泰祥股份、微创光电、华阳变速3家公司):
    /// an item between 、 and the list's end that the name gate passes is a company too. The list
    /// grows from its recognised members in both directions.
    mutating func addCoordinatedCompanies() {
        // The last member of a list said to be organisations (经纬中国等机构, A、B等多家投资机构)
        // starts the list when no member was recognised.
        for p in 2..<max(2, text.count) where text[p] == "等" && membersAreOrganisations(after: p + 1) {
            if let start = coordinatedItemStart(before: p), !findings.mentions.contains(where: { $0.span.end == p && !compiled.isA($0.type, EntityTypeID.place) }) {
                _ = addCoordinated(start, p)
            }
        }
        var grew = true
        var rounds = 0
        while grew && rounds < 8 {
            grew = false
            rounds += 1
            let companies = findings.mentions.filter {
                $0.type == EntityTypeID.company && $0.entity != nil
                    && ($0.source == .suffix || $0.source == .lexicon || $0.source == .coordinated)
            }
            for company in companies {
                let end = company.span.end
                if end + 1 < text.count, text[end] == "、", let itemEnd = coordinatedItemEnd(from: end + 1),
                    addCoordinated(end + 1, itemEnd)
                {
                    grew = true
                }
                let start = company.span.start
                if start >= 3, text[start - 1] == "、", let itemStart = coordinatedItemStart(before: start - 1),
                    addCoordinated(itemStart, start - 1)
                {
                    grew = true
                }
            }
        }
    }

    /// True when, after 等 and at most a word of number or rank (多家, 知名, 头部), a noun says
    /// the list's members are organisations (机构, 投资方, 企业).
    private func membersAreOrganisations(after position: Int) -> Bool {
        for skip in 0...2 {
            let p = position + skip
            if Self.memberNouns.contains(where: { has($0, at: p) }) { return true }
            guard p < text.count, CharClass.isCJK(text[p]), !RecognitionTables.hardStopCharacters.contains(text[p]) else { return false }
        }
        return false
    }

    static let memberNouns = Words.lists.scalars("members")

    /// Where a list item starting at `a` ends: before 、, 等, a count (3家公司) or a clause's end,
    /// at most eight characters on.
    private func coordinatedItemEnd(from a: Int) -> Int? {
        var p = a
        while p < text.count, p - a <= 8 {
            let c = text[p]
            if c == "、" || c == "等" || CharClass.isDigit(c) || RecognitionTables.hardStopCharacters.contains(c) || CharClass.isPunctuation(c) {
                return p - a >= 2 ? p : nil
            }
            guard CharClass.isCJK(c) else { return nil }
            p += 1
        }
        return p == text.count && p - a >= 2 ? p : nil
    }

    /// Where a list item ending at `b` (before 、) starts: after another 、 or a clause's start, at
    /// most eight characters back.
    private func coordinatedItemStart(before b: Int) -> Int? {
        var p = b
        while p > 0, b - p <= 8 {
            let c = text[p - 1]
            if c == "、" || RecognitionTables.hardStopCharacters.contains(c) || CharClass.isPunctuation(c) { return b - p >= 2 ? p : nil }
            guard CharClass.isCJK(c) else { return nil }
            p -= 1
        }
        return p == 0 && b >= 2 ? 0 : nil
    }

    /// Adds `a..<b` as a list member when it is not ended by a verb in common use (安全性评估; a
    /// rare one may end a name: 华阳变速) and `addCompanyName` takes it.
    private mutating func addCoordinated(_ start: Int, _ b: Int) -> Bool {
        // A noun of the members' kind inside the first item (济南企业|中孚信息) introduces it:
        // the name starts after it.
        var a = start
        if let kind = words.words(in: start..<b).last(where: { w in Self.memberNouns.contains { text[w.range].elementsEqual($0) } }),
            b - kind.range.upperBound >= 2
        {
            a = kind.range.upperBound
        }
        // A verb in common use closing the item ends a clause (、共同投资); one character may close
        // an abbreviation (泰达科投).
        guard let last = words.words(in: a..<b).last, !((last.pos.isVerb || last.pos == .verbalNoun) && last.frequency >= 1000 && last.range.count > 1)
        else { return false }
        // A place or zone the item opens or closes with is part of it (泰达科投, 苏州中盟信,
        // 光速中国): the list says the item is a company.
        return addFoundName(a..<b, type: EntityTypeID.company, source: .coordinated) { mention in
            mention.source == .lexicon && mention.span.start >= a && mention.span.end <= b && mention.span.length < b - a
                && (mention.type == EntityTypeID.place || mention.type == EntityTypeID.zone)
        }
    }

    /// Adds `a..<b` as a company found by its place in the text (`source`); see `addFoundName`.
    @discardableResult
    mutating func addCompanyName(_ a: Int, _ b: Int, source: MentionSource) -> Bool {
        addFoundName(a..<b, type: EntityTypeID.company, source: source)
    }

    /// Adds `range` as a name of `type` found by its place in the text (`source`) when nothing
    /// recognised overlaps it, no post, stop word or speech verb lies inside (副总经理) and the
    /// name gate passes it. Mentions for which `yields` is true (a place inside 中国银河) may
    /// overlap it: they are removed when the name is added, and kept when it is not.
    @discardableResult
    mutating func addFoundName(
        _ range: Range<Int>, type: String, source: MentionSource, yields: (Mention) -> Bool = { _ in false }
    ) -> Bool {
        let (a, b) = (range.lowerBound, range.upperBound)
        let overlapping = findings.mentions.indices.filter { findings.mentions[$0].span.start < b && findings.mentions[$0].span.end > a }
        guard overlapping.allSatisfy({ yields(findings.mentions[$0]) }),
            !(a..<b).contains(where: { cueStartsAt[$0] }),
            NameJudge.spanRejection(text[a..<b], typedEnding: false) == nil,
            NameJudge.wordRejection(a..<b, text: text, words: words) == nil,
            !compiled.isGeneric(text[a..<b])
        else { return false }
        if !overlapping.isEmpty { removeMentions(Set(overlapping)) }
        let name = string(a, b)
        let entity = EntityDescriptor(
            key: .name(normalized: name), type: type, labelZh: name, labelEn: compiled.labeler.label(name: name, suffix: nil))
        add(Mention(span: TextSpan(a, b), type: type, entity: entity, source: source, confidence: 0.7))
        return true
    }

    // MARK: - Companies by their verbs

    static let companyVerbsAlone = Words.companyVerbs.scalars("alone")
    static let companyVerbsOfDeals = Words.companyVerbs.scalars("deal")
    static let companyVerbsOfMoves = Words.companyVerbs.scalars("move")
    static let dealWords = ["融资", "投资", "轮"].map { Array($0.unicodeScalars) }
    /// The first characters of the company verbs: most positions of a sentence start none.
    static let companyVerbFirsts = FirstScalars(companyVerbsAlone + companyVerbsOfDeals + companyVerbsOfMoves)

    /// Names at a clause start before a company's verb (文远知行正式登陆纳斯达克, 星河智能宣布完成
    /// B轮融资): the subject, with adverbs and time words between it and the verb left out, is a
    /// company when nothing recognised overlaps it, it does not read as a person's name and the
    /// gate passes it.
    mutating func addCompanySubjects() {
        for v in 1..<max(1, text.count) where Self.companyVerbFirsts.mayStart(text, at: v) {
            // The longest move first (大涨 before 涨).
            let move = Self.companyVerbsOfMoves.filter { has($0, at: v) }.max { $0.count < $1.count }
            guard let verb = Self.companyVerbsAlone.first(where: { has($0, at: v) }) ?? Self.companyVerbsOfDeals.first(where: { has($0, at: v) }) ?? move,
                // The verb is a word of its own (not 获 of 获悉), or a move before its number.
                words.isBoundary(at: v), words.isBoundary(at: v + verb.count) || verb == move
            else { continue }
            if verb == move {
                // 涨, 跌: only a share price's move, a number right after (涨126.14%), and not
                // after a verb (开盘|大涨).
                guard v + verb.count < text.count, CharClass.isDigit(text[v + verb.count]),
                    !(words.word(at: v - 1).map { $0.fromDictionary && $0.pos.isVerb && $0.range.count > 1 } ?? false),
                    // The tail of a longer move (大|涨) is that move's.
                    !Self.companyVerbsOfMoves.contains(where: { $0.count > verb.count && v >= $0.count - verb.count && has($0, at: v - ($0.count - verb.count)) })
                else { continue }
            } else if !Self.companyVerbsAlone.contains(verb) {
                // 完成, 获得: only before a financing in the same clause.
                var p = v + verb.count
                var deal = false
                while p < text.count, !RecognitionTables.hardStopCharacters.contains(text[p]) {
                    if Self.dealWords.contains(where: { has($0, at: p) }) { deal = true; break }
                    p += 1
                }
                guard deal else { continue }
            }
            // Back over adverbs and time words (正式, 已, 今日) to the name's end.
            var end = v
            var skipped = 0
            while skipped < 2, end > 0, let word = words.word(at: end - 1), word.range.upperBound == end,
                word.pos.isAdverb || word.pos == .timeWord
            {
                end = word.range.lowerBound
                skipped += 1
            }
            // The name runs back to the clause start: punctuation, a space or the sentence start.
            var start = end
            while start > 0, end - start < 8, CharClass.isCJK(text[start - 1]) || CharClass.isLatinLetter(text[start - 1]) {
                start -= 1
            }
            guard end - start >= 2, start == 0 || !(CharClass.isCJK(text[start - 1]) || CharClass.isLatinLetter(text[start - 1]) || CharClass.isDigit(text[start - 1]))
            else { continue }
            // Not a count's tail (8家公司集中), nor led by a function word (的光环).
            guard !NameJudge.hasBadStart(text[start..<end]), !RecognitionTables.hardStopCharacters.contains(text[start]) else { continue }
            // A person's name there is the people finders' (王建国获得…).
            guard personName(at: start).map({ $0.end != end }) ?? true else { continue }
            addCompanyName(start, end, source: .companySubject)
        }
    }
}

extension SentenceScanner {
    // MARK: - Companies before their stock code

    static let codeLeads = ["股票代码", "证券代码", "股份代号", "股票代號", "股份代號"].map { Array($0.unicodeScalars) }

    /// Companies named after the label of their short name in a filing's header (证券简称:农发种业,
    /// 股票简称：星河科技): the text up to the next space or punctuation, when the gate passes it.
    mutating func addLabelledShortNames() {
        for p in 0..<text.count where text[p] == "简" {
            guard Self.shortNameLabels.contains(where: { p + 2 >= $0.count && has($0, at: p + 2 - $0.count) }) else { continue }
            var a = p + 2
            guard a < text.count, text[a] == ":" || text[a] == "：" else { continue }
            a += 1
            while a < text.count, text[a] == " " { a += 1 }
            var b = a
            while b < text.count, b - a < 10, CharClass.isCJK(text[b]) || CharClass.isLatinLetter(text[b]) || CharClass.isDigit(text[b]) { b += 1 }
            guard b - a >= 2, b - a < 10 else { continue }
            addCompanyName(a, b, source: .beforeTicker)
        }
    }

    static let shortNameLabels = ["证券简称", "股票简称", "公司简称", "A股简称", "H股简称"].map { Array($0.unicodeScalars) }

    /// Names written right before their stock code in brackets (中国银河(601881.SH), 特锐德(300001,
    /// 股吧), 小马智行(PONY.O)… but only digits count here): a listed company's short name, which
    /// no suffix reveals. The name runs back over the words before the bracket to the clause start,
    /// a 的 or a word names do not hold, and the name gate must pass it. A place the lexicon found
    /// inside it (中国 of 中国银河) gives way to the company.
    mutating func addTickerCompanies() {
        let n = text.count
        for open in 2..<max(2, n) where text[open] == "(" && text[open - 1] != ")" {
            guard stockCodeDigits(after: open + 1) != nil else { continue }
            let end = open
            // A name already recognised there (a lexicon company, a full name) is the name.
            if findings.mentions.contains(where: { $0.span.end == end && $0.entity != nil && $0.type != EntityTypeID.place && $0.source != .post }) {
                continue
            }
            guard let run = nameRun(endingAt: end) else { continue }
            // Only places wholly inside give way; a place that is the whole span is no company.
            addFoundName(run, type: EntityTypeID.company, source: .beforeTicker) {
                $0.type == EntityTypeID.place && $0.span.start >= run.lowerBound && $0.span.end <= end && $0.span.length < run.count
            }
        }
    }

    static let descriptorWords = Words.descriptors.scalars()

    /// The words before `end` that may make a short name: back to the clause start, a 的, a
    /// function word, pronoun or verb in common use, at most eight characters; nil when fewer
    /// than two are left or the run opens like no name.
    func nameRun(endingAt end: Int, longest: Int = 8) -> Range<Int>? {
        var start = end
        for word in words.words(in: max(0, end - longest - 2)..<end).reversed() {
            guard word.range.upperBound == start, end - word.range.lowerBound <= longest else { break }
            let c = text[word.range.lowerBound]
            guard CharClass.isCJK(c) || CharClass.isLatinLetter(c) else { break }
            if word.range.count == 1 && c == "的" { break }
            if word.fromDictionary && (word.pos.isFunctionWord || word.pos == .pronoun || word.pos == .demonstrativePronoun) { break }
            // A descriptor in apposition (A股独角兽|药明康德, 行业龙头|X) or a name recognised
            // before it (A股|…) is not part of it.
            if Self.descriptorWords.contains(where: { text[word.range].elementsEqual($0) }) { break }
            if findings.mentions.contains(where: { $0.span.overlaps(TextSpan(word.range.lowerBound, word.range.upperBound)) && $0.type != EntityTypeID.place }) {
                break
            }
            // A verb ends the run (王兴接替|蔚来汽车) unless it opens the clause: brands are
            // often verbs to the dictionary (转转CEO黄炜).
            if Self.isClauseVerb(word) || word.fromDictionary && word.range.count > 1 && word.pos.isVerb && word.frequency >= 500 {
                let lower = word.range.lowerBound
                if lower == 0 || !(CharClass.isCJK(text[lower - 1]) || CharClass.isLatinLetter(text[lower - 1])) {
                    start = lower
                }
                break
            }
            start = word.range.lowerBound
        }
        guard end - start >= 2, !NameJudge.hasBadStart(text[start..<end]) else { return nil }
        return start..<end
    }

    /// The digits of a stock code starting at `i` (after an optional 股票代码:), when a bracket,
    /// comma, dot or semicolon ends them: six for the mainland, four or five for Hong Kong.
    private func stockCodeDigits(after i: Int) -> Range<Int>? {
        var j = i
        if let lead = Self.codeLeads.first(where: { has($0, at: j) }) {
            j += lead.count
            if j < text.count, text[j] == ":" || text[j] == "：" { j += 1 }
        }
        var d = j
        while d < text.count, CharClass.isDigit(text[d]) { d += 1 }
        guard (4...6).contains(d - j), d < text.count, ")；;,，.".unicodeScalars.contains(text[d]) else { return nil }
        return j..<d
    }
}

extension SentenceScanner {
    // MARK: - Zones written with their province or city

    /// A province or city written right before a zone the lexicon places in it (安徽合肥高新区,
    /// 四川天府新区) is part of the zone's name as the text writes it: the zone's mention takes it
    /// in, and the place is no separate name there.
    mutating func joinPlacePrefixedZones() {
        var drop = Set<Int>()
        for z in findings.mentions.indices where findings.mentions[z].type == EntityTypeID.zone && findings.mentions[z].source == .lexicon {
            let zone = findings.mentions[z]
            guard let zoneKey = zone.entity?.key, zoneKey.isLexicon,
                let p = findings.mentions.indices.first(where: {
                    findings.mentions[$0].span.end == zone.span.start && findings.mentions[$0].source == .lexicon
                        && findings.mentions[$0].type == EntityTypeID.place
                }),
                let placeKey = findings.mentions[p].entity?.key
            else { continue }
            // The place must be one of the zone's ancestors in the lexicon.
            var parent = compiled.entry(id: String(zoneKey.rawValue.dropFirst(4))).flatMap { compiled.lexicon.entries[$0].parent }
            var isAncestor = false
            for _ in 0..<4 {
                guard let id = parent else { break }
                if EntityKey.lexicon(id) == placeKey { isAncestor = true; break }
                parent = compiled.entry(id: id).flatMap { compiled.lexicon.entries[$0].parent }
            }
            guard isAncestor else { continue }
            findings.mentions[z].span = TextSpan(findings.mentions[p].span.start, zone.span.end)
            drop.insert(p)
        }
        if !drop.isEmpty { removeMentions(drop) }
    }
}

extension SentenceScanner {
    // MARK: - Roads

    static let roadDirections = ScalarSet("东西南北中")

    /// Roads and streets (东八路, 北二路, 大渡河路): 路 or 街 after a direction and a number, or
    /// after a place's or proper name the dictionary knows, or closing such a name it lists. A
    /// place found inside gives way to the road.
    mutating func addRoads() {
        let n = text.count
        for e in 1..<max(1, n) where text[e] == "路" || text[e] == "街" {
            let end = e + 1
            guard words.isBoundary(at: end) else { continue }
            var start: Int?
            var p = e
            while p > 0, Self.numerals.contains(text[p - 1]) { p -= 1 }
            if p < e, p > 0, Self.roadDirections.contains(text[p - 1]) {
                start = p - 1
            } else if let own = words.word(at: e), own.range.upperBound == end {
                if own.range.count == 1, let name = words.word(at: e - 1), name.range.upperBound == e, name.range.count >= 2,
                    name.fromDictionary, name.pos == .placeName || name.pos == .otherProperNoun
                {
                    start = name.range.lowerBound  // 大渡河|路
                } else if own.range.count >= 3, own.fromDictionary, own.pos == .placeName || own.pos == .otherProperNoun {
                    start = own.range.lowerBound  // 北二路 as one word
                }
            }
            guard let s = start, s == 0 || !CharClass.isCJK(text[s - 1]) || words.isBoundary(at: s) else { continue }
            let inside = findings.mentions.indices.filter { findings.mentions[$0].span.start < end && findings.mentions[$0].span.end > s }
            guard inside.allSatisfy({
                let m = findings.mentions[$0]
                return m.type == EntityTypeID.place && m.span.start >= s && m.span.end <= e
            }) else { continue }
            if !inside.isEmpty { removeMentions(Set(inside)) }
            let name = string(s, end)
            let entity = EntityDescriptor(
                key: .name(normalized: name), type: EntityTypeID.place, labelZh: name,
                labelEn: compiled.labeler.label(name: name, suffix: (String(text[e]), text[e] == "路" ? "Road" : "Street")))
            add(Mention(span: TextSpan(s, end), type: EntityTypeID.place, entity: entity, source: .suffix, confidence: 0.8))
        }
    }
}

extension SentenceScanner {
    // MARK: - Companies before their headquarters

    static let headquarters = Array("总部".unicodeScalars)
    static let regional = Array("区域".unicodeScalars)

    /// A short name before a place and 总部 (大唐高鸿华南区域总部项目, 福迈迪华南总部): the company
    /// whose headquarters the text places there. The name runs back from the place (or from
    /// 总部) to the clause's words, and the gate must pass it.
    mutating func addHeadquarteredCompanies() {
        for p in 2..<max(2, text.count) where text[p] == "总" && has(Self.headquarters, at: p) {
            var q = p
            if q >= 2, text[(q - 2)..<q].elementsEqual(Self.regional) { q -= 2 }
            guard let place = findings.mentions.first(where: { $0.span.end == q && $0.type == EntityTypeID.place }) else { continue }
            q = place.span.start
            guard !findings.mentions.contains(where: { $0.span.end == q && $0.entity != nil }), let run = nameRun(endingAt: q) else { continue }
            addFoundName(run, type: EntityTypeID.company, source: .companySubject)
        }
    }
}

extension SentenceScanner {
    // MARK: - Companies by what is said of them

    /// A company named right after a descriptor in apposition (A股第一股维志立博, 科技巨头星河):
    /// the words up to the clause's next verb, adverb, adjective or function word, when the gate
    /// passes them and nothing recognised starts there.
    mutating func addCompaniesAfterDescriptors() {
        for p in 1..<max(1, text.count) where Self.companyDescriptorFirsts.mayStart(text, at: p) {
            guard let descriptor = Self.companyDescriptors.first(where: { has($0, at: p) }) else { continue }
            let a = p + descriptor.count
            guard a < text.count, words.isBoundary(at: a), !findings.mentions.contains(where: { $0.span.start <= a && $0.span.end > a }) else { continue }
            var b = a
            for word in words.words(in: a..<min(text.count, a + 8)) {
                guard word.range.lowerBound == b, CharClass.isCJK(text[b]) || CharClass.isLatinLetter(text[b]) else { break }
                if word.range.count > 1 && word.fromDictionary
                    && (word.pos.isVerb || word.pos.isAdverb || word.pos == .adjective || word.pos.isFunctionWord || word.pos == .pronoun || word.pos == .timeWord)
                {
                    break
                }
                if word.range.count == 1 && RecognitionTables.hardStopCharacters.contains(text[b]) { break }
                if cueStartsAt[b] || findings.mentions.contains(where: { $0.span.start == b }) { break }
                b = word.range.upperBound
            }
            guard b - a >= 2, b - a <= 6 else { continue }
            addCompanyName(a, b, source: .companySubject)
        }
    }

    /// Descriptors of companies (巨头, 龙头, 独角兽, 第一股), longest first.
    static let companyDescriptors = Words.descriptors.scalars("company").sorted { $0.count > $1.count }
    static let companyDescriptorFirsts = FirstScalars(companyDescriptors)

    /// The company whose financing round is named (领投了寒武纪的天使轮融资, 参与星河智能的B轮
    /// 融资): the words before 的, when 融资 follows after at most a round's label.
    mutating func addFinancedCompanies() {
        for p in 2..<max(2, text.count) where text[p] == "的" {
            var q = p + 1
            while q < text.count, q - p <= 7, Self.roundLabelCharacters.contains(text[q]) { q += 1 }
            guard q > p + 1, has(Self.financing, at: q), let run = nameRun(endingAt: p) else { continue }
            addCompanyName(run.lowerBound, run.upperBound, source: .companySubject)
        }
    }

    static let financing = Array("融资".unicodeScalars)
    /// What a round's label is written with (天使轮, Pre-A轮, B+轮, 新一轮, 第二轮, 战略).
    static let roundLabelCharacters = ScalarSet("天使种子新一首轮战略第二三四五六七八九十次ABCDEFGHPrea+-")
}
