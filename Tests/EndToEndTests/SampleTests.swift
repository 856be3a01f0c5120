import Foundation
import Testing

/// The README's first command on the sample article: documents, sentences and metadata right,
/// no page furniture stored, exports written beside the store.
@Suite(.serialized) struct SampleTests {
    static let sample = KGBinary.packageRoot.appendingPathComponent("samples/sample-article-jiangsu-hitech-zones.txt")

    @Test func defaultBuildWritesStoreAndExportsIntoOut() throws {
        let tmp = try TempFolder()
        try FileManager.default.createDirectory(at: tmp.url.appendingPathComponent("samples"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.sample, to: tmp.url.appendingPathComponent("samples/" + Self.sample.lastPathComponent))
        let r = try KGBinary.run(["build"], in: tmp.url)
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["graph.sqlite", "graph.dot", "graph.jsonld"] {
            #expect(FileManager.default.fileExists(atPath: tmp.path("out/\(name)")), "\(name)")
        }
        #expect(r.stdout.contains("1 document written"))

        let db = tmp.path("out/graph.sqlite")
        #expect(try sqlite(db, "SELECT title FROM documents") == "江苏为培育新质生产力厚植创新沃土 立足高新区,做强创新型产业集群")
        #expect(try sqlite(db, "SELECT published FROM documents") == "2023-12-31T15:58:36")
        #expect(try sqlite(db, "SELECT source FROM documents") == "新江苏客户端·中国江苏网")
        #expect(try sqlite(db, "SELECT authors FROM documents") == #"["蔡姝雯","张宣","杨易臻","张琳"]"#)
        let sentences = Int(try sqlite(db, "SELECT count(*) FROM sentences")) ?? 0
        #expect(sentences > 40)
        for furniture in ["新江南网", "xjnnet", "江南第一", "门户网站", "条评论", "声明"] {
            #expect(try sqlite(db, "SELECT count(*) FROM sentences WHERE text LIKE '%\(furniture)%'") == "0", "\(furniture)")
        }
        // Offsets point into the stored text: substr() counts characters as kg does.
        #expect(
            try sqlite(db, "SELECT count(*) FROM sentences s JOIN documents d ON d.id = s.document_id "
                + "WHERE substr(d.text, s.start + 1, s.end - s.start) <> s.text") == "0")

        // A second build of the same input changes nothing.
        let again = try KGBinary.run(["build"], in: tmp.url)
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 documents written, 1 unchanged"))
    }

    @Test func changedDocumentReplacesItsAssertions() throws {
        let tmp = try TempFolder()
        let file = try tmp.write("news.txt", "深圳高新区拥有腾讯、华为等一批龙头企业。")
        let db = tmp.path("g.sqlite")
        #expect(try KGBinary.run(["build", file, "--db", db, "-q"]).status == 0)
        let before = try sqlite(db, "SELECT count(*) FROM sentences")
        try tmp.write("news.txt", "深圳高新区拥有腾讯等企业。北京大学位于北京。")
        let r = try KGBinary.run(["build", file, "--db", db])
        #expect(r.status == 0)
        #expect(r.stdout.contains("1 document written"))
        #expect(before == "1")
        #expect(try sqlite(db, "SELECT count(*) FROM sentences") == "2")
        #expect(try sqlite(db, "SELECT count(*) FROM documents") == "1")
        #expect(try sqlite(db, "SELECT count(*) FROM triples t WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.triple_id = t.id)") == "0")
    }
}

/// The query issue's examples on the sample's graph.
@Suite(.serialized) struct SampleQueryTests {
    @Test func theQueryIssueExamplesOnTheSample() throws {
        let tmp = try TempFolder()
        let db = tmp.path("g.sqlite")
        let build = try KGBinary.run(["build", SampleTests.sample.path, "--db", db, "-q"])
        #expect(build.status == 0, "\(build.stderr)")

        let listed = try KGBinary.run(["query", "--db", db, "?c listedOn 港股18A", "--format", "tsv"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(Set(listed.stdout.split(separator: "\n").dropFirst()) == ["信达生物", "康宁杰瑞"])

        let introduced = try KGBinary.run(["query", "--db", db, "苏州工业园区 introduced ?x", "--format", "tsv"])
        let names = Set(introduced.stdout.split(separator: "\n").dropFirst().map(String.init))
        for name in ["中国科学院药物所", "哈佛大学", "牛津大学"] { #expect(names.contains(name), "\(name)") }

        let path = try KGBinary.run(["path", "--db", db, "陈东", "苏州工业园区", "--format", "tsv"])
        #expect(path.status == 0, "\(path.stderr)")
        #expect(path.stdout.contains("founderOf"))

        let why = try KGBinary.run(["why", "--db", db, "信达生物", "listedOn", "港股18A", "--format", "tsv"])
        #expect(why.status == 0)
        #expect(why.stdout.contains("信达生物、康宁杰瑞等一批企业成功上市"))
    }
}
