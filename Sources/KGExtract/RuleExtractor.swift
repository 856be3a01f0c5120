import KGModel
import KGText

/// The rule engine as the pipeline's extraction stage: a recogniser finds mentions, the pack's
/// rules turn them into triples, then the relation model (when given) states what it finds
/// between the pairs of names the rules left alone.
public struct RuleExtractor: Extractor {
    /// The revision of the extraction code (recogniser, name gate, matcher, discourse): raise it
    /// with every change to that code that changes what is extracted from the same text, so a
    /// build re-extracts documents that an earlier revision read (the store's fingerprint holds
    /// it). Rules, lexicon, word lists and the model are fingerprinted by content instead.
    public static let revision = 3

    public var recognizer: any MentionRecognizer
    public var rules: RulePack
    public var model: RelationModel?

    public init(recognizer: any MentionRecognizer, rules: RulePack = .builtIn, model: RelationModel? = nil) {
        self.recognizer = recognizer
        self.rules = rules
        self.model = model
    }

    public func extract(_ document: TextDocument) -> DocumentExtraction {
        var result = DocumentExtraction()
        for sentence in recognizer.annotate(document) {
            // The store's mentions are the names the text writes (NameJudge.isWrittenName).
            for mention in sentence.mentions where NameJudge.isWrittenName(mention) {
                guard let entity = mention.entity else { continue }
                result.mentions.append(EntityMention(entity: entity, sentenceIndex: sentence.sentence.index, span: mention.span))
            }
            let found = rules.matcher.match(sentence, nearMisses: false).extractions
            result.extractions += found
            if let model {
                result.extractions += model.extractions(
                    sentence, besides: found, vocabulary: rules.matcher.vocabulary, englishLabel: recognizer.englishLabel(for:))
            }
        }
        return result
    }

    /// Mentions, rule matches and the model's judgements of every sentence of a document, for
    /// `kg explain`.
    public func explain(_ document: TextDocument) -> [(sentence: AnnotatedSentence, match: SentenceMatch, model: [RelationModel.Judgement])] {
        recognizer.annotate(document).map { annotated in
            var sentence = annotated
            sentence.rejectedNames += model?.rejectedNames(in: sentence) ?? []
            let match = rules.matcher.match(sentence)
            let judgements =
                model?.judge(
                    sentence, besides: match.extractions, vocabulary: rules.matcher.vocabulary,
                    englishLabel: recognizer.englishLabel(for:)) ?? []
            return (sentence, match, judgements)
        }
    }
}

/// A recogniser that finds nothing: rules then see only example markup and span slots.
public struct EmptyRecognizer: MentionRecognizer {
    public init() {}

    public func annotate(_ document: TextDocument) -> [AnnotatedSentence] {
        document.sentences.map { AnnotatedSentence(sentence: $0, normalized: Normalizer.normalize($0.text), mentions: []) }
    }
}
