import ArgumentParser
import Foundation
import KGModel
import KGPipeline
import KGQuery
import KGStore

/// `kg status`: which stored documents a build would change.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List stored documents whose files are gone or changed, or that another extractor extracted.",
        discussion: """
            Compares every stored document (or those under the PATHs given) with its file and \
            with the extractor a build would use now: give the same --rules, \
            --no-builtin-rules, --lexicon and --no-model as to kg build. Reads and hashes each \
            file; extracts nothing and writes nothing.

            States:
              missing    the file is gone; kg build --prune or kg remove retracts it
              changed    the file's content changed; kg build re-reads it
              extractor  the text is unchanged but rules, lexicon, model or kg changed since it \
            was extracted; kg build re-extracts it (detail says what changed)
              current    nothing to do (listed only with --all)

            Output fields: state, document (the path it is shown as), file (the resolved path), \
            detail. Tables go to a terminal aligned; --format tsv|csv|json for pipes. A summary \
            line goes to standard error.

            Exit status: 0 every document is current; 1 some document is missing, changed or \
            extracted by another extractor, or a PATH names no stored document; 2 the command \
            failed (no store, bad rule file); 64 bad usage.

            Examples:
              kg status                               everything in out/graph.sqlite
              kg status news/ --db news.sqlite        documents under news/
              kg status --rules my-rules/ --format tsv | cut -f2
              kg status || kg build news/ --prune     rebuild only when something is out of date
            """)

    @Argument(help: ArgumentHelp("Only documents of these files or under these folders.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var store: StoreOptions

    @OptionGroup var extraction: ExtractionOptions

    @Flag(help: "Also list current documents.")
    var all = false

    @Option(help: ArgumentHelp("table (aligned, for people), json (an array, one object a line), tsv or csv.", valueName: "format"))
    var format: OutputFormat = .table

    func run() throws {
        let outOfDate = try reportingDiagnostics { () throws -> Bool in
            let graph = try store.openExisting()
            let fingerprint = try extraction.makeExtractorWithFingerprint().fingerprint
            var unmatched = false
            var keys: [String]?
            if !paths.isEmpty {
                let named = try storedDocuments(named: paths, in: graph, hint: "kg status with no PATH lists every stored document")
                unmatched = named.unmatched
                keys = named.documents.joined().map { $0.file ?? FileIdentity.key(forDocumentPath: $0.path) }
            }
            let statuses = keys?.isEmpty == true ? [] : try StoreStatus.check(graph, fingerprint: fingerprint, under: keys)
            let listed = statuses.filter { all || $0.state != .current }
            let table = ResultTable(
                columns: ["state", "document", "file", "detail"],
                rows: listed.map { [.text($0.state.rawValue), .text($0.path), .text($0.file), .text($0.detail)] })
            if !listed.isEmpty || format == .json {
                print(ResultFormatter.render(table, as: format), terminator: "")
            }
            var counts: [DocumentStatus.State: Int] = [:]
            for status in statuses { counts[status.state, default: 0] += 1 }
            let stale = statuses.count - counts[.current, default: 0]
            let parts = [DocumentStatus.State.missing, .changed, .extractor].compactMap { state in
                counts[state].map { "\($0) \(state.rawValue)" }
            }
            // The list first, then the summary, also when both go to one terminal or file.
            fflush(nil)
            Terminal.printError(
                stale == 0
                    ? "\(counted(statuses.count, "document")), all current"
                    : "\(counted(statuses.count, "document")): \(parts.joined(separator: ", ")), \(counts[.current, default: 0]) current")
            return stale > 0 || unmatched
        }
        if outOfDate { throw ExitCode(ExitStatus.partial) }
    }
}
