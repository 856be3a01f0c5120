import KGModel

/// An inline example whose rule did not yield what the example says.
public struct RuleTestFailure: Sendable, CustomStringConvertible {
    public var ruleID: String
    public var location: SourceLocation
    public var sentence: String
    public var expected: [ExpectedTriple]
    /// What the rule yielded, as `subject predicate object qualifiers`.
    public var found: [String]

    public var description: String {
        var lines = ["\(location): rule \(ruleID) failed its example", "  sentence: \(sentence)"]
        lines.append("  expected: " + (expected.isEmpty ? "nothing" : expected.map(\.description).joined(separator: "; ")))
        lines.append("  found:    " + (found.isEmpty ? "nothing" : found.joined(separator: "; ")))
        return lines.joined(separator: "\n")
    }
}

/// Runs the inline examples of a pack through a recogniser and the whole pack (so overlap with
/// other rules counts), comparing what each example's rule yields with what it expects.
public struct RuleTester: Sendable {
    public var pack: RulePack
    public var recognizer: any MentionRecognizer

    public init(pack: RulePack, recognizer: any MentionRecognizer) {
        self.pack = pack
        self.recognizer = recognizer
    }

    /// The number of examples run and the failures.
    public func run() -> (examples: Int, failures: [RuleTestFailure]) {
        var count = 0
        var failures: [RuleTestFailure] = []
        for rule in pack.rules {
            for example in rule.examples {
                count += 1
                let found = extractions(for: example, rule: rule.id)
                if !satisfies(found, example.expected) {
                    failures.append(
                        RuleTestFailure(
                            ruleID: rule.id, location: example.location, sentence: example.sentence,
                            expected: example.expected, found: found.map(Self.render)))
                }
            }
        }
        return (count, failures)
    }

    /// What `rule` yields on an example sentence within the whole pack, the example's markup added
    /// to the recogniser's mentions.
    public func extractions(for example: RuleExample, rule: String) -> [Extraction] {
        let document = TextDocument.single(example.sentence, path: example.location.file)
        guard var sentence = recognizer.annotate(document).first else { return [] }
        let marked = example.marked.map { mark -> Mention in
            let label = String(String.UnicodeScalarView(Array(example.sentence.unicodeScalars)[mark.span.start..<mark.span.end]))
            let entity = EntityDescriptor(key: .name(label), type: mark.type, labelZh: label)
            return Mention(span: mark.span, type: mark.type, entity: entity, source: .lexicon)
        }
        if !marked.isEmpty {
            let kept = sentence.mentions.filter { mention in !marked.contains { $0.span.overlaps(mention.span) } }
            sentence.mentions = (kept + marked).sorted {
                $0.span.start != $1.span.start ? $0.span.start < $1.span.start : $0.span.length > $1.span.length
            }
        }
        return pack.matcher.match(sentence).matches.filter { $0.ruleID == rule && $0.overriddenBy == nil }.flatMap(\.extractions)
    }

    static func render(_ extraction: Extraction) -> String {
        ([extraction.subject.labelZh, extraction.predicate, extraction.object.labelZh] + extraction.qualifiers.map(\.description))
            .joined(separator: " ")
    }

    /// Same triples both ways; qualifiers are compared only where the example writes them.
    func satisfies(_ found: [Extraction], _ expected: [ExpectedTriple]) -> Bool {
        func labels(_ entity: EntityDescriptor) -> Set<String> {
            Set([entity.labelZh] + (entity.labelEn.map { [$0] } ?? []) + entity.aliases)
        }
        func matches(_ e: Extraction, _ x: ExpectedTriple) -> Bool {
            guard e.predicate == x.predicate else { return false }
            let direct = labels(e.subject).contains(x.subject) && labels(e.object).contains(x.object)
            let symmetric = pack.matcher.vocabulary.predicate(x.predicate)?.symmetric == true
                && labels(e.object).contains(x.subject) && labels(e.subject).contains(x.object)
            guard direct || symmetric else { return false }
            return x.qualifiers.allSatisfy { e.qualifiers.contains($0) }
        }
        if found.count != expected.count { return false }
        return expected.allSatisfy { x in found.contains { matches($0, x) } }
            && found.allSatisfy { e in expected.contains { matches(e, $0) } }
    }
}
