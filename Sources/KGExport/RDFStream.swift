import Foundation
import KGModel

/// The object of an RDF triple as kg writes it.
enum RDFObject: Hashable {
    case iri(String)
    /// A string literal, with a lower-case language tag or none (`xsd:string`).
    case literal(String, language: String?)
    /// A literal with an explicit datatype IRI (numbers, dates), so it round-trips exactly.
    case typed(String, datatype: String)

    static func integer(_ value: Int) -> RDFObject { .typed(String(value), datatype: KGNamespace.xsd + "integer") }

    /// An `xsd:double` in a lexical form every RDF tool accepts (`INF`, `-INF`, `NaN` included).
    static func double(_ value: Double) -> RDFObject {
        let text: String
        if value.isNaN {
            text = "NaN"
        } else if value.isInfinite {
            text = value < 0 ? "-INF" : "INF"
        } else {
            text = DecimalText.of(value)
        }
        return .typed(text, datatype: KGNamespace.xsd + "double")
    }
}

/// A predicate with both its IRI and the key JSON-LD writes for it under kg's context.
struct RDFPredicate: Hashable {
    var iri: String
    var jsonKey: String

    init(iri: String) {
        self.iri = iri
        self.jsonKey = iri == KGNamespace.rdf + "type" ? "@type" : JSONLDContext.shared.key(for: iri)
    }

    init(_ compact: String) { self.init(iri: KGNamespace.expand(compact) ?? compact) }
}

/// One RDF statement, in a named graph or the default graph (`graph == nil`).
struct RDFQuad {
    var subject: String
    var predicate: RDFPredicate
    var object: RDFObject
    var graph: String?
}

/// The RDF picture of a stored graph, produced as a stream of quads in a readable order that
/// every RDF exporter shares, so JSON-LD, N-Triples, N-Quads and Turtle state the same triples.
///
/// Order: each entity (types, labels, aliases, then its direct triples), then one
/// `rdf:Statement` per stored triple (confidence, evidence count, qualifiers), then each piece of
/// evidence (`prov:wasDerivedFrom` from its statement; text, document, offsets, rule, confidence,
/// qualifiers), then the documents as `schema:NewsArticle`, then (for formats that hold graphs)
/// each document's named graph. Consecutive quads share a subject where they describe one node,
/// and graph quads come grouped by graph, which is what the JSON-LD and Turtle writers group on.
///
/// The dataset is the same in every format that holds graphs (N-Quads, JSON-LD): everything in
/// the default graph, which is exactly the N-Triples and Turtle output, and in addition each
/// direct triple in the named graph of every document that states it
/// (`https://kg.example/document/<id>`). A SPARQL query without GRAPH sees the whole graph; one
/// with `GRAPH <…/document/1>` sees what that document says.
struct RDFGraphWalker {
    var reader: any GraphReader
    var vocabulary: Vocabulary
    /// When true (N-Quads, JSON-LD), each direct triple is also written into the named graph of
    /// each document that states it, after everything else.
    var documentGraphs = false

    private static let type = RDFPredicate("rdf:type")
    private static let label = RDFPredicate("rdfs:label")
    private static let altLabel = RDFPredicate("skos:altLabel")
    private static let key = RDFPredicate("kg:key")
    private static let rdfSubject = RDFPredicate("rdf:subject")
    private static let rdfPredicate = RDFPredicate("rdf:predicate")
    private static let rdfObject = RDFPredicate("rdf:object")
    private static let confidence = RDFPredicate("kg:confidence")
    private static let evidenceCount = RDFPredicate("kg:evidenceCount")
    private static let derivedFrom = RDFPredicate("prov:wasDerivedFrom")
    private static let text = RDFPredicate("kg:text")
    private static let document = RDFPredicate("kg:document")
    private static let sentenceIndex = RDFPredicate("kg:sentenceIndex")
    private static let rule = RDFPredicate("kg:rule")
    private static let ruleVersion = RDFPredicate("kg:ruleVersion")
    private static let headline = RDFPredicate("schema:headline")
    private static let datePublished = RDFPredicate("schema:datePublished")
    private static let publisher = RDFPredicate("schema:publisher")
    private static let author = RDFPredicate("schema:author")
    private static let path = RDFPredicate("kg:path")
    private static let contentHash = RDFPredicate("kg:contentHash")
    private static let spanProperties: [(start: RDFPredicate, end: RDFPredicate)] = [
        (RDFPredicate("kg:start"), RDFPredicate("kg:end")),
        (RDFPredicate("kg:subjectStart"), RDFPredicate("kg:subjectEnd")),
        (RDFPredicate("kg:objectStart"), RDFPredicate("kg:objectEnd")),
        (RDFPredicate("kg:triggerStart"), RDFPredicate("kg:triggerEnd")),
    ]

