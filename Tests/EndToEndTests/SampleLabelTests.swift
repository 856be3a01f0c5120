import Foundation
import Testing

/// What a user reads on the sample: honest English labels, a search in English that finds the
/// company, and the README's query examples answering something.
@Suite(.serialized) struct SampleLabelTests {
    static func built() throws -> (TempFolder, String) {
        let tmp = try TempFolder()
        let db = tmp.path("g.sqlite")
        let r = try KGBinary.run(["build", SampleTests.sample.path, "--db", db, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        return (tmp, db)
    }

    @Test func designCardEntitiesReadAsTheirEnglishNames() throws {
        let (folder, db) = try Self.built()
        defer { withExtendedLifetime(folder) {} }
        for (zh, en) in [
            ("苏州工业园区", "Suzhou Industrial Park"), ("信达生物", "Innovent Biologics"), ("港股18A", "HK 18A"),
            ("Biobay", "Biobay"), ("康宁杰瑞", "Alphamab Oncology"),
        ] {
            #expect(try sqlite(db, "SELECT label_en FROM entities WHERE label_zh = '\(zh)'") == en, "\(zh)")
        }
        // No label spells a glossary word's leftover half (the examples).
        let labels = try sqlite(db, "SELECT label_en FROM entities WHERE label_en IS NOT NULL")
        for half in ["Bio Yao", "National Ji", "Dujiaoshouqiye", "Gao New Area", "Xinda"] {
            #expect(!labels.contains(half), "\(half)")
        }
        let search = try KGBinary.run(["search", "innovent", "--db", db])
        #expect(search.status == 0)
        #expect(search.stdout.contains("信达生物"))
    }

    /// Every `kg query` example in the README's command table matches on the sample.
    @Test func readmeQueryExamplesAnswer() throws {
        let (folder, db) = try Self.built()
        defer { withExtendedLifetime(folder) {} }
        let readme = try String(contentsOf: KGBinary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let row = try #require(readme.split(separator: "\n").first { $0.hasPrefix("| `kg query 'PATTERN'`") })
        let examples = row.split(separator: "`").map(String.init).filter { $0.hasPrefix("'") && $0.hasSuffix("'") }
        #expect(examples.count >= 2)
        for example in examples {
            let r = try KGBinary.run(["query", String(example.dropFirst().dropLast()), "--db", db])
            #expect(r.status == 0, "\(example): \(r.stdout) \(r.stderr)")
        }
    }

    @Test func aMistypedCommandGetsADidYouMean() throws {
        let r = try KGBinary.run(["serach", "信达"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("did you mean 'search'?"), "\(r.stderr)")
        let help = try KGBinary.run(["help", "build"])
        // ArgumentParser wraps the help; the machine's core count must not follow the text.
        #expect(help.stdout.contains("all cores)") && !help.stdout.contains("all cores). (default:"), "\(help.stdout)")
        let (folder, db) = try Self.built()
        defer { withExtendedLifetime(folder) {} }
        let bad = try KGBinary.run(["query", "?a hosts", "--db", db])
        #expect(bad.stderr.contains("expected an object"), "\(bad.stderr)")
    }
}
