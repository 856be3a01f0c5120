import Foundation
import Testing

/// Every bad input of the foundation issue: a clear message naming the file and what to do, a
/// non-zero exit where the command failed, and no lost work for the inputs that were fine.
@Suite(.serialized) struct BadInputTests {
    @Test func missingPathIsNamedAndOtherInputsAreKept() throws {
        let tmp = try TempFolder()
        let good = try tmp.write("good.txt", newsParagraph)
        let db = tmp.path("g.sqlite")
        let r = try KGBinary.run(["build", good, tmp.path("nope.txt"), "--db", db, "-q"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("nope.txt"))
        #expect(r.stderr.contains("I001"))
        #expect(try sqlite(db, "SELECT count(*) FROM documents") == "1")
    }

    @Test func folderWithNoTextIsReported() throws {
        let tmp = try TempFolder()
        try tmp.write("empty/picture.png", Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]))
        let r = try KGBinary.run(["build", tmp.path("empty"), "--db", tmp.path("g.sqlite"), "-q"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("empty"))
    }

    @Test func binaryFileIsSkippedWithAWarning() throws {
        let tmp = try TempFolder()
        try tmp.write("in/a.txt", newsParagraph)
        try tmp.write("in/blob.txt", Data((0..<4096).map { UInt8($0 % 256) }))
        let db = tmp.path("g.sqlite")
        let r = try KGBinary.run(["build", tmp.path("in"), "--db", db, "-q"])
        #expect(r.status == 0, "a skipped binary file is a warning, not a failure: \(r.stderr)")
        #expect(r.stderr.contains("blob.txt"))
        #expect(try sqlite(db, "SELECT count(*) FROM documents") == "1")
    }