    /// Streams every quad of the graph to `emit`.
    func walk(_ emit: (RDFQuad) throws -> Void) throws {
        let index = try GraphIndex(reader)
        let predicateProps = index.predicates.map { RDFPredicate(iri: KGNamespace.vocabIRI($0)) }
        var qualifierProps: [String: RDFPredicate] = [:]
        func qualifier(_ key: String) -> RDFPredicate {
            if let p = qualifierProps[key] { return p }
            let p = RDFPredicate(iri: KGNamespace.vocabIRI(key))
            qualifierProps[key] = p
            return p
        }

        // Entities with their direct triples: triples sorted by subject, walked alongside the
        // entities (both in id order), so no per-entity lists are built.
        var bySubject = Array(index.edges.indices)
        bySubject.sort { (index.edges[$0].subject, index.edges[$0].id) < (index.edges[$1].subject, index.edges[$1].id) }
        var cursor = 0
        try reader.forEachEntity { e in
            let s = index.entityIRI[e.id] ?? KGNamespace.entityIRI(key: e.key)
            if let mapped = vocabulary.schemaOrgClass(of: e.type), let iri = KGNamespace.expand(mapped) {
                try emit(RDFQuad(subject: s, predicate: Self.type, object: .iri(iri)))
            }
            try emit(RDFQuad(subject: s, predicate: Self.type, object: .iri(KGNamespace.vocabIRI(e.type))))
            try emit(RDFQuad(subject: s, predicate: Self.label, object: .literal(e.labelZh, language: "zh")))
            if let en = e.labelEn, !en.isEmpty {
                try emit(RDFQuad(subject: s, predicate: Self.label, object: .literal(en, language: "en")))
            }
            for alias in e.aliases {
                try emit(RDFQuad(subject: s, predicate: Self.altLabel, object: .literal(alias, language: nil)))
            }
            try emit(RDFQuad(subject: s, predicate: Self.key, object: .literal(e.key, language: nil)))
            while cursor < bySubject.count, index.edges[bySubject[cursor]].subject < e.id { cursor += 1 }
            while cursor < bySubject.count, index.edges[bySubject[cursor]].subject == e.id {
                let edge = index.edges[bySubject[cursor]]
                cursor += 1
                guard let o = index.entityIRI[edge.object] else { continue }
                try emit(RDFQuad(subject: s, predicate: predicateProps[Int(edge.predicate)], object: .iri(o)))
            }
        }
        bySubject = []

        try reader.forEachTriple { t in
            guard let s = index.entityIRI[t.subject], let o = index.entityIRI[t.object] else { return }
            let st = KGNamespace.statement + String(t.id)
            try emit(RDFQuad(subject: st, predicate: Self.type, object: .iri(KGNamespace.rdf + "Statement")))
            try emit(RDFQuad(subject: st, predicate: Self.rdfSubject, object: .iri(s)))
            try emit(RDFQuad(subject: st, predicate: Self.rdfPredicate, object: .iri(KGNamespace.vocabIRI(t.predicate))))
            try emit(RDFQuad(subject: st, predicate: Self.rdfObject, object: .iri(o)))
            try emit(RDFQuad(subject: st, predicate: Self.confidence, object: .double(t.confidence)))
            try emit(RDFQuad(subject: st, predicate: Self.evidenceCount, object: .integer(t.evidenceCount)))
            for q in t.qualifiers {
                try emit(RDFQuad(subject: st, predicate: qualifier(q.key), object: .literal(q.value, language: nil)))
            }
        }

        // (document, triple) pairs for the named graphs, written last so that each graph's quads
        // come together (JSON-LD writes a graph as one node); 16 bytes an evidence row at most.
        var graphPairs: [(document: Int64, triple: Int64)] = []
        try reader.forEachEvidence { ev in
            guard let edge = index.edge(id: ev.tripleID), index.entityIRI[edge.subject] != nil,
                index.entityIRI[edge.object] != nil
            else { return }
            let doc = KGNamespace.document + String(ev.documentID)
            if documentGraphs { graphPairs.append((ev.documentID, ev.tripleID)) }
            let node = KGNamespace.evidence + String(ev.id)
            try emit(RDFQuad(subject: KGNamespace.statement + String(ev.tripleID), predicate: Self.derivedFrom, object: .iri(node)))
            try emit(RDFQuad(subject: node, predicate: Self.type, object: .iri(KGNamespace.vocab + "Evidence")))
            try emit(RDFQuad(subject: node, predicate: Self.text, object: .literal(ev.sentenceText, language: "zh")))
            try emit(RDFQuad(subject: node, predicate: Self.document, object: .iri(doc)))
            try emit(RDFQuad(subject: node, predicate: Self.sentenceIndex, object: .integer(ev.sentenceIndex)))
            let spans = [ev.sentenceSpan, ev.subjectSpan, ev.objectSpan, ev.triggerSpan]
            for (span, props) in zip(spans, Self.spanProperties) {
                guard let span else { continue }
                try emit(RDFQuad(subject: node, predicate: props.start, object: .integer(span.start)))
                try emit(RDFQuad(subject: node, predicate: props.end, object: .integer(span.end)))
            }
            try emit(RDFQuad(subject: node, predicate: Self.rule, object: .literal(ev.ruleID, language: nil)))
            try emit(RDFQuad(subject: node, predicate: Self.ruleVersion, object: .literal(ev.ruleVersion, language: nil)))
            try emit(RDFQuad(subject: node, predicate: Self.confidence, object: .double(ev.confidence)))
            for q in ev.qualifiers {
                try emit(RDFQuad(subject: node, predicate: qualifier(q.key), object: .literal(q.value, language: nil)))
            }
        }

        for d in try reader.documents() {
            let node = KGNamespace.document + String(d.id)
            try emit(RDFQuad(subject: node, predicate: Self.type, object: .iri(KGNamespace.schema + "NewsArticle")))
            if let title = d.metadata.title {
                try emit(RDFQuad(subject: node, predicate: Self.headline, object: .literal(title, language: "zh")))
            }
            if let published = d.metadata.published {
                try emit(RDFQuad(subject: node, predicate: Self.datePublished, object: Self.dateLiteral(published)))
            }
            if let source = d.metadata.source {
                try emit(RDFQuad(subject: node, predicate: Self.publisher, object: .literal(source, language: nil)))
            }
            for a in d.metadata.authors {
                try emit(RDFQuad(subject: node, predicate: Self.author, object: .literal(a, language: nil)))
            }
            try emit(RDFQuad(subject: node, predicate: Self.path, object: .literal(d.path, language: nil)))
            try emit(RDFQuad(subject: node, predicate: Self.contentHash, object: .literal(d.contentHash, language: nil)))
        }

        graphPairs.sort { ($0.document, $0.triple) < ($1.document, $1.triple) }
        var previous: (document: Int64, triple: Int64)? = nil
        for pair in graphPairs {
            defer { previous = pair }
            if let previous, previous == pair { continue }
            guard let edge = index.edge(id: pair.triple), let s = index.entityIRI[edge.subject],
                let o = index.entityIRI[edge.object]
            else { continue }
            try emit(
                RDFQuad(
                    subject: s, predicate: predicateProps[Int(edge.predicate)], object: .iri(o),
                    graph: KGNamespace.document + String(pair.document)))
        }
    }

    /// `xsd:dateTime` or `xsd:date` when the text has that exact shape, else a plain string: a
    /// wrongly typed date is worse than an untyped one.
    static func dateLiteral(_ text: String) -> RDFObject {
        let dateTime = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/#
        let date = #/^\d{4}-\d{2}-\d{2}$/#
        if text.wholeMatch(of: dateTime) != nil { return .typed(text, datatype: KGNamespace.xsd + "dateTime") }
        if text.wholeMatch(of: date) != nil { return .typed(text, datatype: KGNamespace.xsd + "date") }
        return .literal(text, language: nil)
    }
}

extension RDFQuad {
    init(subject: String, predicate: RDFPredicate, object: RDFObject) {
        self.init(subject: subject, predicate: predicate, object: object, graph: nil)
    }
}
