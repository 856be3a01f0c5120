import Foundation
import Testing

/// `kg names` on the sample article: the names as written, their types, the TSV that
/// ../shared/eval/score_names.py reads, the document filter and the exit codes.
@Suite(.serialized) struct NamesCommandTests {
    @Test func sampleNamesAsWrittenWithTypes() throws {
        let tmp = try TempFolder()
        let db = tmp.path("g.sqlite")
        let sample = SampleTests.sample.path
        let build = try KGBinary.run(["build", sample, "--db", db, "-q"])
        #expect(build.status == 0, "\(build.stderr)")

        let r = try KGBinary.run(["names", "--db", db, "--format", "tsv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.first == "document\tname\ttype\tfirst\tcount")
        let rows = lines.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count > 20)
        for row in rows {
            #expect(row.count == 5, "\(row)")
            #expect(row.first == sample, "\(row)")
        }
        // One row per distinct (document, name, type).
        #expect(Set(rows.map { $0[0...2] }).count == rows.count)
        let pairs = Set(rows.map { "\($0[1]) \($0[2])" })
        for expected in ["苏州工业园区 Zone", "信达生物 Company", "陈东 Person", "牛津大学 University", "港股18A Exchange"] {
            #expect(pairs.contains(expected), "\(expected)")
        }
        // As written, not the label: the article says 哈佛 where the entity is 哈佛大学.
        #expect(pairs.contains("哈佛 University"))
        // In order of first occurrence, and each name is the stored text at its offset.
        let firsts = rows.compactMap { Int($0[3]) }
        #expect(firsts == firsts.sorted())
        for row in rows.prefix(10) {
            let length = row[1].unicodeScalars.count
            #expect(try sqlite(db, "SELECT substr(text, \(row[3]) + 1, \(length)) FROM documents") == row[1])
        }

        let json = try KGBinary.run(["names", "--db", db, "--document", sample, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let objects = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(objects.count == rows.count)
        #expect(objects.first?["first"] is Int)

        let missing = try KGBinary.run(["names", "--db", db, "--document", "no/such.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no document 'no/such.txt'"))

        let help = try KGBinary.run(["help", "names"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
    }

    @Test func emptyStoreExitsOne() throws {
        let tmp = try TempFolder()
        let db = tmp.path("g.sqlite")
        // A document with no names: stored, but nothing to list.
        let file = try tmp.write("plain.txt", "今天天气很好。")
        #expect(try KGBinary.run(["build", file, "--db", db, "-q"]).status == 0)
        let r = try KGBinary.run(["names", "--db", db, "--format", "tsv"])
        #expect(r.status == 1)
        #expect(r.stdout == "")
    }
}
