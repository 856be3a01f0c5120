import KGModel

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
    public var rules: [Rule]
    public var index: TriggerIndex
    public var vocabulary: Vocabulary

    public init(rules: [Rule], vocabulary: Vocabulary = .builtIn) {
        self.rules = rules
        self.index = TriggerIndex(rules: rules)
        self.vocabulary = vocabulary
    }

    /// Runs every rule whose trigger the sentence contains, then keeps matches by the pack's
    /// overlap policy: matches whose triggers overlap compete, and the longest match wins, then
    /// the higher priority, then the rule earlier in the pack.
    public func match(_ sentence: AnnotatedSentence) -> SentenceMatch {
        let view = SentenceView(sentence, vocabulary: vocabulary)
        let types = Set(sentence.mentions.filter { $0.entity != nil || $0.type == Slot.postType }.map(\.type))
        let candidates = index.candidates(in: sentence.normalized) { wanted in
            types.contains { $0 == wanted || vocabulary.isA($0, wanted) }
        }
        var all: [(rule: Rule, match: RuleMatch)] = []
        var misses: [NearMiss] = []
        for position in candidates {
            let rule = rules[position]
            var search = Search(rule: rule, view: view)
            let found = search.run()
            if found.isEmpty {
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

/// Positions in a sentence, relative to its start; lookups the search needs many times.
struct SentenceView {
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

    static let barriers: Set<Unicode.Scalar> = [",", ";", ":", "。", "!", "?", "\n", "，", "；", "：", "！", "？", "…"]

    init(_ sentence: AnnotatedSentence, vocabulary: Vocabulary) {
        self.sentence = sentence
        self.vocabulary = vocabulary
        text = sentence.normalized
        original = Array(sentence.sentence.text.unicodeScalars)
        base = sentence.sentence.span.start
        mentions = sentence.mentions
        let n = text.count
        var starting = Array(repeating: [Int](), count: n + 1)
        var entityStart = Array(repeating: false, count: n + 1)
        for (i, mention) in sentence.mentions.enumerated() {
            let start = mention.span.start - base
            guard start >= 0, start < n, mention.span.end - base <= n else { continue }
            starting[start].append(i)
            if mention.type != Slot.postType,
                vocabulary.isA(mention.type, "Organization") || vocabulary.isA(mention.type, "Person")
            {
                entityStart[start] = true
            }
        }
        for i in starting.indices {
            starting[i].sort { sentence.mentions[$0].span.length > sentence.mentions[$1].span.length }
        }
        startingAt = starting
        self.entityStart = entityStart
        var clause = Array(repeating: 0, count: n + 1)
        var current = 0
        for i in 0..<n {
            clause[i] = current
            if Self.barriers.contains(text[i]) { current = i + 1 }
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
            while first < n, SentenceView.openers.contains(sentence.normalized[first]) { first += 1 }
            if first < n, let subject = starting[first].lazy.map({ sentence.mentions[$0] }).first(where: {
                $0.type != Slot.postType && $0.entity != nil
            }) {
                topic = subject.entity
            }
            let scalars = sentence.normalized
            guard let next = (position..<n).first(where: { SentenceView.barriers.contains(scalars[$0]) }) else { break }
            position = next + 1
        }
        topicAt = topics
    }

    static let openers: Set<Unicode.Scalar> = [" ", "“", "\"", "‘", "'", "「", "《", "("]

    var count: Int { text.count }

    func isBarrier(_ i: Int) -> Bool { Self.barriers.contains(text[i]) }

    func has(_ literal: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + literal.count <= text.count else { return false }
        for (k, scalar) in literal.enumerated() where text[i + k] != scalar { return false }
        return true
    }

    func documentSpan(_ start: Int, _ end: Int) -> TextSpan { TextSpan(base + start, base + end) }

    func originalText(_ start: Int, _ end: Int) -> String {
        String(String.UnicodeScalarView(original[start..<min(end, original.count)]))
    }

    func fits(_ type: String, _ slot: Slot) -> Bool {
        slot.types.contains { type == $0 || vocabulary.isA(type, $0) }
    }

    /// True when no mention crosses position `i` (starts before it and ends after it).
    func isCut(_ i: Int) -> Bool {
        mentions.contains { $0.span.start - base < i && $0.span.end - base > i }
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
}

/// What a slot was filled with.
struct Binding {
    var fillers: [Filler]
    var incomplete: Bool
}

struct SearchState {
    var position: Int
    var start: Int
    var bindings: [String: Binding] = [:]
    var trigger: Range<Int>?
}

/// Words that stop a span slot: a name does not contain them (the price: a few real names are
/// cut, which `span` accepts for not swallowing whole clauses).
let spanStops: Set<Unicode.Scalar> = Set("至的了在和与及是将已等对从向把被也就于以并而或且其该这那由着过还又拟未不没让给跟、“”\"‘’'《》<>[]【】「」,;:。!?，；：！？… \t\n".unicodeScalars)

/// Openings a name does not start with: quantities, demonstratives, pronouns.
let spanBadStarts = [
    "一批", "一家", "一些", "一个", "一系列", "一大批", "一起", "多家", "多个", "多位", "各类", "各", "每", "该", "此", "本", "我",
    "全国", "全省", "全市", "全球", "公司", "集团公司", "双方", "对方", "股东", "旗下", "下属", "相关", "目前", "今年", "去年", "近日",
    "昨日", "今日", "日前", "此前", "随后", "同时", "其中", "记者", "报道", "消息", "公告", "获悉", "一季度", "二季度", "三季度", "四季度",
    "上半年", "下半年", "年初", "年底", "年末", "月底", "月初", "至", "第一大", "第二大", "第三大", "前十大",
].map { Array($0.unicodeScalars) }

/// Spans that are generic nouns, never a name.
let spanGeneric: Set<String> = [
    "公司", "企业", "集团", "银行", "上市公司", "子公司", "母公司", "控股股东", "大股东", "投资者", "机构", "政府", "市场", "资本",
    "产品", "项目", "平台", "股份", "股权", "资产", "业务", "合作", "协议", "战略", "国内", "国外", "海外", "行业", "双方", "三方",
]

/// Words a span stops before: what follows a name in news sentences, not part of it.
let spanCutters = [
    "股权", "股票", "控股权", "全部", "部分", "资产", "业务", "公告", "宣布", "表示", "发布", "完成", "签署", "签订", "达成", "持有",
    "收购", "并购", "合作", "入股", "增持", "减持", "成立", "设立", "出资", "拥有", "旗下", "通过", "作为", "成为", "获得", "董事",
    "总裁", "主席", "股东", "共同", "分别", "正式", "目前", "日前", "近日", "昨日", "今日", "此次", "本次", "已经", "再次", "首次",
    "称", "向", "投资", "开始", "正在", "主要", "继续", "持续", "计划", "准备", "决定", "同意", "有望", "预计", "承诺", "希望", "认为",
    "透露", "介绍", "指出", "第一大", "第二大", "第三大", "大股东", "前十大", "登陆", "为代表", "为主", "为首", "作为", "均", "仍", "一直", "先后", "包括", "拥有", "提出", "获得", "获", "日电", "讯", "注资", "控股子公司", "子公司", "董秘", "方面", "负责人", "合资", "联手", "携手", "签约", "结成", "建立",
    "开展", "进行", "洽谈", "续签", "购买", "购入", "买入", "认购", "参股", "组建", "创立", "发起", "宣布",
].map { Array($0.unicodeScalars) }

/// Words that bring in another participant (与, 向, 对, 被…): a gap never skips them, so a
/// rule cannot silently pass over a second party.
let gapBlockers: Set<Unicode.Scalar> = Set("与向对被把由给跟".unicodeScalars)

/// Openers a name may follow directly: time and discourse adverbs.
let spanLeads = [
    "此前", "目前", "同时", "日前", "近日", "昨日", "今日", "昨天", "今天", "随后", "其中", "另外", "此外", "据悉", "据了解", "如今",
    "去年", "今年", "明年", "当天", "本周", "上周", "近期", "最近", "早前", "之前", "其后", "后来", "最终", "终于", "曾", "年", "月", "日",
].map { Array($0.unicodeScalars) }

let listSeparators = ["以及", "、", "和", "及", "与", "跟", "同"].map { Array($0.unicodeScalars) }
let listClosers = ["等在内的", "等一批", "等多家", "等几家", "等", "等等"].map { Array($0.unicodeScalars) }
let negators = ["尚未", "并未", "从未", "没有", "未能", "未", "没", "不", "无意", "终止", "放弃", "否认", "取消", "暂停", "叫停"].map {
    Array($0.unicodeScalars)
}
/// `不` inside these words is not a negation.
let notNegations = ["未来", "不断", "不仅", "不少", "不同", "不久", "不过", "不但", "不论", "不管", "不错", "不超过", "不低于", "不乏", "不足"].map {
    Array($0.unicodeScalars)
}
let modals = ["拟", "计划", "将", "准备", "有意", "打算", "欲", "有望", "意向", "筹划", "预计", "或将", "考虑", "寻求"].map {
    Array($0.unicodeScalars)
}

struct Search {
    let rule: Rule
    let view: SentenceView
    /// The furthest any attempt got: element index, relative position, reason.
    var furthest: (element: Int, position: Int, reason: String) = (-1, 0, "")
    var budget = 20_000
    var guardFailure: (Int, String)?

    init(rule: Rule, view: SentenceView) {
        self.rule = rule
        self.view = view
    }

    mutating func note(_ element: Int, _ position: Int, _ reason: String) {
        if element > furthest.element { furthest = (element, position, reason) }
    }

    /// All matches of the rule, one per start position at most.
    mutating func run() -> [RuleMatch] {
        var matches: [RuleMatch] = []
        var start = 0
        while start <= view.count {
            if let state = step(0, SearchState(position: start, start: start)), let match = finish(state) {
                matches.append(match)
            }
            start += 1
        }
        return matches
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
        if i == rule.pattern.count { return state }
        switch rule.pattern[i] {
        case .literal(let alternatives, let optional):
            for literal in alternatives.map({ Array($0.unicodeScalars) }).sorted(by: { $0.count > $1.count })
            where view.has(literal, at: state.position) {
                var next = state
                next.position += literal.count
                if i == rule.triggerIndex { next.trigger = state.position..<next.position }
                if let done = step(i + 1, next) { return done }
            }
            if optional { return step(i + 1, state) }
            note(i, state.position, "the text here is not \(rule.pattern[i])")
            return nil
        case .absent(let alternatives):
            if let present = alternatives.first(where: { view.has(Array($0.unicodeScalars), at: state.position) }) {
                note(i, state.position, "\(present) follows, which \(rule.pattern[i]) excludes")
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
                    if view.entityStart[skipped] || gapBlockers.contains(view.text[skipped]) { break }
                }
                var next = state
                next.position = p
                if let done = step(i + 1, next) { return done }
                k += 1
            }
            note(i, state.position, "what follows the gap was not found before a clause boundary or another name")
            return nil
        case .slot(let slot):
            let anchored = i > 0 && { if case .gap = rule.pattern[i - 1] { return false } else { return true } }()
            for candidate in members(of: slot, at: state.position, anchored: anchored, follow: follow(after: i)) {
                var next = state
                next.position = candidate.end
                next.bindings[slot.name] = Binding(fillers: candidate.fillers, incomplete: candidate.incomplete)
                if i == rule.triggerIndex { next.trigger = state.position..<candidate.end }
                if let done = step(i + 1, next) { return done }
            }
            if slot.topic, view.clauseStart[state.position] == state.position || i == 0,
                isClauseOpening(state.position), let topic = view.topicAt[view.clauseStart[state.position]],
                view.fits(topic.type, slot)
            {
                var next = state
                next.bindings[slot.name] = Binding(fillers: [Filler(entity: topic, range: nil, confidence: 0.9)], incomplete: false)
                if let done = step(i + 1, next) { return done }
            }
            note(i, state.position, "no \(slot.types.joined(separator: "|")) \(slot.span != nil ? "mention or name" : "mention") fills \(slot.name) here")
            return nil
        }
    }

    /// Literals that may come right after element `i`: the next literal's alternatives, and past
    /// an optional literal the one after it too.
    func follow(after i: Int) -> [[Unicode.Scalar]] {
        var result: [[Unicode.Scalar]] = []
        var j = i + 1
        while j < rule.pattern.count {
            switch rule.pattern[j] {
            case .literal(let alternatives, let optional):
                result += alternatives.map { Array($0.unicodeScalars) }
                if !optional { return result }
            case .gap:
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
        let start = view.clauseStart[position]
        return (start..<position).allSatisfy { SentenceView.openers.contains(view.text[$0]) }
    }

    struct Candidate {
        var fillers: [Filler]
        var end: Int
        var incomplete: Bool
    }

    /// Ways the slot can be filled at `position`, preferred first: longer lists, then longer
    /// members; with a list closer (等…) consumed before without.
    func members(of slot: Slot, at position: Int, anchored: Bool, follow: [[Unicode.Scalar]]) -> [Candidate] {
        var results: [Candidate] = []
        let itemFollow = slot.list ? follow + listSeparators + listClosers : follow
        let firsts = items(of: slot, at: position, anchored: anchored, follow: itemFollow)
        if !slot.list {
            for item in firsts { results.append(Candidate(fillers: [item.0], end: item.1, incomplete: false)) }
            return results
        }
        var sequences: [([Filler], Int)] = []
        func extend(_ fillers: [Filler], _ end: Int) {
            sequences.append((fillers, end))
            guard fillers.count < 20 else { return }
            for separator in listSeparators where view.has(separator, at: end) {
                for item in items(of: slot, at: end + separator.count, anchored: true, follow: itemFollow) {
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
    func items(of slot: Slot, at position: Int, anchored: Bool, follow: [[Unicode.Scalar]]) -> [(Filler, Int)] {
        var found: [(Filler, Int)] = []
        guard position < view.count else { return found }
        for index in view.startingAt[position] {
            let mention = view.mentions[index]
            let end = mention.span.end - view.base
            if slot.isPost {
                guard mention.type == Slot.postType else { continue }
                if !slot.roles.isEmpty, !slot.roles.contains(mention.role ?? "") { continue }
            } else {
                guard mention.type != Slot.postType, mention.entity != nil, view.fits(mention.type, slot) else { continue }
            }
            found.append((Filler(entity: mention.entity, range: position..<end, role: mention.role, confidence: mention.confidence), end))
        }
        if found.isEmpty, let maxLength = slot.span, !slot.isPost {
            found = spans(
                at: position, maxLength: maxLength, anchored: anchored, type: slot.types[0], follow: follow,
                endings: slot.endings.map { Array($0.unicodeScalars) })
            if !slot.endings.isEmpty {
                found = found.filter { item in
                    let label = Array(view.text[position..<item.1])
                    return slot.endings.contains { label.ends(with: Array($0.unicodeScalars)) }
                }
            }
        }
        return found
    }

    /// Names the recogniser did not mark: the natural run (ended by a stop character, a word that
    /// does not belong to names, a mention or the end of the sentence), and shorter spans only
    /// where what follows in the pattern (`follow`) is found.
    func spans(
        at position: Int, maxLength: Int, anchored: Bool, type: String, follow: [[Unicode.Scalar]], endings: [[Unicode.Scalar]] = []
    ) -> [(Filler, Int)] {
        let text = view.text
        if !anchored, !isSpanStart(position) { return [] }
        if position > 0, "年月".unicodeScalars.contains(text[position]),
            ("0"..."9").contains(text[position - 1]) || text[position - 1] == ">"
        {
            return []
        }
        if view.isCut(position) || !view.startingAt[position].isEmpty { return [] }
        if spanCutters.contains(where: { view.has($0, at: position) }) { return [] }
        var end = position
        var depth = 0
        var natural = true
        while end < text.count, !spanStops.contains(text[end]) {
            let c = text[end]
            if c == "(" || c == "（" { depth += 1 }
            if c == ")" || c == "）" {
                if depth == 0 { break }
                depth -= 1
            }
            guard Self.nameScalar(c) else { break }
            if end > position, !view.startingAt[end].isEmpty || spanCutters.contains(where: { view.has($0, at: end) }) { break }
            if end - position == maxLength {
                natural = false
                break
            }
            end += 1
        }
        var ends: [Int] = natural ? [end] : []
        if !endings.isEmpty {
            // A typed name (…中心, …产业集群) may run past stop words; it ends at its suffix.
            var run = position
            while run < text.count, run - position < maxLength, !view.isBarrier(run), !spanStops.contains(text[run]) || text[run] == "和" || text[run] == "及" {
                run += 1
            }
            ends = stride(from: run, through: position + 2, by: -1).filter { stop in
                endings.contains { stop - $0.count >= position && view.has($0, at: stop - $0.count) }
            }
        }
        if !follow.isEmpty {
            for stop in stride(from: end - 1, through: position + 2, by: -1)
            where follow.contains(where: { view.has($0, at: stop) }) {
                ends.append(stop)
            }
        }
        var found: [(Filler, Int)] = []
        for stop in ends where stop - position >= 2 {
            if view.isCut(stop) { continue }
            let body = Array(text[position..<stop])
            if spanBadStarts.contains(where: { body.starts(with: $0) }) { break }
            let normalized = String(String.UnicodeScalarView(body))
            if spanGeneric.contains(normalized) { continue }
            if body.filter({ $0.properties.isAlphabetic }).count < 2 { continue }
            let open = body.filter { $0 == "(" || $0 == "（" }.count
            let close = body.filter { $0 == ")" || $0 == "）" }.count
            if open != close { continue }
            if let last = body.last, "-.·元亿万%".unicodeScalars.contains(last) { continue }
            if body.count >= 2, body[body.count - 1] == "股", "0123456789万亿千百十两".unicodeScalars.contains(body[body.count - 2]) { continue }
            let label = view.originalText(position, stop)
            let entity = EntityDescriptor(key: "name:" + normalized, type: type, labelZh: label)
            found.append((Filler(entity: entity, range: position..<stop, confidence: 0.85), stop))
        }
        return found
    }

    /// Where an unanchored span may begin: the sentence start, after a stop character or a
    /// mention, or after a word that cannot end a name (此前, 公告, 同时…).
    func isSpanStart(_ position: Int) -> Bool {
        if position == 0 { return true }
        let before = position - 1
        if spanStops.contains(view.text[before]) || view.isBarrier(before) { return true }
        if view.mentions.contains(where: { $0.span.end - view.base == position }) { return true }
        for word in spanCutters + spanLeads where word.count <= position && view.has(word, at: position - word.count) {
            return true
        }
        return false
    }

    static func nameScalar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || "·&-*.()（）+".unicodeScalars.contains(c)
    }

    // MARK: After the pattern

    /// Fills `also` slots, applies the guards and builds the triples; nil when a check fails.
    mutating func finish(_ matched: SearchState) -> RuleMatch? {
        var state = matched
        let end = rule.pattern.count
        guard let trigger = state.trigger else { return nil }
        let matchEnd = state.position
        for slot in rule.elsewhere {
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
            state.bindings[slot.name] = Binding(
                fillers: chosen.map {
                    Filler(entity: $0.entity, range: ($0.span.start - view.base)..<($0.span.end - view.base), role: $0.role,
                        confidence: $0.confidence * 0.9)
                }, incomplete: false)
        }
        // The topic fills a slot only when the clause names no organisation before the trigger.
        for (name, binding) in state.bindings where binding.fillers.first?.range == nil {
            let clause = view.clauseStart[trigger.lowerBound]
            if (clause..<trigger.lowerBound).contains(where: { view.entityStart[$0] }) {
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
        if rule.modality != .ignore, let word = find(modals, in: window, excluding: []) {
            if rule.modality == .block {
                note(end, trigger.lowerBound, "modal word \(word) before the trigger (modality block)")
                return nil
            }
            planned = true
        }
        var extractions: [Extraction] = []
        for emit in rule.emits {
            guard let subjects = state.bindings[emit.subject], let objects = state.bindings[emit.object],
                let predicate = view.vocabulary.predicate(emit.predicate)
            else { continue }
            for (si, s) in subjects.fillers.enumerated() {
                for (oi, o) in objects.fillers.enumerated() {
                    guard let subject = s.entity, let object = o.entity, subject.key != object.key else { continue }
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
                            let role = name == emit.subject ? s.role : name == emit.object ? o.role : state.bindings[name]?.fillers.first?.role
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

    /// The first of `words` in the window, skipping occurrences that begin one of `excluding`.
    func find(_ words: [[Unicode.Scalar]], in window: Range<Int>, excluding: [[Unicode.Scalar]]) -> String? {
        for position in window where !view.mentions.contains(where: { $0.span.start - view.base <= position && position < $0.span.end - view.base }) {
            for word in words where view.has(word, at: position) && position + word.count <= window.upperBound {
                if excluding.contains(where: { view.has($0, at: position) }) { continue }
                return String(String.UnicodeScalarView(word))
            }
        }
        return nil
    }
}

extension Array where Element: Equatable {
    func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
