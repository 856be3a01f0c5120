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
    /// Immutable once made: the trigger index and the per-rule tables are derived from the rules
    /// and the vocabulary, so changing either means making a new matcher.
    public let rules: [Rule]
    public let index: TriggerIndex
    public let vocabulary: Vocabulary
    /// Per-rule lookups the search needs, built once instead of for every sentence.
    let tables: [RuleTables]
    /// The vocabulary's entity types by id, so a slot's accepted types are a table lookup
    /// instead of walking `isA` with strings for every mention.
    let typeIDs: [String: Int]

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
        let types = Set(sentence.mentions.filter { $0.entity != nil || $0.type == Slot.postType }.map(\.type))
        let (candidates, present) = index.candidatesAndLiterals(in: sentence.normalized) { wanted in
            types.contains { $0 == wanted || vocabulary.isA($0, wanted) }
        }
        if candidates.isEmpty {
            return SentenceMatch(extractions: [], matches: [], nearMisses: [], tried: [])
        }
        // Made only for a sentence some rule may match: its tables cost more than finding that
        // none can.
        let view = SentenceView(sentence, vocabulary: vocabulary, typeIDs: typeIDs)
        var all: [(rule: Rule, match: RuleMatch)] = []
        var misses: [NearMiss] = []
        for position in candidates {
            // A rule missing one of its literals cannot match; only `kg explain` (which wants
            // the near miss) still searches it. Skipping it changes no other rule's search: each
            // has its own step budget.
            if !wantMisses, !index.searchable(position, present: present) { continue }
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
