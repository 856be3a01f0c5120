import Foundation
import Glibc

/// Which file a path names, independently of how it was spelled.
///
/// `corp/c4/a.txt`, `./corp/c4/a.txt`, `/abs/corp/c4/a.txt` and a path through a symlinked
/// folder all name one file; the store keys documents by the file's resolved path (its *key*)
/// so that each file is one document, and keeps the spelling the user gave for display. A file
/// stored in parts has the key `KEY#char=START,END`, as its display path has the fragment.
public enum FileIdentity {
    /// The fragment that marks a part of a large file (`FILE#char=START,END`, RFC 5147).
    public static let partMarker = "#char="

    /// The key of `path`: its absolute path with every symlink, `.` and `..` resolved
    /// (`realpath(3)`). A path that does not exist (a deleted file, named to `kg remove` or
    /// found in the store by `kg status`) resolves as far as its folders exist, and the
    /// remaining components are appended, cleaned of `.` and `..`: a file deleted from a
    /// symlinked folder keeps the key it had while it existed.
    public static func key(for path: String) -> String {
        // Standard input is no file: its document is keyed `-` wherever kg runs, and a later
        // `kg build -` replaces it.
        if path == standardInput { return standardInput }
        if let resolved = realPath(path) { return resolved }
        let absolute = absolutePath(path)
        var components = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var tail: [String] = []
        // Walk up until a folder exists, then resolve it and re-attach what was below it.
        while !components.isEmpty {
            tail.insert(components.removeLast(), at: 0)
            let parent = "/" + components.joined(separator: "/")
            if let resolved = realPath(parent) {
                return clean(resolved, appending: tail)
            }
        }
        return clean("/", appending: tail)
    }

    /// The key of a stored document's display path: the key of the file, with the part
    /// fragment kept.
    public static func key(forDocumentPath path: String) -> String {
        let (file, fragment) = splitPart(path)
        return key(for: file) + (fragment ?? "")
    }

    /// The key and spelling of standard input (`kg build -`).
    public static let standardInput = "-"

    /// True when `key` names no file on disk but a stream (standard input): nothing on disk can
    /// say whether it changed or is gone, so status and `--prune` leave it alone.
    public static func isStream(_ key: String) -> Bool { splitPart(key).file == standardInput }

    /// `FILE#char=S,E` → (`FILE`, `#char=S,E`); a path without the marker → (path, nil).
    public static func splitPart(_ path: String) -> (file: String, fragment: String?) {
        guard let range = path.range(of: partMarker, options: .backwards) else { return (path, nil) }
        return (String(path[..<range.lowerBound]), String(path[range.lowerBound...]))
    }

    /// True when the document key `key` belongs to the file or folder with key `prefix`: it is
    /// the file itself, one of its parts, or a file below the folder.
    public static func key(_ key: String, isUnder prefix: String) -> Bool {
        if key == prefix { return true }
        let folder = prefix.hasSuffix("/") ? prefix : prefix + "/"
        return key.hasPrefix(folder) || key.hasPrefix(prefix + partMarker)
    }

    /// The share (0 ..< `count`) a file with key `key` belongs to when a corpus is built in
    /// `count` shards (`kg build --shard K/N`).
    ///
    /// A 64-bit FNV-1a of the key's UTF-8 bytes, not Swift's `Hasher`, which is seeded anew in
    /// every process: shards built by separate processes, on separate machines, must agree on
    /// where every file goes, so that together they build each file exactly once. The parts of
    /// a large file share its key and so its shard. Machines must see the corpus under one path,
    /// since the key is the resolved path.
    public static func shard(of key: String, count: Int) -> Int {
        precondition(count > 0, "a corpus is built in at least one shard")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(count))
    }

    /// Whether something exists at `path` (without following a dangling symlink's target: a
    /// dangling link means the file it named is gone).
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    /// `base` with `components` appended, `.` dropped and `..` taking off the last component.
    private static func clean(_ base: String, appending components: [String]) -> String {
        var parts = base.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for component in components {
            switch component {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(component)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
