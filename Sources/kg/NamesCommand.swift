import ArgumentParser
import KGModel
import KGQuery
import KGStore

/// `kg names`: every name kg recognised, per document, as the document writes it.
struct NamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "names",
        abstract: "List the names kg recognised in each document, as written, with their types.",
        discussion: """
            One row per distinct (document, name, type): the name is the document's text at a \
            stored mention (苏州工业园区 and 园区 stay apart even when both are the same entity), \
            the type is that of the entity it was resolved to. Documents come by path, names in \
            the order they first occur.

            Output fields: document (the path it was built from), name, type, first (where the \
            name first occurs, in characters from the start of the document), count (its \
            mentions with that type). --format tsv is what ../shared/eval/score_names.py reads as \
            --got.

            Every stored mention is listed: the store does not record what recognised a mention, \
            so a pronoun-like mention resolved to an entity (该公司) is listed as written too.

            Examples:
              kg names
              kg names --document samples/sample-article-jiangsu-hitech-zones.txt
              kg names --db news.sqlite --format tsv > got.tsv
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only this document: the path it was built from, or its id.", valueName: "path"))
    var document: String?

    @Option(help: ArgumentHelp("table (aligned, for people), json (an array, one object a line), tsv or csv.", valueName: "format"))
    var format: OutputFormat = .table

    func run() throws {
        try reportingDiagnostics {
            let graph = try store.openExisting()
            var documentID: Int64?
            if let document {
                guard let found = try graph.documents().first(where: { $0.path == document || String($0.id) == document })
                else {
                    // Like an unknown entity name in kg query: nothing to list is "no match" (1).
                    Terminal.report(
                        Diagnostic(
                            .documentNotFound, "no document '\(document)' in the store",
                            hint: "give the path the document was built from, or its id"))
                    throw ExitCode(ExitStatus.partial)
                }
                documentID = found.id
            }
            let names = try graph.writtenNames(documentID: documentID)
            var output = QueryOutputOptions()
            output.format = format
            try output.emit(names.table, nothing: document.map { "no names stored for \($0)" } ?? "the store holds no names")
        }
    }
}

extension [WrittenName] {
    /// Columns `document, name, type, first, count`; the first three are score_names.py's.
    var table: ResultTable {
        ResultTable(
            columns: ["document", "name", "type", "first", "count"],
            rows: map { [.text($0.document), .text($0.name), .text($0.type), .int($0.firstOffset), .int($0.count)] })
    }
}
