import KGModel

/// An anaphor found in a sentence, resolved later against the document's history.
struct AnaphorCandidate {
    var start: Int
    var end: Int
    var kind: AnaphorKind
}

/// A name declared in a sentence as another name of an entity (以下简称“X”, X(Innovent)).
struct AliasDeclaration {
    var alias: [Unicode.Scalar]
    var entity: EntityDescriptor
}

/// What one sentence yields before discourse: mentions with sentence-local spans, anaphors to
/// resolve, aliases declared, and the short names of full names.
struct SentenceFindings {
    var mentions: [Mention] = []
    var anaphors: [AnaphorCandidate] = []
    var declaredAliases: [AliasDeclaration] = []
}

/// Finds the mentions of one normalised sentence. Spans it produces are local (0 = the
/// sentence's first scalar); the recogniser shifts them to document offsets.
struct SentenceScanner {
    let compiled: CompiledLexicon
    let text: [Unicode.Scalar]
    private var hits: [ScalarAutomaton.Hit] = []
    /// A stop word or stop character occupies `[i - k, i)` for some k.
    private var stopEndsAt: [Bool]
    /// A weak stop word (建设) ends here: it ends a name unless the name has a legal suffix.
    private var weakStopEndsAt: [Bool]
    /// A stop word, speech verb, title or post starts at i: a person's name ends before it.
    private var cueStartsAt: [Bool]
    private var findings = SentenceFindings()
    /// For each end offset, the indices of mentions ending there.
    private var endingAt: [Int: [Int]] = [:]
    /// Ends of names made by an institutional suffix (有限公司, 大学): a later name stops there.
    private var institutionalEnds = Set<Int>()
    private var aliasIntroStarts = Set<Int>()
    /// An industry follower (产业, 行业) or a suffix starts here: an industry word before it goes on.
    private var followerStartsAt: [Bool]
    private var postEnds = Set<Int>()

    init(compiled: CompiledLexicon, text: [Unicode.Scalar]) {
        self.compiled = compiled
        self.text = text
        stopEndsAt = Array(repeating: false, count: text.count + 1)
        weakStopEndsAt = Array(repeating: false, count: text.count + 1)
        followerStartsAt = Array(repeating: false, count: text.count + 1)
        cueStartsAt = Array(repeating: false, count: text.count + 1)
    }

    mutating func scan() -> SentenceFindings {
        hits = compiled.automaton.hits(in: text)
        var lexiconHits: [ScalarAutomaton.Hit] = []
        var postHits: [ScalarAutomaton.Hit] = []
        var suffixHits: [(hit: ScalarAutomaton.Hit, suffix: Int)] = []
        var anaphorHits: [(hit: ScalarAutomaton.Hit, kind: AnaphorKind)] = []
        var aliasIntroHits: [ScalarAutomaton.Hit] = []
        for hit in hits {
            for cue in compiled.cues[Int(hit.pattern)] {
                switch cue {
                case .entry(let e):
                    if (CharClass.isLatinLetter(text[Int(hit.start)]) || CharClass.isLatinLetter(text[Int(hit.end) - 1]))
                        && !latinEdges(Int(hit.start), Int(hit.end))
                    {
                        continue
                    }
                    if compiled.lexicon.entries[Int(e)].isPost {
                        postHits.append(hit)
                    } else {
                        lexiconHits.append(hit)
                    }
                case .suffix(let s):
                    suffixHits.append((hit, Int(s)))
                    followerStartsAt[Int(hit.start)] = true
                case .stop:
                    stopEndsAt[Int(hit.end)] = true
                    cueStartsAt[Int(hit.start)] = true
                case .speech, .title:
                    cueStartsAt[Int(hit.start)] = true
                case .aliasIntro:
                    aliasIntroHits.append(hit)
                    cueStartsAt[Int(hit.start)] = true
                case .anaphor(let kind): anaphorHits.append((hit, kind))
                case .industryFollower: followerStartsAt[Int(hit.start)] = true
                case .weakStop: weakStopEndsAt[Int(hit.end)] = true
                }
            }
        }
        for hit in postHits {
            // A post never lies inside a name: 副董事长 ends the name before it.
            cueStartsAt[Int(hit.start)] = true
            stopEndsAt[Int(hit.end)] = true
            postEnds.insert(Int(hit.end))
        }
        addLexiconMentions(leftmostLongest(lexiconHits))
        addSuffixNames(suffixHits)
        addLatinNamesAndTickers()
        addQuoted()
        addAliasDeclarations(aliasIntroHits)
        addBracketedAliases()
        addPostsAndPeople(maximal(postHits))
        addSpeakers()
        addAnaphors(anaphorHits)
        return findings
    }

