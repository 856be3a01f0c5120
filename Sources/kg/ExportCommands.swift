import ArgumentParser
import Foundation
import KGExport
import KGModel
import KGStore

// `kg export` and `kg render`: printing and exit codes only; the work is in KGExport.

/// Opens the store at `path` for reading; a missing file is an error, not a new empty store.
func openGraphForExport(path: String) throws -> any GraphReader {
    try openExistingStore(path)
}

/// Which part of the graph to draw, and how to label it (shared by `export` and `render`).
struct SelectionOptions: ParsableArguments {
    @Option(help: "Centre on this entity: its key (lex:…, name:…), Chinese or English label.")
    var focus: String?

    @Option(help: "Hops around --focus to keep.")
    var depth: Int = 1

    @Option(help: "Keep only these predicates (comma-separated ids, e.g. listedOn,hosts).")
    var predicates: String?

    @Option(help: "Keep only entities of these types or their subtypes (comma-separated, e.g. Company,Person).")
    var types: String?

    @Option(help: "Keep only triples stated in this document (its path or id).")
    var document: String?

    @Option(help: "Draw at most this many entities, keeping the best-connected.")
    var maxNodes: Int?

    @Flag(help: "Also draw entities that take part in no selected triple.")
    var isolated = false

    @Option(help: "Node labels: zh, en or both (Chinese with English beneath).")
    var labels: String = "both"

    @Option(help: "Edge labels: en, zh or both.")
    var edgeLabels: String = "en"

    @Option(help: "Graphviz layout: dot or sfdp (default: dot up to 300 edges, sfdp beyond).")
    var layout: String?

    func validate() throws {
        if DOTOptions.LabelLanguage(rawValue: labels) == nil { throw ValidationError("--labels must be zh, en or both") }
        if DOTOptions.LabelLanguage(rawValue: edgeLabels) == nil {
            throw ValidationError("--edge-labels must be zh, en or both")
        }
        if let layout, DOTOptions.Layout(rawValue: layout) == nil { throw ValidationError("--layout must be dot or sfdp") }
        try OptionBounds.check("--depth", depth, in: OptionBounds.selectionDepth)
        if let maxNodes { try OptionBounds.check("--max-nodes", maxNodes, in: OptionBounds.maxNodes) }
    }

    var selection: GraphSelection {
        GraphSelection(
            focus: focus, depth: depth, predicates: Self.list(predicates), types: Self.list(types), document: document,
            maxNodes: maxNodes, includeIsolated: isolated)
    }

    var dotOptions: DOTOptions {
        DOTOptions(
            nodeLabels: DOTOptions.LabelLanguage(rawValue: labels) ?? .both,
            edgeLabels: DOTOptions.LabelLanguage(rawValue: edgeLabels) ?? .en,
            layout: layout.flatMap(DOTOptions.Layout.init(rawValue:)), selection: selection)
    }

    private static func list(_ text: String?) -> Set<String>? {
        guard let text else { return nil }
        return Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}

/// Opens `path` for writing, truncating it, or returns standard output for nil.
private func outputHandle(_ path: String?) throws -> FileHandle {
    guard let path else { return FileHandle.standardOutput }
    let url = URL(fileURLWithPath: path)
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw Diagnostic(.exportUncreatable, "cannot create \(path)", hint: "check that the folder exists and is writable")
    }
    return try FileHandle(forWritingTo: url)
}

