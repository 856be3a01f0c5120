/// An entity as extraction sees it: a canonical key that makes mentions of one real thing merge,
/// a type from the vocabulary, and its labels.
/// The identity of an entity, as the store keys it: `lex:ID` for a lexicon entry, else
/// `name:NAME` with the name normalised once (traditional → simplified, full-width →
/// half-width; `EntityKey.name` in KGText does it). Two mentions are one entity exactly when their
/// keys are equal, so every stage makes keys through these factories instead of joining strings.
public struct EntityKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The key as stored (`entities.key`).
    public let rawValue: String

    /// A key read back from a store or a file, as it was written.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A key written out in full (`"lex:sip"`), as tests and fixtures name entities.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The key of lexicon entry `id`.
    public static func lexicon(_ id: String) -> EntityKey { EntityKey(rawValue: "lex:" + id) }

    /// The key of a name whose text is already normalised (see `EntityKey.name(_:)` in KGText,
    /// which normalises first).
    public static func name(normalized text: String) -> EntityKey { EntityKey(rawValue: "name:" + text) }

    /// True for a lexicon entry's key.
    public var isLexicon: Bool { rawValue.hasPrefix("lex:") }

    /// True for a key made from a name found in text.
    public var isName: Bool { rawValue.hasPrefix("name:") }

    public var description: String { rawValue }

    public static func < (a: EntityKey, b: EntityKey) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public struct EntityDescriptor: Hashable, Sendable, Codable {
    /// The fields live in one shared, copied-on-write object: a descriptor travels inside every
    /// mention, filler and extraction, which extraction copies again and again, and copying five
    /// strings (five reference counts) cost more than the work done with them. A value type all
    /// the same: setting a field of a shared descriptor copies it first.
    private final class Storage: @unchecked Sendable {
        var key: EntityKey
        var type: String
        var labelZh: String
        var labelEn: String?
        var aliases: [String]

        init(key: EntityKey, type: String, labelZh: String, labelEn: String?, aliases: [String]) {
            self.key = key
            self.type = type
            self.labelZh = labelZh
            self.labelEn = labelEn
            self.aliases = aliases
        }

        func copy() -> Storage { Storage(key: key, type: type, labelZh: labelZh, labelEn: labelEn, aliases: aliases) }
    }

    private var storage: Storage

    public init(key: EntityKey, type: String, labelZh: String, labelEn: String? = nil, aliases: [String] = []) {
        storage = Storage(key: key, type: type, labelZh: labelZh, labelEn: labelEn, aliases: aliases)
    }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Canonical key: the lexicon id for known entities, else the normalised name.
    public var key: EntityKey {
        get { storage.key }
        set { unique().key = newValue }
    }
    /// Entity type id from `schema/types.tsv`.
    public var type: String {
        get { storage.type }
        set { unique().type = newValue }
    }
    public var labelZh: String {
        get { storage.labelZh }
        set { unique().labelZh = newValue }
    }
    public var labelEn: String? {
        get { storage.labelEn }
        set { unique().labelEn = newValue }
    }
    public var aliases: [String] {
        get { storage.aliases }
        _modify { yield &unique().aliases }
    }

    // Equality, hashing and coding by the five fields, as the compiler derived them when they
    // were stored properties (the same hash values, so sets and dictionaries iterate alike).
    public static func == (a: EntityDescriptor, b: EntityDescriptor) -> Bool {
        if a.storage === b.storage { return true }
        return a.key == b.key && a.type == b.type && a.labelZh == b.labelZh && a.labelEn == b.labelEn && a.aliases == b.aliases
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(type)
        hasher.combine(labelZh)
        hasher.combine(labelEn)
        hasher.combine(aliases)
    }

    private enum CodingKeys: String, CodingKey {
        case key, type, labelZh, labelEn, aliases
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            key: try container.decode(EntityKey.self, forKey: .key), type: try container.decode(String.self, forKey: .type),
            labelZh: try container.decode(String.self, forKey: .labelZh),
            labelEn: try container.decodeIfPresent(String.self, forKey: .labelEn),
            aliases: try container.decode([String].self, forKey: .aliases))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(type, forKey: .type)
        try container.encode(labelZh, forKey: .labelZh)
        try container.encodeIfPresent(labelEn, forKey: .labelEn)
        try container.encode(aliases, forKey: .aliases)
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
