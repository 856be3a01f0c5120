import KGModel
import KGStore
import Testing

@testable import KGQuery

@Suite struct TraversalTests {
    let query: GraphQuery

    init() throws {
        query = GraphQuery(store: try Q.makeStore())
    }

    func describe(_ edges: [NeighborEdge]) -> [String] {
        edges.map { "\($0.depth) \($0.edge.subject.labelZh) \($0.edge.predicate) \($0.edge.object.labelZh)" }
    }

    @Test func neighborsOneHopBothDirections() throws {
        #expect(
            describe(try query.neighbors(of: "星河科技"))
                == ["1 张明 founderOf 星河科技", "1 星河科技 listedOn 科创板", "1 湖畔科学城 introduced 星河科技"])
    }

    @Test func neighborsTwoHopsReportEachEdgeOnceAtItsNearestDepth() throws {
        #expect(
            describe(try query.neighbors(of: "星河科技", options: NeighborOptions(depth: 2)))
                == [
                    "1 张明 founderOf 星河科技", "1 星河科技 listedOn 科创板", "1 湖畔科学城 introduced 星河科技",
                    "2 北辰生物 listedOn 科创板", "2 湖畔科学城 introduced 北辰生物",
                ])
        let three = try query.neighbors(of: "星河科技", options: NeighborOptions(depth: 3))
        #expect(three.filter { $0.depth == 3 }.count == 2, "\(describe(three))")
        #expect(Set(three.map(\.edge.tripleID)).count == three.count)
    }

    @Test func neighborsStopAtTheLimitNearestFirstAndSaySo() throws {
        let all = try query.neighborPage(of: "星河科技", options: NeighborOptions(depth: 2))
        #expect(all.edges.count == 5 && !all.truncated)
        #expect(try !query.neighborPage(of: "星河科技", options: NeighborOptions(depth: 2, limit: 5)).truncated)
        // The limit falls inside depth 2: every depth-1 edge comes first, then one of depth 2.
        let four = try query.neighborPage(of: "星河科技", options: NeighborOptions(depth: 2, limit: 4))
        #expect(four.truncated)
        #expect(four.edges.map(\.depth) == [1, 1, 1, 2])
        #expect(Array(describe(four.edges).prefix(3)) == Array(describe(all.edges).prefix(3)))
        #expect(describe(all.edges).contains(describe(four.edges)[3]))
        // Exactly the depth-1 edges fit: the edges one level further still make it truncated.
        let three = try query.neighborPage(of: "星河科技", options: NeighborOptions(depth: 2, limit: 3))
        #expect(three.truncated && three.edges.map(\.depth) == [1, 1, 1])
        let two = try query.neighborPage(of: "星河科技", options: NeighborOptions(depth: 3, limit: 2))
        #expect(two.truncated && two.edges.count == 2 && two.edges.allSatisfy { $0.depth == 1 })
        #expect(try query.neighbors(of: "星河科技", options: NeighborOptions(depth: 2, limit: 4)) == four.edges)
        // The temporary tables start empty on every call.
        #expect(try query.neighborPage(of: "星河科技", options: NeighborOptions(depth: 2)) == all)
    }

    @Test func neighborsFilterPredicatesAndTypes() throws {
        #expect(
            describe(try query.neighbors(of: "星河科技", options: NeighborOptions(depth: 3, predicates: ["listedOn"])))
                == ["1 星河科技 listedOn 科创板", "2 北辰生物 listedOn 科创板"])
        // Only step onto companies: the zone and the exchange are not crossed.
        #expect(
            describe(try query.neighbors(of: "湖畔科学城", options: NeighborOptions(depth: 3, types: ["Company"])))
                == ["1 湖畔科学城 introduced 北辰生物", "1 湖畔科学城 introduced 星河科技", "2 星河资本 investsIn 北辰生物"])
        #expect(diagnostic { _ = try query.neighbors(of: "星河科技", options: NeighborOptions(depth: 9)) }?.code.rawValue == "Q020")
        #expect(diagnostic { _ = try query.predicateIDs(["listedAt"]) }?.code.rawValue == "Q003")
        #expect(try query.predicateIDs(["上市于", "Founder Of"]) == ["listedOn", "founderOf"])
        #expect(try query.typeIDs(["企业", "zone"]) == ["Company", "Zone"])
    }

    @Test func shortestPathFollowsEdgesEitherWay() throws {
        let paths = try query.paths(from: "张明", to: "湖畔科学城")
        #expect(paths.map(\.description) == ["张明 -founderOf-> 星河科技 <-introduced- 湖畔科学城"])
        #expect(paths[0].hops.map(\.forward) == [true, false])
        let back = try query.paths(from: "湖畔科学城", to: "张明")
        #expect(back.map(\.description) == ["湖畔科学城 -introduced-> 星河科技 <-founderOf- 张明"])
    }

    @Test func allShortestPathsAndTheDepthBound() throws {
        let all = try query.paths(from: "张明", to: "江南大学", options: PathOptions(maxDepth: 4, all: true))
        #expect(
            Set(all.map(\.description)) == [
                "张明 -founderOf-> 星河科技 -listedOn-> 科创板 <-listedOn- 北辰生物 <-cooperatesWith- 江南大学",
                "张明 -founderOf-> 星河科技 <-introduced- 湖畔科学城 -introduced-> 北辰生物 <-cooperatesWith- 江南大学",
            ])
        #expect(try query.paths(from: "张明", to: "江南大学", options: PathOptions(maxDepth: 4)).count == 1)
        #expect(try query.paths(from: "张明", to: "江南大学", options: PathOptions(maxDepth: 3)).isEmpty)
        #expect(
            try query.paths(from: "张明", to: "江南大学", options: PathOptions(maxDepth: 6, predicates: ["founderOf", "listedOn"]))
                .isEmpty)
        // Run twice: the temporary visit table starts empty each time.
        #expect(try query.paths(from: "东湖园区", to: "星河资本").map(\.length) == [3])
        #expect(try query.paths(from: "东湖园区", to: "星河资本").map(\.length) == [3])
        #expect(diagnostic { _ = try query.paths(from: "张明", to: "东湖园区", options: PathOptions(maxDepth: 0)) }?.code.rawValue == "Q021")
    }

    @Test func shortestPathsThroughAHub() throws {
        // 科创板 lists forty companies; the search meets at it without recording all of them.
        let companies = (1...40).map {
            EntityDescriptor(key: .name(normalized: "公司\($0)"), type: "Company", labelZh: "公司\(String(format: "%02d", $0))")
        }
        var sentences: [(String, [Q.Fact])] = companies.map { ("\($0.labelZh)在科创板上市。", [($0, "listedOn", Q.star, [])]) }
        sentences.append(("张明创办了公司01和公司02。", [(Q.zhang, "founderOf", companies[0], []), (Q.zhang, "founderOf", companies[1], [])]))
        let hub = GraphQuery(store: try Q.makeStore([(path: "news/hub.txt", sentences: sentences)]))
        let all = try hub.paths(from: "张明", to: "公司40", options: PathOptions(all: true))
        #expect(
            Set(all.map(\.description)) == [
                "张明 -founderOf-> 公司01 -listedOn-> 科创板 <-listedOn- 公司40",
                "张明 -founderOf-> 公司02 -listedOn-> 科创板 <-listedOn- 公司40",
            ])
        #expect(try hub.paths(from: "公司40", to: "张明").map(\.length) == [3])
        #expect(try hub.paths(from: "公司39", to: "公司40").map(\.description) == ["公司39 -listedOn-> 科创板 <-listedOn- 公司40"])
        #expect(try hub.paths(from: "张明", to: "公司40", options: PathOptions(maxDepth: 2)).isEmpty)
        #expect(try hub.paths(from: "张明", to: "公司40", options: PathOptions(predicates: ["founderOf"])).isEmpty)
        // The probe reads only indexes: the temporary table outside, the triple indexes inside.
        try hub.prepareVisitTable()
        for count in [0, 1] {
            let steps = try plan(
                hub.store, GraphQuery.probeSQL(predicateCount: count),
                [.integer(0), .integer(1)] + Array(repeating: .text("listedOn"), count: count * 2))
            #expect(!steps.contains { $0.hasPrefix("SCAN t") }, "\(steps)")
            #expect(steps.filter { $0.hasPrefix("SEARCH t") }.count == 2, "\(steps)")
        }
    }

    @Test func entityDetails() throws {
        let details = try query.details(of: "星河")
        #expect(details.entity.labelZh == "星河科技")
        #expect(details.aliases == ["星河"])
        #expect(details.typePath == ["Company", "Organization"])
        #expect(details.outDegree == 1)
        #expect(details.inDegree == 2)
        #expect(details.predicates.map { "\($0.predicate)\($0.outgoing ? ">" : "<")\($0.count)" } == ["founderOf<1", "introduced<1", "listedOn>1"])
        #expect(details.documents == [DocumentMentions(path: "news/one.txt", title: "标题 news/one.txt", mentions: 3, evidence: 3)])
        #expect(details.table.rows.first == [.text("label_zh"), .text("星河科技")])
    }

    @Test func entityDetailsListAtMostTheDocumentLimitWithTheTotal() throws {
        // 科创板 has one listing (one mention, one evidence row) in each document: a tie, which
        // the older document wins.
        let full = try query.details(of: "科创板")
        #expect(full.documentCount == 2)
        #expect(full.documents.map(\.path) == ["news/one.txt", "news/two.txt"])
        #expect(!full.table.rows.contains { $0.first == .text("documents") })
        let one = try query.details(of: "科创板", documentLimit: 1)
        #expect(one.documentCount == 2)
        #expect(one.documents == [full.documents[0]])
        #expect(one.table.rows.contains([.text("documents"), .text("1 of 2 shown (most evidence first)")]))
        // 北辰生物 has more evidence in news/two.txt (three triples) than in news/one.txt (one).
        let beichen = try query.details(of: "北辰生物", documentLimit: 1)
        #expect(beichen.documentCount == 2)
        #expect(beichen.documents.map(\.path) == ["news/two.txt"])
        #expect(beichen.documents.first?.evidence == 3)
        let none = try query.details(of: "北辰生物", documentLimit: 0)
        #expect(none.documents.isEmpty && none.documentCount == 2)
    }

    @Test func searchRanksExactThenPrefixThenSubstringShorterFirst() throws {
        #expect(try query.search("星").map(\.matched) == ["星河", "星河资本"])
        #expect(try query.search("星").map(\.entity.labelZh) == ["星河科技", "星河资本"])
        #expect(try query.search("星河").map { "\($0.entity.labelZh) \($0.match)" } == ["星河科技 exact", "星河资本 prefix"])
        #expect(try query.search("园区").map { "\($0.entity.labelZh) \($0.match)" } == ["东湖园区 exact", "湖畔科学城 exact"])
        #expect(try query.search("科").map(\.entity.labelZh) == ["科创板", "湖畔科学城", "星河科技"])
        #expect(try query.search("bio").map { "\($0.matched) \($0.match)" } == ["Beichen Bio substring"])
        #expect(try query.search("  ").isEmpty)
        #expect(try query.search("纳斯达克").isEmpty)
        #expect(try query.search("科", limit: 1).count == 1)
    }

    @Test func unknownNamesSuggestSimilarOnes() throws {
        let error = diagnostic { _ = try query.neighbors(of: "星河科") }
        #expect(error?.code.rawValue == "Q011")
        #expect(error?.hint == "did you mean 星河科技?")
    }

    @Test func whyShowsTheEvidence() throws {
        let records = try query.why(subject: "星河科技", predicate: "listedOn", object: "科创板")
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.documentPath == "news/one.txt")
        #expect(record.evidence.sentenceText == "星河科技登陆科创板。")
        #expect(record.evidence.subjectSpan == TextSpan(0, 4))
        #expect(record.evidence.objectSpan == TextSpan(6, 9))
        #expect(record.evidence.ruleID == "rule-listedOn")
        let founder = try query.why(subject: "张明", predicate: "?", object: "星河")
        #expect(founder.map(\.predicate) == ["founderOf"])
        #expect(founder.first?.evidence.qualifiers == [Qualifier("role", "创始人")])
        #expect(founder.table.rows.first?.last == .text("role=创始人"))
        #expect(try query.why(subject: "科创板", predicate: "listedOn", object: "星河科技").isEmpty)
        // cooperatesWith is symmetric: asked either way round, the stored triple answers.
        let cooperation = try query.why(subject: "北辰生物", predicate: "cooperatesWith", object: "江南大学")
        #expect(cooperation.map { "\($0.subject.labelZh) \($0.predicate) \($0.object.labelZh)" } == ["江南大学 cooperatesWith 北辰生物"])
        #expect(try query.why(subject: "北辰生物", predicate: "?", object: "江南大学").count == 1)
        #expect(try query.why(subject: "北辰生物", predicate: "?", object: "星河资本").isEmpty)
    }

    @Test func traversalsUseTheIndexes() throws {
        let start = try query.resolve("星河科技").id
        let filters = [
            NeighborOptions(depth: 3), NeighborOptions(depth: 2, predicates: ["listedOn", "introduced"]),
            NeighborOptions(depth: 2, types: ["Company"]),
        ]
        // Each level of a traversal is one statement over the temporary tables.
        try query.prepareNeighborTables()
        for options in filters {
            let compiled = try query.compileNeighbors(of: start, options: options)
            let steps = try plan(query.store, compiled.sql, [.integer(start), .integer(0), .integer(10)] + compiled.parameters)
            #expect(!steps.contains { $0.hasPrefix("SCAN t") }, "\(options): \(steps)")
            #expect(steps.filter { $0.hasPrefix("SEARCH t") }.count >= 2, "\(options): \(steps)")
        }
        for sql in [GraphQuery.reachSQL, GraphQuery.edgeListSQL] {
            let steps = try plan(query.store, sql, [.integer(1)])
            #expect(!steps.contains { $0.hasPrefix("SCAN t") }, "\(steps)")
            #expect(steps.contains { $0.hasPrefix("SEARCH t") }, "\(steps)")
        }
        try query.prepareVisitTable()
        for count in [0, 2] {
            let steps = try plan(
                query.store, GraphQuery.expandSQL(predicateCount: count),
                [.integer(0), .integer(1)] + Array(repeating: .text("listedOn"), count: count * 2))
            #expect(!steps.contains { $0.hasPrefix("SCAN t") }, "\(steps)")
            #expect(steps.filter { $0.hasPrefix("SEARCH t") }.count == 2, "\(steps)")
        }
        let lookups = [
            "SELECT \(GraphQuery.entityColumns) FROM entities e WHERE e.label_zh = '星河科技'",
            "SELECT \(GraphQuery.entityColumns) FROM entities e WHERE e.label_en = 'star market' COLLATE NOCASE",
            "SELECT entity_id FROM aliases WHERE alias = '星河'",
        ]
        for sql in lookups {
            let steps = try plan(query.store, sql, [])
            #expect(!steps.contains { $0.hasPrefix("SCAN") }, "\(sql): \(steps)")
        }
    }
}

@Suite struct PinyinLookupTests {
    @Test func namesResolveByPinyin() throws {
        let query = GraphQuery(store: try Q.makeStore())
        #expect(try query.resolve("Hupan Kexuecheng").labelZh == "湖畔科学城")
        #expect(try query.resolve("xīnghé kējì").labelZh == "星河科技")
        #expect(try query.query("?c listedOn kechuangban").rows.count == 2)
        #expect(try query.search("xinghe").map { "\($0.entity.labelZh) \($0.match)" } == ["星河科技 prefix", "星河资本 prefix"])
        #expect(try query.search("beichenshengwu").map { "\($0.entity.labelZh) \($0.match)" } == ["北辰生物 exact"])
    }
}
