import KGModel
import KGStore
import Testing

@testable import KGQuery

@Suite struct PatternQueryTests {
    let query: GraphQuery

    init() throws {
        query = GraphQuery(store: try Q.makeStore())
    }

    func labels(_ pattern: String) throws -> [[String]] {
        try query.query(pattern).rows.map { $0.map(\.description) }
    }

    @Test func oneTriplePatterns() throws {
        #expect(try labels("?c listedOn 科创板") == [["北辰生物"], ["星河科技"]])
        #expect(try labels("湖畔科学城 introduced ?x") == [["北辰生物"], ["星河科技"]])
        #expect(try labels("?x founderOf 星河科技") == [["张明"]])
        #expect(try query.query("?c listedOn 科创板").variables.map(\.name) == ["c"])
    }

    @Test func aJoinOfTwoPatterns() throws {
        let matches = try query.query("?zone introduced ?c . ?c:Company listedOn ?board")
        #expect(matches.table.columns == ["zone", "c", "board"])
        #expect(matches.rows.map { $0.map(\.description) } == [["湖畔科学城", "北辰生物", "科创板"], ["湖畔科学城", "星河科技", "科创板"]])
        // A trailing full stop and the Chinese one are separators too.
        #expect(try labels("?zone introduced ?c。?c listedOn ?board.") == matches.rows.map { $0.map(\.description) })
    }

    @Test func namesByLabelEnglishLabelAliasKeyAndID() throws {
        let expected = [["北辰生物"], ["星河科技"]]
        #expect(try labels("?c listedOn \"star market\"") == expected)
        #expect(try labels("?c listedOn “STAR Market”") == expected)
        #expect(try labels("科学城 introduced ?c") == expected)
        #expect(try labels("\"lex:lake\" introduced ?c") == expected, "a key holds a colon, so it is quoted")
        let id = try query.resolve("湖畔科学城").id
        #expect(try labels("#\(id) introduced ?c") == expected)
        #expect(try labels("?c listedOn 科创板 . ?c investsIn|founderOf ?x") == [])
        #expect(try labels("?x investsIn|founderOf ?c") == [["张明", "星河科技"], ["星河资本", "北辰生物"]])
    }

    @Test func predicatesByLabelAndVariable() throws {
        #expect(try labels("?c 上市于 科创板") == [["北辰生物"], ["星河科技"]])
        #expect(try labels("?c 'listed on' 科创板".replacingOccurrences(of: "'", with: "\"")) == [["北辰生物"], ["星河科技"]])
        #expect(try labels("张明 ?p ?o") == [["founderOf", "星河科技"]])
        #expect(try labels("北辰生物 ?p ?o") == [["cooperatesWith", "江南大学"], ["listedOn", "科创板"]])
        #expect(try labels("?s ?p 北辰生物") == [["星河资本", "investsIn"], ["江南大学", "cooperatesWith"], ["湖畔科学城", "introduced"]])
    }

    @Test func symmetricPredicatesMatchEitherWayRound() throws {
        // Stored as 江南大学 cooperatesWith 北辰生物.
        #expect(try labels("北辰生物 cooperatesWith ?x") == [["江南大学"]])
        #expect(try labels("?x cooperatesWith 北辰生物") == [["江南大学"]])
        #expect(try labels("?a cooperatesWith ?b") == [["北辰生物", "江南大学"], ["江南大学", "北辰生物"]])
        #expect(try labels("北辰生物 ?p 江南大学") == [["cooperatesWith"]])
        #expect(try labels("北辰生物 listedOn|cooperatesWith ?x") == [["江南大学"], ["科创板"]])
        // Not symmetric: no swap.
        #expect(try labels("科创板 listedOn ?x") == [])
    }

    @Test func typeConstraintsIncludeSubtypes() throws {
        #expect(try labels("?o:Organization listedOn ?b") == [["北辰生物", "科创板"], ["星河科技", "科创板"]])
        #expect(try labels("?o:University listedOn ?b") == [])
        #expect(try labels("?p:Person ?r ?c:Company") == [["张明", "founderOf", "星河科技"]])
        // A type on a name picks among entities sharing a name.
        #expect(try labels("星河:Company listedOn ?b") == [["科创板"]])
        #expect(diagnostic { _ = try query.query("星河:Person listedOn ?b") }?.code.rawValue == "Q011")
    }

