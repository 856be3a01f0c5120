import KGModel
import KGText

/// Where the stages that pair names get them from.
///
/// Names reach kg three ways: the recogniser's mentions (lexicon, suffixes, people, Latin
/// names, aliases), unmarked names that a rule's span slot reads off the text around its
/// trigger (`SentenceView.spanRun`, judged by `NameJudge`), and the relation model's character
/// tagger. This is where the last two meet the first, so that a name found twice is one
/// candidate with the recogniser's entity.
enum NameFinder {
    /// A name in a sentence: sentence-local offsets and, when the recogniser knows it, its entity.
    struct Candidate: Sendable {
        var span: TextSpan
        var entity: EntityDescriptor?
    }

    /// The organisation names the relation model pairs, in text order: the spans its tagger
    /// found (`tagged`, sentence-local) and the recogniser's organisations. Where both found the
    /// same span, the recogniser's entity (lexicon id, declared alias) is the one meant; a
    /// recogniser name that overlaps a tagged one is left out.
    /// Why the gate turns a tagged name (sentence-local span) away, or nil.
    static func rejection(of span: TextSpan, in sentence: AnnotatedSentence) -> NameJudge.Rejection? {
        NameJudge.wordRejection(span.start..<span.end, text: sentence.normalized, words: sentence.words)
    }

    /// The tagged names the gate turns away, in document offsets, for `kg explain`.
    static func rejectedTaggedNames(in sentence: AnnotatedSentence, tagged: [TextSpan]) -> [RejectedName] {
        tagged.compactMap { span in
            rejection(of: span, in: sentence).map {
                RejectedName(span: span.shifted(by: sentence.sentence.span.start), source: "model", reason: $0.rawValue)
            }
        }
    }

    static func organisations(in sentence: AnnotatedSentence, tagged: [TextSpan], vocabulary: Vocabulary) -> [Candidate] {
        let base = sentence.sentence.span.start
        // The tagger reads characters, not words: its names pass the gate first.
        var names = tagged.filter { rejection(of: $0, in: sentence) == nil }.map { Candidate(span: $0, entity: nil) }
        let organisations = sentence.mentions.filter { mention in
            guard let entity = mention.entity, mention.source != .anaphor, mention.source != .post else { return false }
            return vocabulary.isA(entity.type, EntityTypeID.organization)
        }
        for mention in organisations {
            let local = TextSpan(mention.span.start - base, mention.span.end - base)
            if let same = names.firstIndex(where: { $0.span == local }) {
                if names[same].entity == nil { names[same].entity = mention.entity }
            } else if !names.contains(where: { $0.span.start < local.end && local.start < $0.span.end }) {
                names.append(Candidate(span: local, entity: mention.entity))
            }
        }
        // A government body written as part of an official's post (道县县委书记李天明) says whom
        // the official serves; it is no party to what the sentence says the others did. (A
        // company before its chairman often is one: FinRE labels such pairs.)
        let posts = sentence.mentions.filter { $0.source == .post }.map { TextSpan($0.span.start - base, $0.span.end - base) }
        names.removeAll { name in
            name.entity.map { vocabulary.isA($0.type, EntityTypeID.governmentBody) } == true
                && posts.contains { $0.start <= name.span.start && name.span.end < $0.end }
        }
        names.sort { $0.span.start < $1.span.start }
        return names
    }
}
