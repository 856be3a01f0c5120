import Foundation
import KGModel
import Testing

@testable import KGExport

@Suite struct DOTTests {
    static func dot(_ options: DOTOptions = DOTOptions(), _ reader: any GraphReader = Fixture.graph) throws -> String {
        try exported(DOTExporter(options: options), reader)
    }

    @Test func headerAvoidsTheKnownTraps() throws {
        let text = try Self.dot()
        #expect(!text.hasPrefix("\u{FEFF}"))
        #expect(Array(text.utf8.prefix(3)) != [0xEF, 0xBB, 0xBF])
        #expect(!text.lowercased().contains("strict"))
        #expect(text.contains("newrank=true"))
        #expect(text.contains("fontname=\"Noto Sans CJK SC\""))
        #expect(text.contains("charset=\"UTF-8\""))
    }

    @Test func nodeIdsComeFromEntityIds() throws {
        let text = try Self.dot()
        for e in Fixture.graph.entities { #expect(text.contains("\n  n\(e.id) [label="), "n\(e.id)") }
        #expect(text.contains("n3 -> n1 [label=\"holds position at\\n(董事长)\"]"))
        // Parallel edges stay (never strict): two edges from 张"三" to 华进半导体.
        #expect(text.components(separatedBy: "n3 -> n1 ").count == 3)
        #expect(text.contains("n4 -> n7 [label=\"cooperates with\", dir=none]"))
    }

    @Test func nodeIdsAreValidForAnyId() {
        #expect(DOTExporter.nodeID(42) == "n42")
        #expect(DOTExporter.nodeID(-42) == "m42")
        #expect(DOTExporter.nodeID(Int64.min) == "m9223372036854775808")
    }

    @Test(arguments: [
        ("张\"三\"", "\"张\\\"三\\\"\""), ("反斜杠\\公司", "\"反斜杠\\\\公司\""), ("无锡\n高新区", "\"无锡\\n高新区\""),
        ("&amp; 公司", "\"&amp;amp; 公司\""), ("<b>粗体</b>", "\"<b>粗体</b>\""), ("a\u{7}b\r", "\"ab\""),
    ])
    func escaping(raw: String, quoted: String) {
        #expect(DOTText.quote(raw, maxLength: 100) == quoted)
    }

    @Test(arguments: [DOTOptions.LabelLanguage.zh, .en, .both])
    func labelLanguages(language: DOTOptions.LabelLanguage) throws {
        let text = try Self.dot(DOTOptions(nodeLabels: language, edgeLabels: language == .both ? .zh : language))
        let node = text.split(separator: "\n").first { $0.hasPrefix("  n1 [") }.map(String.init) ?? ""
        switch language {
        case .zh: #expect(node.contains("label=\"华进半导体\""))
        case .en: #expect(node.contains("label=\"Huajin Semiconductor\""))
        case .both: #expect(node.contains("label=\"华进半导体\\nHuajin Semiconductor\""))
        }
        if language == .both { #expect(text.contains("n1 -> n2 [label=\"上市于\"]")) }
    }

    @Test func longLabelsAreCut() throws {
        var g = InMemoryGraph()
        g.entities = [GraphEntity(id: 1, key: "k", type: "Company", labelZh: String(repeating: "长", count: 20_000), labelEn: nil, aliases: [])]
        let text = try Self.dot(DOTOptions(maxLabelLength: 50, selection: GraphSelection(includeIsolated: true)), g)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("  n1 ") })
        #expect(line.contains(String(repeating: "长", count: 49) + "…\""))
        #expect(line.utf8.count < 400)
    }

    @Test func legendListsTheTypesDrawn() throws {
        let text = try Self.dot(DOTOptions(selection: GraphSelection(types: ["Person", "Company"])))
        let legend = try #require(text.split(separator: "\n").first { $0.hasPrefix("  legend [") })
        #expect(legend.contains(##"<TD BGCOLOR="#DCEBFA" COLOR="#3B6EA5">企业<BR/>company</TD>"##))
        #expect(legend.contains(##"<TD BGCOLOR="#FDE2E4" COLOR="#B23A48">人物<BR/>person</TD>"##))
        #expect(!text.contains("交易所"))
    }

    /// The legend is one node in every layout: sfdp ignores clusters and scattered a cluster's
    /// sample nodes among the graph.
    @Test(arguments: [DOTOptions.Layout.dot, .sfdp])
    func legendIsOneNodeWhateverTheLayout(layout: DOTOptions.Layout) throws {
        let text = try Self.dot(DOTOptions(layout: layout))
        #expect(!text.contains("subgraph"))
        #expect(text.components(separatedBy: "legend").count == 2, "one legend node, no sample nodes")
        #expect(text.contains("shape=plaintext"))
        #expect(text.contains("<B>图例 Legend</B>"))
    }

