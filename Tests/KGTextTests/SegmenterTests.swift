import KGModel
import Testing

@testable import KGText

@Suite struct SegmenterTests {
    @Test func splitsAtStops() {
        #expect(
            sentenceTexts("园区成立于1994年。规模持续扩大！前景如何？答案在数据里；数据说明一切…此外还有更多……结束") == [
                "园区成立于1994年。", "规模持续扩大！", "前景如何？", "答案在数据里；", "数据说明一切…", "此外还有更多……", "结束",
            ])
    }

    @Test func asciiFullStopOnlyBeforeSpaceOrCJK() {
        #expect(
            sentenceTexts("增速为1.5%。星海科技(600267.SH)上涨. 随后回落.收盘") == [
                "增速为1.5%。", "星海科技(600267.SH)上涨.", "随后回落.", "收盘",
            ])
        #expect(sentenceTexts("Version 2.0 is out. It works.") == ["Version 2.0 is out.", "It works."])
    }

    @Test func closingQuoteStaysWithItsSentence() {
        #expect(
            sentenceTexts("“产业是根本。”他说。（完。）随后【结束！】") == [
                "“产业是根本。”", "他说。", "（完。）", "随后【结束！】",
            ])
    }

    @Test func noSplitInsideQuotesOrTitles() {
        let text = "他说：“第一句。第二句！第三句？”会议审议了《关于加快发展的意见。修订稿》等文件。"
        #expect(sentenceTexts(text) == ["他说：“第一句。第二句！第三句？”", "会议审议了《关于加快发展的意见。修订稿》等文件。"])
        // Quotes nest: the inner 「」 and the outer “” both close before the sentence ends.
        #expect(sentenceTexts("“他说「好。」然后走了。”对。") == ["“他说「好。」然后走了。”", "对。"])
    }

    @Test func unclosedQuoteFallsBackAfterRunawayLimit() {
        let long = String(repeating: "长", count: Segmenter.quoteRunaway + 10)
        let text = "“开头。" + long + "。后句。再一句。"
        let sentences = sentenceTexts(text)
        // Inside the first 200 scalars the open quote holds the stops back; after that they split.
        #expect(sentences == ["“开头。" + long + "。", "后句。", "再一句。"])
    }

    @Test func spansAreOriginalOffsetsAndTrimmed() {
        let text = "  第一句。  第二句。\n\n\u{3000}第三句！ "
        let sentences = Segmenter.sentences(in: text)
        #expect(sentences.map(\.text) == ["第一句。", "第二句。", "第三句！"])
        #expect(sentences.map(\.span) == [TextSpan(2, 6), TextSpan(8, 12), TextSpan(15, 19)])
        #expect(sentences.map(\.index) == [0, 1, 2])
        for sentence in sentences { #expect(slice(text, sentence.span) == sentence.text) }
    }

    @Test func punctuationOnlyPiecesAreDropped() {
        #expect(sentenceTexts("……\n。\n好。") == ["好。"])
    }

    @Test func clauses() {
        let text = "今年6月，无锡发布政策；“一产业，一基金”落地：规模达1,000亿元，时间15:58，《甲，乙》获批。"
        let sentence = Segmenter.sentences(in: text)
        #expect(sentence.count == 2)
        let clauses = sentence.flatMap { s in s.clauses.map { slice(text, $0) } }
        #expect(clauses == ["今年6月", "无锡发布政策", "“一产业，一基金”落地", "规模达1,000亿元", "时间15:58", "《甲，乙》获批。"])
    }

    @Test func clausesIgnoreAQuoteThatNeverCloses() {
        let text = "他说“甲，乙，丙。"
        let sentence = Segmenter.sentences(in: text)
        #expect(sentence.count == 1)
        #expect(sentence[0].clauses.map { slice(text, $0) } == ["他说“甲", "乙", "丙。"])
    }

    @Test func overlongSentenceIsCutAtLastClauseBoundary() {
        let part = String(repeating: "字", count: 700)
        let text = part + "，" + part + "，" + part
        let spans = Segmenter.sentenceSpans(
            in: Array(text.unicodeScalars), range: TextSpan(0, text.unicodeScalars.count))
        #expect(spans.map(\.length) == [701, 701, 700])
        #expect(spans.allSatisfy { $0.length <= Segmenter.maxSentenceLength })
    }

    @Test func overlongSentenceWithoutBoundaryIsCutHard() {
        let text = String(repeating: "字", count: 2_500)
        let spans = Segmenter.sentenceSpans(in: Array(text.unicodeScalars), range: TextSpan(0, 2_500))
        #expect(spans.map(\.length) == [1_000, 1_000, 500])
    }

    /// Five megabytes (1.7 M scalars) with no stop at all: the cost stays linear. Four times the
    /// input must take less than eight times as long (a quadratic pass would take sixteen; the
    /// slack absorbs the noise of a shared machine), and the whole run is quick.
    @Test func noStopInputIsLinear() {
        func run(_ count: Int) -> (Double, Int) {
            let scalars = [Unicode.Scalar](repeating: "长", count: count)
            var spans: [TextSpan] = []
            // Best of three: other work on the shared machine only ever adds time.
            let time = (0..<3).map { _ in
                seconds { spans = Segmenter.sentenceSpans(in: scalars, range: TextSpan(0, count)) }
            }.min()!
            return (time, spans.count)
        }
        let scalarsIn5MB = 5 * 1024 * 1024 / 3
        let (quarter, quarterCount) = run(scalarsIn5MB / 4)
        let (full, fullCount) = run(scalarsIn5MB)
        #expect(fullCount == (scalarsIn5MB + 999) / 1_000)
        #expect(quarterCount == (scalarsIn5MB / 4 + 999) / 1_000)
        #expect(full < 5.0, "5 MB took \(full) s")
        #expect(full < max(quarter, 0.02) * 8, "4x input took \(full / quarter)x the time")
    }
}
