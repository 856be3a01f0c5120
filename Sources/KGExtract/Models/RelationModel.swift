import KGModel
import KGText

/// kg's statistical relation stage, run after the rules on each sentence: the name tagger and
/// the recogniser's organisations give the names, the classifier judges every pair of them that
/// lies within `classifier.gap` characters, and a pair whose best relation reaches the threshold
/// becomes a triple with rule id `model.relations` and the probability as its confidence. Rules
/// come first: a pair a rule already related in the sentence is left alone.
///
/// The rules say what the text states in shapes an analyst can read; the model covers the long
/// tail of phrasings in financial news that no rule names (distant cues, unusual word order).
public struct RelationModel: Sendable {
    public let tagger: NameTagger
    public let classifier: RelationClassifier
    /// Fingerprint of both model files, stored on every triple the model states.
    public let version: String
    public static let ruleID = "model.relations"

    public init(tagger: NameTagger, classifier: RelationClassifier) {
        self.tagger = tagger
        self.classifier = classifier
        version = String(fnv1a64(tagger.table.version + classifier.table.version).prefix(8))
    }

    /// Loads `names.tsv` and `relations.tsv` as written by `scripts/models/train.py`.
    public init(namesFile: String, namesText: String, relationsFile: String, relationsText: String) throws {
        var problems = DiagnosticList()
        var tagger: NameTagger?
        var classifier: RelationClassifier?
        do { tagger = try NameTagger(file: namesFile, text: namesText) } catch { try problems.absorb(error) }
        do { classifier = try RelationClassifier(file: relationsFile, text: relationsText) } catch { try problems.absorb(error) }
        guard let tagger, let classifier else { throw problems }
        self.init(tagger: tagger, classifier: classifier)
    }

    /// The models compiled into the binary from `schema/models/`. The test suite loads them, so
    /// a malformed file fails the tests rather than a user's build.
    public static let builtIn: RelationModel = {
        let names = KGExtractResources.namesModel
        let relations = KGExtractResources.relationsModel
        do {
            return try RelationModel(
                namesFile: names.path, namesText: names.text, relationsFile: relations.path, relationsText: relations.text)
        } catch {
            fatalError("kg's built-in models do not load: \(error)")
        }
    }()

    /// What the model made of one pair of names, for `kg explain`.
    public struct Judgement: Sendable {
        public var first: TextSpan
        public var second: TextSpan
        /// The best class other than none (`coop_f`, `acq_b`…) and its probability.
        public var label: String
        public var probability: Double
        /// The triple stated, nil when the pair stays unstated.
        public var extraction: Extraction?
        /// Why a pair stays unstated: below the threshold, related by a rule, types that the
        /// predicate does not take.
        public var note: String?
    }

    /// The names the tagger read in a sentence that the name gate turned away, for `kg explain`.
    public func rejectedNames(in sentence: AnnotatedSentence) -> [RejectedName] {
        NameFinder.rejectedTaggedNames(in: sentence, tagged: tagger.names(in: sentence.normalized.map(ModelText.fold)))
    }

    /// Judges every candidate pair of the sentence. `ruleExtractions` are the rules' triples for
    /// this sentence; `englishLabel` names a new entity in English.
    public func judge(
        _ sentence: AnnotatedSentence, besides ruleExtractions: [Extraction], vocabulary: Vocabulary = .builtIn,
        englishLabel: (String) -> String
    ) -> [Judgement] {
        let text = sentence.normalized.map(ModelText.fold)
        let base = sentence.sentence.span.start
        let names = NameFinder.organisations(in: sentence, tagged: tagger.names(in: text), vocabulary: vocabulary)
        let spans = names.map(\.span)

        var judgements: [Judgement] = []
        guard names.count >= 2 else { return judgements }
        let related = Set(ruleExtractions.flatMap { [Pair($0.subject.key, $0.object.key), Pair($0.object.key, $0.subject.key)] })
        // Who the rules make the subject of a predicate here and never its object: an investor of
        // this sentence is not also the one invested in (中金资本 investsIn 国调基金, when the
        // rules have 国调基金 lead the round).
        let ruleObjects = Set(ruleExtractions.map { PredicateRole(predicate: $0.predicate, key: $0.object.key) })
        let subjectsOnly = Set(ruleExtractions.map { PredicateRole(predicate: $0.predicate, key: $0.subject.key) }).subtracting(ruleObjects)
        let prepared = classifier.prepare(text)
        // The classes whose cue words the sentence holds, found once per sentence: the generic
        // subsequence search asked per pair cost more than the classifier itself.
        let cued = Set(classifier.cues.compactMap { entry in
            entry.value.contains { Scalars.contains(sentence.normalized[...], $0) } ? entry.key : nil
        })
        // Entities (and their English labels) are made once per name, and only for names in a
        // pair that may be stated.
        var entities = names.map(\.entity)
        func entity(_ k: Int) -> EntityDescriptor {
            if let known = entities[k] { return known }
            let made = describe(names[k].span, in: sentence, englishLabel: englishLabel)
            entities[k] = made
            return made
        }
        for i in names.indices {
            for j in names.indices where j > i {
                let a = names[i], b = names[j]
                guard b.span.start - a.span.end <= classifier.gap,
                    !text[a.span.start..<a.span.end].elementsEqual(text[b.span.start..<b.span.end])
                else { continue }
                let (label, probability) = classifier.classify(prepared, a.span, b.span, names: spans)
                var judgement = Judgement(
                    first: TextSpan(base + a.span.start, base + a.span.end), second: TextSpan(base + b.span.start, base + b.span.end),
                    label: label, probability: probability)
                let threshold = classifier.threshold(for: label)
                if probability < threshold {
                    judgement.note = "below the threshold \(threshold)"
                } else {
                    state(&judgement, entity(i), entity(j), in: sentence, related: related, subjectsOnly: subjectsOnly, cued: cued, vocabulary: vocabulary)
                }
                judgements.append(judgement)
            }
        }
        return judgements
    }

