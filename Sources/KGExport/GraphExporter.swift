import KGModel

/// A serializer of a stored graph into one text format. Exporters stream from the reader into
/// the sink; none builds its whole output in memory.
public protocol GraphExporter {
    /// The format this exporter writes.
    var format: ExportFormat { get }
    /// Writes `reader`'s graph to `sink`. Does not flush; the caller owns the sink.
    func export(_ reader: any GraphReader, to sink: TextSink) throws
}

extension ExportFormat {
    /// The exporter for single-file formats with default options; for `.csv`, the nodes table
    /// (the edges table is `CSVExporter(table: .edges)`).
    public func exporter(vocabulary: Vocabulary = .builtIn) -> any GraphExporter {
        switch self {
        case .dot: DOTExporter(vocabulary: vocabulary)
        case .jsonld: JSONLDExporter(vocabulary: vocabulary)
        case .ntriples: NTriplesExporter(vocabulary: vocabulary, quads: false)
        case .nquads: NTriplesExporter(vocabulary: vocabulary, quads: true)
        case .turtle: TurtleExporter(vocabulary: vocabulary)
        case .csv: CSVExporter(table: .nodes, vocabulary: vocabulary)
        case .graphml: GraphMLExporter(vocabulary: vocabulary)
        }
    }
}