    // MARK: - Helpers

    private func string(_ a: Int, _ b: Int) -> String {
        makeString(text[a..<b])
    }

    private func latinEdges(_ a: Int, _ b: Int) -> Bool {
        (a == 0 || !CharClass.isLatinLetter(text[a - 1])) && (b == text.count || !CharClass.isLatinLetter(text[b]))
    }

    /// Hits not strictly inside another hit of the same list.
    private func maximal(_ list: [ScalarAutomaton.Hit]) -> [ScalarAutomaton.Hit] {
        let sorted = list.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        var result: [ScalarAutomaton.Hit] = []
        var reach: Int32 = -1
        for hit in sorted {
            if hit.end <= reach { continue }
            result.append(hit)
            reach = hit.end
        }
        return result
    }

    private mutating func add(_ mention: Mention) {
        endingAt[mention.span.end, default: []].append(findings.mentions.count)
        findings.mentions.append(mention)
    }

    /// Replaces the entity of every mention of it, after the text declared another name for it.
    private mutating func updateEntity(_ entity: EntityDescriptor) {
        for i in findings.mentions.indices where findings.mentions[i].entity?.key == entity.key {
            findings.mentions[i].entity = entity
        }
    }

    /// The longest mention ending at `end` that names an organisation, place or zone.
    private func entityMention(endingAt end: Int) -> Mention? {
        var best: Mention?
        for i in endingAt[end] ?? [] {
            let m = findings.mentions[i]
            guard m.entity != nil, m.source != .post, m.source != .person, m.source != .ticker,
                m.source != .quoted, m.type != "Person"
            else { continue }
            if best == nil || m.span.length > best!.span.length { best = m }
        }
        return best
    }

    /// Hits kept from left to right, longest first, dropping any that overlaps one kept
    /// (北京东直门 is 北京 + 东直门, not 京东).
    private func leftmostLongest(_ list: [ScalarAutomaton.Hit]) -> [ScalarAutomaton.Hit] {
        let sorted = list.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        var result: [ScalarAutomaton.Hit] = []
        var reach: Int32 = -1
        for hit in sorted {
            if hit.start < reach {
                // The same span under another entry (a surface shared by two entries) stays.
                if let last = result.last, last.start == hit.start && last.end == hit.end { result.append(hit) }
                continue
            }
            result.append(hit)
            reach = hit.end
        }
        return result
    }

    // MARK: - Lexicon

    private mutating func addLexiconMentions(_ list: [ScalarAutomaton.Hit]) {
        for hit in list {
            for cue in compiled.cues[Int(hit.pattern)] {
                guard case .entry(let e) = cue, !compiled.lexicon.entries[Int(e)].isPost else { continue }
                let entry = compiled.descriptors[Int(e)]
                add(Mention(span: TextSpan(Int(hit.start), Int(hit.end)), type: entry.type, entity: entry, source: .lexicon))
            }
        }
    }

    // MARK: - Names by suffix

