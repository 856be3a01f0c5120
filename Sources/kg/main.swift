import ArgumentParser

/// Placeholder entry point; the command tree lands with the pipeline.
struct KG: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kg", abstract: "Build knowledge graphs from Chinese news.")
}

KG.main()
