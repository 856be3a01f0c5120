import Foundation
import KGModel
import Testing

@testable import KGExport

/// The RDF exports loaded by the tools people use: rdflib, pyld and pyoxigraph must read the same
/// triples from every format, and the scorer's reading must find the fixture's triples.
@Suite(.enabled(if: Tools.python != nil, Tools.pythonMissing)) struct RDFToolTests {
    /// Loads each file with the tools and prints one JSON object of triple sets and query results.
    static let script = #"""
        import json, sys, rdflib, pyoxigraph
        from pyld import jsonld
        jl, nt, nq, ttl, evaldir, expected = sys.argv[1:7]
        expected = json.loads(expected)
        XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

        def rd(t):
            if isinstance(t, rdflib.URIRef): return ["I", str(t)]
            if isinstance(t, rdflib.BNode): return ["B", ""]
            dt = str(t.datatype) if t.datatype else (None if t.language else XSD_STRING)
            return ["L", str(t), t.language, dt]

        def ox(t):
            if isinstance(t, pyoxigraph.NamedNode): return ["I", t.value]
            if isinstance(t, pyoxigraph.BlankNode): return ["B", ""]
            lang = t.language
            return ["L", t.value, lang, None if lang else t.datatype.value]

        def rdflib_set(path, fmt):
            g = rdflib.Graph()
            g.parse(path, format=fmt)
            return {json.dumps([rd(s), rd(p), rd(o)], ensure_ascii=False) for s, p, o in g}

        out = {}
        sets = {"jsonld": rdflib_set(jl, "json-ld"), "ntriples": rdflib_set(nt, "nt"), "turtle": rdflib_set(ttl, "turtle")}
        doc = json.load(open(jl, encoding="utf-8"))
        expanded = jsonld.expand(doc)
        ds = rdflib.Dataset()
        ds.parse(data=jsonld.to_rdf(doc, {"format": "application/n-quads"}), format="nquads")
        sets["pyld"] = {json.dumps([rd(s), rd(p), rd(o)], ensure_ascii=False) for s, p, o, _ in ds.quads((None, None, None, None))}
        store = pyoxigraph.Store()
        store.load(path=nq, format=pyoxigraph.RdfFormat.N_QUADS)
        sets["oxigraph"] = {json.dumps([ox(q.subject), ox(q.predicate), ox(q.object)], ensure_ascii=False) for q in store}
        out["sizes"] = {k: len(v) for k, v in sets.items()}
        base = sets["ntriples"]
        out["differences"] = {k: sorted(v ^ base)[:5] for k, v in sets.items() if v != base}
        out["expanded_nodes"] = len(expanded)
        out["graphs"] = sorted(str(g.value) for g in store.named_graphs())
        # One dataset: pyoxigraph reads the same quads, graph names included, from both files.
        from_jsonld = {str(q) for q in pyoxigraph.parse(path=jl, format=pyoxigraph.RdfFormat.JSON_LD)}
        from_nquads = {str(q) for q in pyoxigraph.parse(path=nq, format=pyoxigraph.RdfFormat.N_QUADS)}
        out["dataset_sizes"] = [len(from_jsonld), len(from_nquads)]
        out["dataset_differences"] = sorted(from_jsonld ^ from_nquads)[:5]
        out["named_graph_quads"] = sum(1 for q in store if not isinstance(q.graph_name, pyoxigraph.DefaultGraph))
        counts = {}
        for p in expected["predicates"]:
            q = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o WHERE { GRAPH ?g { ?s <https://kg.example/vocab#%s> ?o } } }" % p
            counts[p] = int(next(iter(store.query(q)))["n"].value)
        out["sparql_counts"] = counts
        q = "SELECT ?text WHERE { ?st <http://www.w3.org/ns/prov#wasDerivedFrom> ?ev . ?ev <https://kg.example/vocab#document> <https://kg.example/document/2> ; <https://kg.example/vocab#text> ?text }"
        out["document2_sentences"] = [r["text"].value for r in store.query(q)]
        sys.path.insert(0, evaldir)
        try:
            import score
            found = score.read_export(jl)
            have = {(min(s), p, min(o)) for s, p, o in found}
            out["scorer_triples"] = len(found)
            out["scorer_missing"] = [t for t in expected["triples"]
                                     if not any(p == t[1] and score.norm(t[0]) in s and score.norm(t[2]) in o for s, p, o in found)]
        except ImportError:
            out["scorer_triples"] = None
        print(json.dumps(out, ensure_ascii=False))
        """#

    struct Result: Decodable {
        var sizes: [String: Int]
        var differences: [String: [String]]
        var expanded_nodes: Int
        var graphs: [String]
        var dataset_sizes: [Int]
        var dataset_differences: [String]
        var named_graph_quads: Int
        var sparql_counts: [String: Int]
        var document2_sentences: [String]
        var scorer_triples: Int?
        var scorer_missing: [[String]]?
    }

    static let result: Result? = {
        do {
            let jl = try Tools.temporaryFile("g.jsonld", try exported(JSONLDExporter()))
            let folder = jl.deletingLastPathComponent()
            let nt = folder.appendingPathComponent("g.nt")
            let nq = folder.appendingPathComponent("g.nq")
            let ttl = folder.appendingPathComponent("g.ttl")
            try exported(NTriplesExporter(quads: false)).write(to: nt, atomically: true, encoding: .utf8)
            try exported(NTriplesExporter(quads: true)).write(to: nq, atomically: true, encoding: .utf8)
            try exported(TurtleExporter()).write(to: ttl, atomically: true, encoding: .utf8)
            let g = Fixture.graph
            let label = Dictionary(uniqueKeysWithValues: g.entities.map { ($0.id, $0.labelZh) })
            let expected: [String: Any] = [
                "predicates": Array(Set(g.triples.map(\.predicate))).sorted(),
                "triples": g.triples.map { [label[$0.subject]!, $0.predicate, label[$0.object]!] },
            ]
            let expectedJSON = String(decoding: try JSONSerialization.data(withJSONObject: expected), as: UTF8.self)
            let evalDir = ProcessInfo.processInfo.environment["KG_EVAL_DIR"] ?? "/work/shared/eval"
            guard let python = Tools.python,
                let r = Tools.run(python, ["-c", script, jl.path, nt.path, nq.path, ttl.path, evalDir, expectedJSON])
            else { return nil }
            if r.status != 0 { Issue.record("the RDF check script failed:\n\(r.stderr)") }
            return try JSONDecoder().decode(Result.self, from: Data(r.stdout.utf8))
        } catch {
            Issue.record("RDF check could not run: \(error)")
            return nil
        }
    }()

    @Test func everyToolReadsTheSameTriples() throws {
        let r = try #require(Self.result)
        #expect(r.differences.isEmpty, "triple sets differ from N-Triples: \(r.differences)")
        #expect(Set(r.sizes.values).count == 1, "\(r.sizes)")
        let nt = try exported(NTriplesExporter())
        #expect(r.sizes["ntriples"] == nt.split(separator: "\n").count)
        #expect(r.expanded_nodes > 30)
    }

    @Test func nquadsNameTheDocumentGraphs() throws {
        let r = try #require(Self.result)
        #expect(r.graphs == [KGNamespace.document + "1", KGNamespace.document + "2"])
    }

    /// JSON-LD and N-Quads are one dataset: the default graph is the N-Triples output and each
    /// document's named graph holds the direct triples it states (11 evidence rows, 10 triples,
    /// triple 1 stated by both documents: 11 (document, triple) pairs).
    @Test func jsonldAndNQuadsAreTheSameDataset() throws {
        let r = try #require(Self.result)
        #expect(r.dataset_differences.isEmpty, "\(r.dataset_differences)")
        #expect(r.dataset_sizes[0] == r.dataset_sizes[1])
        #expect(r.named_graph_quads == 11)
        let nt = try exported(NTriplesExporter()).split(separator: "\n").count
        #expect(r.dataset_sizes[0] == nt + 11)
    }

    @Test func sparqlAgreesWithTheStore() throws {
        let r = try #require(Self.result)
        var expected: [String: Int] = [:]
        for t in Fixture.graph.triples { expected[t.predicate, default: 0] += 1 }
        #expect(r.sparql_counts == expected)
        #expect(r.document2_sentences == ["华进半导体登陆科创板。"])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/work/shared/eval/score.py") || ProcessInfo.processInfo.environment["KG_EVAL_DIR"] != nil, "skipped: the scorer (/work/shared/eval/score.py or KG_EVAL_DIR) is not here"))
    func scorerFindsEveryFixtureTriple() throws {
        let r = try #require(Self.result)
        #expect(r.scorer_triples == Fixture.graph.triples.count)
        #expect(r.scorer_missing == [])
    }
}
