import KGModel
import KGText

/// What matching a pack against one sentence found: the triples kept after the overlap policy,
/// every match (kept or not), and the near misses `kg explain` shows.
public struct SentenceMatch: Sendable {
    public var extractions: [Extraction]
    public var matches: [RuleMatch]
    public var nearMisses: [NearMiss]
    /// Ids of the rules whose trigger occurred in the sentence, in pack order.
    public var tried: [String]
}

/// One match of one rule.
public struct RuleMatch: Sendable, Hashable {
    public var ruleID: String
    /// Document offsets of the text the pattern covered (`also` slots excluded).
    public var span: TextSpan
    public var trigger: TextSpan
    public var extractions: [Extraction]
    /// The rule whose overlapping match won, when this one was dropped.
    public var overriddenBy: String?
}

/// A rule whose trigger occurred but that did not fire, and where it stopped.
public struct NearMiss: Sendable, Hashable, CustomStringConvertible {
    public var ruleID: String
    /// Index of the pattern element that failed (`pattern.count` for checks after the pattern).
    public var element: Int
    /// The element as written, or the check that failed.
    public var elementText: String
    /// Document offset where the element was tried.
    public var offset: Int
    public var reason: String

    public var description: String { "\(ruleID): stopped at \(elementText) (offset \(offset)): \(reason)" }
}

/// Matches compiled rules against an annotated sentence: a pure function of its inputs.
public struct RuleMatcher: Sendable {
    public var rules: [Rule] {
        didSet { tables = Self.tables(rules, vocabulary, typeIDs) }
    }
    public var index: TriggerIndex
    public var vocabulary: Vocabulary {
        didSet {
            typeIDs = Self.typeIDs(vocabulary)
            tables = Self.tables(rules, vocabulary, typeIDs)
        }
    }
    /// Per-rule lookups the search needs, built once instead of for every sentence.
    var tables: [RuleTables]
    /// The vocabulary's entity types by id, so a slot's accepted types are a table lookup
    /// instead of walking `isA` with strings for every mention.
    var typeIDs: [String: Int]

    public init(rules: [Rule], vocabulary: Vocabulary = .builtIn) {
        self.rules = rules
        self.index = TriggerIndex(rules: rules)
        self.vocabulary = vocabulary
        let typeIDs = Self.typeIDs(vocabulary)
        self.typeIDs = typeIDs
        self.tables = Self.tables(rules, vocabulary, typeIDs)
    }

    static func typeIDs(_ vocabulary: Vocabulary) -> [String: Int] {
        var ids: [String: Int] = [:]
        for type in vocabulary.types where ids[type.id] == nil { ids[type.id] = ids.count }
        return ids
    }

    static func tables(_ rules: [Rule], _ vocabulary: Vocabulary, _ typeIDs: [String: Int]) -> [RuleTables] {
        rules.map { RuleTables($0, vocabulary: vocabulary, typeIDs: typeIDs) }
    }

    /// Runs every rule whose trigger the sentence contains, then keeps matches by the pack's
    /// overlap policy: matches whose triggers overlap compete, and the longest match wins, then
    /// the higher priority, then the rule earlier in the pack.
    ///
    /// `nearMisses: false` skips describing the rules that failed: building those descriptions
    /// cost about 6% of a whole build, and only `kg explain` and the tests read them.
    public func match(_ sentence: AnnotatedSentence, nearMisses wantMisses: Bool = true) -> SentenceMatch {
        let view = SentenceView(sentence, vocabulary: vocabulary, typeIDs: typeIDs)
        let types = Set(sentence.mentions.filter { $0.entity != nil || $0.type == Slot.postType }.map(\.type))
        let candidates = index.candidates(in: sentence.normalized) { wanted in
            types.contains { $0 == wanted || vocabulary.isA($0, wanted) }
        }
        var all: [(rule: Rule, match: RuleMatch)] = []
        var misses: [NearMiss] = []
        for position in candidates {
            let rule = rules[position]
            var search = Search(rule: rule, tables: tables[position], view: view)
            let found = search.run(complete: wantMisses)
            if found.isEmpty && wantMisses {
                misses.append(search.nearMiss())
            }
            for match in found { all.append((rule, match)) }
        }
        all.sort { a, b in
            if a.match.span.length != b.match.span.length { return a.match.span.length > b.match.span.length }
            if a.rule.priority != b.rule.priority { return a.rule.priority > b.rule.priority }
            if a.rule.order != b.rule.order { return a.rule.order < b.rule.order }
            return a.match.span.start < b.match.span.start
        }
        var kept: [RuleMatch] = []
        var dropped: [RuleMatch] = []
        var extractions: [Extraction] = []
        var seen = Set<String>()
        for (_, match) in all {
            if let winner = kept.first(where: { $0.trigger.overlaps(match.trigger) }) {
                var loser = match
                loser.overriddenBy = winner.ruleID
                if winner.ruleID != match.ruleID { dropped.append(loser) }
                continue
            }
            kept.append(match)
            for extraction in match.extractions {
                let key = "\(extraction.subject.key)\u{1}\(extraction.predicate)\u{1}\(extraction.object.key)"
                if seen.insert(key).inserted { extractions.append(extraction) }
            }
        }
        return SentenceMatch(
            extractions: extractions, matches: kept + dropped, nearMisses: misses,
            tried: candidates.map { rules[$0].id })
    }
}

// MARK: - The sentence as the matcher sees it

/// Positions in a sentence, relative to its start; lookups the search needs many times. A class
/// so the many search states share one copy of the tables.
final class SentenceView {
    let sentence: AnnotatedSentence
    let vocabulary: Vocabulary
    let text: [Unicode.Scalar]
    let original: [Unicode.Scalar]
    let base: Int
    let mentions: [Mention]
    /// Mention indices by relative start, longest first.
    let startingAt: [[Int]]
    /// True at positions where a mention of an organisation or person starts: gaps stop there.
    let entityStart: [Bool]
    /// For each position, the start of its clause.
    let clauseStart: [Int]
    /// The topic in force at the start of each clause (by clause start position).
    let topicAt: [Int: EntityDescriptor]
    /// A word that does not belong to names (公告, 收购…) starts here.
    let cutterAt: [Bool]
    /// A cutter or a leading adverb (此前, 近日…) ends here, so a name may start here.
    let wordEndsAt: [Bool]
    /// A mention ends here.
    let mentionEndsAt: [Bool]
    /// A mention covers this position and the one before it: a span may not start or end here.
    let cut: [Bool]
    /// A mention covers this character.
    let covered: [Bool]
    /// `spanRun` results by length limit and position, filled as rules ask.
    /// (The length limits asked for so far, and for each a table by position whose `end` is -1
    /// where not computed yet: a pack uses two or three limits, and a dictionary of optionals
    /// cost more than computing many runs.)
    var spanRunLimits: [Int] = []
    var spanRuns: [[SpanRun]] = []
    /// Per mention: `isTrusted`, computed once.
    let trusted: [Bool]
    /// Per position (and false at the end): the character is in `spanStops`, is a barrier, is a
    /// name character (`Search.nameScalar`). Tables, because the search asks again and again.
    let stopAt: [Bool]
    let barrierAt: [Bool]
    let nameAt: [Bool]

    static let barriers: Set<Unicode.Scalar> = [",", ";", ":", "。", "!", "?", "\n", "，", "；", "：", "！", "？", "…"]

    /// Per mention: its type's id in `RuleMatcher.typeIDs`, -1 for a type the vocabulary lacks.
    let mentionTypeID: [Int]
    let spanStartAt: [Bool]
    let clauseOpeningAt: [Bool]

