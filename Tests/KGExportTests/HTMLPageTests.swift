import Foundation
import KGModel
import Testing

@testable import KGExport

/// The HTML page is one file that needs nothing else, whose data survives hostile names, and
/// whose evidence marks the subject and the object.
@Suite struct HTMLPageTests {
    static let svg = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <svg width="100pt" height="50pt" viewBox="0 0 100 50" xmlns="http://www.w3.org/2000/svg"><g id="n1" class="node"></g></svg>
        """

    static func page(_ graph: InMemoryGraph = Fixture.graph) throws -> String {
        let sink = TextSink()
        try HTMLPage(selection: GraphSelection(), pinyin: { _ in "pin" }).write(graph, svg: svg, to: sink)
        return sink.text
    }

    @Test func pageIsSelfContained() throws {
        let html = try Self.page()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<?xml") && !html.contains("<!DOCTYPE svg"), "Graphviz's prologue is cut")
        #expect(html.contains("<svg width=\"100pt\""))
        for external in ["<script src", "<link", "@import", "url(http", "src=\"http", "href=\"http"] {
            #expect(!html.contains(external), "\(external)")
        }
    }

    /// The data is valid JSON whatever the names hold, and no name closes the script element.
    @Test func dataIsJSONAndNoNameClosesTheScript() throws {
        let html = try Self.page()
        let open = try #require(html.range(of: "<script type=\"application/json\" id=\"kg-data\">"))
        let close = try #require(html.range(of: "</script>", range: open.upperBound..<html.endIndex))
        let json = String(html[open.upperBound..<close.lowerBound])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [String: [String: Any]]])
        let entities = try #require(object["entities"])
        #expect(entities["n6"]?["zh"] as? String == "<b>粗体</b>")
        #expect(entities["n3"]?["zh"] as? String == "张\"三\"")
        #expect(entities["n1"]?["pinyin"] as? String == "pin")
        let triples = try #require(object["triples"])
        #expect(triples.count == Fixture.graph.triples.count)
        let listing = try #require(triples["e1"])
        #expect((listing["evidence"] as? [Any])?.count == 2)
    }

    @Test func evidenceMarksSubjectAndObject() {
        let ev = GraphEvidence(
            id: 1, tripleID: 1, documentID: 1, sentenceIndex: 0, sentenceText: "🚀华进半导体在科创板上市。",
            sentenceSpan: TextSpan(10, 23), subjectSpan: TextSpan(11, 16), objectSpan: TextSpan(17, 20), triggerSpan: nil,
            ruleID: "r", ruleVersion: "v", confidence: 0.9, qualifiers: [])
        let pieces = HTMLPage.pieces(ev).map { "\($0.role):\($0.text)" }
        #expect(pieces == [":🚀", "s:华进半导体", ":在", "o:科创板", ":上市。"])
    }
}
