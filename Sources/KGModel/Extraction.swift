/// An entity as extraction sees it: a canonical key that makes mentions of one real thing merge,
/// a type from the vocabulary, and its labels.
public struct EntityDescriptor: Hashable, Sendable, Codable {
    /// Canonical key: the lexicon id for known entities (`lex:...`), else the normalised name
    /// (`name:...`, traditional → simplified, full-width → half-width).
    public var key: String
    /// Entity type id from `schema/types.tsv`.
    public var type: String
    public var labelZh: String
    public var labelEn: String?
    public var aliases: [String]

    public init(key: String, type: String, labelZh: String, labelEn: String? = nil, aliases: [String] = []) {
        self.key = key
        self.type = type
        self.labelZh = labelZh
        self.labelEn = labelEn
        self.aliases = aliases
    }
}

/// A key-value qualifier on an assertion, such as `role = 副理事长` or `status = planned`.
public struct Qualifier: Hashable, Sendable, Codable, CustomStringConvertible {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }

    public var description: String { "\(key)=\(value)" }
}

/// A mention of an entity in a sentence.
public struct EntityMention: Hashable, Sendable {
    public var entity: EntityDescriptor
    public var sentenceIndex: Int
    public var span: TextSpan

    public init(entity: EntityDescriptor, sentenceIndex: Int, span: TextSpan) {
        self.entity = entity
        self.sentenceIndex = sentenceIndex
        self.span = span
    }
}

/// One triple found in one sentence, with the evidence for it.
public struct Extraction: Hashable, Sendable {
    public var subject: EntityDescriptor
    /// Predicate id from `schema/predicates.tsv`.
    public var predicate: String
    public var object: EntityDescriptor
    public var sentenceIndex: Int
    public var subjectSpan: TextSpan?
    public var objectSpan: TextSpan?
    public var triggerSpan: TextSpan?
    public var ruleID: String
    /// A hash of the rule's text, so a later change of rules can be traced.
    public var ruleVersion: String
    public var confidence: Double
    public var qualifiers: [Qualifier]

    public init(
        subject: EntityDescriptor, predicate: String, object: EntityDescriptor, sentenceIndex: Int,
        subjectSpan: TextSpan? = nil, objectSpan: TextSpan? = nil, triggerSpan: TextSpan? = nil,
        ruleID: String, ruleVersion: String, confidence: Double, qualifiers: [Qualifier] = []
    ) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.sentenceIndex = sentenceIndex
        self.subjectSpan = subjectSpan
        self.objectSpan = objectSpan
        self.triggerSpan = triggerSpan
        self.ruleID = ruleID
        self.ruleVersion = ruleVersion
        self.confidence = confidence
        self.qualifiers = qualifiers
    }
}

/// Everything extraction found in one document.
public struct DocumentExtraction: Sendable {
    public var mentions: [EntityMention]
    public var extractions: [Extraction]

    public init(mentions: [EntityMention] = [], extractions: [Extraction] = []) {
        self.mentions = mentions
        self.extractions = extractions
    }
}

/// The extraction stage of the pipeline: a pure function from a segmented document to what it
/// states. The rule engine in KGExtract is one; tests use small hand-made ones.
public protocol Extractor: Sendable {
    func extract(_ document: TextDocument) -> DocumentExtraction
}