    @Test func ambiguousNamesAreListedNotGuessed() throws {
        let error = diagnostic { _ = try query.query("园区 hosts ?x") }
        #expect(error?.code.rawValue == "Q010")
        #expect(error?.location?.column == 1)
        #expect(error?.message.contains("湖畔科学城") == true)
        #expect(error?.message.contains("东湖园区") == true)
        // A type does not help here (both are zones), an id does.
        #expect(diagnostic { _ = try query.query("园区:Zone hosts ?x") }?.code.rawValue == "Q010")
        #expect(try labels("东湖园区 hosts ?x") == [["江南大学"]])
    }

    @Test func limitsAreReported() throws {
        let matches = try query.query("?s ?p ?o", limit: 3)
        #expect(matches.rows.count == 3)
        #expect(matches.truncated)
        // 8 stored triples, one of them symmetric and so matched both ways round.
        #expect(try query.query("?s ?p ?o", limit: 9).rows.count == 9)
        #expect(try !query.query("?s ?p ?o", limit: 9).truncated)
    }

    @Test(arguments: [
        ("?c listedOnn 科创板", "Q003", 4, "did you mean listedOn?"),
        ("?c:Compny listedOn ?b", "Q004", 4, nil),
        ("?c listedOn", "Q002", 12, nil),
        ("?c listedOn \"科创板", "Q005", 13, nil),
        ("?c listedOn 纳斯达克", "Q011", 13, nil),
        ("", "Q001", 1, nil),
        ("星河科技 listedOn 科创板", "Q007", 1, nil),
        ("?p listedOn ?x . ?a ?p ?b", "Q006", 21, nil),
        ("?c listedOn 科创板 ?d", "Q002", 17, nil),
        ("? listedOn 科创板", "Q002", 1, nil),
    ] as [(String, String, Int, String?)])
    func patternErrorsPointAtTheColumn(pattern: String, code: String, column: Int, hint: String?) throws {
        let error = try #require(diagnostic { _ = try query.query(pattern) })
        #expect(error.code.rawValue == code, "\(error.rendered)")
        #expect(error.location?.column == column, "\(error.rendered)")
        if let hint { #expect(error.hint?.hasPrefix(hint) == true, "\(error.rendered)") }
    }

    @Test func theCaretLandsUnderTheChineseName() throws {
        let error = try #require(diagnostic { _ = try query.query("?c listedOn 纳斯达克") })
        let lines = error.rendered.split(separator: "\n").map(String.init)
        // "?c listedOn " is 12 columns wide.
        #expect(lines.contains("  | " + String(repeating: " ", count: 12) + "^"), "\(error.rendered)")
    }

    @Test func commonShapesUseTheIndexes() throws {
        let shapes = [
            "?c listedOn 科创板", "星河科技 ?p ?o", "?x ?p 星河科技", "?x introduced 星河科技",
            "?zone introduced ?c . ?c:Company listedOn ?board", "?c:Company listedOn ?b",
            "?c listedOn 科创板 . ?c ?p ?x", "北辰生物 cooperatesWith ?x",
        ]
        for shape in shapes {
            let compiled = try query.compile(try PatternParser(vocabulary: .builtIn).parse(shape), limit: 10)
            let steps = try plan(query.store, compiled.sql, compiled.parameters)
            let scans = steps.filter { $0.hasPrefix("SCAN t") }
            #expect(scans.isEmpty, "\(shape): \(steps)")
            #expect(steps.contains { $0.hasPrefix("SEARCH t") }, "\(shape): \(steps)")
            // With a name in the pattern, no join should start from all triples of a predicate.
            if shape.contains("科创板") || shape.contains("星河科技") || shape.contains("北辰生物") {
                #expect(!steps.contains { $0.hasSuffix("(predicate=?)") }, "\(shape): \(steps)")
            }
        }
    }
}
