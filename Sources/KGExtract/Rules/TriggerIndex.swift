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
    /// Per rule, its required literals (not optional, not `!(…)`): for each such element, the
    /// automaton patterns of its alternatives. A rule can match only where every element has an
    /// alternative in the sentence; `searchable` asks so before any search starts.
    private let requirements: [[[Int32]]]

    /// Builds the automaton from each rule's trigger element.
    public init(rules: [Rule]) {
        var patternIndex: [[Unicode.Scalar]: Int] = [:]
        var patterns: [[Unicode.Scalar]] = []
        var rulesByPattern: [[Int]] = []
        var everywhere: [Int] = []
        var typeRules: [(types: [String], rule: Int)] = []
        var requirements: [[[Int32]]] = []
        func pattern(_ scalars: [Unicode.Scalar]) -> Int {
            if let known = patternIndex[scalars] { return known }
            patternIndex[scalars] = patterns.count
            patterns.append(scalars)
            rulesByPattern.append([])
            return patterns.count - 1
        }
        for (position, rule) in rules.enumerated() {
            switch rule.trigger {
            case .literal(let alternatives, _):
                for literal in alternatives {
                    let scalars = Array(literal.unicodeScalars)
                    if scalars.isEmpty {
                        everywhere.append(position)
                        continue
                    }
                    rulesByPattern[pattern(scalars)].append(position)
                }
            case .slot(let slot):
                typeRules.append((slot.types, position))
            case .gap, .farGap, .absent:
                break
            }
            var required: [[Int32]] = []
            for element in rule.pattern {
                guard case .literal(let alternatives, false) = element else { continue }
                let scalars = alternatives.map { Array($0.unicodeScalars) }
                // An empty alternative is met anywhere: the element requires nothing.
                if scalars.contains(where: \.isEmpty) { continue }
                required.append(scalars.map { Int32(pattern($0)) })
            }
            requirements.append(required)
        }
        self.requirements = requirements
        automaton = ScalarAutomaton(patterns: patterns)
        self.rulesByPattern = rulesByPattern
        self.everywhere = everywhere
        self.typeRules = typeRules
        ruleCount = rules.count
    }

    /// Positions of the rules whose trigger occurs in `text` (or, for rules triggered by a slot,
    /// whose slot type `hasType` accepts), ascending.
    public func candidates(in text: [Unicode.Scalar], hasType: (String) -> Bool) -> [Int] {
        candidatesAndLiterals(in: text, hasType: hasType).candidates
    }

    /// `candidates`, and which of the automaton's patterns occur in `text` (for `searchable`).
    func candidatesAndLiterals(in text: [Unicode.Scalar], hasType: (String) -> Bool) -> (candidates: [Int], present: [Bool]) {
        var found = Array(repeating: false, count: ruleCount)
        var present = Array(repeating: false, count: rulesByPattern.count)
        for hit in automaton.hits(in: text) {
            present[Int(hit.pattern)] = true
            for rule in rulesByPattern[Int(hit.pattern)] { found[rule] = true }
        }
        if !text.isEmpty {
            for rule in everywhere { found[rule] = true }
        }
        for entry in typeRules where entry.types.contains(where: hasType) { found[entry.rule] = true }
        return (found.indices.filter { found[$0] }, present)
    }

    /// False when some required literal of rule `rule` (see `requirements`) has no alternative
    /// among the `present` patterns: the rule cannot match the sentence, and searching it from
    /// every start position would only find that out.
    func searchable(_ rule: Int, present: [Bool]) -> Bool {
        requirements[rule].allSatisfy { alternatives in alternatives.contains { present[Int($0)] } }
    }
}
