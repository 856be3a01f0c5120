import Foundation
import Testing

/// A corpus built in shares (`kg build --shard K/N`) and merged (`kg merge`) is the corpus built
/// at once, and bad shares are usage errors (issue 12, item 5).
@Suite(.serialized) struct ShardTests {
    /// The sample article cut into one file per paragraph in two folders, and the news paragraph:
    /// enough files for every share of three to get some, naming some entities in several files.
    static func corpus(_ tmp: TempFolder) throws {
        let sample = try String(
            contentsOf: KGBinary.packageRoot.appendingPathComponent("samples/sample-article-jiangsu-hitech-zones.txt"), encoding: .utf8)
        let paragraphs = sample.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        for (i, paragraph) in paragraphs.enumerated() {
            try tmp.write(String(format: "corp/%@/p%02d.txt", i % 2 == 0 ? "even" : "odd", i), paragraph + "\n")
        }
        try tmp.write("corp/news.txt", newsParagraph + "\n")
    }

    @Test func shardsMergedEqualTheCorpusBuiltAtOnce() throws {
        let tmp = try TempFolder()
        try Self.corpus(tmp)
        #expect(try KGBinary.run(["build", "corp", "--db", "one.sqlite", "-q"], in: tmp.url).status == 0)
        var documents = 0
        for k in 1...3 {
            let run = try KGBinary.run(["build", "corp", "--shard", "\(k)/3", "--db", "s\(k).sqlite", "-q"], in: tmp.url)
            #expect(run.status == 0, "\(run.stderr)")
            let count = Int(try sqlite(tmp.path("s\(k).sqlite"), "SELECT count(*) FROM documents")) ?? 0
            #expect(count > 0, "share \(k) of 3 got no file")
            documents += count
        }
        #expect(String(documents) == (try sqlite(tmp.path("one.sqlite"), "SELECT count(*) FROM documents")))

        // In one merge, and as build-sharded.sh does it: pairs first, then their results.
        let merged = try KGBinary.run(["merge", "s1.sqlite", "s2.sqlite", "s3.sqlite", "--db", "merged.sqlite"], in: tmp.url)
        #expect(merged.status == 0, "\(merged.stderr)")
        try StoreTruthTests.expectEqualStores(tmp.path("merged.sqlite"), tmp.path("one.sqlite"))
        #expect(try KGBinary.run(["merge", "s1.sqlite", "s2.sqlite", "--db", "m12.sqlite", "-q"], in: tmp.url).status == 0)
        #expect(try KGBinary.run(["merge", "m12.sqlite", "s3.sqlite", "--db", "tree.sqlite", "-q"], in: tmp.url).status == 0)
        try StoreTruthTests.expectEqualStores(tmp.path("tree.sqlite"), tmp.path("one.sqlite"))
        #expect(try sqlite(tmp.path("tree.sqlite"), "PRAGMA integrity_check") == "ok")
        #expect(try sqlite(tmp.path("tree.sqlite"), "PRAGMA foreign_key_check") == "")
    }

    /// A share that no file falls to is no failure: its store is empty and merges as nothing.
    @Test func anEmptyShareSucceeds() throws {
        let tmp = try TempFolder()
        try tmp.write("one.txt", newsParagraph + "\n")
        var empty = 0
        for k in 1...4 {
            let run = try KGBinary.run(["build", "one.txt", "--shard", "\(k)/4", "--db", "s\(k).sqlite"], in: tmp.url)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            if run.stdout.contains("none of the 1 files fell to this shard") { empty += 1 }
        }
        #expect(empty == 3)
    }

    @Test(arguments: [
        ("3/2", "--shard K/N needs K between 1 and N (2), not 3"),
        ("0/4", "--shard K/N needs K between 1 and N (4), not 0"),
        ("x", "--shard must be K/N, two whole numbers such as 2/4"),
        ("1/0", "--shard K/N needs N between 1 and 1000000, not 0"),
        ("1/2/3", "--shard must be K/N"),
    ])
    func badSharesAreUsageErrors(value: String, message: String) throws {
        let tmp = try TempFolder()
        try tmp.write("one.txt", newsParagraph + "\n")
        let run = try KGBinary.run(["build", "one.txt", "--shard", value, "--db", "s.sqlite"], in: tmp.url)
        #expect(run.status == 64)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.path("s.sqlite")), "a usage error creates no store")
    }

    @Test func helpTeachesSharding() throws {
        let help = try KGBinary.run(["build", "--help"])
        #expect(help.stdout.contains("--shard <K/N>"))
        #expect(help.stdout.contains("kg merge p1.sqlite p2.sqlite p3.sqlite p4.sqlite --db news.sqlite"))
        #expect(help.stdout.contains("scripts/build-sharded.sh"))
    }
}
