import Foundation
import KGModel

/// Writes the graph as GraphML, the XML graph format Gephi, Cytoscape, yEd and NetworkX read
/// (http://graphml.graphdrawing.org/specification.html).
///
/// One `<node>` per entity (`n<id>`, as in DOT) with `label` (Chinese), `label_en`, `type`,
/// `key` and `aliases` (`;`-separated); one `<edge>` per triple (`e<id>`) with `predicate`,
/// `label` (the predicate's English name, what Gephi shows), `qualifiers`, `confidence` and
/// `evidence_count`. The graph is directed; several triples between the same two entities are
/// parallel edges, which every reader named above keeps (NetworkX as a multigraph). Evidence
/// stays in the RDF formats.
public struct GraphMLExporter: GraphExporter {
    public var vocabulary: Vocabulary
    public var format: ExportFormat { .graphml }

    public init(vocabulary: Vocabulary = .builtIn) {
        self.vocabulary = vocabulary
    }

    /// (id, for, attr.name, attr.type) of every attribute kg writes, declared before the graph.
    static let keys: [(String, String, String, String)] = [
        ("label", "node", "label", "string"), ("label_en", "node", "label_en", "string"), ("type", "node", "type", "string"),
        ("key", "node", "key", "string"), ("aliases", "node", "aliases", "string"),
        ("predicate", "edge", "predicate", "string"), ("edge_label", "edge", "label", "string"),
        ("qualifiers", "edge", "qualifiers", "string"), ("confidence", "edge", "confidence", "double"),
        ("evidence_count", "edge", "evidence_count", "int"),
    ]

    public func export(_ reader: any GraphReader, to sink: TextSink) throws {
        try sink.write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """)
        for (id, target, name, type) in Self.keys {
            try sink.write("  <key id=\"\(id)\" for=\"\(target)\" attr.name=\"\(name)\" attr.type=\"\(type)\"/>\n")
        }
        try sink.write("  <graph id=\"kg\" edgedefault=\"directed\">\n")
        try reader.forEachEntity { e in
            var data = [("label", e.labelZh), ("type", e.type), ("key", e.key)]
            if let en = e.labelEn, !en.isEmpty { data.append(("label_en", en)) }
            if !e.aliases.isEmpty { data.append(("aliases", e.aliases.joined(separator: ";"))) }
            try sink.write("    <node id=\"\(DOTExporter.nodeID(e.id))\">" + Self.data(data) + "</node>\n")
        }
        try reader.forEachTriple { t in
            var data = [
                ("predicate", t.predicate), ("edge_label", vocabulary.predicate(t.predicate)?.labelEn ?? t.predicate),
                ("confidence", DecimalText.of(t.confidence)), ("evidence_count", String(t.evidenceCount)),
            ]
            if !t.qualifiers.isEmpty { data.append(("qualifiers", t.qualifiers.map(\.description).joined(separator: "; "))) }
            try sink.write(
                "    <edge id=\"e\(t.id)\" source=\"\(DOTExporter.nodeID(t.subject))\" target=\"\(DOTExporter.nodeID(t.object))\">"
                    + Self.data(data) + "</edge>\n")
        }
        try sink.write("  </graph>\n</graphml>\n")
    }

    private static func data(_ pairs: [(String, String)]) -> String {
        pairs.map { "<data key=\"\($0.0)\">\(xml($0.1))</data>" }.joined()
    }

    /// `text` as XML character data: line breaks and tabs kept (`XMLText`).
    static func xml(_ text: String) -> String { XMLText.escaped(text, keepingLineBreaks: true) }
}

/// Text inside XML (GraphML) and Graphviz's HTML-like labels.
enum XMLText {
    /// `text` with `&`, `<`, `>` and `"` escaped and the characters XML 1.0 forbids (C0 controls,
    /// U+FFFE, U+FFFF) dropped, since a single one makes the whole file unreadable to every XML
    /// parser. Tab and line breaks are kept as character data when `keepingLineBreaks` (GraphML;
    /// CR as `&#13;` so a parser does not fold it), else dropped (a label's lines are `<BR/>`).
    static func escaped(_ text: String, keepingLineBreaks: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r" where keepingLineBreaks: out += "&#13;"
            case "\t" where keepingLineBreaks, "\n" where keepingLineBreaks: out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF: break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
