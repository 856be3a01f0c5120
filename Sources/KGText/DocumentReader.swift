import Glibc
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
        switch InputFiles.readDocument(path) {
        case .success(let read): bytes = read
        case .failure(let error) where error.code == EFBIG:
            throw Diagnostic(
                .inputTooLarge, "input is \(error.reason); read stopped there", at: SourceLocation(file: path),
                hint: "save a stream to a file first (large plain text files are read in parts), or split the file")
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
        // A NUL past the head the binary check looks at would reach the store, where SQLite's
        // text ends at it, so the stored text would be shorter than the offsets taken here.
        // NUL is no character of UTF-8 or GB18030 text, so removing it loses nothing readable.
        var bytes = bytes
        let nuls = bytes.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        if nuls > 0 {
            bytes.removeAll { $0 == 0 }
            notes.append(
                Diagnostic(
                    .nulBytesRemoved, "\(nuls) NUL byte\(nuls == 1 ? "" : "s") removed from the text", severity: .warning,
                    at: SourceLocation(file: path), hint: "the file may not be plain text; check how it was saved"))
        }
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
