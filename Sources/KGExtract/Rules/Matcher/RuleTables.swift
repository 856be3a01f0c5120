import KGModel
import KGText

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
    /// The word gate judges the slot's span names (its first type is not named by common words).
    let gated: Bool

    init(_ slot: Slot, binding: Int, vocabulary: Vocabulary, typeIDs: [String: Int]) {
        self.slot = slot
        self.binding = binding
        isPost = slot.isPost
        span = slot.span
        topic = slot.topic
        list = slot.list
        endings = slot.endings.map { Array($0.unicodeScalars) }
        gated = slot.types.first.map { !SentenceView.commonWordTypes.contains($0) } ?? true
        var fitting = Array(repeating: false, count: typeIDs.count)
        for (type, id) in typeIDs {
            fitting[id] = slot.types.contains { type == $0 || vocabulary.isA(type, $0) }
        }
        self.fitting = fitting
    }
}
