import Foundation
import KGModel

/// A document and what was extracted from it, turned into the rows the store writes: everything
/// that does not need the store, done where the document was extracted.
///
/// `kg build` writes from one thread while its workers extract. Whatever the writer does per
/// row is paid once for the whole corpus, however many workers there are, so the workers do it
/// instead: each entity is collapsed to one row per key in the order the store would meet it,
/// its pinyin is computed, predicates and rules become small integers, sentence indexes become
/// positions, the vocabulary is checked, and the authors are encoded. The writer is left with
/// the inserts (`GraphStore.replaceDocument(_:file:extractedBy:)`), and frees a few flat arrays
/// instead of the extraction's many small strings, which alone cost it a fifth of its time.
public struct PreparedDocument: Sendable {
    /// The path the document is stored under; the writer may change it (the stored spelling of
    /// the file, a part's `#char=` fragment).
    public var path: String
    public var contentHash: String
    /// The page's metadata with its authors encoded as stored; the later parts of a large file
    /// take their first part's.
    public var metadata: PreparedMetadata
    /// The decoded text that offsets point into.
    public var text: String
    public var sentences: [Row.Sentence]
    /// One row per entity key, in the order of first appearance (mentions first, then each
    /// extraction's subject and object), so entities get the ids and labels they got when the
    /// writer met the descriptors one by one.
    public var entities: [Row.Entity]
    public var mentions: [Row.Mention]
    public var assertions: [Row.Assertion]
    /// Qualifiers of the assertions, each assertion's in `Row.Assertion.qualifiers`.
    public var qualifiers: [Qualifier]
    /// The predicates assertions name by position (`WriteVocabulary.predicates`).
    public var predicates: [String]
    /// Rule ids and versions, each assertion naming its pair by position.
    public var rules: [Row.Rule]
    /// Vocabulary and sentence references the store cannot hold; the store reports them, with
    /// the path the document is finally stored under, before it writes anything.
    public var problems: [Problem]
    /// Extractions in the document (assertions, before any was dropped as a problem).
    public var extractionCount: Int

    /// The rows, as plain values: no reference the writer must release per row.
    public enum Row {
        public struct Sentence: Sendable {
            public var index: Int
            public var start: Int
            public var end: Int
            public var text: String
        }

        public struct Entity: Sendable {
            public var key: EntityCacheKey
            public var type: String
            public var labelZh: String
            /// The first English label any descriptor of this key gave.
            public var labelEn: String?
            public var pinyin: String
            /// Every descriptor's aliases, each once, in order.
            public var aliases: [String]
        }

        public struct Mention: Sendable {
            /// Position in `entities`.
            public var entity: Int32
            /// Position in `sentences`.
            public var sentence: Int32
            public var start: Int
            public var end: Int
        }

        public struct Assertion: Sendable {
            public var subject: Int32
            public var object: Int32
            /// Position in `predicates`.
            public var predicate: Int32
            public var sentence: Int32
            public var subjectSpan: TextSpan?
            public var objectSpan: TextSpan?
            public var triggerSpan: TextSpan?
            /// Position in `rules`.
            public var rule: Int32
            public var confidence: Double
            /// Range in `qualifiers`.
            public var qualifiers: Range<Int>
        }

        public struct Rule: Sendable, Hashable {
            public var id: String
            public var version: String
        }
    }

    /// Something in the extraction the store's vocabulary or the document does not have.
    public enum Problem: Sendable, Hashable {
        case unknownType(type: String, label: String)
        case unknownPredicate(predicate: String, rule: String)
        case missingSentence(index: Int, what: String)

        /// The diagnostic for a document stored as `path`.
        func diagnostic(path: String) -> Diagnostic {
            switch self {
            case .unknownType(let type, let label):
                return Diagnostic(
                    .unknownVocabularyInWrite, "unknown entity type '\(type)' for \(label) in \(path)",
                    at: SourceLocation(file: path), hint: "types are listed in schema/types.tsv")
            case .unknownPredicate(let predicate, let rule):
                return Diagnostic(
                    .unknownVocabularyInWrite, "unknown predicate '\(predicate)' (rule \(rule)) in \(path)",
                    at: SourceLocation(file: path), hint: "predicates are listed in schema/predicates.tsv")
            case .missingSentence(let index, let what):
                return Diagnostic(
                    .missingSentence, "\(what) refers to sentence \(index), which \(path) does not have",
                    at: SourceLocation(file: path))
            }
        }
    }