    init(_ sentence: AnnotatedSentence, vocabulary: Vocabulary, typeIDs: [String: Int] = [:]) {
        self.sentence = sentence
        self.vocabulary = vocabulary
        mentionTypeID = sentence.mentions.map { typeIDs[$0.type] ?? -1 }
        text = sentence.normalized
        original = Array(sentence.sentence.text.unicodeScalars)
        base = sentence.sentence.span.start
        mentions = sentence.mentions
        let n = text.count
        // Locals, so that closures below do not copy the whole sentence on every call.
        let allMentions = sentence.mentions
        let normalized = sentence.normalized
        let sentenceBase = sentence.sentence.span.start
        // Whether a type is an organisation or a person, by type id (the same for every
        // sentence, but cheap next to walking `isA` with strings for each mention).
        var organisationOrPerson: [Int: Bool] = [:]
        let mentionTypeID = self.mentionTypeID
        let trusted = allMentions.indices.map { index in
            let mention = allMentions[index]
            let id = mentionTypeID[index]
            let known: Bool
            if let cached = organisationOrPerson[id] {
                known = cached
            } else {
                known = vocabulary.isA(mention.type, "Organization") || vocabulary.isA(mention.type, "Person")
                if id >= 0 { organisationOrPerson[id] = known }
            }
            return known && Self.isTrusted(mention, vocabulary: vocabulary, text: normalized, base: sentenceBase, typeFits: true)
        }
        self.trusted = trusted
        var stopAt = Array(repeating: false, count: n + 1)
        var barrierAt = Array(repeating: false, count: n + 1)
        var nameAt = Array(repeating: false, count: n + 1)
        // The global tables as locals: read in the loop, each access went through a lazy
        // initialisation check and a retain.
        let stopTable = spanStopTable
        let barrierTable = Self.barrierTable
        let nameTable = Search.nameTable
        for i in 0..<n {
            let c = text[i]
            stopAt[i] = stopTable.contains(c)
            barrierAt[i] = barrierTable.contains(c)
            nameAt[i] = c.value < 0x10000 ? nameTable.contains(c) : Search.nameScalar(c)
        }
        self.stopAt = stopAt
        self.barrierAt = barrierAt
        self.nameAt = nameAt
        var starting = Array(repeating: [Int](), count: n + 1)
        var entityStart = Array(repeating: false, count: n + 1)
        for (i, mention) in sentence.mentions.enumerated() {
            let start = mention.span.start - base
            guard start >= 0, start < n, mention.span.end - base <= n else { continue }
            starting[start].append(i)
            if trusted[i] {
                entityStart[start] = true
            }
        }
        for i in starting.indices where starting[i].count > 1 {
            starting[i].sort { allMentions[$0].span.length > allMentions[$1].span.length }
        }
        startingAt = starting
        self.entityStart = entityStart
        var clause = Array(repeating: 0, count: n + 1)
        var current = 0
        for i in 0..<n {
            clause[i] = current
            if barrierAt[i] { current = i + 1 }
        }
        clause[n] = current
        clauseStart = clause
        // The topic of a clause is the subject of the nearest clause before it that opens with an
        // entity mention, else the topic the sentence inherited.
        var topics: [Int: EntityDescriptor] = [:]
        var topic = sentence.incomingTopic
        var position = 0
        while position <= n {
            topics[position] = topic
            var first = position
            while first < n, SentenceView.openerTable.contains(normalized[first]) { first += 1 }
            if first < n, !SentenceView.prepositionTable.contains(normalized[first]),
                let subject = starting[first].lazy.map({ allMentions[$0] }).first(where: {
                    $0.type != Slot.postType && $0.entity != nil
                })
            {
                topic = subject.entity
            } else if let speaker = Self.speaker(in: sentence, from: first) {
                topic = speaker
            }
            guard let next = (position..<n).first(where: { barrierAt[$0] }) else { break }
            position = next + 1
        }
        topicAt = topics
        var cutterAt = Array(repeating: false, count: n + 1)
        var wordEndsAt = Array(repeating: false, count: n + 1)
        let scalars = sentence.normalized
        func has(_ word: [Unicode.Scalar], _ i: Int) -> Bool {
            guard i + word.count <= n else { return false }
            for k in 0..<word.count where scalars[i + k] != word[k] { return false }
            return true
        }
        let firstTable = cutterOrLeadFirst
        for i in 0..<n where firstTable.contains(scalars[i]) {
            for word in cutterIndex[scalars[i]] ?? [] where has(word, i) {
                cutterAt[i] = true
                wordEndsAt[i + word.count] = true
            }
            for word in leadIndex[scalars[i]] ?? [] where has(word, i) { wordEndsAt[i + word.count] = true }
        }
        self.cutterAt = cutterAt
        self.wordEndsAt = wordEndsAt
        var mentionEndsAt = Array(repeating: false, count: n + 1)
        var cut = Array(repeating: false, count: n + 1)
        var covered = Array(repeating: false, count: n + 1)
        for (index, mention) in sentence.mentions.enumerated() {
            let start = mention.span.start - base
            let end = mention.span.end - base
            guard start >= 0, end <= n, start < end else { continue }
            mentionEndsAt[end] = true
            for i in start..<end { covered[i] = true }
            if trusted[index] {
                for i in (start + 1)..<end { cut[i] = true }
            }
        }
        self.mentionEndsAt = mentionEndsAt
        self.cut = cut
        self.covered = covered
        // Where an unanchored span may begin (see `Search.isSpanStart`) and where only openers
        // stand between the clause start and the position (`Search.isClauseOpening`): every
        // rule asks at every start, so both are tables.
        var spanStartAt = Array(repeating: false, count: n + 1)
        var clauseOpeningAt = Array(repeating: false, count: n + 1)
        for p in 0...n {
            if p == 0 {
                spanStartAt[p] = true
            } else {
                let before = p - 1
                spanStartAt[p] =
                    stopAt[before] || barrierAt[before]
                    || (p < n && !text[before].isASCII && text[p].isASCII && isAlphabeticScalar(text[p]))
                    || mentionEndsAt[p] || wordEndsAt[p]
            }
            clauseOpeningAt[p] = clause[p] == p || (p > 0 && clauseOpeningAt[p - 1] && SentenceView.openerTable.contains(text[p - 1]))
        }
        self.spanStartAt = spanStartAt
        self.clauseOpeningAt = clauseOpeningAt
    }

    /// A named (not anaphoric) organisation or person mention that holds no coordinator (与, 和, 及, 、): such a
    /// mention bounds spans and stops gaps. A mention across a coordinator is likely two names
    /// run together, so spans may cut it.
    static func isTrusted(_ mention: Mention, vocabulary: Vocabulary, text: [Unicode.Scalar], base: Int, typeFits: Bool? = nil) -> Bool {
        guard mention.type != Slot.postType, mention.source != .anaphor,
            typeFits ?? (vocabulary.isA(mention.type, "Organization") || vocabulary.isA(mention.type, "Person"))
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
        while end < text.count, end - start < 10, Search.nameScalar(text[end]), !spanStopTable.contains(text[end]) {
            for verb in speechVerbs where end - start >= 2 && end + verb.count <= text.count {
                if (0..<verb.count).allSatisfy({ text[end + $0] == verb[$0] }) {
                    var body = Array(text[start..<end])
                    // 嘉凯城同时公告: the name ends before an adverb.
                    if let cut = (1..<body.count).first(where: { k in
                        spanCutters.contains { body[k...].starts(with: $0) } || spanLeads.contains { $0.count > 1 && body[k...].starts(with: $0) }
                    }) {
                        body = Array(body[..<cut])
                    }
                    guard body.count >= 2, !spanBadStarts.contains(where: { body.starts(with: $0) }),
                        !spanCutters.contains(where: { body.starts(with: $0) })
                    else { return nil }
                    let name = String(String.UnicodeScalarView(body))
                    if spanGeneric.contains(name) { return nil }
                    let original = Array(sentence.sentence.text.unicodeScalars)
                    let label = String(String.UnicodeScalarView(original[start..<min(start + body.count, original.count)]))
                    return EntityDescriptor(key: "name:" + name, type: "Company", labelZh: label)
                }
            }
            end += 1
        }
        return nil
    }

    /// A clause opening with one of these opens with an adverbial, not its subject.
    static let prepositions: Set<Unicode.Scalar> = Set("以在于对向从与和将把被由据".unicodeScalars)

    static let openers: Set<Unicode.Scalar> = [" ", "“", "\"", "‘", "'", "「", "《", "("]
    static let openerTable = ScalarTable(openers)
    static let prepositionTable = ScalarTable(prepositions)
    static let barrierTable = ScalarTable(barriers)

    var count: Int { text.count }

    func isBarrier(_ i: Int) -> Bool { barrierAt[i] }

    func has(_ literal: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + literal.count <= text.count else { return false }
        for k in 0..<literal.count where text[i + k] != literal[k] { return false }
        return true
    }

    func documentSpan(_ start: Int, _ end: Int) -> TextSpan { TextSpan(base + start, base + end) }

    func originalText(_ start: Int, _ end: Int) -> String {
        makeString(original[start..<min(end, original.count)])
    }

    func fits(_ type: String, _ slot: Slot) -> Bool {
        slot.types.contains { type == $0 || vocabulary.isA(type, $0) }
    }

