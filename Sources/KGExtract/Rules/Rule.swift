import KGModel

/// One compiled rule of a `.rules` file: a pattern over a sentence's characters and mentions,
/// the triples it emits, and the examples that pin its behaviour down.
public struct Rule: Sendable, Hashable {
    /// The id written after `rule`, unique within a pack.
    public var id: String
    /// FNV-1a 64 of the rule's source text (hex), so a stored triple can be traced to the exact
    /// rule text that produced it.
    public var version: String
    /// Where the rule starts (the `rule` line).
    public var location: SourceLocation
    /// The rule's source text, as written.
    public var source: String
    public var pattern: [PatternElement]
    /// Slots filled from anywhere else in the sentence (`also` lines), not at a position.
    public var elsewhere: [Slot]
    public var emits: [Emit]
    /// Higher wins among overlapping matches of equal length.
    public var priority: Int
    public var confidence: Double
    /// Whether a negation before the trigger stops the rule (`negation block`, the default).
    public var negation: NegationPolicy
    /// What a modal word before the trigger does (`modality block|planned|ignore`).
    public var modality: ModalityPolicy
    public var examples: [RuleExample]
    /// Position in the pack (files in name order, rules in file order); the last tie-breaker.
    public var order: Int
    /// Index into `pattern` of the element the guards look before and the index keys on.
    public var triggerIndex: Int

    /// The trigger element.
    public var trigger: PatternElement { pattern[triggerIndex] }
}

/// What a negation word before the trigger does.
public enum NegationPolicy: String, Sendable, Hashable {
    case block, allow
}

/// What a modal word (拟, 计划, 将, 准备…) before the trigger does.
public enum ModalityPolicy: String, Sendable, Hashable {
    /// The rule does not fire: a plan is not a fact.
    case block
    /// The rule fires and its triples get `status = planned`.
    case planned
    /// Modal words are not looked at.
    case ignore
}

/// One element of a rule's pattern.
public enum PatternElement: Sendable, Hashable, CustomStringConvertible {
    /// Literal text, one of the alternatives (`建设|打造|成立`); `optional` when written in `[…]`.
    case literal(alternatives: [String], optional: Bool)
    /// Zero-width: the text here is none of the alternatives (`!(公司|企业)`).
    case absent(alternatives: [String])
    /// Up to `max` characters of anything except a clause boundary (`…`, `…12`).
    case gap(max: Int)
    /// Anything up to the end of the sentence, across clause boundaries (`……`): for cues a
    /// sentence states in another clause (甲与乙……双方……合作).
    case farGap
    /// A named slot filled by a mention, a span, a list of them, or the clause topic.
    case slot(Slot)

    public var description: String {
        switch self {
        case .literal(let alternatives, let optional):
            let body = alternatives.joined(separator: "|")
            return optional ? "[\(body)]" : (alternatives.count > 1 ? "(\(body))" : body)
        case .absent(let alternatives): return "!(" + alternatives.joined(separator: "|") + ")"
        case .gap(let max): return max == RuleDefaults.gap ? "…" : "…\(max)"
        case .farGap: return "……"
        case .slot(let slot): return slot.description
        }
    }

    /// The literal alternatives when this element is a required literal.
    var requiredLiterals: [String]? {
        if case .literal(let alternatives, false) = self { return alternatives }
        return nil
    }
}

/// Defaults of the rule language, named so the documentation and the parser agree.
public enum RuleDefaults {
    /// Characters a bare `…` may skip.
    public static let gap = 12
    /// Longest name a bare `span` captures.
    public static let span = 16
    public static let priority = 0
    public static let confidence = 0.8
}

/// A named slot: `{买方:Company|Organization list span=12 topic}`.
public struct Slot: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    /// Accepted entity type ids (a mention of a subtype fits), or `Post`.
    public var types: [String]
    /// Expand a coordination (、 和 及 与 以及, closed by 等 / 等一批 / 等在内的) into members.
    public var list: Bool
    /// When set, text the recogniser did not mark may fill the slot: a name of at most this many
    /// characters, bounded by punctuation and function words, typed as `types[0]`.
    public var span: Int?
    /// When the text leaves the slot empty at the start of a clause, the clause topic fills it.
    public var topic: Bool
    /// For `also` slots: a name elsewhere in the sentence that starts with the text of this
    /// other slot (`named=母`: 华润 → 华润燃气).
    public var named: String?
    /// A span must end with one of these (`ends=中心|平台`); empty means any.
    public var endings: [String] = []
    /// For `Post` slots: only these posts (`role=创始人|联合创始人`); empty means any.
    public var roles: [String]
    /// Column of the slot in its rule file, for diagnostics.
    public var column: Int

    public var isPost: Bool { types == [Slot.postType] }

    /// The pseudo-type of a post mention (`Mention.type == "Post"`).
    public static let postType = EntityTypeID.post

    public var description: String {
        var parts = ["\(name):\(types.joined(separator: "|"))"]
        if list { parts.append("list") }
        if let span { parts.append(span == RuleDefaults.span ? "span" : "span=\(span)") }
        if topic { parts.append("topic") }
        if !roles.isEmpty { parts.append("role=" + roles.joined(separator: "|")) }
        if !endings.isEmpty { parts.append("ends=" + endings.joined(separator: "|")) }
        if let named { parts.append("named=" + named) }
        return "{" + parts.joined(separator: " ") + "}"
    }
}

/// A triple template: `emit 买方 acquires 标的 share=标的.role`.
public struct Emit: Sendable, Hashable {
    public var subject: String
    public var predicate: String
    public var object: String
    /// Qualifier templates; a value `slot.role` takes the role of that slot's post mention.
    public var qualifiers: [Qualifier]
}

/// An inline example: a sentence and the triples the rule must yield on it (none for `nothing`).
public struct RuleExample: Sendable, Hashable {
    /// The sentence with its markup (`[甲公司:Company]`) removed.
    public var sentence: String
    /// Mentions declared in the example with `[text:Type]`, as scalar offsets into `sentence`.
    public var marked: [MarkedMention]
    public var expected: [ExpectedTriple]
    public var location: SourceLocation
}

/// A mention written into an example as `[text:Type]`.
public struct MarkedMention: Sendable, Hashable {
    public var span: TextSpan
    public var type: String
    public var role: String?
    public var entityLabel: String?
}

/// A triple an example expects, by labels; qualifiers are compared only when written.
public struct ExpectedTriple: Sendable, Hashable, CustomStringConvertible {
    public var subject: String
    public var predicate: String
    public var object: String
    public var qualifiers: [Qualifier]

    public var description: String {
        ([subject, predicate, object] + qualifiers.map(\.description)).joined(separator: " ")
    }
}

/// FNV-1a 64-bit hash of a string's UTF-8 bytes, as 16 hex digits: a stable, dependency-free
/// fingerprint for rule versions.
public func fnv1a64(_ text: String) -> String {
    let hex = String(FeatureHash(text).value, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
