import Foundation
import KGExport
import KGExtract
import KGModel
import KGStore

/// The extractor kg builds with: the built-in lexicon and rule pack plus the user's additions.
enum ExtractorFactory {
    /// Loads `--rules` folders and `--lexicon` files; every problem in them is thrown at once.
    static func make(ruleFolders: [String], lexiconFiles: [String]) throws -> RuleExtractor {
        var lexicon = Lexicon.builtIn
        var problems = DiagnosticList()
        for file in lexiconFiles {
            do {
                lexicon.merge(try Lexicon.load(file: file))
            } catch let list as DiagnosticList {
                problems.items += list.items
            } catch let diagnostic as Diagnostic {
                problems.append(diagnostic)
            }
        }
        var pack = RulePack.builtIn
        do {
            pack = try RulePack.load(directories: ruleFolders)
        } catch let list as DiagnosticList {
            problems.items += list.items
        }
        if problems.hasErrors { throw problems }
        return RuleExtractor(recognizer: Recognizer(lexicon: lexicon), rules: pack)
    }
}

/// The files `kg build` writes beside the store: `graph.dot` and `graph.jsonld`.
enum ExportFiles {
    static func write(store: GraphStore, folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, exporter) in [("graph.dot", DOTExporter() as any GraphExporter), ("graph.jsonld", JSONLDExporter())] {
            let path = (folder as NSString).appendingPathComponent(name)
            // Write beside the target and rename, so a reader never sees half a file.
            let partial = path + ".partial"
            guard FileManager.default.createFile(atPath: partial, contents: nil),
                let handle = FileHandle(forWritingAtPath: partial)
            else {
                throw Diagnostic("E001", "cannot write \(partial)", hint: "check that the folder \(folder) is writable")
            }
            let sink = TextSink(handle: handle)
            try exporter.export(store, to: sink)
            try sink.flush()
            try handle.close()
            _ = try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        }
    }
}
