import KGModel

/// Reads one input file into a `TextDocument`: bytes → hash → text → markup stripped →
/// furniture removed → sentences.
public struct DocumentReader: Sendable {
    /// The cleaner used on every page.
    public var cleaner = PageCleaner()

    /// A reader with the default cleaner.
    public init() {}

    /// Reads `path`. Throws `I001` (missing), `I002` (unreadable) or `I005` (not UTF-8 or
    /// GB18030). An empty file is not an error: it gives a document with no sentences and an
    /// `I006` warning in `notes`. A file decoded as GB18030 carries an `I007` note.
    public func read(path: String) throws(Diagnostic) -> TextDocument {
        let bytes: [UInt8]
        switch InputFiles.readBytes(path) {
        case .success(let read): bytes = read
        case .failure(let error):
            if error.missing {
                throw Diagnostic(
                    .inputNotFound, "path does not exist: \(path)", at: SourceLocation(file: path), hint: "check the spelling")
            }
            throw Diagnostic(
                .inputUnreadable, "cannot read the file: \(error.reason)", at: SourceLocation(file: path),
                hint: "check the file's permissions")
        }
        return try read(bytes: bytes, path: path)
    }

    /// Reads a document from bytes already in memory; `path` names it and picks the markup by
    /// extension.
    public func read(bytes: [UInt8], path: String) throws(Diagnostic) -> TextDocument {
        let hash = SHA256.hex(of: bytes)
        var notes: [Diagnostic] = []
        let (decoded, encoding) = try TextDecoding.decode(bytes, path: path)
        if encoding != "UTF-8" {
            notes.append(Diagnostic(.decodedAsGB18030, "decoded as \(encoding)", severity: .note, at: SourceLocation(file: path)))
        }
        var text = decoded
        var htmlTitle: String?
        switch MarkupStripper.Kind.of(path: path, text: decoded) {
        case .html:
            let stripped = MarkupStripper.html(decoded)
            text = stripped.text
            htmlTitle = stripped.title
        case .markdown:
            text = MarkupStripper.markdown(decoded)
        case .plain:
            break
        }
        let scalars = Array(text.unicodeScalars)
        if !scalars.contains(where: { !Scalars.isSpace($0) }) {
            notes.append(
                Diagnostic(
                    .emptyInput, "file is empty", severity: .warning, at: SourceLocation(file: path),
                    hint: "nothing was extracted from it; remove it from the input or fill it"))
            return TextDocument(
                path: path, original: text, contentHash: hash, metadata: DocumentMetadata(), sentences: [], notes: notes
            )
        }
        let cleaned = cleaner.clean(scalars, htmlTitle: htmlTitle)
        let sentences = Segmenter.sentences(in: scalars, paragraphs: cleaned.paragraphs)
        return TextDocument(
            path: path, original: text, contentHash: hash, metadata: cleaned.metadata, sentences: sentences,
            notes: notes)
    }
}