/// `kg export`: writes the graph in one of kg's formats.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the graph as DOT, JSON-LD, N-Triples, N-Quads, Turtle or CSV.",
        discussion: """
            JSON-LD, N-Triples, N-Quads and Turtle carry the whole graph with provenance (an \
            rdf:Statement per triple, its evidence sentences and documents); selection options \
            apply to DOT only. CSV writes a folder (--output, required) holding nodes.csv and \
            edges.csv in Neo4j's bulk-import layout, which Gephi also reads.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "dot, jsonld, ntriples, nquads, turtle or csv.")
    var format: String = "jsonld"

    @Option(help: "The file to write (a folder for csv); standard output when omitted.")
    var output: String?

    @OptionGroup var selection: SelectionOptions

    func validate() throws {
        guard let format = ExportFormat(rawValue: format) else {
            throw ValidationError("--format must be one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if format == .csv && output == nil { throw ValidationError("--format csv writes a folder: give it with --output DIR") }
    }

    func run() throws {
        try reportingDiagnostics {
            let format = ExportFormat(rawValue: self.format) ?? .jsonld
            let reader = try openGraphForExport(path: store.db)
            if format == .csv {
                try CSVExporter(table: .nodes).writeFolder(reader, to: URL(fileURLWithPath: output ?? "."))
                return
            }
            let handle = try outputHandle(output)
            let sink = TextSink(handle: handle)
            if format == .dot {
                let report = try DOTExporter(options: selection.dotOptions).write(reader, to: sink)
                try sink.flush()
                if output != nil { print("drew \(report.selection) with \(report.layout.rawValue) layout") }
            } else {
                try format.exporter().export(reader, to: sink)
                try sink.flush()
            }
            if output != nil { try handle.close() }
        }
    }
}

/// `kg render`: draws the graph with Graphviz under a time limit.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the graph (or a selection of it) as SVG, PNG or PDF with Graphviz.")

    @OptionGroup var store: StoreOptions

    @Option(help: "svg, png or pdf.")
    var format: String = "svg"

    @Option(help: "The picture to write (default graph.<format>).")
    var output: String?

    @Option(help: "Stop Graphviz after this many seconds.")
    var timeout: Double = 120

    @OptionGroup var selection: SelectionOptions

    func validate() throws {
        if GraphvizRenderer.OutputFormat(rawValue: format) == nil { throw ValidationError("--format must be svg, png or pdf") }
        try OptionBounds.checkSeconds("--timeout", timeout)
    }

    func run() throws {
        try reportingDiagnostics {
            let format = GraphvizRenderer.OutputFormat(rawValue: self.format) ?? .svg
            let renderer = GraphvizRenderer()
            guard renderer.executable("dot") != nil else {
                throw Diagnostic(.graphvizMissing, "Graphviz is not installed", hint: GraphvizRenderer.installHint)
            }
            let reader = try openGraphForExport(path: store.db)
            let dotURL = FileManager.default.temporaryDirectory.appendingPathComponent("kg-render-\(UUID().uuidString).dot")
            let cleanup = SignalCleanup(removing: dotURL.path)
            defer {
                cleanup.disarm()
                try? FileManager.default.removeItem(at: dotURL)
            }
            let handle = try outputHandle(dotURL.path)
            let sink = TextSink(handle: handle)
            let report = try DOTExporter(options: selection.dotOptions).write(reader, to: sink)
            try sink.flush()
            try handle.close()
            let out = URL(fileURLWithPath: output ?? "graph.\(format.rawValue)")
            let result: GraphvizRenderer.Result
            do {
                result = try renderer.render(
                    input: dotURL, output: out, format: format, layout: report.layout, timeout: timeout,
                    onStart: cleanup.watch)
            } catch var diagnostic as Diagnostic where diagnostic.code == .graphvizFailed {
                // The renderer's hint names the temporary DOT file, which is gone by now.
                diagnostic.hint =
                    "write the same selection as DOT (kg export --format dot --output graph.dot, with the same "
                    + "selection options) and check it with `dot -Tsvg graph.dot`"
                throw diagnostic
            }
            if !result.warnings.isEmpty { FileHandle.standardError.write(Data((result.warnings + "\n").utf8)) }
            print(
                "drew \(report.selection) with \(report.layout.rawValue) in "
                    + String(format: "%.1f", result.seconds) + " s (limit \(GraphvizRendererLimit.text(timeout)) s) → \(out.path)")
        }
    }
}

private enum GraphvizRendererLimit {
    static func text(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
