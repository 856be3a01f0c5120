import ArgumentParser
import Foundation
import KGPipeline

/// The `kg` command tree. Each subcommand lives in its own file and only parses, prints and maps
/// errors to exit codes; the work is done by the library modules.
@main
struct KG: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kg",
        abstract: "Build knowledge graphs from Chinese industry and policy news.",
        discussion: """
            kg reads news text (plain text, Markdown, saved HTML; UTF-8 or GB18030), removes page \
            furniture, extracts triples with declarative rules (then a relation model for the pairs \
            of names no rule relates) and stores them in SQLite with the evidence for each: \
            document, sentence, character span and rule.

            Start here:
              kg build samples/                  build the sample into out/graph.sqlite
              kg query '?c listedOn 港股18A'      companies listed on HK 18A
              kg why 信达生物 listedOn 港股18A     the sentence behind a triple
              kg render --format png             draw the graph with Graphviz
              kg status                          what a rebuild would change

            Exit status: 0 success; 1 partly done (some inputs failed, the rest stored) or no \
            match for a query; 2 the command failed (unusable store, bad rule file, bad pattern); \
            64 bad command-line usage.
            """,
        version: KGVersion.current,
        subcommands: [
            BuildCommand.self, QueryCommand.self, NeighborsCommand.self, PathCommand.self, EntityCommand.self,
            SearchCommand.self, WhyCommand.self, NamesCommand.self, ExportCommand.self, RenderCommand.self, MergeCommand.self, RulesCommand.self,
            StatusCommand.self, RemoveCommand.self,
            ExplainCommand.self,
        ]
    )

    /// Checks the first word against the command names (for "did you mean"), then parses as usual.
    static func main() {
        let commands = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        if let word = CommandLine.arguments.dropFirst().first, let message = UnknownCommand.message(for: word, commands: commands) {
            Terminal.printError(message)
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        main(nil)
    }
}
