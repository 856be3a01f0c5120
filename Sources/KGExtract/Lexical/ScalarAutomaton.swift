import KGText

/// An Aho–Corasick automaton over Unicode scalars: finds every occurrence of every pattern in one
/// left-to-right pass, whatever the number of patterns.
///
/// Transitions live in one open-addressed table keyed by `(state, scalar)` (`slotKeys`; the
/// standard dictionary's seeded hashing of every key cost more than the walk itself, so it only
/// collects them while the automaton is built); a bitmap of the scalars that occur in any pattern
/// lets most characters of running text reset to the root without a lookup.
struct ScalarAutomaton: Sendable {
    /// One occurrence: pattern `pattern` at `[start, end)`.
    struct Hit: Hashable, Sendable {
        var pattern: Int32
        var start: Int32
        var end: Int32
    }

    /// The transitions: keys (`empty` where none) and next states side by side in slot order, a
    /// power of two at most half full, indexed by a multiplicative hash's top bits.
    private var slotKeys: [UInt64] = []
    private var slotStates: [Int32] = []
    private var slotMask = 0
    private var slotShift: UInt64 = 0
    private static let empty = UInt64.max
    private var fail: [Int32] = [0]
    /// The pattern ending at a state, or -1.
    private var output: [Int32] = [-1]
    /// The nearest state down the failure chain that has an output, or -1.
    private var outputLink: [Int32] = [-1]
    private var depth: [Int32] = [0]
    /// One bit per BMP scalar: set when the scalar occurs in some pattern.
    private var known: [UInt64] = Array(repeating: 0, count: 0x10000 / 64)
    /// The root's transitions for BMP scalars as a plain table (0 = none): most steps of running
    /// text start again at the root.
    private var rootNext: [Int32] = Array(repeating: 0, count: 0x10000)
    private var knownAstral: Set<UInt32> = []
    /// Patterns in insertion order; a pattern's index is its id.
    private(set) var patternCount = 0

    /// Builds the automaton; pattern `i` of `patterns` is reported as `i`. Duplicate patterns keep
    /// the first index, empty patterns are ignored.
    init(patterns: [[Unicode.Scalar]]) {
        var transitions: [UInt64: Int32] = [:]
        for pattern in patterns {
            addPattern(pattern, id: Int32(patternCount), into: &transitions)
            patternCount += 1
        }
        buildFailureLinks(transitions)
        let (capacity, mask, shift) = OpenAddressing.size(forKeys: transitions.count)
        slotKeys = Array(repeating: Self.empty, count: capacity)
        slotStates = Array(repeating: 0, count: capacity)
        slotMask = mask
        slotShift = shift
        for (key, state) in transitions {
            var i = Self.slot(key, shift)
            while slotKeys[i] != Self.empty { i = (i + 1) & mask }
            slotKeys[i] = key
            slotStates[i] = state
        }
    }

    @inline(__always) private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The state after `state` reads `scalar`, from the open-addressed table; nil when there is no
    /// such transition.
    @inline(__always) private func next(_ state: Int32, _ scalar: UInt32) -> Int32? {
        let key = Self.key(state, scalar)
        var i = Self.slot(key, slotShift)
        while true {
            let k = slotKeys[i]
            if k == key { return slotStates[i] }
            if k == Self.empty { return nil }
            i = (i + 1) & slotMask
        }
    }

    private static func key(_ state: Int32, _ scalar: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: state)) << 32 | UInt64(scalar)
    }

    private mutating func addPattern(_ pattern: [Unicode.Scalar], id: Int32, into transitions: inout [UInt64: Int32]) {
        guard !pattern.isEmpty else { return }
        var state: Int32 = 0
        for scalar in pattern {
            let v = scalar.value
            if v < 0x10000 { known[Int(v >> 6)] |= 1 << UInt64(v & 63) } else { knownAstral.insert(v) }
            let k = Self.key(state, v)
            if let next = transitions[k] {
                state = next
            } else {
                let next = Int32(fail.count)
                fail.append(0)
                output.append(-1)
                outputLink.append(-1)
                depth.append(depth[Int(state)] + 1)
                transitions[k] = next
                if state == 0 && v < 0x10000 { rootNext[Int(v)] = next }
                state = next
            }
        }
        if output[Int(state)] < 0 { output[Int(state)] = id }
    }

    private mutating func buildFailureLinks(_ transitions: [UInt64: Int32]) {
        // Children by state, so the breadth-first walk need not scan the hash table per state.
        var children = Array(repeating: [(UInt32, Int32)](), count: fail.count)
        for (k, child) in transitions {
            children[Int(k >> 32)].append((UInt32(truncatingIfNeeded: k), child))
        }
        var queue: [Int32] = []
        for (_, child) in children[0] {
            fail[Int(child)] = 0
            queue.append(child)
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (scalar, child) in children[Int(state)] {
                var f = fail[Int(state)]
                while true {
                    if let next = transitions[Self.key(f, scalar)], next != child {
                        fail[Int(child)] = next
                        break
                    }
                    if f == 0 {
                        fail[Int(child)] = 0
                        break
                    }
                    f = fail[Int(f)]
                }
                let target = fail[Int(child)]
                outputLink[Int(child)] = output[Int(target)] >= 0 ? target : outputLink[Int(target)]
                queue.append(child)
            }
        }
    }

    @inline(__always)
    private func isKnown(_ v: UInt32) -> Bool {
        v < 0x10000 ? known[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 : knownAstral.contains(v)
    }

    /// Every occurrence of every pattern in `text`, ordered by end, then longest first.
    func hits(in text: [Unicode.Scalar]) -> [Hit] {
        var result: [Hit] = []
        var state: Int32 = 0
        for (i, scalar) in text.enumerated() {
            let v = scalar.value
            guard isKnown(v) else {
                state = 0
                continue
            }
            while true {
                if state == 0 {
                    if v < 0x10000 {
                        state = rootNext[Int(v)]
                    } else if let next = next(0, v) {
                        state = next
                    }
                    break
                }
                if let next = next(state, v) {
                    state = next
                    break
                }
                state = fail[Int(state)]
            }
            var s = output[Int(state)] >= 0 ? state : outputLink[Int(state)]
            while s > 0 {
                let end = Int32(i + 1)
                result.append(Hit(pattern: output[Int(s)], start: end - depth[Int(s)], end: end))
                s = outputLink[Int(s)]
            }
        }
        return result
    }
}