    /// `fits(mentions[index].type, plan.slot)` by table.
    func fits(mention index: Int, _ plan: SlotPlan) -> Bool {
        let id = mentionTypeID[index]
        return id >= 0 && id < plan.fitting.count ? plan.fitting[id] : fits(mentions[index].type, plan.slot)
    }

    /// True when a mention crosses position `i` (starts before it and ends after it).
    func isCut(_ i: Int) -> Bool { cut[i] }
}

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
        while end < text.count, !stopAt[end] || Search.isLatinSpace(text, end, from: position) {
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

// MARK: - Backtracking search for one rule

/// One filled slot member.
struct Filler {
    var entity: EntityDescriptor?
    /// Relative start and end, nil when the topic filled the slot.
    var range: Range<Int>?
    var role: String?
    var confidence: Double
    /// For a span name: its type. Its entity (`entity` is nil until then) is made from the text
    /// only when a match is complete (`Search.resolved`): most spans tried are dropped by the
    /// next element, and making their keys and labels cost more than trying them.
    var spanType: String? = nil
}

/// What a slot was filled with.
struct Binding {
    var fillers: [Filler]
    var incomplete: Bool
}

struct SearchState {
    var position: Int
    var start: Int
    /// By `RuleTables.bindingIndex`; empty until the first slot is bound, since most starts
    /// bind none.
    var bindings: [Binding?] = []
    var trigger: Range<Int>?

    func binding(_ index: Int) -> Binding? {
        index < bindings.count ? bindings[index] : nil
    }

    mutating func bind(_ index: Int, _ binding: Binding, count: Int) {
        if bindings.isEmpty { bindings = Array(repeating: nil, count: count) }
        bindings[index] = binding
    }
}

/// Words that stop a span slot: a name does not contain them (the price: a few real names are
/// cut, which `span` accepts for not swallowing whole clauses).
let spanStops: Set<Unicode.Scalar> = Set("则前后因近即他她它再之使令至的了在和与及是将已等对从向把被也就于以并而或且其该这那由着过还又拟未不没让给跟、“”\"‘’'《》<>[]【】「」,;:。!?，；：！？… \t\n".unicodeScalars)

/// Openings a name does not start with: quantities, demonstratives, pronouns.
let spanBadStarts = [
    "一度", "一致", "增发", "定向", "开发", "资产", "业务", "项目", "高级", "最大", "最后", "最终", "探索", "加快", "推动", "积极", "着力", "全力", "大力", "计划", "准备", "决定", "正式", "共同", "联合", "先后", "相继", "陆续",
    "分别", "成功", "已经", "开始", "继续", "支持", "鼓励", "引导", "推进", "深入", "努力", "争取", "重点", "集中", "依托", "围绕",
    "通过", "利用", "发挥", "实施", "启动", "完成", "加强", "加大", "投入", "不断", "持续", "进一步", "来", "股份", "股权", "股票", "间接", "直接", "会", "一批", "一家", "一些", "一个", "一系列", "一大批", "一起", "多家", "多个", "多位", "各类", "各", "每", "该", "此", "本", "我",
    "全国", "全省", "全市", "全球", "公司", "集团公司", "双方", "对方", "股东", "旗下", "下属", "相关", "目前", "今年", "去年", "近日",
    "昨日", "今日", "日前", "此前", "随后", "同时", "其中", "记者", "报道", "消息", "公告", "获悉", "一季度", "二季度", "三季度", "四季度",
    "上半年", "下半年", "年初", "年底", "年末", "月底", "月初", "至", "第一大", "第二大", "第三大", "前十大",
].map { Array($0.unicodeScalars) }

/// True when `body` starts with one of `spanBadStarts`, looking only at those with its first
/// character.
func startsWithBadStart(_ body: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = body.first, let words = spanBadStartIndex[first] else { return false }
    return words.contains { body.starts(with: $0) }
}

let spanBadStartIndex = Dictionary(grouping: spanBadStarts, by: { $0[0] })
/// `spanCutters` by first character.
let spanCutterIndex = Dictionary(grouping: spanCutters, by: { $0[0] })
/// Coordinators: a mention holding one may be two names run together.
let coordinatorTable = ScalarTable(Set("与和及、".unicodeScalars))

/// `properties.isAlphabetic`, by table for the Basic Multilingual Plane.
func isAlphabeticScalar(_ c: Unicode.Scalar) -> Bool {
    c.value < 0x10000 ? alphabeticTable.contains(c) : c.properties.isAlphabetic
}

let alphabeticTable = ScalarTable(bmpWhere: { $0.properties.isAlphabetic })
/// A digit before one of these makes a date or a time, not a name (2018年, 3月后).
let dateUnitTable = ScalarTable(Set("年月日后".unicodeScalars))
/// After a digit these make a date or a count (2018年, 3个), where no name starts.
let countUnitTable = ScalarTable(Set("年月日个天周".unicodeScalars))
/// A span does not end with these.
let spanBadEndTable = ScalarTable(Set("-.·元亿万%".unicodeScalars))
/// Before a final 股 these make a count of shares.
let countBeforeShareTable = ScalarTable(Set("0123456789万亿千百十两".unicodeScalars))

/// Spans that are generic nouns, never a name.
let spanGeneric: Set<String> = [
    "公司", "企业", "集团", "银行", "上市公司", "子公司", "母公司", "控股股东", "大股东", "投资者", "机构", "政府", "市场", "资本",
    "产品", "项目", "平台", "股份", "股权", "资金", "扩股", "增发", "定增", "非流通股", "流通股", "价格", "价款", "现金", "上市", "新公司", "合资公司", "该公司", "本公司", "资产", "业务", "合作", "协议", "战略", "国内", "国外", "海外", "行业", "双方", "三方",
]

/// `spanGeneric.contains(string)`, where `scalars` are the string's: compared scalar by scalar
/// (hashing a Chinese string normalises it first, which cost more than the rest of the checks).
/// Every generic word is made of unified ideographs, so only a text with a compatibility
/// ideograph (which decomposes to one) can equal one without being the same scalars.
func isGenericSpan(_ scalars: ArraySlice<Unicode.Scalar>, _ string: @autoclosure () -> String) -> Bool {
    if scalars.contains(where: { (0xF900...0xFAFF).contains($0.value) || (0x2F800...0x2FA1F).contains($0.value) }) {
        return spanGeneric.contains(string())
    }
    guard let first = scalars.first, let words = spanGenericIndex[first] else { return false }
    return words.contains { $0.elementsEqual(scalars) }
}

let spanGenericIndex = Dictionary(grouping: spanGeneric.map { Array($0.unicodeScalars) }, by: { $0[0] })

/// The longest generic noun, in scalars.
let spanGenericMaxScalars = spanGeneric.map(\.unicodeScalars.count).max() ?? 0

/// Words a span stops before: what follows a name in news sentences, not part of it.
let spanCutters = [
    "股权", "股票", "控股权", "全部", "部分", "业务", "公告", "宣布", "表示", "发布", "完成", "签署", "签订", "达成", "持有",
    "收购", "并购", "合作", "入股", "增持", "减持", "成立", "设立", "出资", "拥有", "旗下", "通过", "作为", "成为", "获得", "董事",
    "总裁", "主席", "股东", "共同", "分别", "正式", "目前", "日前", "近日", "昨日", "今日", "此次", "本次", "已经", "再次", "首次",
    "称", "向", "投资", "开始", "正在", "主要", "继续", "持续", "计划", "准备", "决定", "同意", "有望", "预计", "承诺", "希望", "认为",
    "透露", "介绍", "指出", "约", "共", "核准", "批准", "斥资", "新成立", "新设立", "新组建", "新设", "联合宣布", "联合发布", "联合推出",
    "书面", "通知", "下午", "上午", "此前", "同时", "随后", "其中", "另外", "此外", "据悉", "如今", "当天", "近期", "最近", "早前", "之前",
    "其后", "后来", "最终", "终于", "曾经", "已于", "于今年", "再", "合计", "全资", "控股的", "间接", "直接", "研究", "探讨", "股价",
    "有条件", "进一步", "推动", "承认", "控股股东", "所持", "上市", "两位", "几位", "多位", "累计", "超过", "超", "竞拍", "竞买", "拍卖", "实现", "想", "结盟", "最大", "联姻", "举行", "举办", "召开", "出席", "参加", "推出", "发起", "负责", "上半年", "下半年", "年末", "年初", "年底", "显示", "年报", "半年报", "季报", "数据", "二股东", "名义上", "打造", "发行", "据此", "较", "第一大", "第二大", "第三大", "大股东", "前十大", "登陆", "为代表", "为主", "为首", "作为", "均", "仍", "一直", "先后", "包括", "拥有", "提出", "获得", "获", "日电", "讯", "注资", "控股子公司", "子公司", "董秘", "方面", "负责人", "合资", "联手", "携手", "签约", "结成", "建立",
    "开展", "进行", "洽谈", "续签", "购买", "购入", "买入", "认购", "参股", "组建", "创立", "发起", "宣布",
].map { Array($0.unicodeScalars) }

/// Words that bring in another participant (与, 向, 对, 被…): a gap never skips them, so a
/// rule cannot silently pass over a second party.
let gapBlockers: Set<Unicode.Scalar> = Set("与向对被把由给跟".unicodeScalars)

/// Openers a name may follow directly: time and discourse adverbs.
let spanLeads = [
    "此前", "目前", "同时", "日前", "近日", "昨日", "今日", "昨天", "今天", "随后", "其中", "另外", "此外", "据悉", "据了解", "如今",
    "去年", "今年", "明年", "当天", "本周", "上周", "近期", "最近", "早前", "之前", "其后", "后来", "最终", "终于", "曾", "年", "月", "日", "传言", "传闻", "据", "承认", "根据", "过去", "相当于", "相当", "现任", "时任",
    "原任", "前任",
].map { Array($0.unicodeScalars) }

/// Cutters and leads by first character, so a sentence is scanned once.
let cutterIndex = Dictionary(grouping: spanCutters + spanLeads.filter { $0.count > 1 }, by: { $0[0] })
let leadIndex = Dictionary(grouping: spanLeads, by: { $0[0] })
/// The first characters of `cutterIndex` and `leadIndex`: most characters start neither.
let cutterOrLeadFirst = ScalarTable(Set(cutterIndex.keys).union(leadIndex.keys))
let spanStopTable = ScalarTable(spanStops)
let gapBlockerTable = ScalarTable(gapBlockers)

/// The first characters of a set of literals, as a 256-bit filter on the low bits of the scalar:
/// a position whose character is not in it starts none of them, which is cheaper to tell than
/// comparing every literal there.
struct FirstScalars: Sendable {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// An empty literal matches anywhere, so the filter cannot rule a position out.
    private(set) var hasEmpty = false

    init(_ words: [[Unicode.Scalar]]) {
        for word in words {
            guard let first = word.first else {
                hasEmpty = true
                continue
            }
            let v = first.value & 255
            let bit = UInt64(1) << UInt64(v & 63)
            switch v >> 6 {
            case 0: bits.0 |= bit
            case 1: bits.1 |= bit
            case 2: bits.2 |= bit
            default: bits.3 |= bit
            }
        }
    }

    /// False when none of the literals can start at `i` of `text`.
    @inline(__always)
    func mayStart(_ text: [Unicode.Scalar], at i: Int) -> Bool {
        if hasEmpty { return true }
        guard i >= 0, i < text.count else { return false }
        let v = text[i].value & 255
        let bit = UInt64(1) << UInt64(v & 63)
        switch v >> 6 {
        case 0: return bits.0 & bit != 0
        case 1: return bits.1 & bit != 0
        case 2: return bits.2 & bit != 0
        default: return bits.3 & bit != 0
        }
    }
}

/// Scalar membership by table lookup instead of hashing: the Basic Multilingual Plane in a flat
/// table, the rest in a set. The matcher asks for every character many times.
struct ScalarTable: Sendable {
    private let plane: [Bool]
    private let rest: Set<Unicode.Scalar>

    init(_ members: Set<Unicode.Scalar>) {
        var plane = Array(repeating: false, count: 0x10000)
        for c in members where c.value < 0x10000 { plane[Int(c.value)] = true }
        self.plane = plane
        rest = members.filter { $0.value >= 0x10000 }
    }

    /// The BMP scalars for which `test` holds (surrogate code points are not scalars).
    init(bmpWhere test: (Unicode.Scalar) -> Bool) {
        plane = (0..<0x10000).map { value in Unicode.Scalar(UInt32(value)).map(test) ?? false }
        rest = []
    }

    func contains(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x10000 ? plane[Int(c.value)] : rest.contains(c)
    }
}

/// Organisation suffixes: a name running past one ends at the last.
let orgSuffixes = ["有限责任公司", "股份有限公司", "有限公司", "集团公司", "总公司", "分公司", "公司", "集团", "银行", "分行", "证券"].map {
    Array($0.unicodeScalars)
}

/// Legal forms of a company name, longest first.
let legalForms = ["股份有限公司", "有限责任公司", "集团有限公司", "控股有限公司", "集团公司", "有限公司", "股份公司", "总公司", "公司", "集团", "控股", "股份"]
    .map { Array($0.unicodeScalars) }

/// Endings that let a span name run past eight characters.
let nameHeads = (["公司", "集团", "银行", "分行", "证券", "保险", "控股", "股份", "基金", "信托", "研究院", "研究所", "大学", "学院", "医院", "中心", "实验室",
    "厂", "局", "委员会", "协会", "联合会", "商会", "合作社", "事务所", "酒店", "店", "园", "区", "所"]).map { Array($0.unicodeScalars) }

/// Words that stop a span but may sit inside a suffixed full name.
let weakCutters = ["投资", "合作", "建设", "发展", "控股"].map { Array($0.unicodeScalars) }

let weakCutterFirsts = ScalarTable(Set(weakCutters.map { $0[0] }))

/// Descriptors placed before a name in apposition; the name starts after them.
let descriptors = ["巨头", "战投", "母公司", "龙头企业", "龙头", "招牌品牌", "品牌", "所有", "全部"].map { Array($0.unicodeScalars) }

/// Verbs of announcing that follow a company named as the subject of a clause.
let speechVerbs = ["发布公告", "今日公告", "昨日公告", "日前公告", "晚间公告", "公告", "表示", "宣布", "透露", "披露", "指出", "介绍", "称"].map {
    Array($0.unicodeScalars)
}

let listSeparators = ["以及", "、", "和", "及", "与", "跟", "同"].map { Array($0.unicodeScalars) }
let listClosers = ["等在内的", "等一批", "等多家", "等几家", "等", "等等"].map { Array($0.unicodeScalars) }
let negators = ["尚未", "并未", "从未", "没有", "未能", "未", "没", "不", "无意", "终止", "放弃", "否认", "取消", "暂停", "叫停"].map {
    Array($0.unicodeScalars)
}
/// `不` inside these words is not a negation.
let notNegations = ["未来", "不断", "不仅", "不少", "不同", "不久", "不过", "不但", "不论", "不管", "不错", "不超过", "不低于", "不乏", "不足"].map {
    Array($0.unicodeScalars)
}
/// `将` taking an object (将其所持股份转让) is the 把 construction, not a plan.
let notModal = ["将其", "将该", "将所", "将公司", "将旗下"].map { Array($0.unicodeScalars) }
let modals = ["拟", "计划", "将", "准备", "有意", "打算", "欲", "有望", "意向", "筹划", "预计", "或将", "考虑", "寻求"].map {
    Array($0.unicodeScalars)
}

/// What a search needs of a rule that does not depend on the sentence. A class, so that a
/// search holds one reference instead of copying (and retaining) every table and the rule.
final class RuleTables: Sendable {
    let rule: Rule
    /// Each element's literal alternatives as scalars, longest first.
    let literals: [[[Unicode.Scalar]]]
    /// What may follow each element (see `Search.follow(after:in:)`).
    let follows: [[[Unicode.Scalar]]]
    /// Each element without its payload: switching over `PatternElement` copied (and retained)
    /// the element's strings at every step of the search.
    let ops: [Op]
    /// The slots of the pattern (indexed by `Op.slot`) and of `also` lines, with their lookups.
    let slots: [SlotPlan]
    /// Per element: the element before it is not a gap, so a span slot here is anchored.
    let anchored: [Bool]
    /// Per element: `follows`, plus list separators and closers when the element is a list slot.
    let itemFollows: [[[Unicode.Scalar]]]
    /// Binding index of each slot name (pattern slots, `also` slots and names emits use).
    let bindingIndex: [String: Int]
    /// First characters of `literals` and of `itemFollows`, per element.
    let literalFirsts: [FirstScalars]
    let itemFollowFirsts: [FirstScalars]

    enum Op: Sendable {
        case literal(optional: Bool)
        case absent
        case gap(Int)
        case farGap
        case slot(Int)
    }

    init(_ rule: Rule, vocabulary: Vocabulary = .builtIn, typeIDs: [String: Int] = [:]) {
        self.rule = rule
        literals = rule.pattern.map { element in
            switch element {
            case .literal(let alternatives, _), .absent(let alternatives):
                return alternatives.map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }
            default:
                return []
            }
        }
        let follows = rule.pattern.indices.map { Search.follow(after: $0, in: rule.pattern) }
        self.follows = follows
        var bindingIndex: [String: Int] = [:]
        func binding(_ name: String) -> Int {
            if let known = bindingIndex[name] { return known }
            bindingIndex[name] = bindingIndex.count
            return bindingIndex.count - 1
        }
        var slots: [SlotPlan] = []
        var ops: [Op] = []
        var itemFollows: [[[Unicode.Scalar]]] = []
        for (i, element) in rule.pattern.enumerated() {
            switch element {
            case .literal(_, let optional): ops.append(.literal(optional: optional))
            case .absent: ops.append(.absent)
            case .gap(let max): ops.append(.gap(max))
            case .farGap: ops.append(.farGap)
            case .slot(let slot):
                ops.append(.slot(slots.count))
                slots.append(SlotPlan(slot, binding: binding(slot.name), vocabulary: vocabulary, typeIDs: typeIDs))
            }
            if case .slot(let slot) = element, slot.list {
                itemFollows.append(follows[i] + listSeparators + listClosers)
            } else {
                itemFollows.append(follows[i])
            }
        }
        for slot in rule.elsewhere { _ = binding(slot.name) }
        for emit in rule.emits {
            _ = binding(emit.subject)
            _ = binding(emit.object)
        }
        self.ops = ops
        self.slots = slots
        self.itemFollows = itemFollows
        self.bindingIndex = bindingIndex
        literalFirsts = literals.map(FirstScalars.init)
        itemFollowFirsts = itemFollows.map(FirstScalars.init)
        anchored = rule.pattern.indices.map { i in
            guard i > 0 else { return false }
            switch rule.pattern[i - 1] {
            case .gap, .farGap: return false
            default: return true
            }
        }
    }
}

