/// Read-side records of a stored graph, as exporters and queries see them. The store produces
/// them; exporters consume them one at a time, so memory stays flat as the graph grows.

/// A stored document.
public struct GraphDocument: Hashable, Sendable {
    public var id: Int64
    public var path: String
    public var contentHash: String
    public var metadata: DocumentMetadata

    public init(id: Int64, path: String, contentHash: String, metadata: DocumentMetadata) {
        self.id = id
        self.path = path
        self.contentHash = contentHash
        self.metadata = metadata
    }
}

/// A stored entity.
public struct GraphEntity: Hashable, Sendable {
    public var id: Int64
    public var key: String
    public var type: String
    public var labelZh: String
    public var labelEn: String?
    public var aliases: [String]

    public init(id: Int64, key: String, type: String, labelZh: String, labelEn: String?, aliases: [String]) {
        self.id = id
        self.key = key
        self.type = type
        self.labelZh = labelZh
        self.labelEn = labelEn
        self.aliases = aliases
    }
}

/// A stored triple (stored once however often it is stated), with the distinct qualifiers of
/// its evidence and the highest confidence among them.
public struct GraphTriple: Hashable, Sendable {
    public var id: Int64
    public var subject: Int64
    public var predicate: String
    public var object: Int64
    public var qualifiers: [Qualifier]
    public var confidence: Double
    public var evidenceCount: Int

    public init(
        id: Int64, subject: Int64, predicate: String, object: Int64, qualifiers: [Qualifier],
        confidence: Double, evidenceCount: Int
    ) {
        self.id = id
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.qualifiers = qualifiers
        self.confidence = confidence
        self.evidenceCount = evidenceCount
    }
}

/// One occurrence of a triple in a sentence.
public struct GraphEvidence: Hashable, Sendable {
    public var id: Int64
    public var tripleID: Int64
    public var documentID: Int64
    public var sentenceIndex: Int
    public var sentenceText: String
    public var sentenceSpan: TextSpan
    public var subjectSpan: TextSpan?
    public var objectSpan: TextSpan?
    public var triggerSpan: TextSpan?
    public var ruleID: String
    public var ruleVersion: String
    public var confidence: Double
    public var qualifiers: [Qualifier]

    public init(
        id: Int64, tripleID: Int64, documentID: Int64, sentenceIndex: Int, sentenceText: String,
        sentenceSpan: TextSpan, subjectSpan: TextSpan?, objectSpan: TextSpan?, triggerSpan: TextSpan?,
        ruleID: String, ruleVersion: String, confidence: Double, qualifiers: [Qualifier]
    ) {
        self.id = id
        self.tripleID = tripleID
        self.documentID = documentID
        self.sentenceIndex = sentenceIndex
        self.sentenceText = sentenceText
        self.sentenceSpan = sentenceSpan
        self.subjectSpan = subjectSpan
        self.objectSpan = objectSpan
        self.triggerSpan = triggerSpan
        self.ruleID = ruleID
        self.ruleVersion = ruleVersion
        self.confidence = confidence
        self.qualifiers = qualifiers
    }
}

/// A source of a stored graph that exporters stream from. Each `forEach` visits records in id
/// order and may be called more than once.
public protocol GraphReader {
    func documents() throws -> [GraphDocument]
    func forEachEntity(_ body: (GraphEntity) throws -> Void) throws
    func forEachTriple(_ body: (GraphTriple) throws -> Void) throws
    func forEachEvidence(_ body: (GraphEvidence) throws -> Void) throws
    /// Visits, in id order, the entities that are the subject or object of some triple: what a
    /// drawing of the whole graph shows. A store answers it from its indexes in flat memory.
    func forEachConnectedEntity(_ body: (GraphEntity) throws -> Void) throws
}

extension GraphReader {
    /// Fallback for small in-memory readers: collects the ids that triples touch, then filters.
    public func forEachConnectedEntity(_ body: (GraphEntity) throws -> Void) throws {
        var connected = Set<Int64>()
        try forEachTriple { t in
            connected.insert(t.subject)
            connected.insert(t.object)
        }
        try forEachEntity { e in
            if connected.contains(e.id) { try body(e) }
        }
    }
}
