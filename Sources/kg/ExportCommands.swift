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

/// Writes one output file through `OutputFile` (a temporary file renamed on success), after
/// refusing a path that is the store; nil writes to standard output.
func writeOutput<T>(_ path: String?, store: String, _ body: (TextSink) throws -> T) throws -> T {
    guard let path else {
        let sink = TextSink(handle: FileHandle.standardOutput)
        let value = try body(sink)
        try sink.flush()
        return value
    }
    try OutputGuard.refuse(output: path, store: store)
    return try OutputFile.write(to: URL(fileURLWithPath: path), body)
}

/// `kg export`: writes the graph in one of kg's formats.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the graph as DOT, JSON-LD, N-Triples, N-Quads, Turtle, GraphML or CSV.",
        discussion: """
            JSON-LD, N-Triples, N-Quads and Turtle carry the whole graph with provenance (an \
            rdf:Statement per triple, its evidence sentences and documents); JSON-LD and N-Quads \
            are one dataset that also puts each triple in the named graph of every document that \
            states it. Selection options apply to DOT only. GraphML holds the entities and triples (labels, types, confidence; no \
            evidence) for Gephi, Cytoscape, yEd and NetworkX. CSV writes a folder (--output, \
            required) holding nodes.csv and edges.csv with Neo4j's bulk-import headers (id:ID, \
            :START_ID, :END_ID); Gephi's spreadsheet importer expects Id/Label and Source/Target \
            instead, so use GraphML for Gephi.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "dot, jsonld, ntriples, nquads, turtle, graphml or csv.")
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
                let folder = output ?? "."
                for table in CSVExporter.Table.allCases {
                    try OutputGuard.refuse(output: (folder as NSString).appendingPathComponent(table.fileName), store: store.db)
                }
                try CSVExporter(table: .nodes).writeFolder(reader, to: URL(fileURLWithPath: folder))
                return
            }
            if format == .dot {
                let report = try writeOutput(output, store: store.db) { sink in
                    try DOTExporter(options: selection.dotOptions).write(reader, to: sink)
                }
                if output != nil { print("drew \(report.selection) with \(report.layout.rawValue) layout") }
            } else {
                try writeOutput(output, store: store.db) { sink in try format.exporter().export(reader, to: sink) }
            }
        }
    }
}

/// `kg render`: draws the graph with Graphviz under a time limit.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the graph (or a selection of it) as SVG, PNG, PDF or an HTML page with Graphviz.",
        discussion: """
            html writes one self-contained page (no network: the SVG, data, style and script are \
            inline): drag to pan, wheel to zoom, a search box that finds entities by Chinese name, \
            English name or pinyin and centres them, and a side panel listing a clicked entity's \
            triples or a clicked edge's evidence sentences (subject and object highlighted, \
            document, rule, confidence). #node=n5 or #edge=e12 after the file name opens it there.

            Examples:
              kg render --format png                       out/graph.png
              kg render --format html --output graph.html  the page to share
              kg render --focus 苏州工业园区 --depth 2 --format svg
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "svg, png, pdf or html.")
    var format: String = "svg"

    @Option(help: "The picture to write (default: graph.<format> beside the store, out/graph.svg for the default store).")
    var output: String?

    @Option(help: "Stop Graphviz after this many seconds.")
    var timeout: Double = 120

    @OptionGroup var selection: SelectionOptions

    func validate() throws {
        if format != "html" && GraphvizRenderer.OutputFormat(rawValue: format) == nil {
            throw ValidationError("--format must be svg, png, pdf or html")
        }
        try OptionBounds.checkSeconds("--timeout", timeout)
    }

    func run() throws {
        try reportingDiagnostics {
            // The page is Graphviz's SVG wrapped in HTML: Graphviz draws SVG either way.
            let html = self.format == "html"
            let format = GraphvizRenderer.OutputFormat(rawValue: self.format) ?? .svg
            let renderer = GraphvizRenderer()
            guard renderer.executable("dot") != nil else {
                throw Diagnostic(.graphvizMissing, "Graphviz is not installed", hint: GraphvizRenderer.installHint)
            }
            let outPath = output ?? Self.defaultOutput(store: store.db, fileExtension: self.format)
            try OutputGuard.refuse(output: outPath, store: store.db)
            let reader = try openGraphForExport(path: store.db)
            let dotURL = FileManager.default.temporaryDirectory.appendingPathComponent("kg-render-\(UUID().uuidString).dot")
            // A signal (SIGTERM, SIGINT, SIGHUP) stops Graphviz and removes the temporary DOT.
            let cleanup = SignalCleanup(removing: dotURL.path)
            defer {
                cleanup.disarm()
                try? FileManager.default.removeItem(at: dotURL)
            }
            var dotOptions = selection.dotOptions
            dotOptions.elementIDs = html
            let report = try OutputFile.write(to: dotURL) { sink in
                try DOTExporter(options: dotOptions).write(reader, to: sink)
            }
            let out = URL(fileURLWithPath: outPath)
            if html {
                let result = try renderPage(reader, dot: dotURL, layout: report.layout, to: out, renderer: renderer, cleanup: cleanup)
                print(
                    "drew \(report.selection) with \(report.layout.rawValue) in " + String(format: "%.1f", result.seconds)
                        + " s (limit \(GraphvizRendererLimit.text(timeout)) s) as one HTML page → \(outPath)")
                return
            }
            // Graphviz writes the picture beside the target under a temporary name; it replaces
            // the target only when Graphviz succeeded, so a timeout or crash leaves no half picture.
            let picture = try OutputFile(out)
            let result: GraphvizRenderer.Result
            do {
                result = try renderer.render(
                    input: dotURL, output: picture.temporary, format: format, layout: report.layout, timeout: timeout,
                    onStart: cleanup.watch)
                try picture.commit()
            } catch var diagnostic as Diagnostic where diagnostic.code == .graphvizFailed {
                picture.discard()
                // The renderer's hint names the temporary DOT file, which is gone by now.
                diagnostic.hint =
                    "write the same selection as DOT (kg export --format dot --output graph.dot, with the same "
                    + "selection options) and check it with `dot -Tsvg graph.dot`"
                throw diagnostic
            } catch {
                picture.discard()
                throw error
            }
            if !result.warnings.isEmpty { FileHandle.standardError.write(Data((result.warnings + "\n").utf8)) }
            print(
                "drew \(report.selection) with \(report.layout.rawValue) in "
                    + String(format: "%.1f", result.seconds) + " s (limit \(GraphvizRendererLimit.text(timeout)) s) → \(outPath)")
        }
    }
}

