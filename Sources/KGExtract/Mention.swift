import KGModel
import KGText

/// How a mention was recognised; rules may ask for a source, and `kg explain` shows it.
public enum MentionSource: String, Sendable, Hashable, Codable {
    /// A surface form from the lexicon.
    case lexicon
    /// A name ended by an organisation or place suffix (有限公司, 大学, 高新区, 产业集群…).
    case suffix
    /// A person's name found after a post or before a speech verb.
    case person
    /// A post held at an organisation (无锡高新区党工委书记): `entity` is the organisation
    /// (nil when the text names none), `role` the post.
    case post
    /// A Latin-script name (Biobay, F-Prime Capital).
    case latin
    /// A quoted title “…” or 《…》.
    case quoted
    /// A stock ticker (600267.SH); `entity` is the company when the text names it.
    case ticker
    /// A name declared in the text as an alias (以下简称“…”, 简称, English name in brackets) or
    /// derived as the short name of a full name seen earlier in the document.
    case alias
    /// An anaphor (园区, 该公司, 其, 双方…) resolved to an earlier entity.
    case anaphor
    /// A name listed beside recognised companies (泰祥股份、微创光电、华阳变速3家公司): a member of
    /// their list that the name gate passes.
    case coordinated
    /// A name at a clause start before a company's verb (文远知行正式登陆纳斯达克, 星河智能完成
    /// B轮融资), before a place and its 总部 (福迈迪华南总部), or before 的 and its financing round
    /// (领投了寒武纪的天使轮融资), or after a descriptor in apposition (第一股维志立博), that the
    /// name gate passes.
    case companySubject
    /// A name written right before its stock code in brackets (中国银河(601881.SH)), or after
    /// the label of a filing's short name (证券简称:农发种业), that the name gate passes.
    case beforeTicker
    /// A short name right before a post and the person holding it (美团CEO王兴) that the name
    /// gate passes.
    case beforePost
    /// A newspaper, site or agency named by what it does (新京报记者, 据第一财经报道) that the name
    /// gate passes.
    case media
}

/// One recognised mention in a sentence. Spans are scalar offsets into the document's original
/// text (the same numbers the store keeps).
public struct Mention: Hashable, Sendable {
    public var span: TextSpan
    /// Entity type id from the vocabulary, or `Post` for a post mention.
    public var type: String
    /// The entity mentioned; for a post, the organisation the post is at (when named).
    public var entity: EntityDescriptor?
    public var source: MentionSource
    /// For a post: the post itself (书记, 副理事长, 联合创始人).
    public var role: String?
    public var confidence: Double

    public init(
        span: TextSpan, type: String, entity: EntityDescriptor?, source: MentionSource,
        role: String? = nil, confidence: Double = 1.0
    ) {
        self.span = span
        self.type = type
        self.entity = entity
        self.source = source
        self.role = role
        self.confidence = confidence
    }
}

/// A candidate name the name gate turned away (`NameJudge`), for `kg explain`.
public struct RejectedName: Sendable, Hashable {
    /// Document offsets once the sentence is annotated (sentence-local while scanning).
    public var span: TextSpan
    /// Who proposed it: "suffix" (the recogniser) or "model" (the relation model's tagger).
    public var source: String
    /// Why it is no name.
    public var reason: String

    public init(span: TextSpan, source: String, reason: String) {
        self.span = span
        self.source = source
        self.reason = reason
    }
}

/// A sentence ready for rule matching: its normalised characters (one scalar for each scalar of
/// the original, so offsets carry over unchanged) and the mentions found in it, after discourse
/// resolution.
public struct AnnotatedSentence: Sendable {
    public var sentence: Sentence
    /// `sentence.text`'s scalars, normalised (full-width → half-width, traditional →
    /// simplified); index i is document offset `sentence.span.start + i`.
    public var normalized: [Unicode.Scalar]
    /// Mentions sorted by start, longest first at equal start. Overlaps are allowed: the rule
    /// matcher picks among them.
    public var mentions: [Mention]
    /// The entity the sentence's clauses are about before its first clause (the topic carried
    /// over from the previous sentence), for rules whose subject the text leaves implicit.
    public var incomingTopic: EntityDescriptor?
    /// The sentence's words with their parts of speech, in sentence-local offsets into
    /// `normalized`: where a name may start and end (`NameJudge`).
    public var words: WordSegmentation
    /// Candidate names the gate turned away while recognising this sentence.
    public var rejectedNames: [RejectedName] = []

    /// `words` defaults to the built-in segmenter's reading of `normalized`.
    public init(
        sentence: Sentence, normalized: [Unicode.Scalar], mentions: [Mention], incomingTopic: EntityDescriptor? = nil,
        words: WordSegmentation? = nil
    ) {
        self.sentence = sentence
        self.normalized = normalized
        self.mentions = mentions
        self.incomingTopic = incomingTopic
        self.words = words ?? WordSegmenter.builtIn.segmentation(of: normalized)
    }
}

/// Finds the mentions of a document's sentences and resolves discourse (topic carry-over,
/// anaphora, short names) within the document.
public protocol MentionRecognizer: Sendable {
    func annotate(_ document: TextDocument) -> [AnnotatedSentence]
    /// The English label for a name found outside the recogniser (by the name tagger).
    func englishLabel(for name: String) -> String
}

extension MentionRecognizer {
    public func englishLabel(for name: String) -> String { name }
}