    /// Prepares `extraction` of `document` for a store with `vocabulary`, computing pinyin with
    /// `pinyin` (each worker keeps its own, since it caches what ICU said).
    public init(
        _ document: TextDocument, _ extraction: DocumentExtraction, vocabulary: WriteVocabulary, pinyin: inout PinyinKeyMaker
    ) {
        path = document.path
        contentHash = document.contentHash
        metadata = PreparedMetadata(document.metadata)
        text = document.original
        extractionCount = extraction.extractions.count
        predicates = vocabulary.predicates
        var problems: [Problem] = []
        var reported: Set<Problem> = []
        func report(_ problem: Problem) {
            if reported.insert(problem).inserted { problems.append(problem) }
        }

        let sentences = document.sentences.map { Row.Sentence(index: $0.index, start: $0.span.start, end: $0.span.end, text: $0.text) }
        var sentencePositions: [Int: Int32] = [:]
        sentencePositions.reserveCapacity(sentences.count)
        for (position, sentence) in sentences.enumerated() where sentencePositions[sentence.index] == nil {
            sentencePositions[sentence.index] = Int32(position)
        }
        func sentence(_ index: Int, _ what: @autoclosure () -> String) -> Int32 {
            if let position = sentencePositions[index] { return position }
            report(.missingSentence(index: index, what: what()))
            return -1
        }

        var entities: [Row.Entity] = []
        var positions: [String: Int32] = [:]
        func entity(_ descriptor: EntityDescriptor) -> Int32 {
            if !vocabulary.types.contains(descriptor.type) {
                report(.unknownType(type: descriptor.type, label: descriptor.labelZh))
            }
            if let position = positions[descriptor.key.rawValue] {
                let i = Int(position)
                if entities[i].labelEn == nil { entities[i].labelEn = descriptor.labelEn }
                for alias in descriptor.aliases where !entities[i].aliases.contains(alias) { entities[i].aliases.append(alias) }
                return position
            }
            var aliases: [String] = []
            for alias in descriptor.aliases where !aliases.contains(alias) { aliases.append(alias) }
            entities.append(
                Row.Entity(
                    key: EntityCacheKey(descriptor.key.rawValue), type: descriptor.type, labelZh: descriptor.labelZh,
                    labelEn: descriptor.labelEn, pinyin: pinyin.key(for: descriptor.labelZh), aliases: aliases))
            positions[descriptor.key.rawValue] = Int32(entities.count - 1)
            return Int32(entities.count - 1)
        }

        var mentions: [Row.Mention] = []
        mentions.reserveCapacity(extraction.mentions.count)
        for mention in extraction.mentions {
            let position = entity(mention.entity)
            let sentencePosition = sentence(mention.sentenceIndex, "a mention of \(mention.entity.labelZh)")
            mentions.append(Row.Mention(entity: position, sentence: sentencePosition, start: mention.span.start, end: mention.span.end))
        }

        var assertions: [Row.Assertion] = []
        assertions.reserveCapacity(extraction.extractions.count)
        var qualifiers: [Qualifier] = []
        var rules: [Row.Rule] = []
        var rulePositions: [Row.Rule: Int32] = [:]
        for item in extraction.extractions {
            let subject = entity(item.subject)
            let object = entity(item.object)
            let predicate = vocabulary.predicateIndex[item.predicate]
            if predicate == nil { report(.unknownPredicate(predicate: item.predicate, rule: item.ruleID)) }
            let sentencePosition = sentence(
                item.sentenceIndex, "\(item.subject.labelZh) \(item.predicate) \(item.object.labelZh)")
            let rule = Row.Rule(id: item.ruleID, version: item.ruleVersion)
            let rulePosition: Int32
            if let known = rulePositions[rule] {
                rulePosition = known
            } else {
                rulePosition = Int32(rules.count)
                rules.append(rule)
                rulePositions[rule] = rulePosition
            }
            let firstQualifier = qualifiers.count
            qualifiers.append(contentsOf: item.qualifiers)
            assertions.append(
                Row.Assertion(
                    subject: subject, object: object, predicate: predicate ?? -1, sentence: sentencePosition,
                    subjectSpan: item.subjectSpan, objectSpan: item.objectSpan, triggerSpan: item.triggerSpan,
                    rule: rulePosition, confidence: item.confidence, qualifiers: firstQualifier..<qualifiers.count))
        }
        self.sentences = sentences
        self.mentions = mentions
        self.assertions = assertions
        self.qualifiers = qualifiers
        self.rules = rules
        self.problems = problems
        self.entities = entities
    }
}

/// A document's metadata as its row stores it.
public struct PreparedMetadata: Sendable, Equatable {
    public var title: String?
    public var published: String?
    public var source: String?
    /// The authors as a JSON array.
    public var authors: String

    public init(_ metadata: DocumentMetadata) {
        title = metadata.title
        published = metadata.published
        source = metadata.source
        // Encoding an array of strings cannot fail.
        authors = String(decoding: (try? JSONEncoder().encode(metadata.authors)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

/// What a store accepts, as workers need it to prepare documents for it: the entity types and
/// predicates its vocabulary tables hold.
public struct WriteVocabulary: Sendable {
    public var types: Set<String>
    /// Predicate ids in a fixed order; assertions name them by position.
    public var predicates: [String]
    public var predicateIndex: [String: Int32]

    init(types: Set<String>, predicates: Set<String>) {
        self.types = types
        self.predicates = predicates.sorted()
        predicateIndex = Dictionary(uniqueKeysWithValues: self.predicates.enumerated().map { ($1, Int32($0)) })
    }
}

/// An entity key with its hash computed once, where the document was prepared.
///
/// The writer looks every entity of every document up in its cache. Swift hashes and compares a
/// `String` by its Unicode normalisation, which for Chinese text costs far more than the lookup;
/// this key hashes a precomputed 64-bit FNV-1a of the UTF-8 bytes and compares bytes, which is
/// also how SQLite's UNIQUE index on `entities.key` tells keys apart.
public struct EntityCacheKey: Hashable, Sendable {
    public let rawValue: String
    public let digest: UInt64

    public init(_ rawValue: String) {
        self.rawValue = rawValue
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in rawValue.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        digest = hash
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    public static func == (a: EntityCacheKey, b: EntityCacheKey) -> Bool {
        guard a.digest == b.digest else { return false }
        // memcmp on the UTF-8 buffers: comparing the UTF8Views element by element cost the
        // writer a tenth of its entity lookups.
        var x = a.rawValue
        var y = b.rawValue
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }
}
