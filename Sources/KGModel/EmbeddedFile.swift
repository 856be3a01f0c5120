/// A file of `schema/` compiled into the binary by its owning module's C data target (written by
/// `scripts/embed-schema.py`), so that a copied `kg` works without files beside it.
public struct EmbeddedFile: Hashable, Sendable {
    /// The path relative to the package root, e.g. `schema/types.tsv`.
    public let path: String
    /// The file's text. Every schema file is UTF-8; the bytes are copied once, when the owner's
    /// table is first used.
    public let text: String

    /// Copies one entry of a C data target's table.
    public init(path: UnsafePointer<CChar>, bytes: UnsafePointer<UInt8>, count: Int) {
        self.path = String(cString: path)
        text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}

extension [EmbeddedFile] {
    /// The file at `path`. A file the owner expects but did not embed is a programming error
    /// (schema/ and the generated C disagree), so this stops rather than returning empty text.
    public func required(_ path: String) -> EmbeddedFile {
        guard let file = first(where: { $0.path == path }) else {
            preconditionFailure("\(path) is not embedded; run scripts/embed-schema.py and rebuild")
        }
        return file
    }

    /// The files in `folder` (`schema/rules/`) whose names end in `suffix`, sorted by path.
    /// An empty folder is a programming error for the same reason as a missing file.
    public func required(folder: String, suffix: String) -> [EmbeddedFile] {
        let found = filter { $0.path.hasPrefix(folder) && $0.path.hasSuffix(suffix) }.sorted { $0.path < $1.path }
        precondition(!found.isEmpty, "no \(folder)*\(suffix) is embedded; run scripts/embed-schema.py and rebuild")
        return found
    }
}
