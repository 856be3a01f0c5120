/// What a page says about itself, kept apart from its body text.
public struct DocumentMetadata: Hashable, Sendable, Codable {
    public var title: String?
    /// Publication time as written on the page, normalised to ISO 8601 when it parses
    /// (`2023-12-31T15:58:36`).
    public var published: String?
    public var source: String?
    public var authors: [String]

    public init(title: String? = nil, published: String? = nil, source: String? = nil, authors: [String] = []) {
        self.title = title
        self.published = published
        self.source = source
        self.authors = authors
    }
}

/// One sentence of a document, with its clauses. Spans are scalar offsets into the document's
/// original text (see `TextSpan`).
public struct Sentence: Hashable, Sendable {
    /// Position of the sentence in its document, from 0.
    public var index: Int
    public var span: TextSpan
    /// The sentence as it appears in the original text.
    public var text: String
    /// Clause spans (split at , ; : and their full-width forms), in document offsets.
    public var clauses: [TextSpan]

    public init(index: Int, span: TextSpan, text: String, clauses: [TextSpan]) {
        self.index = index
        self.span = span
        self.text = text
        self.clauses = clauses
    }
}

/// A document read, cleaned and segmented: the input of extraction and of the store.
public struct TextDocument: Sendable {
    /// The path the document was read from, as given on the command line.
    public var path: String
    /// The decoded text of the file; every span points into it.
    public var original: String
    /// SHA-256 of the file's bytes, hex: unchanged documents are skipped by it.
    public var contentHash: String
    public var metadata: DocumentMetadata
    /// Body sentences, furniture removed.
    public var sentences: [Sentence]
    /// Things noticed while reading (for example the encoding that was detected).
    public var notes: [Diagnostic]

    public init(
        path: String, original: String, contentHash: String, metadata: DocumentMetadata,
        sentences: [Sentence], notes: [Diagnostic] = []
    ) {
        self.path = path
        self.original = original
        self.contentHash = contentHash
        self.metadata = metadata
        self.sentences = sentences
        self.notes = notes
    }
}
