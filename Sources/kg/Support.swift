import ArgumentParser
import Foundation
import KGModel
import KGPipeline
import KGStore

/// Where kg keeps its graph when no `--db` is given: `out/graph.sqlite` in the current folder,
/// with the exports of `kg build` beside it.
enum Defaults {
    static let outputFolder = "out"
    static let database = "out/graph.sqlite"
}

/// The `--db` option every command that reads a store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The graph store (SQLite).", valueName: "file"))
    var db: String = Defaults.database

    /// Opens the store for reading (see `openExistingStore`).
    func openExisting() throws -> GraphStore { try openExistingStore(db) }
}

/// Opens a store that must exist already: a missing file is an error with a hint, not a new empty
/// store created by a typo.
func openExistingStore(_ path: String) throws -> GraphStore {
    guard FileManager.default.fileExists(atPath: path) else {
        throw Diagnostic(
            .storeNotFound, "no graph store at \(path)", at: SourceLocation(file: path),
            hint: "build one first: kg build INPUT... --db \(path)")
    }
    return try GraphStore(path: path)
}

/// kg's exit codes, documented in `kg --help` and the README.
enum ExitStatus {
    /// Everything worked (and, for queries, something matched).
    static let ok: Int32 = 0
    /// Partly done: some inputs failed while the rest were stored; a query matched nothing.
    static let partial: Int32 = 1
    /// The command failed: bad rule file, unusable store, unreadable pattern.
    static let failure: Int32 = 2
}

/// Standard error as a text stream, for diagnostics and progress (stdout stays for data).
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

enum Terminal {
    /// True when standard error is a terminal, so a live progress line makes sense.
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    static func printError(_ text: String, terminator: String = "\n") {
        var stream = StandardError()
        print(text, terminator: terminator, to: &stream)
    }

    /// Prints a diagnostic in its compiler-style rendering on standard error.
    static func report(_ diagnostic: Diagnostic) {
        printError(diagnostic.rendered)
    }
}

extension ParsableCommand {
    /// Runs `body`, rendering a thrown `Diagnostic` (or list of them) on standard error and
    /// exiting with `ExitStatus.failure`, so no command prints a Swift error dump. Returns what
    /// `body` returns, so a command can wrap just the step that may fail.
    @discardableResult
    func reportingDiagnostics<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let diagnostic as Diagnostic {
            Terminal.report(diagnostic)
            throw ExitCode(ExitStatus.failure)
        } catch let list as DiagnosticList {
            for item in list.items { Terminal.report(item) }
            throw ExitCode(ExitStatus.failure)
        }
    }
}

/// Bounds of kg's numeric options, checked in `validate()` so a wild value is a usage error
/// (exit 64) instead of an overflow trap deep in a query (`limit + 1` for Int.max) or a
/// Graphviz timer that never fires (`--timeout inf`, `nan`).
enum OptionBounds {
    /// The most rows a query may ask for: far more than a terminal or pipe wants, and far from
    /// `Int.max`, so the `limit + 1` that detects truncation cannot overflow.
    static let rows = 1...1_000_000_000
    /// Worker threads for `kg build`: each one holds a document in memory.
    static let jobs = 1...256
    /// Documents per transaction.
    static let batchSize = 1...1_000_000
    /// Hops around an export's focus; the graph's diameter is far smaller.
    static let selectionDepth = 0...1_000
    /// Entities drawn.
    static let maxNodes = 1...100_000_000
    /// Seconds: a day, for render's and query's time limits.
    static let seconds = 0.001...86_400.0

    /// Shards of a corpus: as many as anyone would run jobs for, and far from overflow.
    static let shards = 1...1_000_000

    /// `K/N` for `--shard`: share K (1-based) of N; a usage error for anything else.
    static func shard(_ text: String) throws -> (k: Int, n: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw ValidationError("--shard must be K/N, two whole numbers such as 2/4 (share 2 of 4), not '\(text)'")
        }
        guard shards.contains(n) else {
            throw ValidationError("--shard K/N needs N between \(shards.lowerBound) and \(shards.upperBound), not \(n)")
        }
        guard (1...n).contains(k) else {
            throw ValidationError("--shard K/N needs K between 1 and N (\(n)), not \(k): shares are counted from 1")
        }
        return (k, n)
    }

    /// Throws a usage error naming `option` when `value` lies outside `range`.
    static func check<T: Comparable>(_ option: String, _ value: T, in range: ClosedRange<T>) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
        }
    }

    /// Throws a usage error unless `value` is a finite number of seconds within `seconds`
    /// (`nan` fails every comparison, so it is tested by name).
    static func checkSeconds(_ option: String, _ value: Double) throws {
        guard value.isFinite, seconds.contains(value) else {
            throw ValidationError("\(option) must be a number of seconds from 0.001 to 86400, not \(value)")
        }
    }
}

/// The stored documents each path on the command line names (`kg remove`, `kg status`), in
/// order; a path that names none is warned about with S017 and makes `unmatched` true.
func storedDocuments(
    named paths: [String], in graph: GraphStore, hint: String
) throws -> (documents: [[StoredDocument]], unmatched: Bool) {
    var unmatched = false
    let documents = try paths.map { path in
        let named = try DocumentSelection.documents(named: path, in: graph)
        if named.isEmpty {
            unmatched = true
            Terminal.report(
                Diagnostic(
                    .noStoredDocument, "no stored document is \(path) or lies under it", severity: .warning,
                    at: SourceLocation(file: path), hint: hint))
        }
        return named
    }
    return (documents, unmatched)
}
