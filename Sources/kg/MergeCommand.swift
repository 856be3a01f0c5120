import ArgumentParser
import Foundation
import KGModel
import KGStore

/// `kg merge`: unites stores built separately (shards of one corpus) into one.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Unite graph stores built separately into one store.",
        discussion: """
            Builds a large corpus in parts on any job runner and combines them: entities are \
            matched by canonical key, documents by path, and a triple stated in several stores is \
            stored once with all its evidence. The stores are merged in the order given, each in \
            one transaction; a document path found in two stores with different content keeps \
            the later store's version (with a warning). Merging a store that is already merged \
            changes nothing, so an interrupted merge can simply be run again. An entity two \
            stores describe differently keeps the description of the file kg build reads first \
            (paths in sorted order), so shards of a folder (kg build --shard K/N) merge into what \
            one build of the folder stores. Into an empty --db, the first store is copied page by \
            page, much faster than row by row.

            The --db store is created when missing; when it exists, the stores are added to it.

            Examples:
              kg build corpus/part1 --db part1.sqlite
              kg build corpus/part2 --db part2.sqlite
              kg merge part1.sqlite part2.sqlite --db corpus.sqlite
              kg build news/ --shard 1/2 --db s1.sqlite     shares of one folder,
              kg build news/ --shard 2/2 --db s2.sqlite     anywhere,
              kg merge s1.sqlite s2.sqlite --db news.sqlite  (scripts/build-sharded.sh)
            """
    )

    @Argument(help: ArgumentHelp("The stores to merge, in order (later ones win on conflicts).", valueName: "store"))
    var sources: [String]

    @Option(help: ArgumentHelp("The merged store to write.", valueName: "file"))
    var db: String

    @Flag(name: .shortAndLong, help: "No summary.")
    var quiet = false

    func validate() throws {
        if sources.isEmpty { throw ValidationError("name at least one store to merge") }
    }

    func run() throws {
        try reportingDiagnostics {
            // Every source is checked before the target is created, so a typo leaves no empty store.
            for source in sources where !FileManager.default.fileExists(atPath: source) {
                throw Diagnostic(
                    .storeNotFound, "no graph store at \(source)", at: SourceLocation(file: source),
                    hint: "build it first: kg build INPUT... --db \(source)")
            }
            let store = try GraphStore(path: db)
            let start = Date()
            for source in sources {
                let summary = try store.merge(from: source)
                for diagnostic in summary.diagnostics {
                    Terminal.report(diagnostic)
                }
                if !quiet {
                    print(
                        "merged \(source): \(summary.added) documents added, \(summary.replaced) replaced, "
                            + "\(summary.unchanged) unchanged; \(summary.sentences) sentences, "
                            + "\(summary.evidence) evidence rows, \(summary.newTriples) new triples, "
                            + "\(summary.newEntities) new entities")
                }
            }
            if !quiet {
                let s = try store.statistics()
                print(
                    "store \(db): \(counted(s.documents, "document")), \(counted(s.sentences, "sentence")), "
                        + "\(counted(s.entities, "entity", "entities")), \(counted(s.triples, "triple")), "
                        + "\(counted(s.evidence, "evidence row")) "
                        + "(\(String(format: "%.2f", Date().timeIntervalSince(start))) s)")
            }
        }
    }
}
