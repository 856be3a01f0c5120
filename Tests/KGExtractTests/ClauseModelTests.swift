import KGModel
import KGText
import Testing

@testable import KGExtract

/// `kg build`, `kg explain` and `kg rules test` present a sentence to the extractor the same
/// way: the segmenter's clauses (quote-aware, no cut inside 1,000), so the three find the same
/// triples.
@Suite struct ClauseModelTests {
    static let extractor = RuleExtractor(recognizer: Recognizer(), rules: .builtIn, model: nil)

    @Test(arguments: [
        "星河科技与蓝山制药签署战略合作协议，双方将在生物医药领域开展合作。",
        "苏州工业园区引进了“星河科技，蓝山制药”等一批企业。",
        "星河科技以1,000万元收购蓝山制药，交易已经完成。",
        "湖畔科学城管委会主任张明表示：园区已集聚企业300家。",
    ])
    func buildExplainAndRulesTestAgree(text: String) throws {
        // What `kg build` makes of the text (one paragraph, one sentence).
        let built = TextDocument(
            path: "t.txt", original: text, contentHash: "", metadata: DocumentMetadata(), sentences: Segmenter.sentences(in: text))
        try #require(built.sentences.count == 1)
        // What `kg explain "…"` and a rule example make of it.
        let single = TextDocument.single(text)
        #expect(single.sentences[0].clauses == built.sentences[0].clauses)
        let fromBuild = Self.extractor.extract(built).extractions
        let fromSingle = Self.extractor.extract(single).extractions
        let fromExplain = Self.extractor.explain(single).flatMap(\.match.extractions)
        #expect(fromBuild == fromSingle)
        #expect(fromBuild == fromExplain)
    }

    @Test func matcherBarriersAreTheSegmentersClauseEnds() {
        for c in ",;:。!?…，；：！？\n".unicodeScalars {
            #expect(Segmenter.isClauseBarrier(c), "\(c)")
            #expect(SentenceView.barrierTable.contains(c), "\(c)")
        }
        for c in "、与和 ".unicodeScalars {
            #expect(!Segmenter.isClauseBarrier(c), "\(c)")
        }
    }
}