    @Test func invalidUTF8IsAnErrorNamingTheFile() throws {
        let tmp = try TempFolder()
        try tmp.write("in/ok.txt", newsParagraph)
        // Bytes that are neither UTF-8 nor GB18030 (0xFF is never a lead byte in either).
        try tmp.write("in/bad.txt", Data("公司".utf8) + Data([0xFF, 0xFF, 0xFE]) + Data("。".utf8))
        let db = tmp.path("g.sqlite")
        let r = try KGBinary.run(["build", tmp.path("in"), "--db", db, "-q"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.txt"))
        #expect(try sqlite(db, "SELECT count(*) FROM documents") == "1")
    }

    @Test func gb18030FileIsDecoded() throws {
        let tmp = try TempFolder()
        // "苏州工业园区位于苏州。" in GB18030.
        let bytes: [UInt8] = [
            0xCB, 0xD5, 0xD6, 0xDD, 0xB9, 0xA4, 0xD2, 0xB5, 0xD4, 0xB0, 0xC7, 0xF8, 0xCE, 0xBB, 0xD3, 0xDA,
            0xCB, 0xD5, 0xD6, 0xDD, 0xA1, 0xA3,
        ]
        let file = try tmp.write("gb.txt", Data(bytes))
        let db = tmp.path("g.sqlite")
        let r = try KGBinary.run(["build", file, "--db", db, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try sqlite(db, "SELECT text FROM sentences") == "苏州工业园区位于苏州。")
    }

    @Test func emptyFileIsStoredWithNoSentences() throws {
        let tmp = try TempFolder()
        let file = try tmp.write("empty.txt", "")
        let db = tmp.path("g.sqlite")
        let r = try KGBinary.run(["build", file, "--db", db, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try sqlite(db, "SELECT count(*) FROM sentences") == "0")
    }

    @Test func dbInMissingFolderSaysWhatToDo() throws {
        let tmp = try TempFolder()
        let file = try tmp.write("a.txt", newsParagraph)
        let r = try KGBinary.run(["build", file, "--db", tmp.path("no/such/folder/g.sqlite")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("S001"))
        #expect(r.stderr.contains("no/such/folder"))
    }

    @Test func dbThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        let tmp = try TempFolder()
        let file = try tmp.write("a.txt", newsParagraph)
        let notes = try tmp.write("notes.sqlite", String(repeating: "my notes, not a database\n", count: 200))
        let r = try KGBinary.run(["build", file, "--db", notes])
        #expect(r.status == 2)
        #expect(r.stderr.contains("S002"))
        #expect(try String(contentsOfFile: notes, encoding: .utf8).hasPrefix("my notes"))
    }

    @Test func storeLockedByAnotherWriterIsReported() throws {
        let tmp = try TempFolder()
        let file = try tmp.write("a.txt", newsParagraph)
        let db = tmp.path("g.sqlite")
        #expect(try KGBinary.run(["build", file, "--db", db, "-q"]).status == 0)
        // Another writer holds the write lock for a few seconds.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(8); c.execute('ROLLBACK')
            """, db]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        defer { holder.terminate() }
        _ = pipe.fileHandleForReading.availableData  // wait for "locked"
        try tmp.write("a.txt", newsParagraph + "新增一句。")
        let r = try KGBinary.run(["build", file, "--db", db])
        #expect(r.status == 2)
        #expect(r.stderr.contains("S003"))
        #expect(r.stderr.contains("locked"))
    }

    @Test func killedBuildLeavesAConsistentStoreThatARerunCompletes() throws {
        let tmp = try TempFolder()
        let count = 600
        for i in 0..<count {
            try tmp.write("corpus/\(String(format: "%04d", i)).txt", "第\(i)篇。" + newsParagraph)
        }
        let db = tmp.path("g.sqlite")
        let process = try KGBinary.start(["build", tmp.path("corpus"), "--db", db, "--batch-size", "8", "-q"])
        // Wait until some batches are committed, then kill without warning.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let n = Int(try sqlite(db, "SELECT count(*) FROM documents")), n >= 16 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
        // A build into an empty store builds its secondary indexes at the end, so the killed one
        // left them to the next build, and said so in kg_meta.
        #expect(try sqlite(db, "SELECT count(*) FROM kg_meta WHERE key = 'deferred_indexes'") == "1")
        let partial = Int(try sqlite(db, "SELECT count(*) FROM documents")) ?? -1
        #expect(partial > 0 && partial < count, "killed after \(partial) documents")
        // Every stored document is whole: it has its sentences.
        #expect(try sqlite(db, "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.document_id = d.id)") == "0")
        let rerun = try KGBinary.run(["build", tmp.path("corpus"), "--db", db])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("\(partial) unchanged"))
        #expect(try sqlite(db, "SELECT count(*) FROM documents") == "\(count)")
        #expect(try sqlite(db, "SELECT count(*) FROM kg_meta WHERE key = 'deferred_indexes'") == "0")
        #expect(try sqlite(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL") == "12")
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
    }
}

/// Unreadable input: a file the process may not read is named with I002 and the rest is built.
@Suite struct UnreadableInputTests {
    @Test func unreadableFileIsNamedAndTheRestIsBuilt() throws {
        let tmp = try TempFolder()
        let good = try tmp.write("good.txt", newsParagraph)
        let unreadable: String
        if getuid() == 0 {
            // root reads any file whatever its mode; /proc/self/mem refuses reads at offset 0 (EIO).
            unreadable = "/proc/self/mem"
        } else {
            unreadable = try tmp.write("secret.txt", newsParagraph)
            chmod(unreadable, 0)
        }
        let db = tmp.path("g.sqlite")
        let r = try KGBinary.run(["build", good, unreadable, "--db", db, "-q"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(unreadable): error[I002]"))
        #expect(try sqlite(db, "SELECT count(*) FROM documents") == "1")
    }
}

/// A large file without a single stop: it is read in parts, every sentence is cut to a bounded
/// length, and memory stays far below the file's size times anything (the 50 MB case is in
/// scripts/bench.sh, which runs the release build).
@Suite struct NoStopInputTests {
    @Test func largeFileWithoutAStopIsBuiltInBoundedMemory() throws {
        let tmp = try TempFolder()
        let chars = Array("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面")
        var generator = SystemRandomNumberGenerator()
        var text = ""
        text.reserveCapacity(3_200_000)
        while text.utf8.count < 3_000_000 { text.append(chars.randomElement(using: &generator)!) }
        let file = try tmp.write("nostop.txt", text)
        let db = tmp.path("g.sqlite")
        // The peak of this kg process itself (VmHWM, read while it runs): the test process's
        // children include other tests' tools (Python, Graphviz), so getrusage cannot tell.
        let process = try KGBinary.start(["build", file, "--db", db, "-q"])
        var peakKB = 0
        while process.isRunning {
            if let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
            {
                peakKB = max(peakKB, kb)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(peakKB > 0, "the peak memory of the kg process could not be read")
        #expect(peakKB < 300_000, "peak resident memory of kg: \(peakKB) KB")
        #expect(try sqlite(db, "SELECT max(end - start) FROM sentences").isEmpty == false)
        #expect((Int(try sqlite(db, "SELECT max(end - start) FROM sentences")) ?? .max) <= 1000)
        // Every character is in some sentence: the parts cover the file without gaps.
        #expect(Int(try sqlite(db, "SELECT sum(end - start) FROM sentences")) == text.unicodeScalars.count)
    }
}
