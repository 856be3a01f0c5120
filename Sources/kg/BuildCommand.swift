import ArgumentParser
import Foundation
import KGExtract
import KGModel
import KGPipeline
import KGStore
import KGText

/// `kg build`: files and folders in, a graph store (and its exports) out.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read news files and add what they state to a graph store.",
        discussion: """
            Reads files and folders (recursively): .txt, .md, .html and extensionless text, in \
            UTF-8 or GB18030. A document is a file, whatever the spelling of its path: \
            `corp`, `./corp` and `/abs/corp` name the same files, and a folder reached twice \
            through a symlink is read once; the store shows each file by the path first given \
            (by its resolved path when that spelling already names another stored file). \
            Work is committed in batches, so an interrupted build keeps every batch it finished \
            and a re-run completes the graph.

            A document is skipped when its file's content and the extractor (rules with their \
            versions, lexicons, word lists, model, kg version; its fingerprint is stored with each document) \
            are both unchanged. A changed file is extracted again; so is an unchanged file \
            extracted by another fingerprint: after editing a rule, adding --lexicon or switching \
            --no-model, the build re-extracts, retracts the old evidence, deletes triples left \
            without evidence (and entities left without mention or triple) and says how many \
            documents it re-extracted and why: the store equals a clean build with the same rules. --prune also \
            retracts the stored documents under the given inputs whose files no longer exist \
            (kg status lists them first; kg remove retracts documents by name).

            Each sentence goes through the rule pack (schema/rules/, plus --rules), then the \
            relation model (schema/models/) judges the pairs of names the rules left alone; its \
            triples carry rule id model.relations and its probability as confidence. --no-model \
            builds with the rules alone.

            With no INPUT, builds the sample in ./samples. With no --db, the store goes to \
            out/graph.sqlite and its exports (graph.dot, graph.jsonld) beside it; with --db, \
            exports are written only when --out names a folder.

            Examples:
              kg build                                 the sample, into out/
              kg build news/ --db news.sqlite --jobs 2
              kg build a.html b.txt --rules my-rules/ --lexicon companies.tsv
              kg build news/ --rules my-rules/ --no-builtin-rules   my rules alone
              kg build news/ --prune                   also drop documents whose files are gone
              kg build news/ --shard 2/4 --db p2.sqlite   share 2 of 4; after all four:
              kg merge p1.sqlite p2.sqlite p3.sqlite p4.sqlite --db news.sqlite
              (scripts/build-sharded.sh runs shards with GNU parallel and merges them)
            """
    )

    @Argument(help: ArgumentHelp("Files or folders to read (default: ./samples); - reads standard input.", valueName: "input"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("The graph store to write (default: out/graph.sqlite).", valueName: "file"))
    var db: String?

    @Option(help: ArgumentHelp("Folder for graph.dot and graph.jsonld (default: out/ when --db is not given).", valueName: "dir"))
    var out: String?

    @OptionGroup var extraction: ExtractionOptions

    // Optional rather than defaulting to the core count: ArgumentParser would print that
    // machine's count as "(default: 2)" after the help's own "(default: all cores)".
    @Option(help: "Documents read and extracted in parallel (default: all cores).")
    var jobs: Int?

    // 256: fewer commits rewrite the same index pages less often (the writer's time per MB fell
    // by about a tenth against 64); a killed build loses at most this many documents' work.
    @Option(help: "Documents written per transaction.")
    var batchSize: Int = 256

    @Option(
        help: ArgumentHelp(
            "Build only share K of N of the inputs (1 ≤ K ≤ N), chosen by a hash of each file's resolved path, "
                + "so N runs (on one machine or several) build every file exactly once; unite their stores "
                + "with kg merge. scripts/build-sharded.sh runs and merges the shards.",
            valueName: "K/N"))
    var shard: String?

    @Flag(help: "Also retract the stored documents under the inputs whose files no longer exist.")
    var prune = false

    @Flag(name: .shortAndLong, help: "No progress line and no summary.")
    var quiet = false

    // A measurement for scripts/bench.sh, not a user's option: hidden from --help.
    @Flag(help: .hidden)
    var reportWriterCPU = false

    func validate() throws {
        if let jobs { try OptionBounds.check("--jobs", jobs, in: OptionBounds.jobs) }
        try OptionBounds.check("--batch-size", batchSize, in: OptionBounds.batchSize)
        if let shard { _ = try OptionBounds.shard(shard) }
    }

    func run() throws {
        try reportingDiagnostics {
            let inputs = self.inputs.isEmpty ? ["samples"] : self.inputs
            let dbPath = db ?? Defaults.database
            // When no input exists there is nothing to build: fail before the store is created,
            // so a typo leaves no empty store behind (one that later commands would open). With
            // --prune on an existing store, a path that is gone is what the user wants taken out.
            if inputs.allSatisfy({ InputFiles.kind($0) == .missing }), !(prune && FileManager.default.fileExists(atPath: dbPath)) {
                throw DiagnosticList(
                    inputs.map {
                        Diagnostic(
                            .inputNotFound, "path does not exist: \($0)", at: SourceLocation(file: $0),
                            hint: "check the spelling, or give a folder to read every text file in it")
                    })
            }
            let exportFolder = out ?? (db == nil ? Defaults.outputFolder : nil)
            if db == nil { try FileManager.default.createDirectory(atPath: Defaults.outputFolder, withIntermediateDirectories: true) }

            let (extractor, fingerprint) = try extraction.makeExtractorWithFingerprint()
            let store = try GraphStore(path: dbPath)
            var builder = Builder(
                extractor: extractor, fingerprint: fingerprint, prune: prune, batchSize: batchSize,
                jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            if let shard {
                let (k, n) = try OptionBounds.shard(shard)
                builder.shard = (index: k - 1, count: n)
            }
            let live = !quiet && Terminal.stderrIsTerminal
            let summary = try builder.build(inputs, into: store) { event in
                switch event {
                case .diagnostic(let diagnostic):
                    if diagnostic.severity != .note || !quiet {
                        if live { Terminal.printError("\r\u{1B}[K", terminator: "") }
                        Terminal.report(diagnostic)
                    }
                case .progress(let done, let total, let path):
                    if live {
                        Terminal.printError("\r\u{1B}[K[\(done)/\(total)] \(path)", terminator: "")
                    }
                }
            }
            if live { Terminal.printError("\r\u{1B}[K", terminator: "") }
            if reportWriterCPU {
                let megabytes = Double(summary.inputBytes) / 1_048_576
                let perMB = megabytes > 0 ? summary.writerCPUSeconds / megabytes : 0
                Terminal.printError(
                    "writer: " + String(format: "%.3f", summary.writerCPUSeconds) + " CPU s on the writing thread for "
                        + String(format: "%.2f", megabytes) + " MB of input: " + String(format: "%.4f", perMB)
                        + " s/MB, ceiling " + (perMB > 0 ? String(format: "%.1f", 1 / perMB) : "unbounded") + " MB/s")
            }
            // Planner statistics after many writes, so queries on the new graph pick the indexes.
            if summary.written + summary.pruned > 0 { try store.optimize() }
            if let exportFolder {
                try ExportFiles.write(store: store, path: dbPath, folder: exportFolder)
            }
            if !quiet {
                let s = summary.store
                print(
                    "built \(dbPath): \(counted(summary.written, "document")) written, \(summary.unchanged) unchanged, "
                        + "\(summary.failed) failed; \(counted(summary.sentences, "sentence")), "
                        + "\(counted(summary.extractions, "extraction")) "
                        + "in \(String(format: "%.2f", summary.seconds)) s")
                if summary.reextracted > 0 {
                    let reasons = summary.reextractReasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                        .map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
                    print("re-extracted \(counted(summary.reextracted, "unchanged document")): \(reasons)")
                }
                if summary.pruned > 0 { print("pruned \(counted(summary.pruned, "document")): \(summary.pruned == 1 ? "its file is" : "their files are") gone") }
                if summary.duplicatesRemoved > 0 {
                    print("removed \(counted(summary.duplicatesRemoved, "duplicate document")) (one file stored under several paths)")
                }
                print(
                    "store: \(counted(s.documents, "document")), \(counted(s.sentences, "sentence")), "
                        + "\(counted(s.entities, "entity", "entities")), \(counted(s.triples, "triple")), "
                        + "\(counted(s.evidence, "evidence row"))")
                if let exportFolder {
                    print("exports: \(exportFolder)/graph.dot, \(exportFolder)/graph.jsonld")
                }
            }
            if summary.written + summary.unchanged + summary.failed + summary.pruned == 0 && summary.otherShards > 0 {
                // A small corpus in many shards leaves some shards nothing: their empty store
                // merges as nothing, and the run succeeded.
                if !quiet { print("shard \(shard ?? ""): none of the \(summary.otherShards) files fell to this shard") }
            } else if summary.written + summary.unchanged + summary.failed + summary.pruned == 0 {
                Terminal.report(
                    Diagnostic(
                        .noTextInputs, "no text files found in \(inputs.joined(separator: ", ")); nothing was built",
                        hint: "kg reads .txt, .md, .html and extensionless text files"))
                throw ExitCode(ExitStatus.partial)
            }
            if summary.failed > 0 {
                throw ExitCode(ExitStatus.partial)
            }
        }
    }
}
