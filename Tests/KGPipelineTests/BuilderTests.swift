import Foundation
import KGModel
import KGStore
import Testing

@testable import KGPipeline

/// Finds `甲方N` and `乙方N` in each sentence and states `甲方N cooperatesWith 乙方N`: enough
/// extraction to check offsets, without the rule engine.
private struct PairExtractor: Extractor {
    func extract(_ document: TextDocument) -> DocumentExtraction {
        var result = DocumentExtraction()
        for sentence in document.sentences {
            let scalars = Array(sentence.text.unicodeScalars)
            func find(_ word: String) -> (TextSpan, String)? {
                let pattern = Array(word.unicodeScalars)
                guard scalars.count >= pattern.count + 1 else { return nil }
                for i in 0...(scalars.count - pattern.count - 1) where Array(scalars[i..<(i + pattern.count)]) == pattern {
                    let digit = scalars[i + pattern.count]
                    guard digit.properties.numericType != nil else { continue }
                    let start = sentence.span.start + i
                    return (TextSpan(start, start + pattern.count + 1), word + String(digit))
                }
                return nil
            }
            guard let (aSpan, a) = find("甲方"), let (bSpan, b) = find("乙方") else { continue }
            let subject = EntityDescriptor(key: .name(normalized: "\(a)"), type: "Company", labelZh: a)
            let object = EntityDescriptor(key: .name(normalized: "\(b)"), type: "Company", labelZh: b)
            result.mentions += [
                EntityMention(entity: subject, sentenceIndex: sentence.index, span: aSpan),
                EntityMention(entity: object, sentenceIndex: sentence.index, span: bSpan),
            ]
            result.extractions.append(
                Extraction(
                    subject: subject, predicate: "cooperatesWith", object: object, sentenceIndex: sentence.index,
                    subjectSpan: aSpan, objectSpan: bSpan, ruleID: "pair", ruleVersion: "1", confidence: 1))
        }
        return result
    }
}

/// `PairExtractor` after 40 ms of the thread's CPU time per document.
private struct SlowExtractor: Extractor {
    func extract(_ document: TextDocument) -> DocumentExtraction {
        var spent = timespec()
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spent)
        repeat { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) } while (now.tv_sec - spent.tv_sec) * 1_000_000_000 + (now.tv_nsec - spent.tv_nsec) < 40_000_000
        return PairExtractor().extract(document)
    }
}

