import Foundation
import KGModel
import Testing

@testable import KGExport

@Suite struct FormatTests {
    @Test(arguments: [
        (ExportFormat.dot, "dot", "text/vnd.graphviz"), (.jsonld, "jsonld", "application/ld+json"),
        (.ntriples, "nt", "application/n-triples"), (.nquads, "nq", "application/n-quads"),
        (.turtle, "ttl", "text/turtle"), (.csv, "csv", "text/csv"), (.graphml, "graphml", "application/graphml+xml"),
    ])
    func extensionAndMediaType(format: ExportFormat, ext: String, media: String) {
        #expect(format.fileExtension == ext)
        #expect(format.mediaType == media)
        #expect(ExportFormat(fileExtension: ext) == format)
        #expect(format.exporter().format == format)
    }

    @Test func unknownExtensionIsNil() {
        #expect(ExportFormat(fileExtension: "xlsx") == nil)
    }

    @Test(arguments: [
        ("a b", "a%20b"), ("张\"三\"", "张%22三%22"), ("<b>", "%3Cb%3E"), ("x\ny", "x%0Ay"), ("100%", "100%25"),
        ("lex:华进", "lex%3A华进"), ("{}|^`\\", "%7B%7D%7C%5E%60%5C"), ("🚀", "🚀"), ("a#b/c?d", "a%23b%2Fc%3Fd"),
    ])
    func percentEncoding(raw: String, encoded: String) {
        #expect(IRIEncoding.encode(raw) == encoded)
    }

    @Test func everyFixtureIRIIsValid() {
        let forbidden = CharacterSet(charactersIn: " <>\"{}|^`\\\n\r\t")
        for e in Fixture.graph.entities {
            let iri = KGNamespace.entityIRI(key: e.key)
            #expect(iri.rangeOfCharacter(from: forbidden) == nil, "\(iri)")
        }
        // Distinct keys give distinct IRIs.
        let iris = Set(Fixture.graph.entities.map { KGNamespace.entityIRI(key: $0.key) })
        #expect(iris.count == Fixture.graph.entities.count)
    }

    @Test func sinkFlushesToFileInChunks() throws {
        let url = try Tools.temporaryFile("sink.txt", "")
        let handle = try FileHandle(forWritingTo: url)
        let sink = TextSink(handle: handle, chunkSize: 16)
        for i in 0..<100 { try sink.write("行\(i)\n") }
        // Most of it has reached the file before the final flush.
        let before = try Data(contentsOf: url).count
        try sink.flush()
        try handle.close()
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(before > 0 && before < sink.byteCount)
        #expect(text == (0..<100).map { "行\($0)\n" }.joined())
        #expect(sink.byteCount == text.utf8.count)
    }
}

@Suite struct GoldenTests {
    @Test(arguments: [ExportFormat.jsonld, .ntriples, .nquads, .turtle, .dot, .graphml])
    func singleFileFormats(format: ExportFormat) throws {
        try expectGolden(try exported(format.exporter()), "small.\(format.fileExtension)")
    }

    @Test(arguments: CSVExporter.Table.allCases)
    func csvTables(table: CSVExporter.Table) throws {
        try expectGolden(try exported(CSVExporter(table: table)), "small.\(table.fileName)")
    }

    @Test func csvFolderHoldsBothTables() throws {
        let folder = try Tools.temporaryFile("x", "").deletingLastPathComponent().appendingPathComponent("csv-out")
        try CSVExporter(table: .nodes).writeFolder(Fixture.graph, to: folder)
        let nodes = try String(contentsOf: folder.appendingPathComponent("nodes.csv"), encoding: .utf8)
        let edges = try String(contentsOf: folder.appendingPathComponent("edges.csv"), encoding: .utf8)
        #expect(nodes == (try exported(CSVExporter(table: .nodes))))
        #expect(edges == (try exported(CSVExporter(table: .edges))))
    }

    @Test func csvHeadersFollowNeo4jBulkImport() throws {
        let nodes = try exported(CSVExporter(table: .nodes)).split(separator: "\n")
        let edges = try exported(CSVExporter(table: .edges)).split(separator: "\n")
        #expect(nodes.first?.hasPrefix("id:ID,label,") == true)
        #expect(nodes.first?.hasSuffix(",:LABEL") == true)
        #expect(edges.first?.hasPrefix(":START_ID,:END_ID,:TYPE") == true)
        // A company carries its parent type as a second Neo4j label.
        #expect(nodes.contains { $0.hasPrefix("1,") && $0.hasSuffix(",Company;Organization") })
    }

    @Test func csvFieldsQuoteCommasQuotesAndLineBreaks() {
        #expect(CSVExporter.field("plain") == "plain")
        #expect(CSVExporter.field("a,b") == "\"a,b\"")
        #expect(CSVExporter.field("张\"三\"") == "\"张\"\"三\"\"\"")
        #expect(CSVExporter.field("x\ny") == "\"x\ny\"")
    }
}
