import Foundation
import Glibc
import KGModel

/// Expands the paths given on the command line into the text files kg reads.
public enum InputFiles {
    /// Extensions read as text (compared lower-cased). Files without an extension are read when
    /// their first bytes look like text.
    public static let textExtensions: Set<String> = ["txt", "text", "md", "markdown", "html", "htm"]
    /// How many leading bytes decide whether a file is binary.
    public static let sniffLength = 8 * 1024
    /// The most bytes read as one document: a stream (standard input, a FIFO, a device) and a
    /// file that cannot be read in parts (HTML) alike. Larger plain text files are read in parts
    /// by the builder; without a bound, `/dev/zero` or `yes |` would fill the memory.
    public static let maxDocumentBytes = 64 << 20
    /// The path that names standard input, as in most Unix tools.
    public static let standardInput = "-"

    /// What a path is, by `stat` (following symbolic links).
    public enum Kind: Sendable, Equatable {
        case regular, directory
        /// A FIFO, device or socket: reading it may block, never end, or consume what it holds.
        case special
        case missing
    }

    /// The kind of `path`; `-` is standard input, a stream.
    public static func kind(_ path: String) -> Kind {
        if path == standardInput { return .special }
        var status = stat()
        guard stat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .special
        }
    }

    /// Files and folders → the text files in them, with diagnostics.
    ///
    /// Arguments are expanded in the order given; a folder is walked recursively and its files
    /// come out sorted by path, so the result is the same on every run. Hidden files and
    /// folders (a name starting with `.`) are skipped, and a file reached twice is listed once.
    /// A file named explicitly is read whatever its extension, as long as it looks like text.
    /// A stream named explicitly (`-` for standard input, a FIFO, a device) is listed without a
    /// look at its head: a look would consume what a pipe holds or block on a FIFO, so the
    /// stream is opened once, by the reader. A stream inside a folder is skipped.
    /// Codes: `I001` missing path, `I002` unreadable, `I003` folder with no text files,
    /// `I004` binary file skipped, `I009` special file in a folder skipped.
    public static func collect(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        let manager = FileManager.default

        func add(_ path: String) {
            let key = (path as NSString).standardizingPath
            if seen.insert(key).inserted { files.append(path) }
        }

        /// Checks a file's first bytes; true when it should be read.
        func accept(_ path: String) -> Bool {
            switch sniff(path) {
            case .text: return true
            case .binary:
                diagnostics.append(
                    Diagnostic(
                        .binaryInputSkipped, "binary file skipped", severity: .warning, at: SourceLocation(file: path),
                        hint: "kg reads text files (.txt, .md, .html); convert the file or leave it out"))
                return false
            case .unreadable(let reason):
                diagnostics.append(
                    Diagnostic(
                        .inputUnreadable, "cannot read the file: \(reason)", at: SourceLocation(file: path),
                        hint: "check the file's permissions"))
                return false
            }
        }

        // Folders already walked, by device and inode: a folder reached again through a
        // symlink (`d/again -> ../d`, or a link beside the folder it names) is walked once, where
        // comparing spelled-out paths walked a cycle until the kernel's link limit.
        func walk(_ folder: String, visited: inout Set<FileID>) -> Int {
            var status = stat()
            guard stat(folder, &status) == 0, visited.insert(FileID(device: status.st_dev, inode: status.st_ino)).inserted
            else { return 0 }
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: folder)
            } catch {
                diagnostics.append(
                    Diagnostic(
                        .inputUnreadable, "cannot list the folder", at: SourceLocation(file: folder),
                        hint: "check the folder's permissions"))
                return 0
            }
            var found = 0
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                switch kind(child) {
                case .missing: continue
                case .directory:
                    found += walk(child, visited: &visited)
                    continue
                case .special:
                    // Opening a FIFO blocks until someone writes to it, and a device may never
                    // end: a folder of documents holds neither on purpose.
                    diagnostics.append(
                        Diagnostic(
                            .specialFileSkipped, "special file (FIFO, device or socket) skipped", severity: .warning,
                            at: SourceLocation(file: child),
                            hint: "kg reads regular files in folders; name a stream on the command line to read it"))
                    continue
                case .regular:
                    let ext = fileExtension(child)
                    guard ext.isEmpty || textExtensions.contains(ext) else { continue }
                    if ext.isEmpty {
                        // A file with no extension counts only if it is text; binaries without
                        // an extension (executables, data) are expected in folders, so no warning.
                        if case .text = sniff(child) {
                            found += 1
                            add(child)
                        }
                        continue
                    }
                    if accept(child) {
                        found += 1
                        add(child)
                    }
                }
            }
            return found
        }

        for path in paths {
            let pathKind = kind(path)
            if pathKind == .special {
                add(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard pathKind != .missing, manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(
                    Diagnostic(
                        .inputNotFound, "path does not exist: \(path)", at: SourceLocation(file: path),
                        hint: "check the spelling, or give a folder to read every text file in it"))
                continue
            }
            if isDirectory.boolValue {
                var visited: Set<FileID> = []
                if walk(path, visited: &visited) == 0 {
                    diagnostics.append(
                        Diagnostic(
                            .folderWithoutText, "folder has no text files: \(path)", severity: .warning,
                            at: SourceLocation(file: path),
                            hint: "kg reads .txt, .text, .md, .markdown, .html and .htm files"))
                }
            } else if accept(path) {
                add(path)
            }
        }
        return (files, diagnostics)
    }

    /// A file's identity on this machine: its device and inode numbers.
    struct FileID: Hashable {
        var device: UInt
        var inode: UInt
    }

    /// The lower-cased extension of the last path component, or "" when it has none.
    public static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    /// What the first bytes of a file say.
    public enum Sniff: Sendable, Equatable {
        case text, binary
        case unreadable(String)
    }

    /// Reads up to `sniffLength` bytes of `path` and classifies them.
    public static func sniff(_ path: String) -> Sniff {
        switch readBytes(path, limit: sniffLength) {
        case .success(let bytes): return looksLikeText(bytes) ? .text : .binary
        case .failure(let error): return .unreadable(error.reason)
        }
    }

    /// True when `bytes` (a file's head) contain no NUL and at most 10% control bytes other
    /// than tab, line feed, form feed, carriage return and escape. Bytes ≥ 0x80 count as text:
    /// they are UTF-8 or GB18030 sequences in the files kg reads.
    public static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        if bytes.isEmpty { return true }
        var control = 0
        for byte in bytes {
            if byte == 0 { return false }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0B && byte != 0x0C && byte != 0x0D
                && byte != 0x1B
            {
                control += 1
            } else if byte == 0x7F {
                control += 1
            }
        }
        return control * 10 <= bytes.count
    }

    /// Why a file could not be read: ENOENT and the like, as text.
    public struct ReadError: Error, Sendable {
        /// The `errno` value.
        public var code: Int32
        /// `strerror`'s text for it.
        public var reason: String
        /// True when the path (or a folder on it) does not exist.
        public var missing: Bool { code == ENOENT || code == ENOTDIR }
    }

    /// Reads a file's bytes (at most `limit` when given) with POSIX calls, so the reason for a
    /// failure reaches the diagnostic.
    /// `-` reads standard input.
    public static func readBytes(_ path: String, limit: Int? = nil) -> Result<[UInt8], ReadError> {
        let fd = path == standardInput ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return .failure(currentError()) }
        defer { close(fd) }
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            return .failure(ReadError(code: EISDIR, reason: String(cString: strerror(EISDIR))))
        }
        // A stream reports size 0 (or its device's size); start small and grow.
        var capacity = (status.st_mode & S_IFMT) == S_IFREG ? max(Int(status.st_size), 0) + 1 : 64 * 1024
        if let limit { capacity = min(capacity, limit) }
        var bytes = [UInt8](repeating: 0, count: max(capacity, 1))
        var count = 0
        while true {
            if let limit, count >= limit { break }
            if count == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: max(bytes.count, 4096))) }
            let want = limit.map { min($0 - count, bytes.count - count) } ?? (bytes.count - count)
            let got = bytes.withUnsafeMutableBufferPointer { buffer in
                read(fd, buffer.baseAddress! + count, want)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(currentError())
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// Reads a whole document, failing with `EFBIG` when it holds more than `maxDocumentBytes`:
    /// one byte past the limit is read to tell "exactly the limit" from "more".
    public static func readDocument(_ path: String, maxBytes: Int = maxDocumentBytes) -> Result<[UInt8], ReadError> {
        switch readBytes(path, limit: maxBytes + 1) {
        case .success(let bytes) where bytes.count > maxBytes:
            return .failure(ReadError(code: EFBIG, reason: "larger than \(maxBytes >> 20) MB"))
        case let other:
            return other
        }
    }

    private static func currentError() -> ReadError {
        let code = errno
        return ReadError(code: code, reason: String(cString: strerror(code)))
    }
}
