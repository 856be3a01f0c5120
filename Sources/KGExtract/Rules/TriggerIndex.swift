/// An Aho–Corasick automaton over the rules' trigger literals: one pass over a sentence tells
/// which rules can fire, so a sentence only tries the rules whose trigger text it contains.
public struct TriggerIndex: Sendable {
    private struct Node: Sendable {
        var next: [Unicode.Scalar: Int] = [:]
        var fail = 0
        /// Rule positions (in the pack) whose trigger ends at this node, including via fail links.
        var rules: [Int] = []
    }

    private var nodes = [Node()]
    /// Rules triggered by a mention of a type instead of text, by slot type.
    private var typeRules: [(types: [String], rule: Int)] = []
    private var ruleCount = 0
    /// First characters of the triggers: from the root, any other character leads back to the
    /// root, which a table tells without hashing.
    private var firsts = ScalarTable([])

    /// Builds the automaton from each rule's trigger element.
    public init(rules: [Rule]) {
        ruleCount = rules.count
        for (position, rule) in rules.enumerated() {
            switch rule.trigger {
            case .literal(let alternatives, _):
                for literal in alternatives { insert(literal, rule: position) }
            case .slot(let slot):
                typeRules.append((slot.types, position))
            case .gap, .farGap, .absent:
                break
            }
        }
        link()
        firsts = ScalarTable(Set(nodes[0].next.keys))
    }

    private mutating func insert(_ literal: String, rule: Int) {
        var state = 0
        for scalar in literal.unicodeScalars {
            if let next = nodes[state].next[scalar] {
                state = next
            } else {
                nodes.append(Node())
                nodes[state].next[scalar] = nodes.count - 1
                state = nodes.count - 1
            }
        }
        nodes[state].rules.append(rule)
    }

    /// Breadth-first fail links; each node inherits the rules of its fail target so a scan
    /// reports every trigger ending at a position.
    private mutating func link() {
        var queue: [Int] = []
        for (_, child) in nodes[0].next {
            nodes[child].fail = 0
            queue.append(child)
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (scalar, child) in nodes[state].next {
                var fallback = nodes[state].fail
                while fallback != 0, nodes[fallback].next[scalar] == nil { fallback = nodes[fallback].fail }
                let target = nodes[fallback].next[scalar] ?? 0
                nodes[child].fail = target == child ? 0 : target
                nodes[child].rules.append(contentsOf: nodes[nodes[child].fail].rules)
                queue.append(child)
            }
        }
    }

    /// Positions of the rules whose trigger occurs in `text` (or, for rules triggered by a slot,
    /// whose slot type `hasType` accepts), ascending.
    public func candidates(in text: [Unicode.Scalar], hasType: (String) -> Bool) -> [Int] {
        var found = Array(repeating: false, count: ruleCount)
        var state = 0
        for scalar in text {
            if state == 0, !firsts.contains(scalar) {
                for rule in nodes[0].rules { found[rule] = true }
                continue
            }
            while state != 0, nodes[state].next[scalar] == nil { state = nodes[state].fail }
            state = nodes[state].next[scalar] ?? 0
            for rule in nodes[state].rules { found[rule] = true }
        }
        for entry in typeRules where entry.types.contains(where: hasType) { found[entry.rule] = true }
        return found.indices.filter { found[$0] }
    }
}
