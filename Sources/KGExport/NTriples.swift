import KGModel

/// Writes N-Triples, or N-Quads: the N-Triples in the default graph, and each direct triple again
/// in the named graph of each document that states it (`https://kg.example/document/<id>`). The
/// N-Quads and JSON-LD outputs are the same dataset (see `RDFGraphWalker`).
public struct NTriplesExporter: GraphExporter {
    public var vocabulary: Vocabulary
    /// True for N-Quads.
    public var quads: Bool
    public var format: ExportFormat { quads ? .nquads : .ntriples }

    public init(vocabulary: Vocabulary = .builtIn, quads: Bool = false) {
        self.vocabulary = vocabulary
        self.quads = quads
    }

    public func export(_ reader: any GraphReader, to sink: TextSink) throws {
        let walker = RDFGraphWalker(reader: reader, vocabulary: vocabulary, documentGraphs: quads)
        try walker.walk { quad in
            var line = RDFText.iri(quad.subject) + " " + RDFText.iri(quad.predicate.iri) + " " + RDFText.object(quad.object)
            if quads, let graph = quad.graph { line += " " + RDFText.iri(graph) }
            try sink.write(line + " .\n")
        }
    }
}

/// Writes Turtle: kg's prefixes, then one block per subject, vocabulary terms as prefixed names
/// and entity IRIs in full.
public struct TurtleExporter: GraphExporter {
    public var vocabulary: Vocabulary
    public var format: ExportFormat { .turtle }

    public init(vocabulary: Vocabulary = .builtIn) { self.vocabulary = vocabulary }

    public func export(_ reader: any GraphReader, to sink: TextSink) throws {
        for (prefix, ns) in KGNamespace.prefixes {
            try sink.write("@prefix \(prefix): \(RDFText.iri(ns)) .\n")
        }
        var subject: String? = nil
        var predicate: String? = nil
        try RDFGraphWalker(reader: reader, vocabulary: vocabulary).walk { quad in
            let p = quad.predicate.iri == KGNamespace.rdf + "type" ? "a" : Self.name(quad.predicate.iri)
            let o: String
            if case .iri(let iri) = quad.object { o = Self.name(iri) } else { o = RDFText.object(quad.object, turtle: true) }
            if subject != quad.subject {
                try sink.write((subject == nil ? "\n" : " .\n\n") + Self.name(quad.subject) + "\n    " + p + " " + o)
                subject = quad.subject
            } else if predicate == p {
                try sink.write(", " + o)
            } else {
                try sink.write(" ;\n    " + p + " " + o)
            }
            predicate = p
        }
        if subject != nil { try sink.write(" .\n") }
    }

    private static func name(_ iri: String) -> String { KGNamespace.compact(iri) ?? RDFText.iri(iri) }
}

/// Term syntax shared by N-Triples, N-Quads and Turtle.
enum RDFText {
    /// `<iri>`, with the characters IRIREF forbids written as `\u` escapes (kg's own IRIs are
    /// percent-encoded already; this guards IRIs from elsewhere).
    static func iri(_ iri: String) -> String {
        if !iri.utf8.contains(where: needsIRIEscape) { return "<" + iri + ">" }
        var out = "<"
        for scalar in iri.unicodeScalars {
            switch scalar {
            case "<", ">", "\"", "{", "}", "|", "^", "`", "\\":
                out += uEscape(scalar)
            case _ where scalar.value <= 0x20:
                out += uEscape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + ">"
    }

    static func object(_ object: RDFObject, turtle: Bool = false) -> String {
        switch object {
        case .iri(let i): return iri(i)
        case .literal(let text, let language?): return string(text) + "@" + language
        case .literal(let text, nil): return string(text)
        case .typed(let text, let datatype):
            let dt = turtle ? (KGNamespace.compact(datatype) ?? iri(datatype)) : iri(datatype)
            return string(text) + "^^" + dt
        }
    }

    /// A quoted literal with `"`, `\`, line breaks and other control characters escaped.
    static func string(_ text: String) -> String {
        if !text.utf8.contains(where: needsStringEscape) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += uEscape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Bytes that force the slow path (multi-byte UTF-8 never does: its bytes are all ≥ 0x80).
    private static func needsIRIEscape(_ b: UInt8) -> Bool {
        b <= 0x20 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x7B || b == 0x7D || b == 0x7C || b == 0x5E
            || b == 0x60 || b == 0x5C
    }

    private static func needsStringEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F }

    private static func uEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