/// A pattern slot with what the search asks of it, computed once per pack.
final class SlotPlan: Sendable {
    let slot: Slot
    /// Index of the slot's name in `SearchState.bindings`.
    let binding: Int
    let isPost: Bool
    let span: Int?
    let topic: Bool
    let list: Bool
    /// `slot.endings` as scalars.
    let endings: [[Unicode.Scalar]]
    /// By type id (`RuleMatcher.typeIDs`): a mention of that type fits the slot.
    let fitting: [Bool]

    init(_ slot: Slot, binding: Int, vocabulary: Vocabulary, typeIDs: [String: Int]) {
        self.slot = slot
        self.binding = binding
        isPost = slot.isPost
        span = slot.span
        topic = slot.topic
        list = slot.list
        endings = slot.endings.map { Array($0.unicodeScalars) }
        var fitting = Array(repeating: false, count: typeIDs.count)
        for (type, id) in typeIDs {
            fitting[id] = slot.types.contains { type == $0 || vocabulary.isA(type, $0) }
        }
        self.fitting = fitting
    }
}

struct Search {
    var rule: Rule { tables.rule }
    let view: SentenceView
    /// The furthest any attempt got: element index, relative position, reason. A class so that
    /// `note` need not mutate the search, which lets its message be built lazily.
    final class Furthest {
        var element = -1
        var position = 0
        var reason = ""
    }
    let furthest = Furthest()
    var budget = 20_000
    var guardFailure: (Int, String)?
    /// Whether notes are kept: only a near miss reads them, and building their reasons cost
    /// about 3% of a build.
    var recording = true

