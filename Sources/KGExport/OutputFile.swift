import Foundation
import KGModel

/// A file written beside its target under a temporary name and renamed onto the target only when
/// everything was written.
///
/// A killed or failed export must never leave a target that looks complete: a truncated N-Triples
/// file still parses, so a reader cannot tell it lost most of the graph. Writing to
/// `.NAME.kg-partial-UUID` in the target's folder keeps the rename on one file system (so it is
/// atomic, and an old target stays whole until the new one replaces it); a failure removes the
/// temporary file and reports in kg's words (`E001`) rather than Foundation's
/// (`NSCocoaErrorDomain Code=640`).
public final class OutputFile {
    /// The file the caller asked for.
    public let target: URL
    /// Where the bytes go until `commit()`.
    public let temporary: URL
    private var handle: FileHandle?
    private var finished = false

    /// Creates the temporary file beside `target`. Throws `E003` when the folder is missing or
    /// not writable.
    public init(_ target: URL) throws {
        self.target = target
        let folder = target.deletingLastPathComponent()
        temporary = folder.appendingPathComponent(".\(target.lastPathComponent).kg-partial-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else {
            throw Diagnostic(
                .exportUncreatable, "cannot create \(target.path)",
                hint: "check that the folder \(folder.path) exists and is writable")
        }
        self.handle = handle
    }

    /// Removes the temporary file if neither `commit()` nor `discard()` ran (a thrown error).
    deinit { discard() }

    /// A sink writing to the temporary file.
    public func sink() -> TextSink {
        // The handle is only released by commit/discard, after which no sink is handed out.
        TextSink(handle: handle!)
    }

    /// Closes the temporary file and renames it onto the target, replacing what was there.
    public func commit() throws {
        guard !finished else { return }
        do {
            try handle?.synchronize()
            try handle?.close()
            handle = nil
        } catch {
            discard()
            throw Self.writeFailure(target, error)
        }
        // rename(2) replaces the target in one step; FileManager.moveItem refuses an existing one.
        guard rename(temporary.path, target.path) == 0 else {
            let reason = Self.reason(errno: errno)
            discard()
            throw Diagnostic(
                .exportUnwritable, "cannot write \(target.path): \(reason); nothing was written",
                hint: "check that \(target.path) is not a folder and its folder is writable")
        }
        finished = true
    }

    /// Closes and removes the temporary file; the target is left as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(at: temporary)
    }

    /// Runs `body` with a sink on a new temporary file beside `target`, then renames it onto the
    /// target. When `body` or the write throws, the temporary file is removed, the target is
    /// left untouched, and a `Diagnostic` is thrown (an I/O error becomes `E001`).
    ///
    /// A target that exists and is not a regular file (`/dev/stdout`, a named pipe) is written
    /// directly: it cannot be replaced by a rename, and a reader is already waiting on it.
    @discardableResult
    public static func write<T>(to target: URL, _ body: (TextSink) throws -> T) throws -> T {
        if isSpecialFile(target.path), let handle = FileHandle(forWritingAtPath: target.path) {
            defer { try? handle.close() }
            do {
                let sink = TextSink(handle: handle)
                let value = try body(sink)
                try sink.flush()
                return value
            } catch let diagnostic as Diagnostic {
                throw diagnostic
            } catch let list as DiagnosticList {
                throw list
            } catch {
                throw Diagnostic(.exportUnwritable, "could not write \(target.path): \(reason(error))")
            }
        }
        let file = try OutputFile(target)
        do {
            let sink = file.sink()
            let value = try body(sink)
            try sink.flush()
            try file.commit()
            return value
        } catch let diagnostic as Diagnostic {
            file.discard()
            throw diagnostic
        } catch let list as DiagnosticList {
            file.discard()
            throw list
        } catch {
            file.discard()
            throw writeFailure(target, error)
        }
    }

    /// True when `path` exists and is not a regular file or a folder (a device, a pipe, a
    /// socket), or names one under /dev (`/dev/stdout` is a link to whatever fd 1 is, a regular
    /// file when redirected, and /dev is no place for a temporary file).
    static func isSpecialFile(_ path: String) -> Bool {
        if path.hasPrefix("/dev/") && FileManager.default.fileExists(atPath: path) { return true }
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind != S_IFREG && kind != S_IFDIR
    }

    /// `E001` for a failed write, naming the cause in plain words.
    public static func writeFailure(_ target: URL, _ error: any Error) -> Diagnostic {
        Diagnostic(
            .exportUnwritable, "could not write \(target.path): \(reason(error)); the partial file was removed",
            hint: "free space or choose another --output; the previous \(target.lastPathComponent), if any, is unchanged")
    }

    /// The cause of a Foundation or POSIX write error, in words.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return reason(errno: Int32(ns.code)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(underlying.code))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileWriteOutOfSpaceError: return "the disk is full"
            case NSFileWriteVolumeReadOnlyError: return "the file system is read-only"
            case NSFileWriteNoPermissionError: return "permission denied"
            default: break
            }
        }
        return "an I/O error (\(ns.domain) \(ns.code))"
    }

    /// The cause of a failed system call, in words.
    static func reason(errno code: Int32) -> String {
        switch code {
        case ENOSPC: "the disk is full"
        case EDQUOT: "the disk quota is exhausted"
        case EFBIG: "the file is larger than this process may write (file size limit)"
        case EROFS: "the file system is read-only"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "it is a folder"
        case EIO: "an I/O error"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}

/// Checks that an output path does not name a graph store or its SQLite side files.
public enum OutputGuard {
    /// Throws `E004` when `output` is, after resolving `.`/`..` and symbolic links (and, for
    /// existing files, comparing device and inode, which catches hard links), the store at
    /// `store` or its `-wal`, `-shm` or `-journal` file. Writing there would destroy the graph.
    public static func refuse(output: String, store: String) throws {
        let outputPath = resolved(output)
        let storePath = resolved(store)
        let sideFiles = ["", "-wal", "-shm", "-journal"].map { storePath + $0 }
        var clash = sideFiles.contains(outputPath)
        if !clash, let outID = fileID(outputPath) {
            clash = sideFiles.contains { fileID($0) == outID }
        }
        if clash {
            throw Diagnostic(
                .outputIsStore, "refusing to write \(output): it is the graph store \(store) (or one of its files)",
                hint: "choose another --output; writing there would destroy the store")
        }
    }

    /// The absolute path with symbolic links resolved in every existing part of it.
    static func resolved(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if let real = realpath(absolute, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        // A file that does not exist yet: resolve its folder, keep its name.
        let url = URL(fileURLWithPath: absolute)
        let parent = url.deletingLastPathComponent().path
        guard parent != absolute else { return absolute }
        return (resolved(parent) as NSString).appendingPathComponent(url.lastPathComponent)
    }

    private static func fileID(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}