    /// `list=incomplete` says what it means; sfdp drawings keep edge labels to one line.
    @Test func listQualifierIsSpelledOutAndSfdpLabelsAreOneLine() throws {
        var g = Fixture.graph
        g.triples[0].qualifiers = [Qualifier("list", "incomplete")]
        let dot = try Self.dot(DOTOptions(layout: .dot), g)
        #expect(dot.contains(#"label="listed on\n(in a list ending 等, “and others”)""#))
        #expect(!dot.contains("(incomplete)"))
        let zh = try Self.dot(DOTOptions(edgeLabels: .zh, layout: .dot), g)
        #expect(zh.contains("列举以“等”结尾"))
        let sfdp = try Self.dot(DOTOptions(layout: .sfdp), g)
        #expect(sfdp.contains(#"n1 -> n2 [label="listed on"]"#))
    }

    @Test func layoutChosenBySizeAndOverridable() throws {
        #expect(try Self.dot().contains("layout=dot"))
        let many = Fixture.Generated(triples: 400)
        let report = try DOTExporter().write(many, to: TextSink())
        #expect(report.layout == .sfdp)
        #expect(try Self.dot(DOTOptions(layout: .sfdp)).contains("overlap=prism"))
        #expect(DOTOptions(layout: .dot).layout(forEdgeCount: 10_000) == .dot)
    }

    @Test func selectionByFocusAndDepth() throws {
        let one = try DOTExporter(options: DOTOptions(selection: GraphSelection(focus: "科创板", depth: 1)))
            .write(Fixture.graph, to: TextSink())
        #expect(one.selection.nodesKept == 2)
        #expect(one.selection.edgesKept == 1)
        let two = try DOTExporter(options: DOTOptions(selection: GraphSelection(focus: "STAR market", depth: 2)))
            .write(Fixture.graph, to: TextSink())
        // 科创板 → 华进半导体 → its four other neighbours
        #expect(two.selection.nodesKept == 6)
        #expect(two.selection.nodesOmitted == 5)
    }

    @Test func selectionByPredicateTypeAndDocument() throws {
        let byPredicate = try GraphSelection(predicates: ["locatedIn"]).resolve(Fixture.graph, vocabulary: .builtIn)
        #expect(byPredicate.triples == [4, 5])
        #expect(byPredicate.entities == [1, 5, 9])
        // An exchange is no Organization (schema/types.tsv): entity 2, 科创板, and its listing
        // triple stay out.
        let byType = try GraphSelection(types: ["Organization"]).resolve(Fixture.graph, vocabulary: .builtIn)
        #expect(byType.entities == [1, 4, 6, 7, 11])
        #expect(byType.triples == [7, 8, 10])
        let byDocument = try GraphSelection(document: "news/other doc.txt").resolve(Fixture.graph, vocabulary: .builtIn)
        #expect(byDocument.triples == [1])
    }

    @Test func maxNodesKeepsTheBestConnectedAndSaysSo() throws {
        let selected = try GraphSelection(maxNodes: 3).resolve(Fixture.graph, vocabulary: .builtIn)
        // 华进半导体 (6 edges), 无锡高新区 (3), then 张"三" (2, lowest id among ties)
        #expect(selected.entities == [1, 5, 3])
        #expect(selected.report.nodesOmitted == 8)
        let text = try Self.dot(DOTOptions(selection: GraphSelection(maxNodes: 3)))
        #expect(text.contains("省略 8 个实体"))
        #expect(text.hasPrefix("// kg graph: 3 entities, 3 triples (left out 8 entities and 7 triples)"))
    }

    @Test func missingGraphvizSaysHowToInstall() {
        let renderer = GraphvizRenderer(searchPath: ["/nonexistent"])
        #expect {
            _ = try renderer.render(input: URL(fileURLWithPath: "/x.dot"), output: URL(fileURLWithPath: "/x.svg"), format: .svg, layout: .dot, timeout: 1)
        } throws: { error in
            let d = error as? Diagnostic
            return d?.code.rawValue == "E020" && d?.hint?.contains("apt-get install graphviz") == true
        }
    }

    @Test func unknownNamesAreDiagnosed() {
        #expect(throws: Diagnostic.self) { try GraphSelection(focus: "没有这个").resolve(Fixture.graph, vocabulary: .builtIn) }
        #expect(throws: Diagnostic.self) { try GraphSelection(predicates: ["likes"]).resolve(Fixture.graph, vocabulary: .builtIn) }
        #expect(throws: Diagnostic.self) { try GraphSelection(types: ["PARKK"]).resolve(Fixture.graph, vocabulary: .builtIn) }
        #expect(throws: Diagnostic.self) { try GraphSelection(document: "nope.txt").resolve(Fixture.graph, vocabulary: .builtIn) }
    }
}