    /// Fills in the triple a pair above the threshold states, or the note saying why it does not.
    private func state(
        _ judgement: inout Judgement, _ first: EntityDescriptor, _ second: EntityDescriptor, in sentence: AnnotatedSentence,
        related: Set<Pair>, subjectsOnly: Set<PredicateRole>, cued: Set<String>, vocabulary: Vocabulary
    ) {
        guard let (subject, predicate, object, reversed) = Self.statement(judgement.label, first, second) else {
            judgement.note = "no predicate for class \(judgement.label)"
            return
        }
        if first.key == second.key {
            judgement.note = "both names are one entity"
        } else if related.contains(Pair(first.key, second.key)) {
            judgement.note = "a rule already relates them"
        } else if subjectsOnly.contains(PredicateRole(predicate: predicate, key: object.key)) {
            judgement.note = "the rules make \(object.labelZh) the subject of \(predicate) here, not its object"
        } else if !fits(subject.type, object.type, predicate, vocabulary) {
            judgement.note = "\(predicate) does not take \(subject.type) → \(object.type)"
        } else if case let kind = String(judgement.label.prefix { $0 != "_" }), let cues = classifier.cues[kind], !cued.contains(kind) {
            judgement.note = "no word the model needs for \(predicate) in the sentence (\(cues.prefix(3).map { String(String.UnicodeScalarView($0)) }.joined(separator: ", "))…)"
        } else {
            judgement.extraction = Extraction(
                subject: subject, predicate: predicate, object: object, sentenceIndex: sentence.sentence.index,
                subjectSpan: reversed ? judgement.second : judgement.first,
                objectSpan: reversed ? judgement.first : judgement.second,
                ruleID: Self.ruleID, ruleVersion: version, confidence: (judgement.probability * 1000).rounded() / 1000)
        }
    }

    /// The triples the model states in a sentence.
    public func extractions(
        _ sentence: AnnotatedSentence, besides ruleExtractions: [Extraction], vocabulary: Vocabulary = .builtIn,
        englishLabel: (String) -> String
    ) -> [Extraction] {
        judge(sentence, besides: ruleExtractions, vocabulary: vocabulary, englishLabel: englishLabel).compactMap(\.extraction)
    }

    /// Class → (subject, predicate, object, whether the subject is the second name). `_f`: the
    /// first name is the head of the FinRE label; `own`: the head owns the tail, so the tail is
    /// part of the head.
    static func statement(
        _ label: String, _ first: EntityDescriptor, _ second: EntityDescriptor
    ) -> (EntityDescriptor, String, EntityDescriptor, Bool)? {
        let parts = label.split(separator: "_")
        guard parts.count == 2 else { return nil }
        let forward = parts[1] == "f"
        let (head, tail) = forward ? (first, second) : (second, first)
        switch parts[0] {
        case "coop": return (first, "cooperatesWith", second, false)
        case "acq": return (head, "acquires", tail, !forward)
        case "inv": return (head, "investsIn", tail, !forward)
        case "est": return (head, "established", tail, !forward)
        case "own": return (tail, "partOf", head, forward)
        default: return nil
        }
    }

    private func fits(_ subjectType: String, _ objectType: String, _ predicate: String, _ vocabulary: Vocabulary) -> Bool {
        guard let info = vocabulary.predicate(predicate) else { return false }
        return info.domain.contains { vocabulary.isA(subjectType, $0) } && info.range.contains { vocabulary.isA(objectType, $0) }
    }

    /// A name only the tagger found: an organisation keyed by its normalised text.
    private func describe(_ span: TextSpan, in sentence: AnnotatedSentence, englishLabel: (String) -> String) -> EntityDescriptor {
        let name = String(String.UnicodeScalarView(sentence.normalized[span.start..<span.end]))
        return EntityDescriptor(key: .name(normalized: name), type: EntityTypeID.organization, labelZh: name, labelEn: englishLabel(name))
    }


    /// An entity in one role of a predicate (its subject or its object) in a sentence.
    struct PredicateRole: Hashable {
        var predicate: String
        var key: EntityKey
    }

    private struct Pair: Hashable {
        var a: EntityKey
        var b: EntityKey
        init(_ a: EntityKey, _ b: EntityKey) {
            self.a = a
            self.b = b
        }
    }
}
