import Foundation
import KGModel
import Testing

@testable import KGExport

/// GraphML as NetworkX reads it: every entity a node with its labels and type, every triple an
/// edge (parallel ones kept), hostile names intact.
@Suite struct GraphMLTests {
    /// A Python that has NetworkX (the test command installs it in .venv).
    static let python: String? = {
        guard let python = Tools.python, let r = Tools.run(python, ["-c", "import networkx"]), r.status == 0 else { return nil }
        return python
    }()

    static let script = #"""
        import json, sys, networkx as nx
        g = nx.read_graphml(sys.argv[1])
        print(json.dumps({
            "directed": g.is_directed(), "multigraph": g.is_multigraph(),
            "nodes": {n: d for n, d in g.nodes(data=True)},
            "edges": sorted([s, t, d["predicate"], d["label"], d["confidence"], d["evidence_count"], d.get("qualifiers", "")]
                            for s, t, d in g.edges(data=True)),
        }, ensure_ascii=False))
        """#

    @Test(.enabled(if: GraphMLTests.python != nil, "skipped: no Python with networkx at KG_PYTHON (the test command installs it)"))
    func networkXReadsEveryNodeAndEdge() throws {
        var g = Fixture.graph
        // A second triple between the same two entities: a parallel edge NetworkX must keep.
        g.triples.append(GraphTriple(id: 11, subject: 3, predicate: "investsIn", object: 1, qualifiers: [], confidence: 0.8 * 0.9, evidenceCount: 1))
        let file = try Tools.temporaryFile("g.graphml", try exported(GraphMLExporter(), g))
        let python = try #require(Self.python)
        let r = try #require(Tools.run(python, ["-c", Self.script, file.path]))
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["directed"] as? Bool == true)
        #expect(json["multigraph"] as? Bool == true)
        let nodes = try #require(json["nodes"] as? [String: [String: Any]])
        #expect(nodes.count == g.entities.count)
        for e in g.entities {
            let node = try #require(nodes["n\(e.id)"], "n\(e.id)")
            #expect(node["label"] as? String == e.labelZh)
            #expect(node["type"] as? String == e.type)
            #expect(node["label_en"] as? String == e.labelEn)
        }
        let edges = try #require(json["edges"] as? [[Any]])
        #expect(edges.count == g.triples.count)
        let parallel = edges.filter { $0[0] as? String == "n3" && $0[1] as? String == "n1" }
        #expect(parallel.count == 3, "holdsPosition, founderOf and investsIn between 张\"三\" and 华进半导体")
        #expect(parallel.contains { $0[2] as? String == "investsIn" && $0[4] as? Double == 0.72 })
        #expect(edges.contains { $0[2] as? String == "holdsPosition" && $0[3] as? String == "holds position at" && $0[6] as? String == "role=董事长" })
    }

    @Test func forbiddenXMLCharactersAreDroppedAndMarkupEscaped() throws {
        #expect(GraphMLExporter.xml("<b>粗体</b> & \"x\"") == "&lt;b&gt;粗体&lt;/b&gt; &amp; &quot;x&quot;")
        #expect(GraphMLExporter.xml("a\u{1B}[2Jb\u{0}c\u{FFFE}") == "a[2Jbc")
        #expect(GraphMLExporter.xml("a\r\nb\tc") == "a&#13;\nb\tc")
    }
}
