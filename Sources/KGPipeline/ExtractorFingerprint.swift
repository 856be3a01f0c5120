import KGExtract
import KGText

/// kg's version, written into every extractor fingerprint: the built-in word lists, dictionary
/// and recogniser change only with kg itself, so a new kg re-extracts what an older one stored.
public enum KGVersion {
    public static let current = "0.1.0"
}

/// What extracted a document: kg's version, the rule pack (every rule's id and version, in pack
/// order, and whether the built-in pack was part of it), the lexicon (built-in plus the user's),
/// the built-in word lists and the relation model (or none, with `--no-model`). The extraction
/// code is covered by its revision (`RuleExtractor.revision`), the segmenter's dictionary by
/// kg's version.
///
/// The store records the fingerprint's `id` with each document and its `description` once per
/// fingerprint, so a build re-extracts a document whose text is unchanged but whose extractor is
/// not, and can say which part changed. Two extractors with the same id state the same triples
/// for the same text.
public struct ExtractorFingerprint: Sendable, Equatable {
    /// The parts, in a fixed order: `kg`, `rules`, `lexicon`, `words`, `model`.
    public let components: [Component]

    public struct Component: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public init(components: [Component]) {
        self.components = components
    }

    /// The fingerprint of an extractor made of these parts.
    public init(rules: RulePack, builtInRules: Bool, lexicon: Lexicon, model: RelationModel?, kgVersion: String = KGVersion.current) {
        var ruleText = ""
        for rule in rules.rules { ruleText += rule.id + "\t" + rule.version + "\n" }
        var lexiconText = ""
        for entry in lexicon.entries {
            // Unit separators keep "a|b" + "c" apart from "a" + "b|c".
            let fields = [
                entry.id, entry.type, entry.labelZh, entry.labelEn ?? "", entry.parent ?? "",
                entry.surfaces.joined(separator: "\u{1F}"), entry.aliases.joined(separator: "\u{1F}"),
            ]
            lexiconText += fields.joined(separator: "\t") + "\n"
        }
        // The word lists steer the recogniser and the name gate as much as the lexicon does, and
        // change between kg versions while the code is worked on.
        var wordText = ""
        for file in KGExtractResources.wordListFiles { wordText += file.path + "\n" + file.text + "\u{1E}" }
        let pack = builtInRules ? "built-in pack" : "no built-in pack"
        self.init(components: [
            Component(name: "kg", value: kgVersion),
            Component(name: "extraction code", value: "revision \(RuleExtractor.revision)"),
            Component(name: "rules", value: "\(rules.rules.count) rules, \(pack), \(Self.digest(ruleText))"),
            Component(name: "lexicon", value: "\(lexicon.entries.count) entries, \(Self.digest(lexiconText))"),
            Component(name: "words", value: Self.digest(wordText)),
            Component(name: "model", value: model.map { "relations \($0.version)" } ?? "none"),
        ])
    }

    /// One `name<TAB>value` line per component: what the store keeps to explain a change.
    public var description: String {
        components.map { $0.name + "\t" + $0.value + "\n" }.joined()
    }

    /// A short stable id of the description (`x` and 16 hex digits of its SHA-256).
    public var id: String { "x" + Self.digest(description) }

    /// Why documents extracted by the fingerprint described by `old` must be extracted again by
    /// this one: the names of the components that differ ("rules changed", "model turned off"),
    /// or why the old one is unknown. Empty when they are the same.
    public func reasons(comparedTo old: String?) -> [String] {
        guard let old else { return ["extracted by an older kg that kept no fingerprint"] }
        var before: [String: String] = [:]
        for line in old.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if fields.count == 2 { before[fields[0]] = fields[1] }
        }
        var reasons: [String] = []
        for component in components where before[component.name] != component.value {
            switch (component.name, before[component.name], component.value) {
            case ("model", "none", _): reasons.append("model turned on")
            case ("model", _, "none"): reasons.append("model turned off")
            case ("kg", let was?, let now): reasons.append("kg \(was) → \(now)")
            default: reasons.append("\(component.name) changed")
            }
        }
        return reasons
    }

    static func digest(_ text: String) -> String {
        String(SHA256.hex(of: Array(text.utf8)).prefix(16))
    }
}
