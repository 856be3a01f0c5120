/// An Aho–Corasick automaton over the rules' trigger literals: one pass over a sentence tells
/// which rules can fire, so a sentence only tries the rules whose trigger text it contains.
public struct TriggerIndex: Sendable {
    /// The trigger literals, each once; `rulesByPattern[i]` are the rules (pack positions) that
    /// pattern `i` triggers. The automaton is the recogniser's, so kg has one Aho–Corasick.
    private let automaton: ScalarAutomaton
    private let rulesByPattern: [[Int]]
    /// Rules whose trigger literal is empty: any non-empty sentence tries them.
    private let everywhere: [Int]
    /// Rules triggered by a mention of a type instead of text, by slot type.
    private let typeRules: [(types: [String], rule: Int)]
    private let ruleCount: Int

    /// Builds the automaton from each rule's trigger element.
    public init(rules: [Rule]) {
        var patternIndex: [[Unicode.Scalar]: Int] = [:]
        var patterns: [[Unicode.Scalar]] = []
        var rulesByPattern: [[Int]] = []
        var everywhere: [Int] = []
        var typeRules: [(types: [String], rule: Int)] = []
        for (position, rule) in rules.enumerated() {
            switch rule.trigger {
            case .literal(let alternatives, _):
                for literal in alternatives {
                    let scalars = Array(literal.unicodeScalars)
                    if scalars.isEmpty {
                        everywhere.append(position)
                        continue
                    }
                    if let known = patternIndex[scalars] {
                        rulesByPattern[known].append(position)
                    } else {
                        patternIndex[scalars] = patterns.count
                        patterns.append(scalars)
                        rulesByPattern.append([position])
                    }
                }
            case .slot(let slot):
                typeRules.append((slot.types, position))
            case .gap, .farGap, .absent:
                break
            }
        }
        automaton = ScalarAutomaton(patterns: patterns)
        self.rulesByPattern = rulesByPattern
        self.everywhere = everywhere
        self.typeRules = typeRules
        ruleCount = rules.count
    }

    /// Positions of the rules whose trigger occurs in `text` (or, for rules triggered by a slot,
    /// whose slot type `hasType` accepts), ascending.
    public func candidates(in text: [Unicode.Scalar], hasType: (String) -> Bool) -> [Int] {
        var found = Array(repeating: false, count: ruleCount)
        for hit in automaton.hits(in: text) {
            for rule in rulesByPattern[Int(hit.pattern)] { found[rule] = true }
        }
        if !text.isEmpty {
            for rule in everywhere { found[rule] = true }
        }
        for entry in typeRules where entry.types.contains(where: hasType) { found[entry.rule] = true }
        return found.indices.filter { found[$0] }
    }
}
