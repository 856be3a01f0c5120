/// The IRIs kg mints. They live under `https://kg.example/`, a placeholder domain reserved for
/// examples, so nothing kg writes pretends to be dereferenceable; change `KGNamespace.base` in
/// one place when the project gets a real home.
///
/// - vocabulary (predicates, entity types, provenance properties): `https://kg.example/vocab#`
/// - entities: `https://kg.example/entity/` + the percent-encoded entity key
/// - stored triples (as `rdf:Statement`): `https://kg.example/statement/<id>`
/// - evidence (one occurrence in a sentence): `https://kg.example/evidence/<id>`
/// - documents: `https://kg.example/document/<id>`
public enum KGNamespace {
    public static let base = "https://kg.example/"
    public static let vocab = base + "vocab#"
    public static let entity = base + "entity/"
    public static let statement = base + "statement/"
    public static let evidence = base + "evidence/"
    public static let document = base + "document/"

    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
    public static let skos = "http://www.w3.org/2004/02/skos/core#"
    public static let prov = "http://www.w3.org/ns/prov#"
    public static let schema = "https://schema.org/"

    /// Prefixes used in the JSON-LD context and in Turtle (no namespace is a prefix of another).
    public static let prefixes: [(prefix: String, namespace: String)] = [
        ("kg", vocab), ("rdf", rdf), ("rdfs", rdfs), ("xsd", xsd), ("skos", skos), ("prov", prov),
        ("schema", schema),
    ]

    /// The IRI of an entity: its key, percent-encoded so that any name (spaces, quotes, `<>`,
    /// newlines) gives a valid IRI.
    public static func entityIRI(key: String) -> String { entity + IRIEncoding.encode(key) }

    /// The IRI of a vocabulary term (predicate, type or qualifier key).
    public static func vocabIRI(_ local: String) -> String { vocab + IRIEncoding.encode(local) }

    /// The full IRI for a compact `prefix:local` name, or nil when the prefix is not kg's.
    public static func expand(_ compact: String) -> String? {
        guard let colon = compact.firstIndex(of: ":") else { return nil }
        let prefix = compact[..<colon]
        guard let ns = prefixes.first(where: { $0.prefix == prefix }) else { return nil }
        return ns.namespace + compact[compact.index(after: colon)...]
    }

    /// `prefix:local` for an IRI in one of kg's namespaces when the local part is a plain name
    /// (letters, digits, `_`, `-`), else nil.
    public static func compact(_ iri: String) -> String? {
        for (prefix, ns) in prefixes where iri.hasPrefix(ns) {
            let local = iri.dropFirst(ns.count)
            if !local.isEmpty, local.unicodeScalars.allSatisfy({ IRIEncoding.isNameScalar($0) }),
                local.unicodeScalars.first.map({ !("0"..."9").contains($0) && $0 != "-" }) == true
            {
                return "\(prefix):\(local)"
            }
        }
        return nil
    }
}

/// Percent-encoding that turns any string into a valid IRI path segment (RFC 3987).
public enum IRIEncoding {
    /// Keeps ASCII unreserved characters and the non-ASCII characters IRIs allow (`ucschar`,
    /// so Chinese stays readable), encodes everything else as UTF-8 `%XX`, `%` itself included.
    public static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isUnreserved(scalar) || isUcschar(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 {
                    out += "%"
                    out += hex[Int(byte >> 4)]
                    out += hex[Int(byte & 0xF)]
                }
            }
        }
        return out
    }

    private static let hex = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]

    static func isUnreserved(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "."
            || s == "_" || s == "~"
    }

    /// Characters a prefixed name may use without escaping (kept to a safe ASCII subset).
    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "_" || s == "-"
    }

    /// RFC 3987 `ucschar`: the non-ASCII ranges an IRI may carry as they are.
    static func isUcschar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        switch v {
        case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF: return true
        case 0x10000...0xDFFFD, 0xE1000...0xEFFFD: return (v & 0xFFFF) <= 0xFFFD
        default: return false
        }
    }
}