    /// Each element's literal alternatives as scalars, longest first.
    let literals: [[[Unicode.Scalar]]]
    /// What may follow each element (see `follow(after:)`).
    let follows: [[[Unicode.Scalar]]]
    let tables: RuleTables

    init(rule: Rule, tables: RuleTables, view: SentenceView) {
        self.view = view
        self.tables = tables
        literals = tables.literals
        follows = tables.follows
    }

    func binding(_ name: String, in state: SearchState) -> Binding? {
        tables.bindingIndex[name].flatMap { state.binding($0) }
    }

    /// The reason is built only when the note becomes the furthest: most failures are not, and
    /// building every message cost more than the search itself.
    func note(_ element: Int, _ position: Int, _ reason: @autoclosure () -> String) {
        guard recording, element > furthest.element else { return }
        furthest.element = element
        furthest.position = position
        furthest.reason = reason()
    }

    /// All matches of the rule, one per start position at most.
    ///
    /// `complete: false` stops at the last occurrence of a literal trigger: positions only move
    /// forward, so a later start cannot match the trigger. Those starts come last, so skipping
    /// them leaves the budget of the earlier ones, and thus every match, as it was; only the near
    /// miss may differ, so `kg explain` searches completely.
    mutating func run(complete: Bool = true) -> [RuleMatch] {
        recording = complete
        var matches: [RuleMatch] = []
        var start = 0
        var last = view.count
        if !complete, case .literal = rule.trigger {
            last = lastTrigger() ?? -1
        }
        while start <= last {
            if !complete, failsAtOnce(start) {
                // What `step` would have spent there, so that later starts keep the same budget.
                budget -= 1
                start += 1
                continue
            }
            if let state = step(0, SearchState(position: start, start: start)), let match = finish(state) {
                matches.append(match)
            }
            start += 1
        }
        return matches
    }

    /// True when the first element certainly fails at `start` in one step: a literal not there, or
    /// a slot with no mention starting there, no span start (a first slot is unanchored) and no
    /// clause opening for a topic. Most starts fail so, and testing it costs no allocation.
    func failsAtOnce(_ start: Int) -> Bool {
        switch tables.ops[0] {
        case .literal(let optional):
            return !optional && !(tables.literalFirsts[0].mayStart(view.text, at: start) && literals[0].contains { view.has($0, at: start) })
        case .slot(let k):
            let plan = tables.slots[k]
            if start < view.count, !view.startingAt[start].isEmpty { return false }
            if plan.span != nil, !plan.isPost, start < view.count, isSpanStart(start) { return false }
            if plan.topic, isClauseOpening(start) { return false }
            return true
        default:
            return false
        }
    }

    /// Where the last occurrence of the (literal) trigger starts, nil when it does not occur.
    func lastTrigger() -> Int? {
        let alternatives = literals[rule.triggerIndex]
        let firsts = tables.literalFirsts[rule.triggerIndex]
        var position = view.count
        while position >= 0 {
            if firsts.mayStart(view.text, at: position), alternatives.contains(where: { view.has($0, at: position) }) { return position }
            position -= 1
        }
        return nil
    }

    func nearMiss() -> NearMiss {
        let element = max(furthest.element, 0)
        let text = element < rule.pattern.count ? rule.pattern[element].description : "checks after the pattern"
        return NearMiss(
            ruleID: rule.id, element: element, elementText: text, offset: view.base + furthest.position,
            reason: furthest.reason)
    }

    // MARK: Elements

