import KGModel

/// What the store knows about one document's origin: enough to decide whether a build must
/// write it again, whether its file is gone, and what to remove.
public struct StoredDocument: Sendable, Equatable {
    public var id: Int64
    /// The path as the user gave it (with `#char=START,END` for a part): what kg displays.
    public var path: String
    /// The file's resolved path (its key, see `FileIdentity` in KGPipeline), with the part
    /// fragment; nil for a document stored before schema version 3 and not yet resolved.
    public var file: String?
    /// SHA-256 of the bytes the document was read from.
    public var contentHash: String
    /// The id of the extractor fingerprint that extracted it; nil before schema version 3.
    public var extractedBy: String?

    public init(id: Int64, path: String, file: String?, contentHash: String, extractedBy: String?) {
        self.id = id
        self.path = path
        self.file = file
        self.contentHash = contentHash
        self.extractedBy = extractedBy
    }
}

extension GraphStore {
    private static let storedColumns = "id, path, file, content_hash, extracted_by"

    private static func stored(_ row: Statement) -> StoredDocument {
        StoredDocument(
            id: row.int64(at: 0), path: row.string(at: 1), file: row.optionalString(at: 2), contentHash: row.string(at: 3),
            extractedBy: row.optionalString(at: 4))
    }

    /// Every stored document's origin, by path (their text is not loaded).
    public func storedDocuments() throws -> [StoredDocument] {
        try checked {
            try connection.prepare("SELECT \(Self.storedColumns) FROM documents ORDER BY path").allRows([], Self.stored)
        }
    }

    /// The documents stored for the file with key `file`, oldest first. More than one only in a
    /// store written before schema version 3, where each spelling of a path made its own.
    public func storedDocuments(file: String) throws -> [StoredDocument] {
        try checked {
            try connection.prepare("SELECT \(Self.storedColumns) FROM documents WHERE file = ? ORDER BY id")
                .allRows([.text(file)], Self.stored)
        }
    }

    /// The document whose display path is `path`, or nil.
    public func storedDocument(path: String) throws -> StoredDocument? {
        try checked {
            try connection.prepare("SELECT \(Self.storedColumns) FROM documents WHERE path = ?")
                .firstRow([.text(path)], Self.stored)
        }
    }

    /// Documents whose file key starts with `prefix`, by key. A range on the file index rather
    /// than LIKE, which would scan the table and read % and _ in names as wildcards.
    public func storedDocuments(fileWithPrefix prefix: String) throws -> [StoredDocument] {
        try checked {
            try connection.prepare(
                "SELECT \(Self.storedColumns) FROM documents WHERE file >= ?1 AND file < ?1 || char(1114111) ORDER BY file"
            ).allRows([.text(prefix)], Self.stored)
        }
    }

    /// Documents stored before schema version 3 whose file key is not known yet.
    public func storedDocumentsWithoutFile() throws -> [StoredDocument] {
        try checked {
            try connection.prepare("SELECT \(Self.storedColumns) FROM documents WHERE file IS NULL ORDER BY id")
                .allRows([], Self.stored)
        }
    }

    /// Records the file key of document `id` (a document stored before schema version 3).
    public func setFile(_ file: String, ofDocument id: Int64) throws {
        try checked { try connection.run("UPDATE documents SET file = ? WHERE id = ?", [.text(file), .integer(id)]) }
    }

    /// Records an extractor fingerprint's description under its id; a known id is left as it is.
    public func recordExtractor(id: String, description: String) throws {
        try checked {
            try connection.run(
                "INSERT INTO extractors(id, description) VALUES (?, ?) ON CONFLICT(id) DO NOTHING", [.text(id), .text(description)])
        }
    }

    /// The description recorded for the extractor fingerprint `id`, or nil when unknown.
    public func extractorDescription(id: String) throws -> String? {
        try checked { try connection.scalar("SELECT description FROM extractors WHERE id = ?", [.text(id)])?.string }
    }
}

extension GraphStore {
    /// Documents whose file key is `key` or lies under it: a part of that file
    /// (`KEY#char=START,END`) or a file below that folder (`KEY/…`).
    public func storedDocuments(under key: String) throws -> [StoredDocument] {
        let folder = key.hasSuffix("/") ? key : key + "/"
        var found = try storedDocuments(file: key)
        found += try storedDocuments(fileWithPrefix: key + "#char=")
        found += try storedDocuments(fileWithPrefix: folder)
        return found
    }
}
