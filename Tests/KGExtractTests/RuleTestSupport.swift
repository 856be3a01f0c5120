import KGModel
import KGText

@testable import KGExtract

/// Hand-made sentences for rule tests: `[text:Type]` marks a mention, `[text:Post=机构/职务]`
/// a post mention at an organisation, so matcher tests do not depend on the recogniser.
enum RuleFixture {
    /// The sentence with its markup removed and the marked mentions, offsets from `base`.
    static func sentence(_ marked: String, base: Int = 0, index: Int = 0, topic: EntityDescriptor? = nil) -> AnnotatedSentence {
        var plain: [Unicode.Scalar] = []
        var mentions: [Mention] = []
        let scalars = Array(marked.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "[", let close = scalars[i...].firstIndex(of: "]"), let colon = scalars[i..<close].lastIndex(of: ":") {
                let name = String(String.UnicodeScalarView(scalars[(i + 1)..<colon]))
                let spec = String(String.UnicodeScalarView(scalars[(colon + 1)..<close]))
                let span = TextSpan(base + plain.count, base + plain.count + name.unicodeScalars.count)
                if spec.hasPrefix("Post=") {
                    let parts = spec.dropFirst(5).split(separator: "/").map(String.init)
                    let org = parts[0].isEmpty ? nil : entity(parts[0], "Organization")
                    mentions.append(Mention(span: span, type: "Post", entity: org, source: .post, role: parts[1]))
                } else {
                    mentions.append(Mention(span: span, type: spec, entity: entity(name, spec), source: .lexicon))
                }
                plain.append(contentsOf: name.unicodeScalars)
                i = close + 1
                continue
            }
            plain.append(scalars[i])
            i += 1
        }
        let text = String(String.UnicodeScalarView(plain))
        let sentence = Sentence(index: index, span: TextSpan(base, base + plain.count), text: text, clauses: [])
        mentions.sort { $0.span.start != $1.span.start ? $0.span.start < $1.span.start : $0.span.length > $1.span.length }
        return AnnotatedSentence(sentence: sentence, normalized: Normalizer.normalize(text), mentions: mentions, incomingTopic: topic)
    }

    static func entity(_ name: String, _ type: String) -> EntityDescriptor {
        EntityDescriptor(key: .name(normalized: name), type: type, labelZh: name)
    }

    /// A pack from rule text; the test fails on any diagnostic.
    static func pack(_ text: String, file: String = "test.rules") -> RulePack {
        RulePack(sources: [(file: file, text: text)])
    }

    /// `subject predicate object` strings of the extractions, qualifiers appended, sorted.
    static func triples(_ pack: RulePack, _ marked: String, topic: EntityDescriptor? = nil) -> [String] {
        pack.matcher.match(sentence(marked, topic: topic)).extractions.map { e in
            ([e.subject.labelZh, e.predicate, e.object.labelZh] + e.qualifiers.map(\.description)).joined(separator: " ")
        }.sorted()
    }
}