    mutating func step(_ i: Int, _ state: SearchState) -> SearchState? {
        budget -= 1
        if budget < 0 { return nil }
        if i == tables.ops.count { return state }
        switch tables.ops[i] {
        case .literal(let optional):
            for literal in literals[i] where tables.literalFirsts[i].mayStart(view.text, at: state.position) && view.has(literal, at: state.position) {
                var next = state
                next.position += literal.count
                if i == rule.triggerIndex { next.trigger = state.position..<next.position }
                if let done = step(i + 1, next) { return done }
            }
            if optional { return step(i + 1, state) }
            note(i, state.position, "the text here is not \(rule.pattern[i])")
            return nil
        case .absent:
            if tables.literalFirsts[i].mayStart(view.text, at: state.position), let present = literals[i].first(where: { view.has($0, at: state.position) }) {
                note(i, state.position, "\(String(String.UnicodeScalarView(present))) follows, which \(rule.pattern[i]) excludes")
                return nil
            }
            return step(i + 1, state)
        case .gap(let max):
            var k = 0
            while k <= max, state.position + k <= view.count {
                let p = state.position + k
                if k > 0 {
                    let skipped = p - 1
                    if view.isBarrier(skipped) { break }
                    if view.entityStart[skipped] || gapBlockerTable.contains(view.text[skipped]) { break }
                }
                if failsLiteral(i + 1, at: p) {
                    k += 1
                    continue
                }
                var next = state
                next.position = p
                if let done = step(i + 1, next) { return done }
                k += 1
            }
            note(i, state.position, "what follows the gap was not found before a clause boundary or another name")
            return nil
        case .farGap:
            var p = state.position
            while p <= view.count {
                if failsLiteral(i + 1, at: p) {
                    p += 1
                    continue
                }
                var next = state
                next.position = p
                if let done = step(i + 1, next) { return done }
                p += 1
            }
            note(i, state.position, "what follows …… was not found in the rest of the sentence")
            return nil
        case .slot(let k):
            let plan = tables.slots[k]
            if !plan.list {
                // One member per candidate (what `members` makes of `items`), its binding built
                // only for the candidates the next element does not reject at once.
                for (filler, end) in items(
                    of: plan, at: state.position, anchored: tables.anchored[i], follow: tables.itemFollows[i],
                    followFirsts: tables.itemFollowFirsts[i], afterTrigger: i > rule.triggerIndex)
                {
                    if failsLiteral(i + 1, at: end) { continue }
                    var next = state
                    next.position = end
                    next.bind(plan.binding, Binding(fillers: [filler], incomplete: false), count: tables.bindingIndex.count)
                    if i == rule.triggerIndex { next.trigger = state.position..<end }
                    if let done = step(i + 1, next) { return done }
                }
            } else {
                for candidate in members(
                    of: plan, at: state.position, anchored: tables.anchored[i], follow: follows[i], itemFollow: tables.itemFollows[i],
                    itemFollowFirsts: tables.itemFollowFirsts[i], afterTrigger: i > rule.triggerIndex)
                {
                    if failsLiteral(i + 1, at: candidate.end) { continue }
                    var next = state
                    next.position = candidate.end
                    next.bind(plan.binding, Binding(fillers: candidate.fillers, incomplete: candidate.incomplete), count: tables.bindingIndex.count)
                    if i == rule.triggerIndex { next.trigger = state.position..<candidate.end }
                    if let done = step(i + 1, next) { return done }
                }
            }
            if plan.topic, view.clauseStart[state.position] == state.position || i == 0,
                isClauseOpening(state.position), let topic = view.topicAt[view.clauseStart[state.position]],
                view.fits(topic.type, plan.slot)
            {
                var next = state
                next.bind(
                    plan.binding, Binding(fillers: [Filler(entity: topic, range: nil, confidence: 0.9)], incomplete: false),
                    count: tables.bindingIndex.count)
                if let done = step(i + 1, next) { return done }
            }
            note(i, state.position, "no \(plan.slot.types.joined(separator: "|")) \(plan.span != nil ? "mention or name" : "mention") fills \(plan.slot.name) here")
            return nil
        }
    }

    /// True when `step(j, …)` at position `p` would fail at once on a required literal whose
    /// first character is not there; it then does what that step does (spends one step of the
    /// budget and notes the failure), so the caller need not make the call and copy its state.
    @inline(__always)
    mutating func failsLiteral(_ j: Int, at p: Int) -> Bool {
        guard j < tables.ops.count, case .literal(let optional) = tables.ops[j], !optional,
            !tables.literalFirsts[j].mayStart(view.text, at: p)
        else { return false }
        budget -= 1
        if budget >= 0 { note(j, p, "the text here is not \(rule.pattern[j])") }
        return true
    }

    /// Literals that may come right after element `i`: the next literal's alternatives, and past
    /// an optional literal the one after it too.
    static func follow(after i: Int, in pattern: [PatternElement]) -> [[Unicode.Scalar]] {
        var result: [[Unicode.Scalar]] = []
        var j = i + 1
        while j < pattern.count {
            switch pattern[j] {
            case .literal(let alternatives, let optional):
                result += alternatives.map { Array($0.unicodeScalars) }
                if !optional { return result }
            case .gap, .farGap:
                break
            default:
                return result
            }
            j += 1
        }
        return result
    }

    /// True when only openers (spaces, quotes) stand between the clause start and `position`.
    func isClauseOpening(_ position: Int) -> Bool {
        view.clauseOpeningAt[position]
    }

    struct Candidate {
        var fillers: [Filler]
        var end: Int
        var incomplete: Bool
    }

    /// Ways the slot can be filled at `position`, preferred first: longer lists, then longer
    /// members; with a list closer (等…) consumed before without.
    func members(
        of plan: SlotPlan, at position: Int, anchored: Bool, follow: [[Unicode.Scalar]], itemFollow: [[Unicode.Scalar]],
        itemFollowFirsts: FirstScalars, afterTrigger: Bool
    ) -> [Candidate] {
        var results: [Candidate] = []
        let firsts = items(
            of: plan, at: position, anchored: anchored, follow: itemFollow, followFirsts: itemFollowFirsts, afterTrigger: afterTrigger)
        if !plan.list {
            for item in firsts { results.append(Candidate(fillers: [item.0], end: item.1, incomplete: false)) }
            return results
        }
        var sequences: [([Filler], Int)] = []
        func extend(_ fillers: [Filler], _ end: Int) {
            sequences.append((fillers, end))
            guard fillers.count < 20 else { return }
            for separator in listSeparators where view.has(separator, at: end) {
                for item in items(
                    of: plan, at: end + separator.count, anchored: true, follow: itemFollow, followFirsts: itemFollowFirsts,
                    afterTrigger: afterTrigger)
                {
                    extend(fillers + [item.0], item.1)
                }
            }
        }
        for item in firsts { extend([item.0], item.1) }
        sequences.sort { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.1 > $1.1 }
        for (fillers, end) in sequences.prefix(64) {
            for closer in listClosers where view.has(closer, at: end) {
                results.append(Candidate(fillers: fillers, end: end + closer.count, incomplete: true))
            }
            results.append(Candidate(fillers: fillers, end: end, incomplete: false))
        }
        return results
    }

    /// Single members at `position`: mentions of a fitting type, longest first; else spans.
    func items(
        of plan: SlotPlan, at position: Int, anchored: Bool, follow: [[Unicode.Scalar]], followFirsts: FirstScalars, afterTrigger: Bool = false
    ) -> [(Filler, Int)] {
        var found: [(Filler, Int)] = []
        guard position < view.count else { return found }
        for index in view.startingAt[position] {
            let mention = view.mentions[index]
            let end = mention.span.end - view.base
            if plan.isPost {
                guard mention.type == Slot.postType else { continue }
                if !plan.slot.roles.isEmpty, !plan.slot.roles.contains(mention.role ?? "") { continue }
            } else {
                guard mention.type != Slot.postType, mention.entity != nil, view.fits(mention: index, plan) else { continue }
                // After the trigger a bare noun (成立公司) is generic, not a reference back.
                if afterTrigger, mention.source == .anaphor, !Self.referential(view.text, from: position) { continue }
            }
            found.append((Filler(entity: mention.entity, range: position..<end, role: mention.role, confidence: mention.confidence), end))
        }
        if let maxLength = plan.span, !plan.isPost {
            // Spans come after the mentions: they are tried when the recogniser's reading fails.
            var spanned = spans(
                at: position, maxLength: maxLength, anchored: anchored, type: plan.slot.types[0], follow: follow,
                followFirsts: followFirsts, endings: plan.endings)
            if !plan.endings.isEmpty {
                spanned = spanned.filter { item in
                    plan.endings.contains { view.text[position..<item.1].ends(with: $0) }
                }
            }
            let extra = spanned.filter { item in !found.contains { $0.1 == item.1 } }
            // A lexicon name followed by more of a name (京东 + 金融) is the start of a longer
            // name: the longer reading goes first.
            let longer = extra.filter { item in
                guard let prefix = found.first(where: { $0.1 < item.1 && ($0.0.range?.lowerBound ?? -1) == item.0.range?.lowerBound }),
                    view.startingAt[position].allSatisfy({ view.mentions[$0].source != .suffix })
                else { return false }
                let body = Array(view.text[position..<item.1])
                return item.1 - prefix.1 <= 4 || nameHeads.contains { body.ends(with: $0) }
            }
            if longer.isEmpty {
                found += extra
            } else {
                // The shorter reading is then wrong: it would leave the rest of the name dangling.
                let ends = Set(longer.map(\.1))
                found = longer + extra.filter { !ends.contains($0.1) }
            }
        }
        return found
    }