extension RenderCommand {
    /// `graph.<format>` in the store's folder, so `kg build` then `kg render` puts the picture in
    /// out/ beside graph.dot and graph.jsonld rather than in whatever folder the user stands in.
    static func defaultOutput(store: String, fileExtension: String) -> String {
        let folder = (store as NSString).deletingLastPathComponent
        return ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("graph.\(fileExtension)")
    }

    /// Draws the DOT as SVG into a temporary file and writes the HTML page around it.
    func renderPage(
        _ reader: any GraphReader, dot: URL, layout: DOTOptions.Layout, to out: URL, renderer: GraphvizRenderer,
        cleanup: SignalCleanup
    ) throws -> GraphvizRenderer.Result {
        let svgURL = FileManager.default.temporaryDirectory.appendingPathComponent("kg-render-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: svgURL) }
        let result = try renderer.render(
            input: dot, output: svgURL, format: .svg, layout: layout, timeout: timeout, onStart: cleanup.watch)
        if !result.warnings.isEmpty { FileHandle.standardError.write(Data((result.warnings + "\n").utf8)) }
        let svg = String(decoding: try Data(contentsOf: svgURL), as: UTF8.self)
        var keys = PinyinKeyMaker()
        let page = HTMLPage(selection: selection.selection, pinyin: { keys.key(for: $0) })
        try OutputFile.write(to: out) { sink in try page.write(reader, svg: svg, to: sink) }
        return result
    }
}

private enum GraphvizRendererLimit {
    static func text(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