    private mutating func addSuffixNames(_ list: [(hit: ScalarAutomaton.Hit, suffix: Int)]) {
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
            }
        }
        // Among names with one start, a shorter company-like one is a piece of the longer
        // (新光维医疗科技 inside 新光维医疗科技(苏州)股份有限公司).
        var drop = Set<Int>()
        for a in created where a.type == "Company" || a.industry {
            // A branch keeps its parent (中海石油有限公司 in 中海石油有限公司深圳分公司).
            if created.contains(where: { $0.start == a.start && $0.end > a.end && $0.type == "Company" && !$0.branch }) {
                drop.insert(a.index)
            }
        }
        if !drop.isEmpty { removeMentions(drop) }
    }

    /// Makes the name ended by one suffix hit, or returns nil when the text before it is no name.
    private mutating func suffixName(
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
        if suffix.kind == .industry {
            if end < text.count, industryFollows(at: end) { return nil }
            if suffixStarts.contains(end) { return nil }
        }
        let shortForm = suffix.shortForm
        guard
            let edge = leftEdge(
                suffixStart: start, suffixEnd: end, pastConjunction: suffix.pastConjunction, legal: suffix.legal,
                branch: suffix.branch)
        else { return nil }
        let nameStart = edge.start
        let prefixEnd = edge.prefixEnd
        // The part between the place/zone prefix and the suffix must say which one it is.
        let core = text[prefixEnd..<start]
        let whole = text[nameStart..<start]
        // An industry word after a company's name is its sector or a verb (桑德集团控股), not a name.
        if suffix.kind == .industry && edge.companyPrefix { return nil }
        // Short company names (X集团, X公司, X药业) are short: a long core means the edge overran.
        if shortForm && nameLength(text[edge.knownPrefixEnd..<start]) > (suffix.kind == .industry ? 4 : 6) { return nil }
        // A place or 中国 before it makes a name of generic words (广西投资集团, 中国交通建设集团).
        let official = core.starts(with: "国家".unicodeScalars) || core.starts(with: "中国".unicodeScalars)
        let placed = prefixEnd > nameStart
        // A region or city before the suffix, not a country (山东公司, but not 美国公司).
        let regional = placed && !edge.countryLast
        var confidence = suffix.confidence
        switch suffix.kind {
        case .institutional:
            // 国家 starts official names (国家第三代半导体技术创新中心), however generic the rest.
            if whole.count < 2 || !(official && core.count > 2) && compiled.isGeneric(core) && prefixEnd == nameStart { return nil }
            if suffix.type == "Company" && whole.count < 2 { return nil }
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
        let nameText = string(nameStart, end)
        let entity = EntityDescriptor(
            key: .name(normalized: nameText), type: suffix.type, labelZh: nameText,
            labelEn: compiled.labeler.label(
                name: Array(text[nameStart..<end]), suffixLength: end - start, suffixEnglish: suffix.english))
        let index = findings.mentions.count
        add(Mention(span: TextSpan(nameStart, end), type: suffix.type, entity: entity, source: .suffix, confidence: confidence))
        if suffix.kind != .industry && !shortForm { institutionalEnds.insert(end) }
        if prefixEnd > nameStart && start - prefixEnd >= 2 && suffix.type == "Company" {
            // The name without its place prefix, as the text's readers also call it.
            var short = entity
            let shortText = string(prefixEnd, end)
            short.aliases = [shortText]
            findings.mentions[index].entity = short
            add(Mention(span: TextSpan(prefixEnd, end), type: suffix.type, entity: short, source: .suffix, confidence: confidence * 0.9))
        }
        return (nameStart, end, index, suffix.type, suffix.kind == .industry, suffix.branch)
    }

    /// True when a word plausibly ends before `position`: the text ends, a non-Chinese character
    /// or a stop follows, or a verb, post or name starts there.
    private func endsWord(at position: Int) -> Bool {
        guard position < text.count else { return true }
        let c = text[position]
        return !CharClass.isCJK(c) || cueStartsAt[position] || RecognitionTables.hardStopCharacters.contains(c)
            || RecognitionTables.softStopCharacters.contains(c) || RecognitionTables.industryNameFollowers.contains(c)
            || findings.mentions.contains { $0.span.start == position }
    }

    /// Length of a name part counting a Latin word as one character (Verenex能源 is 3).
    private func nameLength(_ part: ArraySlice<Unicode.Scalar>) -> Int {
        var length = 0
        var inLatin = false
        for c in part {
            let latin = CharClass.isLatinLetter(c) || CharClass.isDigit(c)
            if !latin || !inLatin { length += 1 }
            inLatin = latin
        }
        return length
    }

    private mutating func removeMentions(_ indices: Set<Int>) {
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

    private func industryFollows(at position: Int) -> Bool {
        followerStartsAt[position] || RecognitionTables.suffixBreakers.contains(text[position])
            || RecognitionTables.singleIndustryFollowers.contains(text[position])
    }

    private func startsWithGovernmentWord(_ position: Int) -> Bool {
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
    }

    private func leftEdge(
        suffixStart: Int, suffixEnd: Int, pastConjunction: Bool, legal: Bool, branch: Bool
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
                if m.source == .suffix && institutionalEnds.contains(p) && p < suffixStart && !branch { break }
                prefixMentions.append(m)
                p = m.span.start
                // A company name before the suffix is where the name starts (平安证券 + 集团).
                if m.type == "Company" { break }
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
            // Past a conjunction only when the name clearly starts further left (国家…及…中心).
            if !pastConjunction || !startsWithGovernmentWord(start) || start >= cut { start = cut }
            while start < suffixStart, RecognitionTables.softStopCharacters.contains(text[start]) { start += 1 }
        }
        start = trimLeadingQuantity(start, limit: suffixStart)
        while start < suffixStart, !CharClass.isNameChar(text[start]), text[start] != "(" { start += 1 }
        if start < suffixStart && text[start] == "(" { return nil }
        // The prefix mentions that the name (as finally cut) starts with.
        var prefixEnd = start
        var countryLast = false
        for m in prefixMentions.reversed() where m.span.start == prefixEnd {
            // A country is part of a name (中国半导体行业协会); a city or zone is where it is.
            guard let entity = m.entity, compiled.isA(entity.type, "Place"), entity.key != .lexicon("cn") else { break }
            prefixEnd = m.span.end
            // Only a region or city (not a country, not a zone) makes a name with a suffix alone.
            countryLast = compiled.countryKeys.contains(entity.key) || entity.type != "Place"
        }
        var knownEnd = start
        var company = false
        for m in prefixMentions.reversed() where m.span.start == knownEnd {
            knownEnd = m.span.end
            // A full name found by its suffix (桑德集团); a known brand before an industry word
            // names a subsidiary instead (华润电力).
            if m.type == "Company" && m.source == .suffix { company = true }
        }
        if start == suffixStart && prefixEnd == start { return nil }
        return Edge(
            start: start, prefixEnd: prefixEnd, knownPrefixEnd: knownEnd, companyPrefix: company, countryLast: countryLast)
    }

    private static let numerals = ScalarSet("一二三四五六七八九十两几多数百千万0123456789")
    private static let measures = ScalarSet("家个批项座位名所")
    private static let units = ScalarSet("年月日号时万亿元股个家批项位名%倍天周")

    /// Skips a count at the start of a name (两家, 3个) and units after a number (<N>月, 5亿).
    private func trimLeadingQuantity(_ start: Int, limit: Int) -> Int {
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

    // MARK: - Latin names and tickers

    private mutating func addLatinNamesAndTickers() {
        var i = 0
        let n = text.count
        var latinKnownEnd: [Int: Int] = [:]
        for hit in hits where CharClass.isLatinLetter(text[Int(hit.start)]) {
            let isKnown = compiled.cues[Int(hit.pattern)].contains { if case .entry = $0 { return true } else { return false } }
            if isKnown && latinEdges(Int(hit.start), Int(hit.end)) {
                latinKnownEnd[Int(hit.start)] = max(latinKnownEnd[Int(hit.start)] ?? 0, Int(hit.end))
            }
        }
        while i < n {
            let c = text[i]
            if CharClass.isDigit(c) {
                var j = i
                while j < n && CharClass.isDigit(text[j]) { j += 1 }
                if let end = ticker(digitsFrom: i, to: j) { i = end } else { i = j }
                continue
            }
            guard CharClass.isLatinLetter(c), i == 0 || !(CharClass.isDigit(text[i - 1]) || text[i - 1] == "." || text[i - 1] == "<") else {
                i += 1
                continue
            }
            // A Latin post (CEO) or known name is not the start of a new name.
            if let known = latinKnownEnd[i] {
                i = known
                continue
            }
            var j = i
            // Words joined by - & . ' or by a space before a capitalised word (F-Prime Capital).
            while j < n {
                let d = text[j]
                if CharClass.isLatinLetter(d) || CharClass.isDigit(d) {
                    j += 1
                } else if (d == "-" || d == "&" || d == "." || d == "'") && j + 1 < n
                    && (CharClass.isLatinLetter(text[j + 1]) || CharClass.isDigit(text[j + 1]))
                {
                    j += 1
                } else if d == " " && j + 1 < n && (0x41...0x5A).contains(text[j + 1].value) {
                    j += 1
                } else {
                    break
                }
            }
            defer { i = j }
            let word = string(i, j)
            if word.count < 2 || RecognitionTables.latinStopWords.contains(word) { continue }
            // Names are capitalised somewhere (Biobay, iPhone); all-lowercase runs are words or URLs.
            if !word.unicodeScalars.contains(where: { (0x41...0x5A).contains($0.value) }) { continue }
            if j < n && (text[j] == "股" || text[j] == "轮") { continue }
            if word == "NASDAQ" || word == "NYSE" || word == "Nasdaq" { continue }
            if findings.mentions.contains(where: { $0.span.start <= i && $0.span.end >= j }) { continue }
            // An English name in brackets right after a Chinese name is that name's English label.
            if i > 0 && text[i - 1] == "(" && j < n && text[j] == ")" {
                if var entity = entityMention(endingAt: i - 1)?.entity {
                    if !entity.key.isLexicon { entity.labelEn = word }
                    if !entity.aliases.contains(word) { entity.aliases.append(word) }
                    updateEntity(entity)
                    add(Mention(span: TextSpan(i, j), type: entity.type, entity: entity, source: .alias, confidence: 0.9))
                    findings.declaredAliases.append(AliasDeclaration(alias: Array(word.unicodeScalars), entity: entity))
                    continue
                }
                if let nameStart = bareNameStart(before: i - 1) {
                    let zh = string(nameStart, i - 1)
                    let entity = EntityDescriptor(key: .name(normalized: zh), type: "Organization", labelZh: zh, labelEn: word, aliases: [word])
                    add(Mention(span: TextSpan(nameStart, i - 1), type: "Organization", entity: entity, source: .alias, confidence: 0.7))
                    add(Mention(span: TextSpan(i, j), type: "Organization", entity: entity, source: .alias, confidence: 0.8))
                    findings.declaredAliases.append(AliasDeclaration(alias: Array(word.unicodeScalars), entity: entity))
                    continue
                }
            }
            let acronym = word.unicodeScalars.allSatisfy { !(0x61...0x7A).contains($0.value) } && word.count <= 5
            // Typed by context: a title or speech verb after it, or a post right before it, make
            // it a person (Bill Ackman表示, CEO Tim Cook); otherwise an organisation.
            let person = j < n && cueStartsAt[j] && hits.contains { Int($0.start) == j && compiled.cues[Int($0.pattern)].contains { $0 == .speech || $0 == .title } }
                || postEnds.contains(i) || i > 1 && text[i - 1] == " " && postEnds.contains(i - 1)
            let type = person && word.contains(" ") || person && !acronym ? "Person" : "Organization"
            let entity = EntityDescriptor(key: .name(normalized: word), type: type, labelZh: word, labelEn: word)
            add(Mention(span: TextSpan(i, j), type: type, entity: entity, source: .latin, confidence: acronym ? 0.5 : 0.75))
        }
    }

    /// The start of a run of name characters ending at `end`, bounded by stops (2–12 characters).
    private func bareNameStart(before end: Int) -> Int? {
        var p = end
        while p > 0 && end - p < 12 {
            if stopEndsAt[p] { break }
            let c = text[p - 1]
            if !CharClass.isCJK(c) || RecognitionTables.hardStopCharacters.contains(c)
                || RecognitionTables.softStopCharacters.contains(c)
            {
                break
            }
            p -= 1
        }
        return end - p >= 2 ? p : nil
    }

    /// A ticker such as 600267.SH, 000001.SZ or 06160.HK starting with digits `[a, b)`.
    private mutating func ticker(digitsFrom a: Int, to b: Int) -> Int? {
        let n = text.count
        guard a == 0 || !CharClass.isLatinLetter(text[a - 1]) && !CharClass.isDigit(text[a - 1]) else { return nil }
        guard b + 3 <= n, text[b] == "." else { return nil }
        let code = string(b + 1, b + 3).uppercased()
        if b + 3 < n && CharClass.isLatinLetter(text[b + 3]) { return nil }
        let digits = b - a
        let exchange: String
        switch code {
        case "SH", "SS": exchange = "sse"
        case "SZ": exchange = "szse"
        case "BJ": exchange = "bse"
        case "HK": exchange = "hkex"
        default: return nil
        }
        if code == "HK" ? !(4...5).contains(digits) : digits != 6 { return nil }
        guard let e = compiled.entry(id: exchange) else { return nil }
        let entity = compiled.descriptors[e]
        let ticker = string(a, b) + "." + code
        add(Mention(span: TextSpan(a, b + 3), type: entity.type, entity: entity, source: .ticker, role: ticker, confidence: 0.95))
        return b + 3
    }

    // MARK: - Quoted titles

    private mutating func addQuoted() {
        let pairs: [(Unicode.Scalar, Unicode.Scalar)] = [("“", "”"), ("《", "》"), ("「", "」"), ("\"", "\"")]
        for (open, close) in pairs {
            var i = 0
            while i < text.count {
                guard text[i] == open else {
                    i += 1
                    continue
                }
                var j = i + 1
                while j < text.count && j - i <= 41 && text[j] != close && text[j] != open && text[j] != "。" { j += 1 }
                guard j < text.count, text[j] == close, j - i >= 2 else {
                    i += 1
                    continue
                }
                let content = string(i + 1, j)
                let isTitle = open != "《" && RecognitionTables.titleEndings.contains { content.hasSuffix($0) }
                let entity = EntityDescriptor(
                    key: .name(normalized: content), type: "Title", labelZh: content,
                    labelEn: compiled.labeler.label(name: content, suffix: nil))
                add(
                    Mention(
                        span: TextSpan(i + 1, j), type: isTitle ? "Title" : "Quoted", entity: entity, source: .quoted,
                        confidence: isTitle ? 0.85 : 0.6))
                i = j + 1
            }
        }
    }

    // MARK: - Declared aliases

    private mutating func addAliasDeclarations(_ list: [ScalarAutomaton.Hit]) {
        for hit in list { aliasIntroStarts.insert(Int(hit.start)) }
        for hit in maximal(list) {
            let a = Int(hit.start)
            var q = Int(hit.end)
            // The full name ends right before the introducer, or before "(" / "," / ";".
            var nameEnd = a
            while nameEnd > 0 && ["(", ",", ";", " ", "，"].contains(text[nameEnd - 1]) { nameEnd -= 1 }
            guard let full = entityMention(endingAt: nameEnd)?.entity else { continue }
            while q < text.count && ["为", ":", " "].contains(text[q]) { q += 1 }
            var quoted = false
            if q < text.count && (text[q] == "“" || text[q] == "\"" || text[q] == "「") {
                quoted = true
                q += 1
            }
            var r = q
            while r < text.count && r - q < 16 {
                let c = text[r]
                if c == "”" || c == "\"" || c == "」" || c == ")" || c == "," || c == "。" || c == ";" || c == "、" { break }
                if !quoted && !CharClass.isNameChar(c) { break }
                r += 1
            }
            guard r > q else { continue }
            let alias = Array(text[q..<r])
            var entity = full
            let aliasText = string(q, r)
            if !entity.aliases.contains(aliasText) { entity.aliases.append(aliasText) }
            updateEntity(entity)
            add(Mention(span: TextSpan(q, r), type: entity.type, entity: entity, source: .alias, confidence: 0.95))
            findings.declaredAliases.append(AliasDeclaration(alias: alias, entity: entity))
        }
    }

    /// A short Chinese name in brackets right after a name is another name of it
    /// (中国科学院上海药物研究所(上海药物所)); a place in brackets is not (…科技(苏州)…).
    private mutating func addBracketedAliases() {
        var i = 1
        while i < text.count {
            guard text[i] == "(" else {
                i += 1
                continue
            }
            var j = i + 1
            while j < text.count && j - i <= 13 && (CharClass.isCJK(text[j]) || CharClass.isLatinLetter(text[j])) { j += 1 }
            defer { i = j }
            guard j < text.count, text[j] == ")", j - i - 1 >= 2, CharClass.isCJK(text[i + 1]) else { continue }
            guard var entity = entityMention(endingAt: i)?.entity, compiled.isA(entity.type, "Organization") else { continue }
            // Inside a longer name, or a known name of its own (a place, another company): no alias.
            if findings.mentions.contains(where: { $0.span.start < i && $0.span.end > j }) { continue }
            if findings.mentions.contains(where: { $0.span.start == i + 1 && $0.span.end == j && $0.source == .lexicon }) { continue }
            if cueStartsAt[i + 1] || aliasIntroStarts.contains(i + 1) { continue }
            let alias = string(i + 1, j)
            if !entity.aliases.contains(alias) { entity.aliases.append(alias) }
            updateEntity(entity)
            add(Mention(span: TextSpan(i + 1, j), type: entity.type, entity: entity, source: .alias, confidence: 0.8))
            findings.declaredAliases.append(AliasDeclaration(alias: Array(text[(i + 1)..<j]), entity: entity))
        }
    }

    // MARK: - Posts and people

    private mutating func addPostsAndPeople(_ posts: [ScalarAutomaton.Hit]) {
        for (index, hit) in posts.enumerated() {
            let start = Int(hit.start)
            let end = Int(hit.end)
            // A post inside a name (院长 in 医院院长 is fine, but not 主任 inside a longer name).
            if findings.mentions.contains(where: { $0.source != .lexicon && $0.span.start < start && $0.span.end > start }) { continue }
            var orgStart = start
            var org = entityMention(endingAt: start)
            if org == nil && start > 0 && text[start - 1] == "的" { org = entityMention(endingAt: start - 1) }
            if let o = org { orgStart = o.span.start }
            let role = string(start, end)
            add(
                Mention(
                    span: TextSpan(orgStart, end), type: Lexicon.postType, entity: org?.entity, source: .post, role: role,
                    confidence: org == nil ? 0.7 : 0.9))
            // The person follows the last post of a chain (书记、新吴区委书记崔荣国).
            let nextPostStart = index + 1 < posts.count ? Int(posts[index + 1].start) : Int.max
            if let person = personName(at: end), person.end <= nextPostStart {
                addPerson(person.start, person.end, surname: person.surname, confidence: person.confidence)
            }
        }
    }

    private mutating func addPerson(_ a: Int, _ b: Int, surname: Int, confidence: Double) {
        if findings.mentions.contains(where: { $0.source == .person && $0.span.start == a }) { return }
        let name = string(a, b)
        let entity = EntityDescriptor(
            key: .name(normalized: name), type: "Person", labelZh: name,
            labelEn: compiled.labeler.personLabel(name, surnameLength: surname))
        add(Mention(span: TextSpan(a, b), type: "Person", entity: entity, source: .person, confidence: confidence))
    }

    /// A name at `q`: a surname, then one or two characters, cut before a stop, speech verb or
    /// title (陈东博士, 张华说, 于燮康表示).
    private func personName(at q: Int) -> (start: Int, end: Int, surname: Int, confidence: Double)? {
        let n = text.count
        var surname = 0
        if q + 2 <= n && compiled.compoundSurnames.contains(Array(text[q..<(q + 2)])) {
            surname = 2
        } else if q < n && RecognitionTables.surnames.contains(text[q]) {
            surname = 1
        }
        guard surname > 0 else { return nil }
        var length = 0
        var i = q + surname
        while i < n && length < 2 {
            let c = text[i]
            if !CharClass.isCJK(c) || RecognitionTables.hardStopCharacters.contains(c) || RecognitionTables.softStopCharacters.contains(c)
                || Self.notInGivenNames.contains(c)
            {
                break
            }
            if length > 0 && cueStartsAt[i] { break }
            length += 1
            i += 1
        }
        guard length > 0 else { return nil }
        let end = q + surname + length
        let clean = end == n || !CharClass.isCJK(text[end]) || cueStartsAt[end]
            || RecognitionTables.hardStopCharacters.contains(text[end]) || RecognitionTables.softStopCharacters.contains(text[end])
        return (q, end, surname, clean ? 0.9 : 0.6)
    }

    /// Characters that start the word after a name rather than end the name (马云仅, 高层).
    /// Characters after which a bare 园区 or 公司 is an anaphor (在园区, 该公司).
    private static let anaphorPredecessors = ScalarSet("该本全在入驻到于的为与和及对向从由是让将把被整其")

    private static let notInGivenNames = ScalarSet("仅分级层集称宣表助理名总副")

    /// Names before a speech verb at a clause start, without a post (王明表示).
    private mutating func addSpeakers() {
        for hit in hits where compiled.cues[Int(hit.pattern)].contains(.speech) {
            var v = Int(hit.start)
            // A title between the name and the verb (陈东博士说).
            for t in hits where Int(t.end) == v && compiled.cues[Int(t.pattern)].contains(.title) {
                v = Int(t.start)
                break
            }
            for length in [3, 2, 4] {
                let a = v - length
                guard a >= 0 else { continue }
                let boundary = a == 0 || !CharClass.isCJK(text[a - 1]) || stopEndsAt[a]
                    || findings.mentions.contains { $0.span.end == a && ($0.source == .post) }
                guard boundary, RecognitionTables.commonSurnames.contains(text[a]) || length == 4,
                    let p = personName(at: a), p.end == v,
                    !findings.mentions.contains(where: { $0.span.overlaps(TextSpan(a, v)) }),
                    !compiled.isGeneric(text[a..<v])
                else { continue }
                addPerson(a, v, surname: p.surname, confidence: 0.7)
                break
            }
        }
    }

    // MARK: - Anaphors

    private mutating func addAnaphors(_ list: [(hit: ScalarAutomaton.Hit, kind: AnaphorKind)]) {
        let sorted = list.sorted { ($0.hit.start, -$0.hit.end) < ($1.hit.start, -$1.hit.end) }
        var reach = -1
        for (hit, kind) in sorted {
            let a = Int(hit.start)
            let b = Int(hit.end)
            if b <= reach { continue }
            if findings.mentions.contains(where: { $0.source != .quoted && $0.span.start <= a && $0.span.end >= b }) { continue }
            let previous: Unicode.Scalar? = a > 0 ? text[a - 1] : nil
            let word = string(a, b)
            let clauseStart = previous == nil || !CharClass.isCJK(previous!)
            let afterClauseStart = clauseStart || stopEndsAt[a]
            switch kind {
            case .zone where word == "园区", .company where word == "公司" || word == "集团":
                let allowed = Self.anaphorPredecessors
                guard afterClauseStart || allowed.contains(previous!) else { continue }
                if kind == .company && !(clauseStart || previous == "该" || previous == "本") { continue }
            case .pronoun:
                let next: Unicode.Scalar? = b < text.count ? text[b] : nil
                if let next, "中他它余次实一".unicodeScalars.contains(next) { continue }
                if let previous, "尤极与何".unicodeScalars.contains(previous) { continue }
            default: break
            }
            reach = b
            findings.anaphors.append(AnaphorCandidate(start: a, end: b, kind: kind))
        }
    }
}