    /// Names the recogniser did not mark: the natural run (ended by a stop character, a word that
    /// does not belong to names, a mention or the end of the sentence), and shorter spans only
    /// where what follows in the pattern (`follow`) is found.
    func spans(
        at position: Int, maxLength: Int, anchored: Bool, type: String, follow: [[Unicode.Scalar]],
        followFirsts: FirstScalars? = nil, endings: [[Unicode.Scalar]] = []
    ) -> [(Filler, Int)] {
        let text = view.text
        if !anchored, !isSpanStart(position) { return [] }
        if position > 0, countUnitTable.contains(text[position]),
            ("0"..."9").contains(text[position - 1]) || text[position - 1] == ">"
        {
            return []
        }
        if view.isCut(position) { return [] }
        if view.cutterAt[position] { return [] }
        let run = view.spanRun(at: position, maxLength: maxLength)
        let end = run.end
        let natural = run.natural
        let nameStart = run.nameStart
        var ends: [Int] = natural ? [end] : []
        var followed = Set<Int>()
        if !endings.isEmpty {
            // A typed name (…中心, …产业集群) may run past stop words; it ends at its suffix.
            var run = position
            while run < text.count, run - position < maxLength, !view.isBarrier(run),
                !view.stopAt[run] || text[run] == "和" || text[run] == "及" || Self.isLatinSpace(text, run, from: position)
            {
                run += 1
            }
            ends = stride(from: run, through: position + 2, by: -1).filter { stop in
                endings.contains { stop - $0.count >= position && view.has($0, at: stop - $0.count) }
            }
        }
        if !follow.isEmpty {
            let followFirsts = followFirsts ?? FirstScalars(follow)
            for stop in stride(from: end - 1, through: position + 2, by: -1)
            where followFirsts.mayStart(text, at: stop) && follow.contains(where: { view.has($0, at: stop) }) {
                ends.append(stop)
                followed.insert(stop)
            }
        }
        var found: [(Filler, Int)] = []
        var longestMention = position
        for index in view.startingAt[position] where view.mentions[index].source != .suffix && view.trusted[index] {
            longestMention = max(longestMention, view.mentions[index].span.end - view.base)
        }
        for stop in ends where stop - nameStart >= 2 && stop > longestMention {
            // What the pattern expects next may start inside a recognised name (天平车险|股份).
            if view.isCut(stop), !followed.contains(stop) { continue }
            let body = text[nameStart..<stop]
            if startsWithBadStart(body) { break }
            // The checks below only skip this stop, so the cheap ones go first and the string
            // is built last.
            // A name without an organisation suffix is a short name: a longer run is a phrase.
            if endings.isEmpty, body.count > 8, !nameHeads.contains(where: { body.ends(with: $0) }),
                !body.allSatisfy({ $0.isASCII })
            {
                continue
            }
            var alphabetic = 0
            var open = 0
            var close = 0
            var digitBeforeDate = false
            var previous: Unicode.Scalar = " "
            for c in body {
                if isAlphabeticScalar(c) { alphabetic += 1 }
                if c == "(" || c == "（" {
                    open += 1
                } else if c == ")" || c == "）" {
                    close += 1
                }
                if ("0"..."9").contains(previous), dateUnitTable.contains(c) { digitBeforeDate = true }
                previous = c
            }
            if alphabetic < 2 { continue }
            if digitBeforeDate { continue }
            if open != close { continue }
            if let last = body.last, spanBadEndTable.contains(last) { continue }
            if body.count >= 2, body[stop - 1] == "股", countBeforeShareTable.contains(body[stop - 2]) { continue }
            // Every generic word is Chinese: a string with more scalars cannot equal one.
            if body.count <= spanGenericMaxScalars, isGenericSpan(body, makeString(body)) { continue }
            found.append((Filler(entity: nil, range: nameStart..<stop, confidence: 0.85, spanType: type), stop))
        }
        return found
    }

    /// The entity of a span name from `nameStart` to `stop` (see `spans`).
    func spanEntity(_ nameStart: Int, _ stop: Int, type: String) -> EntityDescriptor {
        let body = view.text[nameStart..<stop]
        var label = view.originalText(nameStart, stop)
        var key = makeString(body)
        // 宝能系, 复星系: the group around a company, named by the company.
        if body.count >= 3, body.last == "系" {
            label = String(label.dropLast())
            key = String(key.dropLast())
        }
        // A risk-warning prefix (ST, *ST, S*ST) marks the stock, not the company's name.
        for prefix in ["S*ST", "*ST", "SST", "ST"]
        where (body.first == "S" || body.first == "*") && key.hasPrefix(prefix) && key.unicodeScalars.count > prefix.count + 1 {
            key = String(key.dropFirst(prefix.count))
            label = String(label.dropFirst(prefix.count))
            break
        }
        return EntityDescriptor(key: "name:" + key, type: type, labelZh: label)
    }

    /// `filler` with its entity made when it is a span name.
    func resolved(_ filler: Filler) -> Filler {
        guard filler.entity == nil, let type = filler.spanType, let range = filler.range else { return filler }
        var made = filler
        made.entity = spanEntity(range.lowerBound, range.upperBound, type: type)
        made.spanType = nil
        return made
    }

    /// Where an unanchored span may begin: the sentence start, after a stop character or a
    /// mention, or after a word that cannot end a name (此前, 公告, 同时…).
    /// (A Latin name may follow Chinese text directly: 自主亿门级FinFET FPGA.) A table lookup, see
    /// `SentenceView.spanStartAt`.
    func isSpanStart(_ position: Int) -> Bool {
        view.spanStartAt[position]
    }

    /// True when the anaphor at `position` points back (该公司, 其, 双方), not a bare noun (公司).
    static func referential(_ text: [Unicode.Scalar], from position: Int) -> Bool {
        position < text.count && "该其本这此双三两".unicodeScalars.contains(text[position])
    }

    /// A space between two Latin words of one name (FinFET FPGA, F-Prime Capital).
    static func isLatinSpace(_ text: [Unicode.Scalar], _ i: Int, from start: Int) -> Bool {
        guard text[i] == " ", i > start, i + 1 < text.count else { return false }
        return text[i - 1].isASCII && isAlphabeticScalar(text[i - 1]) && text[i + 1].isASCII && isAlphabeticScalar(text[i + 1])
    }

    static func nameScalar(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x10000 ? nameTable.contains(c) : isNameScalar(c)
    }

    static let nameTable = ScalarTable(bmpWhere: isNameScalar)

