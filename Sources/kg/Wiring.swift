import ArgumentParser
import Foundation
import KGExport
import KGExtract
import KGModel
import KGPipeline
import KGStore

/// What the commands that extract (build, explain, rules run) share: the user's rules and
/// lexicons and whether the relation model runs after the rules.
struct ExtractionOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of extra .rules files (repeatable).", valueName: "dir"))
    var ruleFolders: [String] = []

    @Flag(
        name: .customLong("no-builtin-rules"),
        help: "Use only the rules of the --rules folders, without kg's built-in pack (schema/rules/).")
    var noBuiltInRules = false

    @Option(name: .customLong("lexicon"), help: ArgumentHelp("An extra lexicon TSV file (repeatable).", valueName: "file"))
    var lexiconFiles: [String] = []

    @Flag(
        name: .customLong("no-model"),
        help: "Rules only: do not run the relation model (schema/models/) on the pairs of names the rules leave alone.")
    var rulesOnly = false

    func validate() throws {
        // A pack of no rules at all is more likely a forgotten --rules than a wish.
        if noBuiltInRules && ruleFolders.isEmpty {
            throw ValidationError("--no-builtin-rules needs at least one --rules folder")
        }
    }

    func makeExtractor() throws -> RuleExtractor {
        try makeExtractorWithFingerprint().extractor
    }

    /// The extractor and the fingerprint the store records with each document it extracts.
    func makeExtractorWithFingerprint() throws -> (extractor: RuleExtractor, fingerprint: ExtractorFingerprint) {
        try ExtractorFactory.makeWithFingerprint(
            ruleFolders: ruleFolders, lexiconFiles: lexiconFiles, model: !rulesOnly, builtInRules: !noBuiltInRules)
    }
}

/// The files `kg build` writes beside the store: `graph.dot` and `graph.jsonld`.
enum ExportFiles {
    /// Writes both files into `folder`, each through a temporary file renamed on success (a
    /// reader never sees half a file); refuses a name that is the store at `store`.
    static func write(store: GraphStore, path storePath: String, folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic(.exportUncreatable, "cannot create the folder \(folder)", hint: "check that its parent is writable")
        }
        for (name, exporter) in [("graph.dot", DOTExporter() as any GraphExporter), ("graph.jsonld", JSONLDExporter())] {
            let path = (folder as NSString).appendingPathComponent(name)
            try OutputGuard.refuse(output: path, store: storePath)
            try OutputFile.write(to: URL(fileURLWithPath: path)) { sink in try exporter.export(store, to: sink) }
        }
    }
}
