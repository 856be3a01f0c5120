/// A file of `schema/` compiled into the binary by its owning module's C data target (written by
/// `scripts/embed-schema.py`), so that a copied `kg` works without files beside it.
public struct EmbeddedFile: Hashable, Sendable {
    /// The path relative to the package root, e.g. `schema/types.tsv`.
    public let path: String
    /// The file's text: every schema file is UTF-8.
    public let text: String

    /// Copies one embedded file out of the binary.
    public init(_ entry: some EmbeddedEntry) {
        path = String(cString: entry.path)
        text = String(decoding: UnsafeBufferPointer(start: entry.bytes, count: entry.size), as: UTF8.self)
    }
}

/// One row of a C data target's table (`KGModelDataFile`, `KGExtractDataFile`…): where one
/// file's bytes lie in the binary. Each owner declares its table's row type conforming, so that
/// the lookups below serve every owner.
public protocol EmbeddedEntry {
    /// The path relative to the package root, NUL-terminated.
    var path: UnsafePointer<CChar> { get }
    /// The file's bytes.
    var bytes: UnsafePointer<UInt8> { get }
    /// The number of bytes.
    var size: Int { get }
}

extension UnsafeBufferPointer where Element: EmbeddedEntry {
    /// Every file of the table, copied out (the lookups below copy only what they return: the
    /// model weights are megabytes that a command reading rules does not need).
    public var embeddedFiles: [EmbeddedFile] { map { EmbeddedFile($0) } }

    /// The file at `path`. A file the owner expects but did not embed is a programming error
    /// (schema/ and the generated C disagree), so this stops rather than returning empty text.
    public func required(_ path: String) -> EmbeddedFile {
        guard let entry = first(where: { String(cString: $0.path) == path }) else {
            preconditionFailure("\(path) is not embedded; run scripts/embed-schema.py and rebuild")
        }
        return EmbeddedFile(entry)
    }

    /// The files in `folder` (`schema/rules/`) whose names end in `suffix`, sorted by path.
    /// An empty folder is a programming error for the same reason as a missing file.
    public func required(folder: String, suffix: String) -> [EmbeddedFile] {
        let found = filter {
            let path = String(cString: $0.path)
            // Direct children only: a subfolder holds data of another kind (lexicon/words/).
            return path.hasPrefix(folder) && path.hasSuffix(suffix) && !path.dropFirst(folder.count).contains("/")
        }.map { EmbeddedFile($0) }.sorted { $0.path < $1.path }
        precondition(!found.isEmpty, "no \(folder)*\(suffix) is embedded; run scripts/embed-schema.py and rebuild")
        return found
    }
}
