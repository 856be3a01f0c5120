import ArgumentParser
import Foundation
import KGModel
import KGPipeline
import KGStore

/// `kg remove PATH…`: retract documents from the store.
struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Retract documents from the store: their sentences, mentions and evidence.",
        discussion: """
            Each PATH names a stored document as built (any spelling of its file: relative, \
            absolute, through a symlink), or a folder: every document under it is removed. The \
            file need not exist any more. Triples that no remaining document states are deleted \
            with their evidence, and entities that no remaining document names or relates are \
            deleted too, so the store equals a build without those files. All removals happen in \
            one transaction.

            Prints one line per document removed (the path it was shown as) on standard output \
            and a summary on standard error.

            Exit status: 0 every PATH named at least one document; 1 some PATH named none (the \
            others were removed); 2 the command failed (no store, store locked); 64 bad usage.

            Examples:
              kg remove news/old.html
              kg remove news/2019/ --db news.sqlite
              kg status --format tsv | awk -F'\\t' '$1 == "missing" {print $2}' | xargs kg remove
            """)

    @Argument(help: ArgumentHelp("Stored documents, or folders holding them.", valueName: "path"))
    var paths: [String]

    @OptionGroup var store: StoreOptions

    @Flag(name: .shortAndLong, help: "No list and no summary.")
    var quiet = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one PATH to remove") }
    }

    func run() throws {
        let unmatched = try reportingDiagnostics { () throws -> Bool in
            let graph = try store.openExisting()
            let before = try graph.statistics()
            var unmatched = false
            var removed: [String] = []
            // A build killed while it had dropped indexes: removing needs them.
            try graph.restoreIndexes()
            try graph.transaction {
                let named = try storedDocuments(named: paths, in: graph, hint: "kg status --all lists the stored documents")
                unmatched = named.unmatched
                for document in named.documents.joined() where try graph.removeDocument(path: document.path) {
                    removed.append(document.path)
                }
                if !removed.isEmpty { try graph.removeEntitiesWithoutStatements() }
            }
            let after = try graph.statistics()
            if !quiet {
                for path in removed { print(path) }
                fflush(nil)
                Terminal.printError(
                    "removed \(counted(removed.count, "document")); \(counted(before.triples - after.triples, "triple")), "
                        + "\(counted(before.evidence - after.evidence, "evidence row")) and "
                        + "\(counted(before.entities - after.entities, "entity", "entities")) went with them; "
                        + "store: \(counted(after.documents, "document")), \(counted(after.triples, "triple"))")
            }
            return unmatched
        }
        if unmatched { throw ExitCode(ExitStatus.partial) }
    }
}
