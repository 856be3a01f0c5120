import Foundation
import KGModel
import Testing

@testable import KGExport

/// The folder of this test target, found from this file's path.
let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Exports `reader` with `exporter` into a string.
func exported(_ exporter: any GraphExporter, _ reader: any GraphReader = Fixture.graph) throws -> String {
    let sink = TextSink()
    try exporter.export(reader, to: sink)
    try sink.flush()
    return sink.text
}

/// Compares `actual` with `Golden/<name>`; with `KG_RECORD_GOLDEN=1` in the environment it
/// rewrites the file instead. A mismatch records a unified diff.
func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = testsFolder.appendingPathComponent("Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["KG_RECORD_GOLDEN"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(url.path); run with KG_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("actual-\(UUID().uuidString)-\(name)")
        try actual.write(to: tmp, atomically: true, encoding: .utf8)
        let diff = Tools.run("/usr/bin/diff", ["-u", url.path, tmp.path])?.stdout ?? "(diff not available)"
        Issue.record(
            "\(name) differs from its golden file (re-record with KG_RECORD_GOLDEN=1 if intended):\n\(diff)",
            sourceLocation: sourceLocation)
    }
}

/// External tools the real-tool checks use, found once.
enum Tools {
    /// A Python with rdflib, pyld and pyoxigraph: `KG_PYTHON`, else /tmp/kgvenv/bin/python.
    static let python: String? = {
        let candidate = ProcessInfo.processInfo.environment["KG_PYTHON"] ?? "/tmp/kgvenv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: candidate),
            let r = run(candidate, ["-c", "import rdflib, pyld, pyoxigraph"]), r.status == 0
        else { return nil }
        return candidate
    }()

    static let dot: String? = GraphvizRenderer().executable("dot")?.path
    static let sfdp: String? = GraphvizRenderer().executable("sfdp")?.path
    static let pythonMissing: Comment = "skipped: no Python with rdflib, pyld and pyoxigraph at KG_PYTHON or /tmp/kgvenv/bin/python"
    static let dotMissing: Comment = "skipped: Graphviz `dot` is not installed (apt-get install graphviz)"

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` with `arguments`, returning nil when it cannot start.
    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil) -> Output? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        do { try process.run() } catch { return nil }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so neither can fill up and block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Writes `text` to a fresh temporary file named `name` and returns its URL.
    static func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kgexport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
