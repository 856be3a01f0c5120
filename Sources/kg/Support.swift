import ArgumentParser
import Foundation
import KGModel
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
