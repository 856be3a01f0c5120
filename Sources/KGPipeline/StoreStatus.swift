import Foundation
import KGStore
import KGText

/// How a stored document compares with its file on disk and with the extractor a build would
/// use now: what `kg status` lists.
public struct DocumentStatus: Sendable, Equatable {
    public enum State: String, Sendable {
        /// The file is gone (`kg build --prune` or `kg remove` retracts it).
        case missing
        /// The file's bytes differ from those stored (a build re-reads it).
        case changed
        /// The text is unchanged but another extractor extracted it (a build re-extracts it).
        case extractor
        /// File and extractor as stored: a build skips it.
        case current
    }

    public var state: State
    /// The path the document is displayed under.
    public var path: String
    /// The file's resolved path (with `#char=` for a part).
    public var file: String
    /// What differs, in words.
    public var detail: String
}

/// Compares the store with the files and the extractor: see `DocumentStatus`.
public enum StoreStatus {
    /// The status of every document under `keys` (file keys, see `FileIdentity`; nil for every
    /// document), by display path.
    ///
    /// A file stored in parts is compared part by part, cut as the builder cuts it: every part
    /// is `changed` when any differs. Reads every listed file once (hashing it), so its cost is
    /// that of reading the corpus, without extracting anything.
    public static func check(
        _ store: GraphStore, fingerprint: ExtractorFingerprint, under keys: [String]? = nil
    ) throws -> [DocumentStatus] {
        var documents: [StoredDocument]
        if let keys {
            var seen: Set<Int64> = []
            documents = []
            for key in keys {
                for document in try store.storedDocuments(under: key) where seen.insert(document.id).inserted {
                    documents.append(document)
                }
            }
        } else {
            documents = try store.storedDocuments()
        }
        // Documents stored before schema version 3 have no key until a build resolves them.
        let keyed = documents.map { ($0, $0.file ?? FileIdentity.key(forDocumentPath: $0.path)) }
        // The parts of one file are judged together.
        var byFile: [String: [(StoredDocument, String)]] = [:]
        for (document, key) in keyed { byFile[FileIdentity.splitPart(key).file, default: []].append((document, key)) }

        var reasonsByFingerprint: [String?: [String]] = [:]
        func reasons(_ id: String?) throws -> [String] {
            if let known = reasonsByFingerprint[id] { return known }
            let found = fingerprint.reasons(comparedTo: try id.flatMap { try store.extractorDescription(id: $0) })
            reasonsByFingerprint[id] = found
            return found
        }

        var result: [DocumentStatus] = []
        for (file, parts) in byFile {
            let ordered = parts.sorted { partStart($0.1) < partStart($1.1) }
            let contentMatches: Bool?
            if FileIdentity.isStream(file) {
                contentMatches = true
            } else if !FileIdentity.exists(file) {
                contentMatches = nil
            } else if ordered.count == 1 && FileIdentity.splitPart(ordered[0].1).fragment == nil {
                contentMatches = hashFile(file) == ordered[0].0.contentHash
            } else {
                contentMatches = partHashes(file) == ordered.map(\.0.contentHash)
            }
            for (document, key) in ordered {
                let status: DocumentStatus
                switch contentMatches {
                case nil:
                    status = DocumentStatus(state: .missing, path: document.path, file: key, detail: "no file at \(file)")
                case false?:
                    status = DocumentStatus(state: .changed, path: document.path, file: key, detail: "the file's content changed")
                case true?:
                    if document.extractedBy == fingerprint.id {
                        status = DocumentStatus(state: .current, path: document.path, file: key, detail: "")
                    } else {
                        let why = try reasons(document.extractedBy)
                        status = DocumentStatus(
                            state: .extractor, path: document.path, file: key,
                            detail: why.isEmpty ? "extractor changed" : why.joined(separator: ", "))
                    }
                }
                result.append(status)
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// START of a part key's `#char=START,END`, 0 for a whole file.
    private static func partStart(_ key: String) -> Int {
        guard let fragment = FileIdentity.splitPart(key).fragment else { return 0 }
        let numbers = fragment.dropFirst(FileIdentity.partMarker.count).split(separator: ",")
        return numbers.first.flatMap { Int($0) } ?? 0
    }

    /// SHA-256 of the file's bytes, as `DocumentReader` computes a document's content hash.
    private static func hashFile(_ path: String) -> String? {
        guard case .success(let bytes) = InputFiles.readBytes(path) else { return nil }
        return SHA256.hex(of: bytes)
    }

    /// The content hashes of the parts the builder would cut the file into, in order; one hash
    /// when it would read the file whole.
    private static func partHashes(_ path: String) -> [String]? {
        guard let size = FileParts.size(of: path) else { return nil }
        guard size > Builder.defaultSplitThreshold && FileParts.canSplit(path),
            let cuts = FileParts.cuts(of: path, size: size, partSize: Builder.defaultPartSize), cuts.count > 1
        else { return hashFile(path).map { [$0] } }
        var hashes: [String] = []
        for range in cuts {
            guard let bytes = try? FileParts.read(path, range: range) else { return nil }
            hashes.append(SHA256.hex(of: bytes))
        }
        return hashes
    }
}

/// Which stored documents a path names, for `kg remove` and `kg status PATH…`.
public enum DocumentSelection {
    /// The documents a path on the command line names: the file it resolves to (and its parts),
    /// or every file below the folder it resolves to, whether or not it still exists on disk.
    /// Only when that finds nothing (a store built from another folder, or before schema
    /// version 3), the documents displayed under that very spelling or below it: a spelling
    /// typed in two folders may name two files, and the resolved one is the one meant.
    public static func documents(named path: String, in store: GraphStore) throws -> [StoredDocument] {
        var found = try store.storedDocuments(under: FileIdentity.key(for: path))
        if found.isEmpty {
            let spelled = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            found = try store.storedDocuments().filter { document in
                let display = document.path
                return display == spelled || display.hasPrefix(spelled + "/")
                    || display.hasPrefix(spelled + FileIdentity.partMarker)
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}
