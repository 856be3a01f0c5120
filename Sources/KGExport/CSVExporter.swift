import Foundation
import KGModel

/// Writes the graph as the two CSV tables Neo4j's bulk importer takes (`neo4j-admin database
/// import --nodes nodes.csv --relationships edges.csv`). Gephi's spreadsheet importer wants other
/// headers (Id/Label, Source/Target); GraphML (`GraphMLExporter`) is the format for Gephi. The CSV
/// "format" is a folder holding `nodes.csv` and `edges.csv`; use
/// `writeFolder(_:to:)` for both, or one exporter per table.
///
/// - nodes.csv: `id:ID,label,labelEn,key,aliases:string[],:LABEL`, where `:LABEL` is the type
///   and its ancestors (`Company;Organization`) and aliases are `;`-separated.
/// - edges.csv: `:START_ID,:END_ID,:TYPE,label,qualifiers,confidence:double,evidenceCount:int`.
///
/// Fields follow RFC 4180 (quoted when they hold `,`, `"` or a line break, quotes doubled). A
/// name with a line break needs Neo4j's `--multiline-fields=true`.
public struct CSVExporter: GraphExporter {
    /// Which of the two tables.
    public enum Table: String, Sendable, CaseIterable {
        case nodes, edges
        /// The file name inside the CSV folder.
        public var fileName: String { rawValue + ".csv" }
    }

    public var table: Table
    public var vocabulary: Vocabulary
    public var format: ExportFormat { .csv }

    public init(table: Table, vocabulary: Vocabulary = .builtIn) {
        self.table = table
        self.vocabulary = vocabulary
    }

    public func export(_ reader: any GraphReader, to sink: TextSink) throws {
        switch table {
        case .nodes:
            try sink.write("id:ID,label,labelEn,key,aliases:string[],:LABEL\n")
            try reader.forEachEntity { e in
                var labels: [String] = []
                var current: String? = e.type
                while let t = current, !labels.contains(t) {
                    labels.append(t)
                    current = vocabulary.type(t)?.parent
                }
                let aliases = e.aliases.map { $0.replacingOccurrences(of: ";", with: ",") }.joined(separator: ";")
                let row =
                    [String(e.id)] + [e.labelZh, e.labelEn ?? "", e.key, aliases].map(SpreadsheetText.neutralized)
                    + [labels.joined(separator: ";")]
                try sink.write(row.map(Self.field).joined(separator: ",") + "\n")
            }
        case .edges:
            try sink.write(":START_ID,:END_ID,:TYPE,label,qualifiers,confidence:double,evidenceCount:int\n")
            try reader.forEachTriple { t in
                let label = vocabulary.predicate(t.predicate)?.labelEn ?? t.predicate
                let qualifiers = t.qualifiers.map(\.description).joined(separator: "; ")
                let row = [
                    String(t.subject), String(t.object), t.predicate, label, SpreadsheetText.neutralized(qualifiers),
                    DecimalText.of(t.confidence), String(t.evidenceCount),
                ]
                try sink.write(row.map(Self.field).joined(separator: ",") + "\n")
            }
        }
    }

    /// Writes `nodes.csv` and `edges.csv` into `folder`, creating it when missing. Each file is
    /// written under a temporary name and renamed when complete (`OutputFile`).
    public func writeFolder(_ reader: any GraphReader, to folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic(.exportUncreatable, "cannot create the folder \(folder.path)", hint: "check that its parent is writable")
        }
        for table in Table.allCases {
            try OutputFile.write(to: folder.appendingPathComponent(table.fileName)) { sink in
                try CSVExporter(table: table, vocabulary: vocabulary).export(reader, to: sink)
            }
        }
    }

    /// An RFC 4180 field.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
