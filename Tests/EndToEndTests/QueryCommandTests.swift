import Foundation
import Testing

/// The query side of the CLI on a small store built from news-like sentences (not the sample):
/// patterns, neighbours, paths, entities, search, evidence, output formats and exit codes.
@Suite(.serialized) struct QueryCommandTests {
    /// Builds the store once per test; it takes well under a second.
    static func store() throws -> (TempFolder, String) {
        let tmp = try TempFolder()
        let file = try tmp.write(
            "news.txt",
            """
            深圳某某科技有限公司于2020年在科创板上市。
            张江高科技园区引进了华为技术有限公司、中芯国际集成电路制造有限公司等企业。
            华为技术有限公司与清华大学签署战略合作协议。
            腾讯控股有限公司收购了北京搜狗科技发展有限公司。
            """)
        let db = tmp.path("g.sqlite")
        let r = try KGBinary.run(["build", file, "--db", db, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        return (tmp, db)
    }

    @Test func patternJoinAsTSV() throws {
        let (folder, db) = try Self.store()
        defer { withExtendedLifetime(folder) {} }
        let r = try KGBinary.run(["query", "--db", db, "?z introduced ?c . ?c cooperatesWith ?u", "--format", "tsv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "z\tc\tu\n张江高科技园区\t华为技术有限公司\t清华大学\n")
    }

    @Test func noMatchExitsOneAndBadPatternPointsAtTheColumn() throws {
        let (folder, db) = try Self.store()
        defer { withExtendedLifetime(folder) {} }
        let none = try KGBinary.run(["query", "--db", db, "?c acquires 清华大学"])
        #expect(none.status == 1)
        let bad = try KGBinary.run(["query", "--db", db, "?c listedOn"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("<pattern>:1:12: error[Q"))
        #expect(bad.stderr.contains("^"))
    }

    @Test func neighborsAsJSON() throws {
        let (folder, db) = try Self.store()
        defer { withExtendedLifetime(folder) {} }
        let r = try KGBinary.run(["neighbors", "--db", db, "华为技术有限公司", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
        let objects = Set(rows.compactMap { $0["object"] as? String })
        #expect(objects == ["清华大学", "华为技术有限公司"])
    }

    @Test func pathFollowsEdgesEitherWay() throws {
        let (folder, db) = try Self.store()
        defer { withExtendedLifetime(folder) {} }
        let r = try KGBinary.run(["path", "--db", db, "清华大学", "张江高科技园区", "--format", "tsv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("cooperatesWith"))
        #expect(r.stdout.contains("introduced"))
    }

    @Test func whyShowsTheSentence() throws {
        let (folder, db) = try Self.store()
        defer { withExtendedLifetime(folder) {} }
        let r = try KGBinary.run(["why", "--db", db, "腾讯控股有限公司", "acquires", "北京搜狗科技发展有限公司", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("腾讯控股有限公司收购了北京搜狗科技发展有限公司。"))
    }

    @Test func searchAndEntityFindShortChineseNames() throws {
        let (folder, db) = try Self.store()
        defer { withExtendedLifetime(folder) {} }
        let search = try KGBinary.run(["search", "--db", db, "清华", "--format", "tsv"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("清华大学"))
        let entity = try KGBinary.run(["entity", "--db", db, "清华大学"])
        #expect(entity.status == 0, "\(entity.stderr)")
        #expect(entity.stdout.contains("University"))
    }

    @Test func missingStoreSaysHowToBuildOne() throws {
        let tmp = try TempFolder()
        let r = try KGBinary.run(["query", "--db", tmp.path("none.sqlite"), "?a hosts ?b"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("S005"))
        #expect(r.stderr.contains("kg build"))
        #expect(!FileManager.default.fileExists(atPath: tmp.path("none.sqlite")))
    }

    @Test func exportAndRenderFromTheCommandLine() throws {
        let (tmp, db) = try Self.store()
        let nq = try KGBinary.run(["export", "--db", db, "--format", "nquads"])
        #expect(nq.status == 0, "\(nq.stderr)")
        #expect(nq.stdout.contains("#acquires>"))
        let dotFile = tmp.path("g.dot")
        #expect(try KGBinary.run(["export", "--db", db, "--format", "dot", "--output", dotFile]).status == 0)
        let dot = try String(contentsOfFile: dotFile, encoding: .utf8)
        #expect(dot.hasPrefix("// kg graph"))
        // The whole graph is drawn from the store's connected entities (streamed, not collected):
        // one node per entity that some triple touches, none for entities only mentioned.
        let connected = try sqlite(
            db, "SELECT count(*) FROM entities e WHERE EXISTS (SELECT 1 FROM triples t WHERE t.subject = e.id OR t.object = e.id)")
        let nodes = dot.split(separator: "\n").filter { $0.hasPrefix("  n") && $0.dropFirst(3).first?.isNumber == true && !$0.contains("->") }.count
        #expect(String(nodes) == connected)
        #expect(try sqlite(db, "SELECT count(*) FROM entities") != connected, "the fixture has unconnected entities")
        guard FileManager.default.fileExists(atPath: "/usr/bin/dot") else { return }
        let svg = tmp.path("g.svg")
        let render = try KGBinary.run(["render", "--db", db, "--format", "svg", "--output", svg])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("清华大学"))
    }

    @Test func helpTeachesTheCommandsAndExitCodes() throws {
        let r = try KGBinary.run(["--help"])
        #expect(r.status == 0)
        for command in ["build", "query", "neighbors", "path", "entity", "search", "why", "export", "render", "rules", "explain"] {
            #expect(r.stdout.contains("  \(command)"), "\(command)")
        }
        #expect(r.stdout.contains("Exit status"))
    }
}
