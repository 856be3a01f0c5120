/// The file formats kg writes, each knowing its file extension and media type.
public enum ExportFormat: String, CaseIterable, Sendable {
    case dot, jsonld, ntriples, nquads, turtle, csv, graphml

    /// The usual file extension, without the dot. CSV is a folder holding `nodes.csv` and
    /// `edges.csv`, so its "extension" names the files inside it.
    public var fileExtension: String {
        switch self {
        case .dot: "dot"
        case .jsonld: "jsonld"
        case .ntriples: "nt"
        case .nquads: "nq"
        case .turtle: "ttl"
        case .csv: "csv"
        case .graphml: "graphml"
        }
    }

    /// The IANA media type of the format.
    public var mediaType: String {
        switch self {
        case .dot: "text/vnd.graphviz"
        case .jsonld: "application/ld+json"
        case .ntriples: "application/n-triples"
        case .nquads: "application/n-quads"
        case .turtle: "text/turtle"
        case .csv: "text/csv"
        case .graphml: "application/graphml+xml"
        }
    }

    /// True for formats written as a folder of several files rather than one file.
    public var isFolder: Bool { self == .csv }

    /// The format whose extension is `ext` (`nt`, `ttl`, `jsonld`, `json`, `gv`...), if any.
    public init?(fileExtension ext: String) {
        switch ext.lowercased() {
        case "dot", "gv": self = .dot
        case "jsonld", "json": self = .jsonld
        case "nt": self = .ntriples
        case "nq": self = .nquads
        case "ttl": self = .turtle
        case "csv": self = .csv
        case "graphml": self = .graphml
        default: return nil
        }
    }
}
