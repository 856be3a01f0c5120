import Foundation
import KGModel

/// Runs Graphviz on a DOT file under a time limit.
public struct GraphvizRenderer: Sendable {
    /// Output formats `kg render` offers.
    public enum OutputFormat: String, CaseIterable, Sendable {
        case svg, png, pdf
    }

    /// What a run did.
    public struct Result: Sendable {
        /// Wall-clock seconds Graphviz ran.
        public var seconds: Double
        /// Graphviz's warnings, if any.
        public var warnings: String
    }

    /// How to install Graphviz, for messages.
    public static let installHint =
        "install Graphviz and a CJK font: `sudo apt-get install graphviz fonts-noto-cjk` (Debian/Ubuntu) or `brew install graphviz` (macOS)"

    /// The folders searched for the engine when `PATH` does not name it.
    public var searchPath: [String]

    public init(searchPath: [String]? = nil) {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        self.searchPath = searchPath ?? (path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"])
    }

    /// The executable of `engine` (`dot`, `sfdp`), or nil when Graphviz is not installed.
    public func executable(_ engine: String) -> URL? {
        for folder in searchPath {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(engine)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Renders `input` (a DOT file) to `output` with `layout`, killing Graphviz after `timeout`
    /// seconds. Throws `E020` when Graphviz is missing, `E021` on timeout, `E022` when it fails.
    /// `onStart` receives Graphviz's process id, so a caller stopped by a signal can stop it too.
    public func render(
        input: URL, output: URL, format: OutputFormat, layout: DOTOptions.Layout, timeout: Double,
        onStart: (Int32) -> Void = { _ in }
    ) throws -> Result {
        guard let exe = executable(layout.rawValue) else {
            throw Diagnostic(.graphvizMissing, "Graphviz's `\(layout.rawValue)` is not installed", hint: Self.installHint)
        }
        let process = Process()
        process.executableURL = exe
        process.arguments = ["-K\(layout.rawValue)", "-T\(format.rawValue)", "-o", output.path, input.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let started = Date()
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        onStart(process.processIdentifier)
        // Read stderr while waiting so a chatty Graphviz cannot block on a full pipe.
        let reader = StderrCollector(errors.fileHandleForReading)
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            throw Diagnostic(
                .graphvizTimeout, "Graphviz `\(layout.rawValue)` did not finish within \(Self.seconds(timeout)) s and was stopped",
                hint: "draw less (--focus ENTITY --depth 1, --max-nodes 200), try --layout sfdp, or raise --timeout")
        }
        let seconds = Date().timeIntervalSince(started)
        let stderr = reader.finish()
        guard process.terminationStatus == 0 else {
            throw Diagnostic(
                .graphvizFailed, "Graphviz `\(layout.rawValue)` failed (exit \(process.terminationStatus)): \(stderr)",
                hint: "check the DOT file with `dot -Tsvg \(input.path)`")
        }
        return Result(seconds: seconds, warnings: stderr)
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// Drains a pipe on a background thread.
private final class StderrCollector: @unchecked Sendable {
    // Unchecked: `data` is written only by the reading thread before `group` is left and read
    // only after waiting on `group`.
    private var data = Data()
    private let group = DispatchGroup()

    init(_ handle: FileHandle) {
        group.enter()
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.group.leave()
        }
    }

    func finish() -> String {
        group.wait()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
