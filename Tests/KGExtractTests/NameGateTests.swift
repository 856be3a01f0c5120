import KGModel
import KGText
import Testing

@testable import KGExtract

/// The word-level name gate (`NameJudge.wordRejection`) on sentences written for these tests.
@Suite struct NameGateTests {
    /// The gate's verdict on `name` where it stands in `sentence`.
    static func verdict(_ name: String, in sentence: String) throws -> NameJudge.Rejection? {
        let text = Normalizer.normalize(sentence)
        let target = Normalizer.normalize(name)
        let start = try #require((0...(text.count - target.count)).first { Array(text[$0..<($0 + target.count)]) == target })
        let words = WordSegmenter.builtIn.segmentation(of: text)
        return NameJudge.wordRejection(start..<(start + target.count), text: text, words: words)
    }

    @Test(arguments: [
        ("星河科技", "星河科技与蓝山制药签署合作协议。"),
        ("蓝山制药", "星河科技与蓝山制药签署合作协议。"),
        ("美团", "美团宣布完成对单车企业的收购。"),
        ("滴滴出行", "滴滴出行获得新一轮融资。"),
        ("湖畔生物医药", "湖畔生物医药与多家医院开展合作。"),
        // Adverbs the dictionary reads among the characters of a name it does not know.
        ("兰又实业", "兰又实业发布公告。"),
    ])
    func namesPass(name: String, sentence: String) throws {
        #expect(try Self.verdict(name, in: sentence) == nil)
    }

    @Test(arguments: [
        ("涵盖半导体", "项目涵盖半导体、新能源等领域。", NameJudge.Rejection.leadingWord),
        ("28家公司", "共有28家公司参加签约。", .quantity),
        ("学校办学历程", "他回顾了学校办学历程和合作过程。", .commonWords),
        ("蓝山制药正式", "蓝山制药正式登陆创业板。", .trailingWord),
        ("大家一如既往地支", "希望大家一如既往地支持工作。", .splitsWord),
        ("外界关心", "对于外界关心的收购方案,双方均未透露。", .commonWords),
        ("比例最多", "收购完成后,其持股比例最多将升至四成。", .trailingWord),
        ("星河多数", "蓝山集团继续持有星河多数股权。", .quantity),
        ("人工智能", "园区重点发展人工智能产业。", .commonWords),
        ("重组方式为青岚钢铁集团", "重组方式为青岚钢铁集团一次性收购日照钢铁。", .innerVerb),
        ("创业公司", "今年有些创业公司面临困难。", .commonWords),
    ])
    func phrasesAreNotNames(name: String, sentence: String, why: NameJudge.Rejection) throws {
        #expect(try Self.verdict(name, in: sentence) == why)
    }

    /// A rule's span slot asks the gate: a phrase before the trigger is no party.
    @Test func spanSlotsKeepPhrasesOut() {
        let pack = RuleFixture.pack(
            """
            rule 合作.测试
              match {甲:Organization span} 与 {乙:Organization span} (合作|签约)
              emit 甲 cooperatesWith 乙
              example 星河科技与蓝山制药合作 => 星河科技 cooperatesWith 蓝山制药
            """)
        let sentence = RuleFixture.sentence("学校办学历程与蓝山制药合作")
        #expect(pack.matcher.match(sentence).extractions.isEmpty)
        let named = RuleFixture.sentence("星河科技与蓝山制药合作")
        #expect(pack.matcher.match(named).extractions.map(\.subject.labelZh) == ["星河科技"])
    }
}

extension NameGateTests {
    @Test(arguments: [
        ("农业科技投资", "双方将推动农业科技投资、乡村旅游发展等合作。", NameJudge.Rejection.commonWords),
        ("湖畔科技园内", "项目位于湖畔科技园内。", .trailingWord),
        ("湖畔理工", "星河科技与湖畔理工大学签约。", .splitsWord),
        ("中国民营企业", "本轮融资由中国民营企业发展基金领投。", .commonWords),
    ])
    func generalPhrasesAreNotNames(name: String, sentence: String, why: NameJudge.Rejection) throws {
        #expect(try Self.verdict(name, in: sentence) == why)
    }

    @Test(arguments: [
        ("晋陵投资集团", "晋陵投资集团董事长出席。"),
        ("东方航空", "东方航空宣布开通新航线。"),
    ])
    func companyNamesOfCommonWordsPass(name: String, sentence: String) throws {
        #expect(try Self.verdict(name, in: sentence) == nil)
    }
}

extension NameGateTests {
    /// `kg explain` shows the candidates the gate turned away, with why.
    @Test func explainListsRejectedNames() {
        let extractor = RuleExtractor(recognizer: Recognizer(), rules: .builtIn, model: .builtIn)
        let sentences = extractor.explain(TextDocument.single("这个项目涵盖半导体、新能源等领域。"))
        let rejected = sentences.flatMap(\.sentence.rejectedNames)
        #expect(!rejected.isEmpty)
        #expect(rejected.allSatisfy { !$0.reason.isEmpty && ($0.source == "suffix" || $0.source == "model") })
    }
}

/// Names in traditional script keep their script in the label; the key unites both scripts.
@Suite struct TraditionalScriptTests {
    @Test func aNameIsLabelledAsWritten() throws {
        let sentence = try #require(RecognitionFixture.annotate("星海光電有限公司宣佈擴產。").first)
        let company = try #require(sentence.mentions.first { $0.source == .suffix })
        #expect(company.entity?.labelZh == "星海光電有限公司")
        #expect(company.entity?.key == .name(normalized: "星海光电有限公司"))
    }
}

/// What reaches the store as a written name.
@Suite struct WrittenNameTests {
    @Test func ourCountryRefersToChinaButIsNoName() throws {
        let sentence = try #require(RecognitionFixture.annotate("我国集成电路产业快速发展。").first)
        let mention = try #require(sentence.mentions.first { $0.span.start == 0 })
        #expect(mention.source == .anaphor)
        #expect(mention.entity?.key == .lexicon("cn"))
        #expect(!NameJudge.isWrittenName(mention))
    }

    @Test func anaphorsAndTickersAreNotStoredAsNames() {
        let extractor = RuleExtractor(recognizer: Recognizer(), rules: .builtIn, model: nil)
        let text = "星河科技有限公司(600123.SH)今日公告,该公司将扩产。"
        let document = TextDocument(
            path: "t.txt", original: text, contentHash: "", metadata: DocumentMetadata(), sentences: Segmenter.sentences(in: text))
        let scalars = Array(text.unicodeScalars)
        let written = extractor.extract(document).mentions.map { String(String.UnicodeScalarView(scalars[$0.span.start..<$0.span.end])) }
        #expect(written.contains("星河科技有限公司"))
        #expect(!written.contains("该公司"))
        #expect(!written.contains { $0.contains("600123") })
    }
}