/// The DOT checked by real Graphviz.
@Suite(.enabled(if: Tools.dot != nil, Tools.dotMissing)) struct GraphvizTests {
    @Test(arguments: [DOTOptions.Layout.dot, .sfdp])
    func rendersWithoutWarningsAndKeepsHostileNames(layout: DOTOptions.Layout) throws {
        let url = try Tools.temporaryFile("g.dot", try exported(DOTExporter(options: DOTOptions(layout: layout))))
        let engine = try #require(layout == .dot ? Tools.dot : Tools.sfdp)
        let r = try #require(Tools.run(engine, ["-Tsvg", url.path]))
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty, "Graphviz warned: \(r.stderr)")
        // The SVG shows each name literally (XML-escaped by Graphviz): no entity decoded, no
        // backslash or quote lost, no HTML interpreted.
        for expected in [
            "张&quot;三&quot;", "反斜杠\\公司", ">无锡<", ">高新区<", "&lt;b&gt;粗体&lt;/b&gt;", "&amp;amp; 公司", "火箭 🚀 芯片",
            "{括号}集团", "&lt;b&gt;Bold&lt;/b&gt; &amp; {Braces}",
        ] {
            #expect(r.stdout.contains(expected), "SVG lacks \(expected)")
        }
    }

    @Test func cjkFontIsInstalled() throws {
        let fcList = try #require(Tools.run("/usr/bin/env", ["fc-list", ":lang=zh", "family"]))
        #expect(fcList.stdout.contains("Noto Sans CJK SC"), "install fonts-noto-cjk: a missing font still exits 0")
    }

    @Test func rendererWritesAFileAndReportsTime() throws {
        let dot = try Tools.temporaryFile("g.dot", try exported(DOTExporter()))
        let out = dot.deletingLastPathComponent().appendingPathComponent("g.png")
        let result = try GraphvizRenderer().render(input: dot, output: out, format: .png, layout: .dot, timeout: 60)
        let bytes = try Data(contentsOf: out)
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(result.seconds > 0 && result.seconds < 60)
    }

    @Test func rendererStopsAtTheTimeLimit() throws {
        let dot = try Tools.temporaryFile("big.dot", try exported(DOTExporter(options: DOTOptions(layout: .dot)), Fixture.Generated(triples: 3000)))
        let out = dot.deletingLastPathComponent().appendingPathComponent("big.svg")
        let started = Date()
        #expect {
            _ = try GraphvizRenderer().render(input: dot, output: out, format: .svg, layout: .dot, timeout: 0.5)
        } throws: { ($0 as? Diagnostic)?.code.rawValue == "E021" }
        #expect(Date().timeIntervalSince(started) < 10)
    }

}

@Suite struct DOTIsolatedEntityTests {
    @Test func unconnectedEntitiesAreLeftOutUnlessAsked() throws {
        var g = InMemoryGraph()
        g.entities = [
            GraphEntity(id: 1, key: "a", type: "Company", labelZh: "甲公司", labelEn: nil, aliases: []),
            GraphEntity(id: 2, key: "b", type: "Exchange", labelZh: "科创板", labelEn: nil, aliases: []),
            GraphEntity(id: 3, key: "c", type: "Place", labelZh: "孤立地点", labelEn: nil, aliases: []),
        ]
        g.triples = [GraphTriple(id: 1, subject: 1, predicate: "listedOn", object: 2, qualifiers: [], confidence: 0.9, evidenceCount: 1)]
        let sink = TextSink()
        let report = try DOTExporter().write(g, to: sink)
        #expect(!sink.text.contains("孤立地点"))
        #expect(report.selection.isolatedHidden == 1)
        #expect(report.selection.nodesOmitted == 0)
        let all = TextSink()
        try DOTExporter(options: DOTOptions(selection: GraphSelection(includeIsolated: true))).export(g, to: all)
        #expect(all.text.contains("孤立地点"))
    }
}

/// Confidences are printed without binary noise in every format that carries them.
@Suite struct ConfidenceTextTests {
    @Test func aProductOfWeightsPrintsAsItsDecimal() throws {
        var g = Fixture.graph
        let noisy = 0.8 * 0.9
        #expect("\(noisy)" == "0.7200000000000001")
        g.triples[0].confidence = noisy
        g.evidence[0].confidence = noisy
        let nt = try exported(NTriplesExporter(vocabulary: .builtIn, quads: false), g)
        #expect(nt.contains(#""0.72"^^<http://www.w3.org/2001/XMLSchema#double>"#))
        #expect(!nt.contains("0.7200000000000001"))
        let csv = try exported(CSVExporter(table: .edges), g)
        #expect(csv.contains(",0.72,"))
        #expect(!csv.contains("0.7200000000000001"))
        #expect(DecimalText.of(1e-7) == "1e-07")
        #expect(DecimalText.of(0.1 + 0.2) == "0.3")
    }
}
