import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The "inputs that hang, crash or destroy" items of issue 11, each on the real binary: streams
/// and FIFOs, unbounded queries, wild numbers, terminal control characters, CRLF files, and the
/// smaller ones (a damaged merge source, a signal during render, a failed build's empty store,
/// rule-file positions, long source lines, spreadsheet formulas).
@Suite(.serialized) struct HostileInputTests {
    // MARK: Harness

    /// Runs kg with standard input from `stdin` (a file handle, a pipe or nil for none) and
    /// kills it after `seconds`: the bugs here are hangs and endless reads, so a test must end
    /// either way. Returns nil when kg had to be killed.
    static func runBounded(
        _ arguments: [String], stdin: Any? = nil, environment: [String: String]? = nil, in directory: URL? = nil,
        seconds: Double = 60
    ) throws -> KGBinary.Result? {
        try KGBinary.capturing { stdout, stderr in
            let process = Process()
            process.executableURL = KGBinary.url
            process.arguments = arguments
            process.currentDirectoryURL = directory ?? KGBinary.packageRoot
            process.standardInput = stdin ?? FileHandle.nullDevice
            process.standardOutput = stdout
            process.standardError = stderr
            if let environment {
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            }
            let done = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in done.signal() }
            try process.run()
            if done.wait(timeout: .now() + seconds) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                done.wait()
                return nil
            }
            return process.terminationStatus
        }
    }

    /// A process writing `text` into `path` (a FIFO), started before kg opens it for reading.
    static func fifoWriter(_ path: String, _ text: String) throws -> Process {
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf '%s' \"$1\" > \"$2\"", "sh", text, path]
        try writer.run()
        return writer
    }

    // MARK: 6. FIFOs and streams

    @Test func fifoInAFolderIsSkippedWithAWarning() throws {
        let tmp = try TempFolder()
        try tmp.write("in/a.txt", newsParagraph)
        #expect(mkfifo(tmp.path("in/pipe"), 0o600) == 0)
        let db = tmp.path("g.sqlite")
        let r = try #require(try Self.runBounded(["build", tmp.path("in"), "--db", db, "-q"], seconds: 60), "kg build hung on a FIFO")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("I009") && r.stderr.contains("pipe"))
        #expect(try sqlite(db, "SELECT count(*) FROM documents") == "1")
    }

    @Test func aNamedFIFOIsReadOnce() throws {
        let tmp = try TempFolder()
        let fifo = tmp.path("feed")
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = try Self.fifoWriter(fifo, newsParagraph)
        defer { writer.terminate() }
        let db = tmp.path("g.sqlite")
        let r = try #require(try Self.runBounded(["build", fifo, "--db", db, "-q"], seconds: 60), "kg build hung on a named FIFO")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try sqlite(db, "SELECT count(*) FROM sentences") == "2")
    }

    @Test(arguments: ["-", "/dev/stdin"]) func pipedStandardInputIsStored(_ name: String) throws {
        let tmp = try TempFolder()
        let input = Pipe()
        let db = tmp.path("g.sqlite")
        input.fileHandleForWriting.write(Data(newsParagraph.utf8))
        try input.fileHandleForWriting.close()
        let r = try #require(try Self.runBounded(["build", name, "--db", db, "-q"], stdin: input, seconds: 60))
        #expect(r.status == 0, "\(r.stderr)")
        // The whole text, not what a look at the head left in the pipe.
        #expect(try sqlite(db, "SELECT count(*) FROM sentences") == "2")
        #expect(try sqlite(db, "SELECT path FROM documents") == name)
    }

    /// Standard input is one document keyed `-` wherever kg runs: `--prune` does not take it for
    /// a deleted file, and `kg status` does not list it as missing.
    @Test func standardInputIsNoMissingFile() throws {
        let tmp = try TempFolder()
        let db = tmp.path("g.sqlite")
        for arguments in [["build", "-", "--db", db, "-q"], ["build", "-", "--db", db, "-q", "--prune"]] {
            let input = Pipe()
            input.fileHandleForWriting.write(Data(newsParagraph.utf8))
            try input.fileHandleForWriting.close()
            let r = try #require(try Self.runBounded(arguments, stdin: input, seconds: 60))
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try sqlite(db, "SELECT path || '|' || file FROM documents") == "-|-")
        }
        let status = try KGBinary.run(["status", "--db", db])
        #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
        #expect(status.stderr.contains("1 document, all current"))
    }

    @Test(arguments: [["explain", "--file", "/dev/zero"], ["rules", "run", "/dev/zero"]])
    func anEndlessDeviceStopsAtTheSizeLimit(_ arguments: [String]) throws {
        let r = try #require(try Self.runBounded(arguments, seconds: 60), "kg \(arguments[0]) read /dev/zero without end")
        #expect(r.status == 2)
        #expect(r.stderr.contains("I010"))
    }

    @Test func anEndlessPipeStopsAtTheSizeLimit() throws {
        let tmp = try TempFolder()
        let yes = Process()
        yes.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        yes.arguments = ["yes", "苏州工业园区引进了信达生物。"]
        let pipe = Pipe()
        yes.standardOutput = pipe
        try yes.run()
        defer { yes.terminate() }
        let db = tmp.path("g.sqlite")
        let r = try #require(try Self.runBounded(["build", "-", "--db", db, "-q"], stdin: pipe, seconds: 120), "kg build read a pipe without end")
        #expect(r.status == 1, "the stream fails, the build says it was partly done: \(r.stderr)")
        #expect(r.stderr.contains("I010"))
    }

    // MARK: 7. Queries without bounds

    @Test func aQueryThatRunsTooLongIsStopped() throws {
        let tmp = try TempFolder()
        let db = tmp.path("big.sqlite")
        let bench = KGBinary.url.deletingLastPathComponent().appendingPathComponent("kg-bench")
        let generate = Process()
        generate.executableURL = bench
        generate.arguments = ["generate", "--db", db, "--assertions", "20000", "--writer", "bulk"]
        generate.standardOutput = FileHandle.nullDevice
        generate.standardError = FileHandle.nullDevice
        try generate.run()
        generate.waitUntilExit()
        try #require(generate.terminationStatus == 0)
        // 20 000 triples squared: minutes of work without a budget.
        let started = Date()
        let r = try #require(try Self.runBounded(["query", "--db", db, "?a ?p ?b . ?c ?q ?d", "--timeout", "1"], seconds: 60))
        #expect(r.status == 2)
        #expect(r.stderr.contains("Q009"))
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func aLongPatternIsRefusedBeforeSQL() throws {
        let (folder, db) = try QueryCommandTests.store()
        defer { withExtendedLifetime(folder) {} }
        let pattern = (0..<40).map { "?a\($0) ?p\($0) ?a\($0 + 1)" }.joined(separator: " . ")
        let r = try KGBinary.run(["query", "--db", db, pattern])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Q008"))
        #expect(!r.stderr.contains("64 tables"))
    }

    // MARK: 8. Numeric options

    @Test(arguments: [
        ["query", "?c listedOn ?b", "--limit", "9223372036854775807"],
        ["neighbors", "华为技术有限公司", "--limit", "9223372036854775807"],
        ["search", "华为", "--limit", "9223372036854775807"],
        ["search", "华为", "--limit", "0"],
        ["neighbors", "华为技术有限公司", "--depth", "100"],
        ["path", "华为技术有限公司", "清华大学", "--max-depth", "9223372036854775807"],
        ["query", "?c listedOn ?b", "--timeout", "nan"],
        ["render", "--timeout", "inf"],
        ["render", "--timeout", "1e300"],
        ["render", "--timeout", "nan"],
        ["export", "--format", "dot", "--max-nodes", "0"],
        ["build", "--jobs", "100000000"],
    ])
    func wildNumbersAreUsageErrors(_ arguments: [String]) throws {
        let (folder, db) = try QueryCommandTests.store()
        defer { withExtendedLifetime(folder) {} }
        // In the test's folder: a kg that accepted the number would write graph.svg or out/ there.
        let r = try #require(try Self.runBounded(arguments + ["--db", db], in: folder.url, seconds: 60))
        #expect(r.status == 64, "\(arguments): \(r.status) \(r.stderr)")
        #expect(r.stderr.contains("must be"))
        #expect(!r.stderr.contains("nan s"))
    }

    // MARK: 9. Terminal output

    @Test func controlCharactersInLabelsDoNotReachTheTerminal() throws {
        let (folder, db) = try QueryCommandTests.store()
        defer { withExtendedLifetime(folder) {} }
        // A label as a hostile page (or a merged store) could bring: clear screen, retitle, CR.
        _ = try sqlite(
            db, "UPDATE entities SET label_zh = '华为' || char(27) || '[2J' || char(27) || ']0;owned' || char(7) || char(13) || '技术有限公司' WHERE label_zh = '华为技术有限公司'")
        for arguments in [["search", "华为"], ["entity", "#1"], ["why", "?", "cooperatesWith", "清华大学"], ["query", "?x cooperatesWith 清华大学"]] {
            let r = try KGBinary.run(arguments + ["--db", db])
            #expect(!r.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(arguments): \(r.stdout)")
        }
        let r = try KGBinary.run(["search", "华为", "--db", db])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\\x1B[2J"))
    }

    @Test func explainShowsADocumentsControlCharactersAsEscapes() throws {
        let tmp = try TempFolder()
        let file = try tmp.write("esc.txt", "星河科技\u{1B}[2J与蓝山制药签署战略合作协议。\r另一句\u{7}。\n")
        let r = try KGBinary.run(["explain", "--file", file])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(r.stdout)")
        #expect(r.stdout.contains("\\x1B[2J"))
    }

    @Test func aNulAfterTheHeadDoesNotShiftOffsets() throws {
        let tmp = try TempFolder()
        let head = String(repeating: "苏州工业园区位于苏州。\n", count: 800)  // ~26 KB, past the binary check
        let file = try tmp.write("late-nul.txt", Data(head.utf8) + Data([0, 0]) + Data("信达生物在港股18A上市。\n".utf8))
        let db = tmp.path("g.sqlite")
        let r = try KGBinary.run(["build", file, "--db", db, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("I011"))
        let expected = head.unicodeScalars.count + "信达生物在港股18A上市。\n".unicodeScalars.count
        #expect(try sqlite(db, "SELECT length(text), instr(text, char(0)) FROM documents") == "\(expected)|0")
        // The last sentence's span reads its own text out of the stored document.
        #expect(
            try sqlite(
                db,
                "SELECT s.text = substr(d.text, s.start + 1, s.\"end\" - s.start) FROM sentences s JOIN documents d ON d.id = s.document_id ORDER BY s.start DESC LIMIT 1"
            ) == "1")
    }

    // MARK: 10. CRLF files

    @Test func crlfRuleFilesAreReadLikeLF() throws {
        let tmp = try TempFolder()
        let text = try String(contentsOfFile: KGBinary.packageRoot.appendingPathComponent("schema/rules/listings.rules").path, encoding: .utf8)
        try tmp.write("lf/listings.rules", text)
        try tmp.write("crlf/listings.rules", text.replacingOccurrences(of: "\n", with: "\r\n"))
        let lf = try KGBinary.run(["rules", "check", tmp.path("lf")])
        let crlf = try KGBinary.run(["rules", "check", tmp.path("crlf")])
        #expect(lf.status == 0)
        #expect(!lf.stdout.hasPrefix("0 rules"))
        #expect(crlf.status == 0, "\(crlf.stderr)")
        #expect(crlf.stdout == lf.stdout)
        let tested = try KGBinary.run(["rules", "test", tmp.path("crlf")])
        #expect(tested.status == 0, "\(tested.stdout)")
    }

    @Test func crlfLexiconsAreReadLikeLF() throws {
        let tmp = try TempFolder()
        let lexicon = try tmp.write(
            "lex.tsv",
            "# surfaces\tid\ttype\tzh label\ten label\taliases\tparent\r\n青蛙跳跃科技\tco-frog\tCompany\t青蛙跳跃科技\tFrog Leap\t-\t-\r\n")
        let r = try KGBinary.run(["explain", "--lexicon", lexicon, "青蛙跳跃科技与清华大学签署战略合作协议"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("[lex:co-frog]"))
    }

    // MARK: 11. Smaller ones

    @Test func aDamagedMergeSourceIsNamedNotTheTarget() throws {
        let (folder, db) = try QueryCommandTests.store()
        defer { withExtendedLifetime(folder) {} }
        let source = folder.path("damaged.sqlite")
        try FileManager.default.copyItem(atPath: db, toPath: source)
        let handle = try #require(FileHandle(forUpdatingAtPath: source))
        try handle.seek(toOffset: 4096 * 2)
        handle.write(Data(repeating: 0xFF, count: 4096 * 6))
        try handle.close()
        let target = folder.path("good.sqlite")
        try FileManager.default.copyItem(atPath: db, toPath: target)
        let r = try KGBinary.run(["merge", source, "--db", target])
        #expect(r.status == 2)
        #expect(r.stderr.contains("damaged.sqlite"))
        #expect(!r.stderr.contains("good.sqlite"), "\(r.stderr)")
    }

    /// A `dot` that records its pid and sleeps (or fails), to stand in for a slow Graphviz.
    static func fakeGraphviz(in tmp: TempFolder, failing: Bool = false) throws -> String {
        let bin = tmp.path("bin")
        let body =
            failing
            ? "#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 1\n"
            : "#!/bin/sh\necho $$ > \"\(tmp.path("dot.pid"))\"\nexec sleep 60\n"
        for name in ["dot", "sfdp"] {
            let path = try tmp.write("bin/\(name)", body)
            #expect(chmod(path, 0o755) == 0)
        }
        return bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    @Test func sigtermDuringRenderStopsGraphvizAndRemovesTheDOT() throws {
        let (folder, db) = try QueryCommandTests.store()
        defer { withExtendedLifetime(folder) {} }
        let path = try Self.fakeGraphviz(in: folder)
        let temp = folder.path("tmp")
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = KGBinary.url
        process.arguments = ["render", "--db", db, "--output", folder.path("g.svg")]
        process.environment = ProcessInfo.processInfo.environment.merging(["PATH": path, "TMPDIR": temp]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pidFile = folder.path("dot.pid")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: pidFile) && Date() < deadline { usleep(50_000) }
        usleep(200_000)
        let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let dot = try #require(Int32(text))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        defer { kill(dot, SIGKILL) }
        #expect(process.terminationReason == .uncaughtSignal)
        // The child gets a moment to die; a reaped or zombie child fails kill(0) or shows state Z.
        var alive = true
        for _ in 0..<40 {
            let state = (try? String(contentsOfFile: "/proc/\(dot)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(2).first
            if kill(dot, 0) != 0 || state == "Z" {
                alive = false
                break
            }
            usleep(50_000)
        }
        #expect(!alive, "Graphviz kept running after kg render was stopped")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp).filter { $0.hasSuffix(".dot") } == [])
    }

    @Test func graphvizFailureHintNamesNoDeletedFile() throws {
        let (folder, db) = try QueryCommandTests.store()
        defer { withExtendedLifetime(folder) {} }
        let path = try Self.fakeGraphviz(in: folder, failing: true)
        let r = try #require(
            try Self.runBounded(["render", "--db", db, "--output", folder.path("g.svg")], environment: ["PATH": path], seconds: 60))
        #expect(r.status == 2)
        #expect(r.stderr.contains("E022"))
        #expect(!r.stderr.contains("kg-render-"), "\(r.stderr)")
    }

    @Test func aBuildOfMissingInputsCreatesNoStore() throws {
        let tmp = try TempFolder()
        let db = tmp.path("g.sqlite")
        let r = try KGBinary.run(["build", tmp.path("nope.txt"), "--db", db])
        #expect(r.status == 2)
        #expect(r.stderr.contains("I001"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func invalidUTF8InARuleFileHasAPosition() throws {
        let tmp = try TempFolder()
        try tmp.write("rules/bad.rules", Data("rule a\n  match {x:Company} 上市\n  emit x".utf8) + Data([0xFF, 0xFE]) + Data(" listedOn y\n".utf8))
        let r = try KGBinary.run(["rules", "check", tmp.path("rules")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.rules:3:9: error[R031]"), "\(r.stderr)")
    }

    @Test func aHugeSourceLineIsCutInTheDiagnostic() throws {
        let tmp = try TempFolder()
        let long = String(repeating: "很长", count: 1_000_000)
        try tmp.write("rules/long.rules", "rule a\n  bogus \(long)\n")
        let r = try KGBinary.run(["rules", "check", tmp.path("rules")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("R001"))
        #expect(r.stderr.utf8.count < 4_000, "the diagnostic echoed \(r.stderr.utf8.count) bytes")
    }

    @Test func csvCellsThatLookLikeFormulasAreNeutralised() throws {
        let (folder, db) = try QueryCommandTests.store()
        defer { withExtendedLifetime(folder) {} }
        _ = try sqlite(db, "UPDATE entities SET label_zh = '=HYPERLINK(\"http://x\")' WHERE label_zh = '清华大学'")
        let out = folder.path("csv")
        let r = try KGBinary.run(["export", "--db", db, "--format", "csv", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let nodes = try String(contentsOfFile: out + "/nodes.csv", encoding: .utf8)
        #expect(nodes.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        #expect(!nodes.contains(",\"=HYPERLINK"))
        let q = try KGBinary.run(["query", "--db", db, "华为技术有限公司 cooperatesWith ?u", "--format", "csv"])
        #expect(q.stdout.contains("'=HYPERLINK"), "\(q.stdout)")
    }
}