@Suite struct BuilderTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kgpipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A plain-text page of `count` paragraphs, each with a few sentences naming a pair.
    func page(paragraphs count: Int, salt: Int = 0) -> String {
        var paragraphs: [String] = []
        for i in 0..<count {
            let a = (i + salt) % 10
            let b = (i * 7 + salt) % 10
            paragraphs.append(
                "第\(i)段:甲方\(a)与乙方\(b)签署协议,双方将在园区合作。该项目总投资\(i * 3 + 1)亿元。甲方\(b)表示乙方\(a)的技术领先。")
        }
        return paragraphs.joined(separator: "\n\n") + "\n"
    }

    func write(_ text: String, to name: String) -> String {
        let file = path(name)
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    func rows(_ store: GraphStore, _ sql: String) throws -> [String] {
        try store.connection.prepareUncached(sql).allRows { row in
            (0..<row.columnCount).map { row.optionalString(at: $0) ?? "NULL" }.joined(separator: "|")
        }
    }

    @Test func aFreshBuildAndAnIncrementalBuildStoreTheSame() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = write(page(paragraphs: 40), to: "a.txt")
        let b = write(page(paragraphs: 30, salt: 3), to: "b.txt")
        let builder = Builder(extractor: PairExtractor(), jobs: 2)
        // Into an empty store: a bulk load, indexes built at the end.
        let fresh = try GraphStore(path: path("fresh.sqlite"))
        _ = try builder.build([a, b], into: fresh)
        // The same files in two builds: the second writes into a store that holds the first.
        let incremental = try GraphStore(path: path("incremental.sqlite"))
        _ = try builder.build([a], into: incremental)
        let second = try builder.build([a, b], into: incremental)
        #expect(second.unchanged == 1 && second.written == 1)

        let tables = [
            "SELECT id, path, content_hash, title, authors, text, file FROM documents ORDER BY id",
            "SELECT * FROM sentences ORDER BY id", "SELECT * FROM entities ORDER BY id",
            "SELECT * FROM aliases ORDER BY 1, 2", "SELECT * FROM triples ORDER BY id", "SELECT * FROM evidence ORDER BY id",
            "SELECT * FROM mentions ORDER BY 1, 2, 3",
        ]
        for sql in tables {
            #expect(try rows(fresh, sql) == rows(incremental, sql), "\(sql)")
        }
        #expect(try rows(fresh, "SELECT count(*) FROM evidence") == ["140"])
        // Both end with the schema a new store has, every index in its place.
        let schema = "SELECT rowid, type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY rowid"
        let new = try GraphStore(path: path("new.sqlite"))
        #expect(try rows(fresh, schema) == rows(new, schema))
        #expect(try rows(incremental, schema) == rows(new, schema))
        #expect(try rows(fresh, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL") == ["12"])
        #expect(try !fresh.hasDeferredIndexes)
        #expect(try fresh.integrityCheck() == "ok")
        #expect(try rows(fresh, "PRAGMA foreign_key_check").isEmpty)
    }

    @Test func aLargeFileIsStoredInPartsWhoseOffsetsPointIntoTheFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = page(paragraphs: 400)
        let file = write(text, to: "big.txt")
        let store = try GraphStore(path: path("kg.sqlite"))
        let builder = Builder(extractor: PairExtractor(), jobs: 2, splitThreshold: 8192, partSize: 4096)
        let summary = try builder.build([file], into: store)
        #expect(summary.failed == 0)
        #expect(summary.written > 5)

        // The parts are named FILE#char=START,END, tile the file's text, and their texts are the
        // file's text at those offsets.
        let scalars = Array(text.unicodeScalars)
        let parts = try store.documentPaths(withPrefix: file + "#char=")
        #expect(parts.count == summary.written)
        var expectedStart = 0
        var partStarts: [String: Int] = [:]
        for part in parts.sorted(by: { startOf($0) < startOf($1) }) {
            let (start, end) = range(of: part)
            #expect(start == expectedStart)
            expectedStart = end
            partStarts[part] = start
            let stored = try #require(try store.documentText(path: part))
            #expect(Array(stored.unicodeScalars) == Array(scalars[start..<end]))
        }
        #expect(expectedStart == scalars.count)

        // Every sentence and every evidence span, shifted by its part's START, is in the file.
        let sentences = try rows(store, "SELECT d.path, s.start, s.end, s.text FROM sentences s JOIN documents d ON d.id = s.document_id")
        #expect(sentences.count == 1200)
        for row in sentences {
            let fields = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let shift = try #require(partStarts[fields[0]])
            let slice = String(String.UnicodeScalarView(scalars[(shift + Int(fields[1])!)..<(shift + Int(fields[2])!)]))
            #expect(slice == fields[3])
        }
        let evidence = try rows(
            store,
            """
            SELECT d.path, e.subject_start, e.subject_end, s.label_zh FROM evidence e
            JOIN documents d ON d.id = e.document_id JOIN triples t ON t.id = e.triple_id
            JOIN entities s ON s.id = t.subject
            """)
        #expect(evidence.count == 800)
        for row in evidence {
            let fields = row.split(separator: "|").map(String.init)
            let shift = try #require(partStarts[fields[0]])
            #expect(String(String.UnicodeScalarView(scalars[(shift + Int(fields[1])!)..<(shift + Int(fields[2])!)])) == fields[3])
        }

        // The same triples as reading the file whole.
        let whole = try GraphStore(path: path("whole.sqlite"))
        _ = try Builder(extractor: PairExtractor(), jobs: 1).build([file], into: whole)
        let triples = "SELECT s.key, t.predicate, o.key FROM triples t JOIN entities s ON s.id = t.subject JOIN entities o ON o.id = t.object ORDER BY 1, 2, 3"
        #expect(try rows(store, triples) == rows(whole, triples))
        #expect(try rows(store, "SELECT count(*) FROM evidence") == rows(whole, "SELECT count(*) FROM evidence"))
    }

    @Test func rebuildingAfterTheCutsMoveLeavesNoStaleParts() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = write(page(paragraphs: 200), to: "big.txt")
        let store = try GraphStore(path: path("kg.sqlite"))
        let small = Builder(extractor: PairExtractor(), jobs: 2, splitThreshold: 8192, partSize: 4096)
        let first = try small.build([file], into: store)
        // Unchanged: every part is skipped by its hash.
        let again = try small.build([file], into: store)
        #expect(again.unchanged == first.written && again.written == 0)

        // The file grows at the front: every cut moves; the old parts must go.
        _ = write(page(paragraphs: 30, salt: 3) + "\n" + page(paragraphs: 200), to: "big.txt")
        let changed = try small.build([file], into: store)
        let parts = try store.documentPaths(withPrefix: file + "#char=")
        #expect(parts.count == changed.written + changed.unchanged)
        #expect(try rows(store, "SELECT count(*) FROM documents") == ["\(parts.count)"])
        #expect(try rows(store, "SELECT count(*) FROM sentences") == ["\(230 * 3)"])

        // Read whole again (threshold above its size): the parts give way to one document.
        let whole = Builder(extractor: PairExtractor(), jobs: 1)
        _ = try whole.build([file], into: store)
        #expect(try rows(store, "SELECT path FROM documents") == [file])
        #expect(try rows(store, "SELECT count(*) FROM triples WHERE id NOT IN (SELECT triple_id FROM evidence)") == ["0"])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func parallelJobsWriteTheSameStoreAsOneJob() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for i in 0..<40 { files.append(write(page(paragraphs: 3 + i % 7, salt: i), to: String(format: "doc-%02d.txt", i))) }
        let dump = """
            SELECT d.path, s.idx, s.text, e.subject_start, e.object_end, t.subject, t.object
            FROM evidence e JOIN documents d ON d.id = e.document_id JOIN sentences s ON s.id = e.sentence_id
            JOIN triples t ON t.id = e.triple_id ORDER BY e.id
            """
        let one = try GraphStore(path: path("one.sqlite"))
        _ = try Builder(extractor: PairExtractor(), batchSize: 4, jobs: 1).build([folder.path], into: one)
        // A small window forces workers to wait for the writer.
        let many = try GraphStore(path: path("many.sqlite"))
        let summary = try Builder(extractor: PairExtractor(), batchSize: 4, jobs: 3, bytesInFlight: 2000)
            .build([folder.path], into: many)
        #expect(summary.written == 40)
        #expect(try rows(many, dump) == rows(one, dump))
        #expect(try !rows(one, dump).isEmpty)
    }

    /// Shards by path hash: every file in exactly one of N shards, and the shard of a path the
    /// same in every process (FNV-1a, not Swift's seeded Hasher; the expected values were
    /// computed outside Swift).
    @Test func shardsShareTheFilesOutStablyAndCompletely() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(FileIdentity.shard(of: "/corpus/a.txt", count: 4) == 0)
        #expect(FileIdentity.shard(of: "/corpus/b.txt", count: 4) == 1)
        #expect(FileIdentity.shard(of: "/corpus/新闻/苏州.txt", count: 7) == 0)
        #expect(FileIdentity.shard(of: "/corpus/a.txt", count: 7) == 5)

        for i in 0..<24 { _ = write(page(paragraphs: 2, salt: i), to: String(format: "doc-%02d.txt", i)) }
        var seen: [String] = []
        for k in 0..<3 {
            let store = try GraphStore(path: path("shard-\(k).sqlite"))
            var builder = Builder(extractor: PairExtractor(), jobs: 2)
            builder.shard = (index: k, count: 3)
            let summary = try builder.build([folder.path], into: store)
            #expect(summary.written > 0, "24 files and no share left empty")
            #expect(summary.written + summary.otherShards == 24)
            seen += try rows(store, "SELECT path FROM documents")
        }
        #expect(seen.count == 24 && Set(seen).count == 24)
    }

    /// The writer's CPU time is measured on the thread holding the write transaction, and only
    /// the writer's: with one job that thread also extracts, which must not count. Extraction
    /// here spends 40 ms of CPU per document, far more than writing it.
    @Test(arguments: [1, 2]) func theWritersCPUTimeIsMeasured(jobs: Int) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        for i in 0..<12 { _ = write(page(paragraphs: 4, salt: i), to: String(format: "doc-%02d.txt", i)) }
        let store = try GraphStore(path: path("s.sqlite"))
        let summary = try Builder(extractor: SlowExtractor(), jobs: jobs).build([folder.path], into: store)
        #expect(summary.written == 12)
        #expect(summary.inputBytes == (0..<12).reduce(0) { $0 + page(paragraphs: 4, salt: $1).utf8.count })
        #expect(summary.writerCPUSeconds > 0)
        #expect(summary.writerCPUSeconds < 0.24, "12 × 40 ms of extraction counted as writing?")
    }

    @Test(arguments: [
        ("abc\n\ndef", 5), ("abc\ndef\n\nghi", 9), ("abc\r\n\r\ndef", 7), ("abcdef\nghi", 7), ("甲乙", 0),
    ])
    func cutsFallAfterABlankLineElseALineBreak(text: String, offset: Int) {
        let bytes = Array(text.utf8)
        #expect(FileParts.breakOffset(in: bytes[...]) == offset)
    }

    @Test func aCutInsideAUTF8SequenceMovesToTheNextCharacter() {
        let bytes = Array("甲乙丙".utf8)
        // Starting one byte into 甲, the next lead byte is 乙's at offset 2 of the slice.
        #expect(FileParts.breakOffset(in: bytes[1...]) == 2)
    }

    func range(of part: String) -> (Int, Int) {
        let numbers = part.split(separator: "=").last!.split(separator: ",").map { Int($0)! }
        return (numbers[0], numbers[1])
    }

    func startOf(_ part: String) -> Int { range(of: part).0 }
}
