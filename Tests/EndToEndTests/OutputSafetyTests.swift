import Foundation
import Testing

/// Outputs never destroy the store and never leave half a file (issue 11, items 4 and 5).
@Suite(.serialized) struct OutputSafetyTests {
    /// A store built from the sample article, in a fresh folder.
    static func builtStore() throws -> (TempFolder, String) {
        let tmp = try TempFolder()
        let file = SampleTests.sample.path
        let db = tmp.path("x.sqlite")
        let r = try KGBinary.run(["build", file, "--db", db, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        return (tmp, db)
    }

    /// Runs `command` in bash in `folder` (for `ulimit`, `trap` and a changed PATH).
    static func shell(_ command: String, in folder: URL) throws -> KGBinary.Result {
        let out = folder.appendingPathComponent(".sh-out"), err = folder.appendingPathComponent(".sh-err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return KGBinary.Result(
            status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// Files left behind under a temporary name.
    static func partials(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".kg-partial-") }
    }

    @Test(arguments: [
        ["export", "--format", "ntriples", "--output", "x.sqlite"],
        ["export", "--format", "jsonld", "--output", "./sub/../x.sqlite"],
        ["export", "--format", "nquads", "--output", "x.sqlite-wal"],
        ["export", "--format", "dot", "--output", "x.sqlite-shm"],
        ["export", "--format", "turtle", "--output", "link.db"],
        ["export", "--format", "turtle", "--output", "hard.db"],
        ["render", "--format", "svg", "--output", "x.sqlite"],
        ["render", "--format", "png", "--output", "link.db"],
    ])
    func anOutputThatIsTheStoreIsRefused(arguments: [String]) throws {
        let (tmp, db) = try Self.builtStore()
        try FileManager.default.createDirectory(at: tmp.url.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tmp.path("link.db"), withDestinationPath: "x.sqlite")
        try FileManager.default.linkItem(atPath: db, toPath: tmp.path("hard.db"))
        let triples = try sqlite(db, "SELECT count(*) FROM triples")
        let r = try KGBinary.run(arguments + ["--db", "x.sqlite"], in: tmp.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E004]"), "\(r.stderr)")
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
        #expect(try sqlite(db, "SELECT count(*) FROM triples") == triples)
        #expect(Int(triples) ?? 0 > 0)
    }

    @Test func buildRefusesAnOutFolderWhoseExportIsTheStore() throws {
        let tmp = try TempFolder()
        let file = try tmp.write("news.txt", newsParagraph)
        try FileManager.default.createDirectory(at: tmp.url.appendingPathComponent("o"), withIntermediateDirectories: true)
        let r = try KGBinary.run(["build", file, "--db", "o/graph.jsonld", "--out", "o", "-q"], in: tmp.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E004]"), "\(r.stderr)")
        #expect(try sqlite(tmp.path("o/graph.jsonld"), "PRAGMA integrity_check") == "ok")
    }

    /// A write that fails half way (here the file-size limit, as a full disk would) removes the
    /// partial file, keeps the previous output whole, and says so with E001 and exit 2. The
    /// limit (40 KB) leaves room for SQLite's 32 KB shared-memory file; the sample's exports
    /// are larger.
    @Test(arguments: ["ntriples", "jsonld", "nquads"])
    func aFailedExportLeavesThePreviousFileAndNoPartOfTheNew(format: String) throws {
        let (tmp, _) = try Self.builtStore()
        try tmp.write("out.txt", "previous\n")
        let r = try Self.shell(
            "ulimit -f 40; trap '' XFSZ; exec '\(KGBinary.url.path)' export --db x.sqlite --format \(format) --output out.txt",
            in: tmp.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E001]") && r.stderr.contains("file size limit"), "\(r.stderr)")
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        #expect(try String(contentsOfFile: tmp.path("out.txt"), encoding: .utf8) == "previous\n")
        #expect(try Self.partials(tmp.url).isEmpty)
    }

    /// A table that cannot be put in place (a folder is in the way) fails with E001 and leaves
    /// no temporary file in the CSV folder.
    @Test func aFailedCSVExportLeavesNoPartialTable() throws {
        let (tmp, _) = try Self.builtStore()
        try tmp.write("csv/edges.csv/keep", "a folder where a table should go")
        let r = try KGBinary.run(["export", "--db", "x.sqlite", "--format", "csv", "--output", "csv"], in: tmp.url)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("error[E001]") && r.stderr.contains("edges.csv"), "\(r.stderr)")
        #expect(try Self.partials(tmp.url.appendingPathComponent("csv")).isEmpty)
    }

    /// Graphviz that writes half a picture and fails: the old picture stays, no partial file.
    @Test func aFailedRenderKeepsThePreviousPicture() throws {
        let (tmp, _) = try Self.builtStore()
        let bin = tmp.url.appendingPathComponent("fakebin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = "#!/bin/sh\nfor a; do case $prev in -o) echo '<svg half' > \"$a\";; esac; prev=$a; done\necho 'Error: out of memory' >&2\nexit 3\n"
        for engine in ["dot", "sfdp"] {
            try tmp.write("fakebin/\(engine)", script)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent(engine).path)
        }
        try tmp.write("pic.svg", "<svg>previous</svg>")
        let r = try Self.shell(
            "PATH='\(bin.path)' exec '\(KGBinary.url.path)' render --db x.sqlite --output pic.svg", in: tmp.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error[E022]"), "\(r.stderr)")
        #expect(try String(contentsOfFile: tmp.path("pic.svg"), encoding: .utf8) == "<svg>previous</svg>")
        #expect(try Self.partials(tmp.url).isEmpty)
    }

    @Test func aSuccessfulExportReplacesThePreviousFileAndLeavesNoTemporary() throws {
        let (tmp, _) = try Self.builtStore()
        try tmp.write("g.nt", "previous\n")
        let r = try KGBinary.run(["export", "--db", "x.sqlite", "--format", "ntriples", "--output", "g.nt"], in: tmp.url)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: tmp.path("g.nt"), encoding: .utf8)
        #expect(text.hasPrefix("<") && !text.contains("previous"))
        #expect(try Self.partials(tmp.url).isEmpty)
    }

    /// A device or pipe is written directly: there is nothing to rename onto.
    @Test func devStdoutIsWrittenDirectly() throws {
        let (tmp, _) = try Self.builtStore()
        let r = try KGBinary.run(["export", "--db", "x.sqlite", "--format", "ntriples", "--output", "/dev/stdout"], in: tmp.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("<https://kg.example/"))
    }

    /// `kg render` with no --output puts the picture beside the store, as build puts its exports.
    @Test func renderWithoutOutputWritesBesideTheStore() throws {
        let (tmp, _) = try Self.builtStore()
        try FileManager.default.createDirectory(at: tmp.url.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        let r = try KGBinary.run(["render", "--db", "../x.sqlite"], in: tmp.url.appendingPathComponent("elsewhere"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: tmp.path("graph.svg")))
        #expect(!FileManager.default.fileExists(atPath: tmp.path("elsewhere/graph.svg")))
    }
}

/// `kg render --format html` on the sample: one page holding the drawing and every drawn edge's
/// evidence. (The test command opens it in Chromium and clicks an edge.)
@Suite(.serialized) struct HTMLRenderTests {
    @Test func htmlPageHoldsTheDrawingAndTheEvidence() throws {
        let (tmp, db) = try OutputSafetyTests.builtStore()
        let r = try KGBinary.run(["render", "--db", db, "--format", "html", "--output", tmp.path("g.html")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("as one HTML page → "))
        let html = try String(contentsOfFile: tmp.path("g.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg") && html.contains("class=\"edge\""))
        let edge = try sqlite(
            db,
            "SELECT t.id FROM triples t JOIN entities s ON s.id = t.subject JOIN entities o ON o.id = t.object "
                + "WHERE s.label_zh = '信达生物' AND t.predicate = 'listedOn' AND o.label_zh = '港股18A'")
        #expect(html.contains("<g id=\"e\(edge)\" class=\"edge\">"), "Graphviz keeps the edge's id")
        #expect(html.contains(#"["信达生物", "s"]"#) && html.contains(#"["港股18A", "o"]"#))
        #expect(html.contains("\"suzhougongyeyuanqu\""), "pinyin for the search box")
        #expect(try OutputSafetyTests.partials(tmp.url).isEmpty)
    }
}
