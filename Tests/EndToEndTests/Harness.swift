import Foundation
import Testing

/// Runs the built `kg` binary the way a user does, for end-to-end tests.
enum KGBinary {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `kg` sits beside the test bundle in the build folder (`KG_BIN` overrides).
    static var url: URL {
        if let path = ProcessInfo.processInfo.environment["KG_BIN"] { return URL(fileURLWithPath: path) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The runner may be inside kgPackageTests.xctest/ on some layouts.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("kg").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("kg")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs kg with `arguments` in `directory` and waits for it. Output goes through files, not
    /// pipes, so a chatty child can never block on a full pipe.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        try capturing { stdout, stderr in
            let process = try start(arguments, in: directory, stdout: stdout, stderr: stderr)
            process.waitUntilExit()
            return process.terminationStatus
        }!
    }

    /// Runs `body` with files for kg's standard output and error, and the result with what they
    /// hold; nil when `body` returns no status (a process that had to be killed).
    static func capturing(_ body: (FileHandle, FileHandle) throws -> Int32?) throws -> Result? {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("kg-run-\(UUID().uuidString)")
        let outURL = tmp.appendingPathExtension("out")
        let errURL = tmp.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        guard let status = try body(try FileHandle(forWritingTo: outURL), try FileHandle(forWritingTo: errURL)) else { return nil }
        return Result(
            status: status,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Starts kg without waiting (for kill tests); output is discarded unless handles are given.
    static func start(
        _ arguments: [String], in directory: URL? = nil, stdout: FileHandle? = nil, stderr: FileHandle? = nil
    ) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// A fresh temporary folder, removed when the value is released.
final class TempFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kg-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }
}

/// Runs the sqlite3 shell on a database and returns its output (trimmed).
func sqlite(_ db: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", db, sql]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = Pipe()
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A news-like paragraph that is not from the sample article.
let newsParagraph = """
    深圳市科技创新委员会主任王明表示,深圳高新区拥有腾讯、华为等一批龙头企业。\
    北京某生物科技有限公司与清华大学签署战略合作协议,共同研发新型疫苗。
    """
