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

    /// Files and folders → the text files in them, with diagnostics.
    ///
    /// Arguments are expanded in the order given; a folder is walked recursively and its files
    /// come out sorted by path, so the result is the same on every run. Hidden files and
    /// folders (a name starting with `.`) are skipped, and a file reached twice is listed once.
    /// A file named explicitly is read whatever its extension, as long as it looks like text.
    /// Codes: `I001` missing path, `I002` unreadable, `I003` folder with no text files,
    /// `I004` binary file skipped.
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
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: child, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    found += walk(child, visited: &visited)
                } else {
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
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
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
    public static func readBytes(_ path: String, limit: Int? = nil) -> Result<[UInt8], ReadError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return .failure(currentError()) }
        defer { close(fd) }
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            return .failure(ReadError(code: EISDIR, reason: String(cString: strerror(EISDIR))))
        }
        var capacity = max(Int(status.st_size), 0) + 1
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

    private static func currentError() -> ReadError {
        let code = errno
        return ReadError(code: code, reason: String(cString: strerror(code)))
    }
}
