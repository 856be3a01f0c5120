import Foundation
import KGModel

/// kg's JSON-LD context (`schema/context.jsonld`, compiled in), and the key kg writes for a
/// property IRI under it.
struct JSONLDContext: Sendable {
    /// The context file's text, exactly as in `schema/`.
    let fileText: String
    /// Term → expanded IRI, for the terms (not the prefixes) the context defines.
    let terms: [String: String]
    private let termForIRI: [String: String]

    /// The compiled-in context. A context that defines no terms would silently give every
    /// export full IRIs, so it stops instead; the test suite loads it.
    static let shared: JSONLDContext = {
        let context = JSONLDContext(text: KGExportResources.contextJSONLD.text)
        precondition(!context.terms.isEmpty, "schema/context.jsonld does not parse or defines no terms")
        return context
    }()

    init(text: String) {
        fileText = text
        var terms: [String: String] = [:]
        if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let context = object["@context"] as? [String: Any]
        {
            for (term, definition) in context where !term.hasPrefix("@") {
                let raw = (definition as? String) ?? ((definition as? [String: Any])?["@id"] as? String)
                guard let raw, KGNamespace.prefixes.allSatisfy({ $0.prefix != term }) else { continue }
                terms[term] = KGNamespace.expand(raw) ?? raw
            }
        }
        self.terms = terms
        var reverse: [String: String] = [:]
        for (term, iri) in terms.sorted(by: { $0.key < $1.key }) where reverse[iri] == nil { reverse[iri] = term }
        termForIRI = reverse
    }

    /// The context's term for `iri`, else `prefix:local`, else the full IRI (always a valid key).
    func key(for iri: String) -> String {
        termForIRI[iri] ?? KGNamespace.compact(iri) ?? iri
    }
}

/// Writes the graph as self-contained JSON-LD: kg's context inlined, entities with their labels
/// and direct triples first, then one `rdf:Statement` per stored triple with its evidence, then
/// the documents, then one named graph per document (`{"@id": document, "@graph": [...]}`)
/// holding the direct triples it states: the same dataset as the N-Quads output. See
/// `RDFGraphWalker` for the shape.
public struct JSONLDExporter: GraphExporter {
    public var vocabulary: Vocabulary
    public var format: ExportFormat { .jsonld }

    public init(vocabulary: Vocabulary = .builtIn) { self.vocabulary = vocabulary }

    public func export(_ reader: any GraphReader, to sink: TextSink) throws {
        var context = JSONLDContext.shared.fileText
        while let last = context.last, last.isWhitespace { context.removeLast() }
        guard context.last == "}" else {
            throw Diagnostic(.contextNotObject, "schema/context.jsonld is not a JSON object", hint: "restore it from git")
        }
        context.removeLast()
        while let last = context.last, last.isWhitespace { context.removeLast() }
        try sink.write(context + ",\n  \"@graph\": [")

        var node = NodeBuffer()
        var first = true
        // The named graph being written (its nodes nested one level deeper), if any.
        var graph: String? = nil
        var firstInGraph = true
        func flushNode() throws {
            guard let subject = node.subject else { return }
            let indent = graph == nil ? "    " : "        "
            if graph == nil {
                try sink.write(first ? "\n" : ",\n")
                first = false
            } else {
                try sink.write(firstInGraph ? "\n" : ",\n")
                firstInGraph = false
            }
            var text = indent + "{\n" + indent + "  \"@id\": " + JSONText.quote(subject)
            for (key, values) in node.properties {
                text += ",\n" + indent + "  " + JSONText.quote(key) + ": "
                text += values.count == 1 ? values[0] : "[" + values.joined(separator: ", ") + "]"
            }
            text += "\n" + indent + "}"
            try sink.write(text)
            node.reset()
        }
        func closeGraph() throws {
            guard graph != nil else { return }
            try sink.write("\n      ]\n    }")
            graph = nil
        }
        try RDFGraphWalker(reader: reader, vocabulary: vocabulary, documentGraphs: true).walk { quad in
            if quad.graph != graph {
                try flushNode()
                try closeGraph()
                if let name = quad.graph {
                    try sink.write((first ? "\n" : ",\n") + "    {\n      \"@id\": " + JSONText.quote(name) + ",\n      \"@graph\": [")
                    first = false
                    graph = name
                    firstInGraph = true
                }
            }
            if node.subject != quad.subject {
                try flushNode()
                node.subject = quad.subject
            }
            node.add(key: quad.predicate.jsonKey, value: Self.value(quad.object, isType: quad.predicate.jsonKey == "@type"))
        }
        try flushNode()
        try closeGraph()
        try sink.write("\n  ]\n}\n")
    }

    /// The JSON for one object: `{"@id": …}`, a language-tagged or typed value, or a string.
    static func value(_ object: RDFObject, isType: Bool) -> String {
        switch object {
        case .iri(let iri):
            return isType ? JSONText.quote(KGNamespace.compact(iri) ?? iri) : "{\"@id\": " + JSONText.quote(iri) + "}"
        case .literal(let text, let language?):
            return "{\"@value\": " + JSONText.quote(text) + ", \"@language\": " + JSONText.quote(language) + "}"
        case .literal(let text, nil):
            return JSONText.quote(text)
        case .typed(let text, let datatype):
            return "{\"@value\": " + JSONText.quote(text) + ", \"@type\": "
                + JSONText.quote(KGNamespace.compact(datatype) ?? datatype) + "}"
        }
    }

    /// The properties of the node being written, in first-seen key order.
    private struct NodeBuffer {
        var subject: String?
        var properties: [(String, [String])] = []

        mutating func add(key: String, value: String) {
            if let i = properties.firstIndex(where: { $0.0 == key }) {
                properties[i].1.append(value)
            } else {
                properties.append((key, [value]))
            }
        }

        mutating func reset() {
            subject = nil
            properties.removeAll(keepingCapacity: true)
        }
    }
}
