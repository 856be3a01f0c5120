import KGModel
import KGText

// MARK: - Backtracking search for one rule

/// One filled slot member.
///
/// Small on purpose: the search copies fillers at every step it tries, so the entity and role
/// sit behind one reference (`Named`), and a recognised name's filler holds only its mention's
/// index until a match is complete (`Search.resolved`).
struct Filler {
    /// Relative start and end, nil when the topic filled the slot.
    var range: Range<Int>?
    var confidence: Double
    /// For a span name: its type. Its entity (`entity` is nil until then) is made from the text
    /// only when a match is complete (`Search.resolved`): most spans tried are dropped by the
    /// next element, and making their keys and labels cost more than trying them.
    var spanType: String? = nil
    /// For a recognised name: its index in `SentenceView.mentions`, whose entity and role the
    /// filler takes only when a match is complete.
    var mention: Int32 = -1
    private var named: Named?

    /// The entity and role, shared by a filler's copies and never changed.
    private final class Named {
        let entity: EntityDescriptor?
        let role: String?
        init(_ entity: EntityDescriptor?, _ role: String?) {
            self.entity = entity
            self.role = role
        }
    }

    init(
        entity: EntityDescriptor?, range: Range<Int>?, role: String? = nil, confidence: Double, spanType: String? = nil,
        mention: Int32 = -1
    ) {
        self.range = range
        self.confidence = confidence
        self.spanType = spanType
        self.mention = mention
        if entity != nil || role != nil { named = Named(entity, role) }
    }

    var entity: EntityDescriptor? { named?.entity }
    var role: String? { named?.role }
}

/// What a slot was filled with.
struct Binding {
    /// One filler is kept apart from a list: the search binds a slot for every candidate it
    /// tries, and a one-element array is an allocation each time.
    private var one: Filler?
    private var many: [Filler] = []
    var incomplete: Bool

    init(fillers: [Filler], incomplete: Bool) {
        many = fillers
        self.incomplete = incomplete
    }

    init(_ filler: Filler) {
        one = filler
        incomplete = false
    }

    var fillers: [Filler] {
        get { one.map { [$0] } ?? many }
        set {
            one = nil
            many = newValue
        }
    }
}

struct SearchState {
    var position: Int
    var start: Int
    /// By `RuleTables.bindingIndex`. While the search runs, the slots bound on the current path
    /// are `Search.bound`; a state gets them when it completes the pattern.
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
    /// The slots bound on the path the search is trying, by `RuleTables.bindingIndex`: set before
    /// the next element is tried and put back when the slot's element returns, so that trying a
    /// candidate copies no array of bindings.
    var bound: [Binding?]
    /// The most steps one rule may take on one sentence, over all its start positions.
    ///
    /// A pattern of list slots, span slots and gaps backtracks, and on a long sentence of names
    /// (a list of hundreds of companies joined by 、) its ways to split the text grow
    /// exponentially; the budget bounds a rule's work per sentence. It decides results: a match
    /// that needs more steps than are left is not found, and earlier starts spend what later
    /// ones could have used. So every fast path that skips a step (`failsAtOnce`, `failsLiteral`,
    /// the early stop in `run`) spends exactly what the skipped step would have spent, and a
    /// change to the search must keep the count of steps, or say that results change.
    /// `StepBudgetTests` runs a sentence that exhausts it.
    static let stepBudget = 20_000
    var budget = Search.stepBudget
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
        bound = Array(repeating: nil, count: tables.bindingIndex.count)
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

    /// Where a bracketed aside right after a name ends (…基金(国调基金)领投, 星河股份(600001.SH)
    /// 宣布…): the pattern goes on after it as well as at the bracket, which a rule may name
    /// itself (a ticker rule's `(`). Empty when no aside follows `end`.
    func afterAside(_ end: Int) -> [Int] {
        asideEnd(end).map { [$0] } ?? []
    }

    /// `afterAside` as an optional: the search asks for every candidate it tries, and making
    /// `[end] + afterAside(end)` allocated an array each time.
    func asideEnd(_ end: Int) -> Int? {
        guard end < view.count, view.text[end] == "(" else { return nil }
        var p = end + 1
        while p < view.count, p - end <= 30 {
            let c = view.text[p]
            if c == ")" { return p > end + 1 ? p + 1 : nil }
            if c == "(" || view.isBarrier(p) { return nil }
            p += 1
        }
        return nil
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
        if i == tables.ops.count {
            var done = state
            done.bindings = bound
            return done
        }
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
            // What the path had in this slot, put back on return; saved at the first candidate
            // bound, since most slots tried bind none.
            var saved: Binding? = nil
            var touched = false
            defer { if touched { bound[plan.binding] = saved } }
            func bind(_ binding: Binding) {
                if !touched {
                    saved = bound[plan.binding]
                    touched = true
                }
                bound[plan.binding] = binding
            }
            if !plan.list {
                // One member per candidate (what `members` makes of `items`), its binding built
                // only for the candidates the next element does not reject at once.
                for (filler, end) in items(
                    of: plan, at: state.position, anchored: tables.anchored[i], follow: tables.itemFollows[i],
                    followFirsts: tables.itemFollowFirsts[i], afterTrigger: i > rule.triggerIndex)
                {
                    let aside = asideEnd(end)
                    for pass in 0..<2 {
                        // The candidate's end, then the end of an aside after it.
                        guard let stop = pass == 0 ? end : aside else { break }
                        if failsLiteral(i + 1, at: stop) { continue }
                        var next = state
                        next.position = stop
                        bind(Binding(filler))
                        if i == rule.triggerIndex { next.trigger = state.position..<end }
                        if let done = step(i + 1, next) { return done }
                    }
                }
            } else {
                for candidate in members(
                    of: plan, at: state.position, anchored: tables.anchored[i], follow: follows[i], itemFollow: tables.itemFollows[i],
                    itemFollowFirsts: tables.itemFollowFirsts[i], afterTrigger: i > rule.triggerIndex)
                {
                    let aside = asideEnd(candidate.end)
                    for pass in 0..<2 {
                        guard let stop = pass == 0 ? candidate.end : aside else { break }
                        if failsLiteral(i + 1, at: stop) { continue }
                        var next = state
                        next.position = stop
                        bind(Binding(fillers: candidate.fillers, incomplete: candidate.incomplete))
                        if i == rule.triggerIndex { next.trigger = state.position..<candidate.end }
                        if let done = step(i + 1, next) { return done }
                    }
                }
            }
            if plan.topic, view.clauseStart[state.position] == state.position || i == 0,
                isClauseOpening(state.position), let topic = view.topicAt[view.clauseStart[state.position]],
                view.fits(topic.type, plan.slot)
            {
                bind(Binding(Filler(entity: topic, range: nil, confidence: 0.9)))
                if let done = step(i + 1, state) { return done }
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

}