    private static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || "·&-*.()（）+".unicodeScalars.contains(c)
    }

    // MARK: After the pattern

    /// Fills `also` slots, applies the guards and builds the triples; nil when a check fails.
    mutating func finish(_ matched: SearchState) -> RuleMatch? {
        var state = matched
        let end = rule.pattern.count
        guard let trigger = state.trigger else { return nil }
        for index in state.bindings.indices {
            guard var binding = state.bindings[index] else { continue }
            binding.fillers = binding.fillers.map(resolved)
            state.bindings[index] = binding
        }
        let matchEnd = state.position
        for slot in rule.elsewhere {
            if let parent = slot.named {
                guard let fillers = namedAfter(parent, slot: slot, state: state), !fillers.isEmpty else {
                    note(end, trigger.lowerBound, "no name elsewhere in the sentence starts with \(parent)'s name")
                    return nil
                }
                state.bind(tables.bindingIndex[slot.name]!, Binding(fillers: fillers, incomplete: false), count: tables.bindingIndex.count)
                continue
            }
            let outside = view.mentions.filter { mention in
                let start = mention.span.start - view.base
                let stop = mention.span.end - view.base
                guard stop <= state.start || start >= matchEnd else { return false }
                if slot.isPost { return mention.type == Slot.postType && mention.entity != nil }
                return mention.type != Slot.postType && mention.entity != nil && view.fits(mention.type, slot)
            }
            var chosen: [Mention] = []
            if slot.list {
                var keys = Set<String>()
                for mention in outside where keys.insert(mention.entity!.key).inserted { chosen.append(mention) }
            } else if let nearest = outside.min(by: {
                abs($0.span.start - view.base - trigger.lowerBound) < abs($1.span.start - view.base - trigger.lowerBound)
            }) {
                chosen = [nearest]
            }
            guard !chosen.isEmpty else {
                note(end, trigger.lowerBound, "no \(slot.types.joined(separator: "|")) mention elsewhere in the sentence for \(slot.name)")
                return nil
            }
            state.bind(
                tables.bindingIndex[slot.name]!,
                Binding(
                    fillers: chosen.map {
                        Filler(entity: $0.entity, range: ($0.span.start - view.base)..<($0.span.end - view.base), role: $0.role,
                            confidence: $0.confidence * 0.9)
                    }, incomplete: false),
                count: tables.bindingIndex.count)
        }
        // The topic fills a slot only when the clause names no organisation before the trigger.
        let bound = state.bindings.compactMap { $0 }.flatMap(\.fillers).compactMap(\.range)
        // Trigger text inside a recognised name (联合 in 新光维医疗联合创始人) is part of that name.
        if case .literal = rule.trigger, let host = view.mentions.first(where: { mention in
            let range = (mention.span.start - view.base)..<(mention.span.end - view.base)
            // A name read off its suffix may have swallowed the verb (中石油控股|克拉玛依…).
            return mention.source != .suffix && range.lowerBound <= trigger.lowerBound && trigger.upperBound <= range.upperBound
                && range != trigger && !bound.contains(range)
        }) {
            note(end, trigger.lowerBound, "the trigger lies inside the name “\(view.originalText(host.span.start - view.base, host.span.end - view.base))”")
            return nil
        }
        for (name, index) in tables.bindingIndex.sorted(by: { $0.value < $1.value }) {
            guard let binding = state.binding(index), binding.fillers.first?.range == nil else { continue }
            let clause = view.clauseStart[trigger.lowerBound]
            if (clause..<trigger.lowerBound).contains(where: { p in view.entityStart[p] && !bound.contains { $0.contains(p) } }) {
                note(end, clause, "the clause names its own subject, so the topic does not fill \(name)")
                return nil
            }
        }
        // Guards look at the clause before the trigger, from a little before the match start.
        let window = max(view.clauseStart[trigger.lowerBound], min(state.start, trigger.lowerBound - 8) - 4)..<trigger.lowerBound
        if rule.negation == .block, let word = find(negators, in: window, excluding: notNegations) {
            note(end, trigger.lowerBound, "negation \(word) before the trigger")
            return nil
        }
        var planned = false
        if rule.modality != .ignore, let word = find(modals, in: window, excluding: notModal) {
            if rule.modality == .block {
                note(end, trigger.lowerBound, "modal word \(word) before the trigger (modality block)")
                return nil
            }
            planned = true
        }
        var extractions: [Extraction] = []
        for emit in rule.emits {
            guard let subjects = binding(emit.subject, in: state), let objects = binding(emit.object, in: state),
                let predicate = view.vocabulary.predicate(emit.predicate)
            else { continue }
            for (si, s) in subjects.fillers.enumerated() {
                for (oi, o) in objects.fillers.enumerated() {
                    guard let subject = s.entity, let object = o.entity, !Self.sameCompany(subject, object) else { continue }
                    // Members of one list cooperating: each unordered pair once.
                    if emit.subject == emit.object, predicate.symmetric, si > oi { continue }
                    guard predicate.domain.contains(where: { view.vocabulary.isA(subject.type, $0) }),
                        predicate.range.contains(where: { view.vocabulary.isA(object.type, $0) })
                    else {
                        note(end, trigger.lowerBound, "\(subject.type) \(emit.predicate) \(object.type) is outside the predicate's domain or range")
                        continue
                    }
                    var qualifiers: [Qualifier] = []
                    for template in emit.qualifiers {
                        var value = template.value
                        if value.hasSuffix(".role") {
                            let name = String(value.dropLast(5))
                            let role = name == emit.subject ? s.role : name == emit.object ? o.role : binding(name, in: state)?.fillers.first?.role
                            guard let role else { continue }
                            value = role
                        }
                        qualifiers.append(Qualifier(template.key, value))
                    }
                    if subjects.incomplete || objects.incomplete { qualifiers.append(Qualifier("list", "incomplete")) }
                    if planned { qualifiers.append(Qualifier("status", "planned")) }
                    extractions.append(
                        Extraction(
                            subject: subject, predicate: emit.predicate, object: object, sentenceIndex: view.sentence.sentence.index,
                            subjectSpan: s.range.map { view.documentSpan($0.lowerBound, $0.upperBound) },
                            objectSpan: o.range.map { view.documentSpan($0.lowerBound, $0.upperBound) },
                            triggerSpan: view.documentSpan(trigger.lowerBound, trigger.upperBound), ruleID: rule.id,
                            ruleVersion: rule.version, confidence: rule.confidence * min(s.confidence, o.confidence),
                            qualifiers: qualifiers))
                }
            }
        }
        guard !extractions.isEmpty else { return nil }
        return RuleMatch(
            ruleID: rule.id, span: view.documentSpan(state.start, matchEnd),
            trigger: view.documentSpan(trigger.lowerBound, trigger.upperBound), extractions: extractions)
    }

    /// Names elsewhere in the sentence that begin with the text of slot `parent` and go on
    /// (华润 → 华润燃气, 中国科学院 → 中国科学院苏州纳米所): a recognised name, else a span.
    func namedAfter(_ parent: String, slot: Slot, state: SearchState) -> [Filler]? {
        guard let filler = binding(parent, in: state)?.fillers.first, let range = filler.range, let parentKey = filler.entity?.key else {
            return nil
        }
        // The parent's own name, not a short form of it (网易 for 网易传媒 would take in 网易新闻).
        guard let label = filler.entity?.labelZh else { return nil }
        let base = Normalizer.normalize(label)
        guard base.count >= 2, Array(view.text[range]) == base, base.contains(where: { $0.value >= 0x4E00 }) else { return nil }
        var result: [Filler] = []
        var keys = Set([parentKey])
        var position = 0
        while position + base.count < view.count {
            defer { position += 1 }
            guard !range.contains(position), view.has(base, at: position), !view.isCut(position) else { continue }
            if position > 0, !isSpanStart(position) { continue }
            var found = view.startingAt[position].map { view.mentions[$0] }.filter {
                $0.type != Slot.postType && $0.entity != nil && $0.span.length >= base.count + 2 && view.fits($0.type, slot)
            }.map { Filler(entity: $0.entity, range: ($0.span.start - view.base)..<($0.span.end - view.base), confidence: $0.confidence) }
            if found.isEmpty, let maxLength = slot.span {
                found = spans(at: position, maxLength: maxLength, anchored: true, type: slot.types[0], follow: []).map { resolved($0.0) }.filter {
                    ($0.range?.count ?? 0) >= base.count + 2 && $0.range?.lowerBound == position
                }
            }
            if let first = found.first, let entity = first.entity, let childRange = first.range,
                !Self.isLegalForm(Array(view.text[(childRange.lowerBound + base.count)..<childRange.upperBound])),
                keys.insert(entity.key).inserted
            {
                result.append(first)
            }
        }
        return result
    }

    /// True when two descriptors name one company: one key, or one name is the other plus a legal
    /// form (平安 / 平安集团, TCL / TCL集团). Declared short names are not trusted here: a listed
    /// company's name is often its parent group's name shortened (华鲁恒升 / 山东华鲁恒升集团).
    static func sameCompany(_ a: EntityDescriptor, _ b: EntityDescriptor) -> Bool {
        if a.key == b.key { return true }
        let la = Normalizer.normalize(a.labelZh)
        let lb = Normalizer.normalize(b.labelZh)
        let (short, long) = la.count <= lb.count ? (la, lb) : (lb, la)
        guard short.count >= 2, long.starts(with: short) else { return false }
        return isLegalForm(Array(long[short.count...]))
    }

    /// True when what follows a parent's name only states a legal form (集团, 股份有限公司,
    /// 保险股份有限公司): the same company under its full name, not a part of it.
    static func isLegalForm(_ tail: [Unicode.Scalar]) -> Bool {
        var rest = tail
        var stripped = false
        while let form = legalForms.first(where: { rest.ends(with: $0) }) {
            rest.removeLast(form.count)
            stripped = true
        }
        return rest.isEmpty || (stripped && rest.count <= 2)
    }

    /// The first of `words` in the window, skipping occurrences that begin one of `excluding`.
    func find(_ words: [[Unicode.Scalar]], in window: Range<Int>, excluding: [[Unicode.Scalar]]) -> String? {
        for position in window where !view.covered[position] {
            for word in words where view.has(word, at: position) && position + word.count <= window.upperBound {
                if excluding.contains(where: { view.has($0, at: position) }) { continue }
                return String(String.UnicodeScalarView(word))
            }
        }
        return nil
    }
}

/// A string of scalars, encoded to UTF-8 in one buffer: building it through
/// `String.UnicodeScalarView` appends scalar by scalar and cost more than the search around it.
func makeString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.count * 3)
    for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
    return String(decoding: bytes, as: UTF8.self)
}

extension RandomAccessCollection where Element: Equatable, Index == Int {
    /// True when the collection ends with `suffix` (compared in place, without copying).
    func ends(with suffix: [Element]) -> Bool {
        guard count >= suffix.count else { return false }
        var i = endIndex - suffix.count
        for element in suffix {
            if self[i] != element { return false }
            i += 1
        }
        return true
    }
}
