import KGModel
import Testing

@testable import KGExtract

/// The matcher on hand-marked sentences (none from the sample article).
@Suite struct RuleMatcherTests {
    static let introduced = RuleFixture.pack(
        """
        rule 引进
          match {主体:Zone|Organization topic} …6 (引进|招引) [了] {对象:Organization list}
          emit 主体 introduced 对象
          example [甲园区:Zone]引进了[乙公司:Company] => 甲园区 introduced 乙公司
        """)

    @Test(arguments: [
        ("[合肥高新区:Zone]引进了[科大讯飞:Company]、[蔚来:Company]", ["合肥高新区 introduced 科大讯飞", "合肥高新区 introduced 蔚来"]),
        ("[合肥高新区:Zone]引进了[科大讯飞:Company]和[蔚来:Company]", ["合肥高新区 introduced 科大讯飞", "合肥高新区 introduced 蔚来"]),
        ("[合肥高新区:Zone]引进了[科大讯飞:Company]及[蔚来:Company]", ["合肥高新区 introduced 科大讯飞", "合肥高新区 introduced 蔚来"]),
        ("[合肥高新区:Zone]引进了[科大讯飞:Company]与[蔚来:Company]", ["合肥高新区 introduced 科大讯飞", "合肥高新区 introduced 蔚来"]),
        (
            "[合肥高新区:Zone]引进了[科大讯飞:Company]、[蔚来:Company]以及[京东方:Company]",
            ["合肥高新区 introduced 京东方", "合肥高新区 introduced 科大讯飞", "合肥高新区 introduced 蔚来"]
        ),
    ])
    func coordinationExpandsIntoOneTriplePerMember(sentence: String, expected: [String]) {
        #expect(RuleFixture.triples(Self.introduced, sentence) == expected)
    }

    @Test(arguments: ["等", "等一批", "等在内的"])
    func listClosersMarkTheListIncomplete(closer: String) {
        let found = RuleFixture.triples(Self.introduced, "[合肥高新区:Zone]引进了[科大讯飞:Company]、[蔚来:Company]\(closer)企业")
        #expect(found == ["合肥高新区 introduced 科大讯飞 list=incomplete", "合肥高新区 introduced 蔚来 list=incomplete"])
    }

    static let acquisition = RuleFixture.pack(
        """
        rule 收购.计划
          match {买方:Company} … 收购 {标的:Company}
          emit 买方 acquires 标的
          modality planned
          example [甲:Company]收购[乙:Company] => 甲 acquires 乙
        rule 合作.阻止
          match {甲:Company} 与 {乙:Company} … 合作
          emit 甲 cooperatesWith 乙
          example [甲:Company]与[乙:Company]合作 => 甲 cooperatesWith 乙
        """)

    @Test(arguments: ["未", "不", "没有", "尚未"])
    func negationBeforeTheTriggerStopsTheRule(word: String) {
        #expect(RuleFixture.triples(Self.acquisition, "[吉利:Company]\(word)收购[沃尔沃:Company]").isEmpty)
        #expect(RuleFixture.triples(Self.acquisition, "[吉利:Company]\(word)与[沃尔沃:Company]合作").isEmpty)
    }

    @Test func wordsThatOnlyLookNegatedDoNotStopTheRule() {
        #expect(RuleFixture.triples(Self.acquisition, "[吉利:Company]不断收购[沃尔沃:Company]") == ["吉利 acquires 沃尔沃"])
    }

    @Test(arguments: ["拟", "计划", "将", "准备"])
    func modalityAddsPlannedOrBlocks(word: String) {
        #expect(RuleFixture.triples(Self.acquisition, "[吉利:Company]\(word)收购[沃尔沃:Company]") == ["吉利 acquires 沃尔沃 status=planned"])
        // The cooperation rule keeps the default, `modality block`.
        #expect(RuleFixture.triples(Self.acquisition, "[吉利:Company]\(word)与[沃尔沃:Company]合作").isEmpty)
        #expect(RuleFixture.triples(Self.acquisition, "[吉利:Company]与[沃尔沃:Company]合作") == ["吉利 cooperatesWith 沃尔沃"])
    }

    /// 甲园区着力建设A…,引进了B…;建设了以C为代表的…: every clause is about 甲园区.
    @Test func clausesWithoutSubjectTakeTheTopic() {
        let pack = RuleFixture.pack(
            """
            rule 建设
              match {主体:Zone topic} …4 建设 [了] {对象:Platform}
              emit 主体 established 对象
              example [甲园区:Zone]建设了[乙中心:Platform] => 甲园区 established 乙中心
            rule 引进
              match {主体:Zone topic} …4 引进 [了] {对象:Organization list}
              emit 主体 introduced 对象
              example [甲园区:Zone]引进了[乙公司:Company] => 甲园区 introduced 乙公司
            rule 代表
              match {主体:Zone topic} … 以 {成员:Organization} 为代表
              emit 主体 hosts 成员
              example [甲园区:Zone]建设了以[乙公司:Company]为代表的载体 => 甲园区 hosts 乙公司
            """)
        let sentence = "[园区:Zone]着力建设[合成生物创新中心:Platform],引进了[中科院微生物所:ResearchInstitute]、[江南大学:University];建设了以[蓝晶微生物:Company]为代表的专业载体"
        #expect(
            RuleFixture.triples(pack, sentence) == [
                "园区 established 合成生物创新中心", "园区 hosts 蓝晶微生物", "园区 introduced 中科院微生物所", "园区 introduced 江南大学",
            ])
        // With no subject in the sentence, the topic carried in from the previous sentence is used.
        let topic = RuleFixture.entity("天津港保税区", "Zone")
        #expect(RuleFixture.triples(pack, "引进了[中科院微生物所:ResearchInstitute]", topic: topic) == ["天津港保税区 introduced 中科院微生物所"])
        // A clause that names its own subject does not take the topic.
        #expect(RuleFixture.triples(pack, "[某某集团:Company]也引进了[中科院微生物所:ResearchInstitute]", topic: topic).isEmpty)
    }

    @Test func postListsGiveOnePositionEach() {
        let pack = RuleFixture.pack(
            """
            rule 任职
              match {职:Post list} {人:Person}
              emit 人 holdsPosition 职 role=职.role
              example [甲公司董事长:Post=甲公司/董事长][张三:Person] => 张三 holdsPosition 甲公司 role=董事长
            """)
        let found = RuleFixture.triples(pack, "[滨海新区区委书记:Post=滨海新区区委/书记]、[天津港集团董事长:Post=天津港集团/董事长][王五:Person]表示")
        #expect(found == ["王五 holdsPosition 天津港集团 role=董事长", "王五 holdsPosition 滨海新区区委 role=书记"])
    }

    /// `X与Y签署战略合作协议` finds two organisations nobody listed.
    @Test func spanSlotsCaptureUnlistedNames() {
        let pack = RuleFixture.pack(
            """
            rule 签约
              match {甲:Organization span} 与 {乙:Organization span} …8 (签署|签订) [了] …8 协议
              emit 甲 cooperatesWith 乙
              example 甲方与乙方签署协议 => 甲方 cooperatesWith 乙方
            """)
        #expect(RuleFixture.triples(pack, "近日,蓝晶微生物与华恒生物签署战略合作协议") == ["蓝晶微生物 cooperatesWith 华恒生物"])
        // Spans stop at punctuation and function words and never start with a quantity.
        #expect(RuleFixture.triples(pack, "据悉,一批企业与华恒生物签署了协议").isEmpty)
        let sentence = RuleFixture.sentence("近日,蓝晶微生物与华恒生物签署战略合作协议")
        let extraction = try! #require(pack.matcher.match(sentence).extractions.first)
        #expect(extraction.subjectSpan == TextSpan(3, 8))
        #expect(extraction.subject.type == "Organization" && extraction.subject.key == "name:蓝晶微生物")
    }

    @Test func objectsFoundElsewhereInTheSentence() {
        let pack = RuleFixture.pack(
            """
            rule 上市
              match {公司:Company list} …4 成功上市
              also {板块:Exchange list}
              emit 公司 listedOn 板块
              example 借助[科创板:Exchange],[寒武纪:Company]成功上市 => 寒武纪 listedOn 科创板
            """)
        let found = RuleFixture.triples(pack, "借助[科创板:Exchange]和[北交所:Exchange]的机遇,[寒武纪:Company]、[海光信息:Company]等企业成功上市")
        #expect(
            found == [
                "寒武纪 listedOn 北交所 list=incomplete", "寒武纪 listedOn 科创板 list=incomplete", "海光信息 listedOn 北交所 list=incomplete",
                "海光信息 listedOn 科创板 list=incomplete",
            ])
        #expect(RuleFixture.triples(pack, "[寒武纪:Company]成功上市").isEmpty, "no exchange anywhere: no triple")
    }

    /// Matches whose triggers overlap compete: the longest wins, then priority, then file order.
    @Test func overlapPolicy() {
        let pack = RuleFixture.pack(
            """
            rule 短
              match {甲:Company} …2 收购
              also {乙:Company}
              emit 甲 acquires 乙
              modality ignore
              priority 9
              example [甲:Company]收购[乙:Company] => 甲 acquires 乙
            rule 长
              match {甲:Company} 拟收购 {乙:Company}
              emit 甲 investsIn 乙
              example [甲:Company]拟收购[乙:Company] => 甲 investsIn 乙
            rule 同长低
              match {甲:Company} 拟收购 {乙:Company}
              emit 甲 cooperatesWith 乙
              priority -1
              example [甲:Company]拟收购[乙:Company] => 甲 cooperatesWith 乙
            rule 同长先
              match {甲:Company} 拟收购 {乙:Company}
              emit 乙 investsIn 甲
              example [甲:Company]拟收购[乙:Company] => 乙 investsIn 甲
            """)
        let result = pack.matcher.match(RuleFixture.sentence("[吉利:Company]拟收购[沃尔沃:Company]"))
        #expect(result.extractions.map(\.ruleID) == ["长"], "longest, then priority 0 over -1, then file order over 同长先")
        let dropped = Dictionary(uniqueKeysWithValues: result.matches.filter { $0.overriddenBy != nil }.map { ($0.ruleID, $0.overriddenBy!) })
        #expect(dropped == ["短": "长", "同长低": "长", "同长先": "长"])
    }

    /// A sentence only tries the rules whose trigger it contains.
    @Test func rulesWhoseTriggerIsAbsentAreNeverTried() {
        let pack = RulePack.builtIn
        let sentence = RuleFixture.sentence("[宁德时代:Company]与[长安汽车:Company]签署战略合作协议")
        let result = pack.matcher.match(sentence)
        #expect(result.tried.contains("合作.签署协议"))
        #expect(!result.tried.contains("收购"))
        #expect(!result.tried.contains("任职.职务人名"), "no Post mention: Post-triggered rules are not tried")
        #expect(result.nearMisses.allSatisfy { result.tried.contains($0.ruleID) })
        let index = TriggerIndex(rules: pack.rules)
        let candidates = index.candidates(in: Array("甲公司收购乙公司".unicodeScalars)) { _ in false }
        let ids = Set(candidates.map { pack.rules[$0].id })
        #expect(ids.contains("收购") && !ids.contains("合作.签署协议"))
        for position in candidates {
            guard case .literal(let alternatives, _) = pack.rules[position].trigger else { continue }
            #expect(alternatives.contains { "甲公司收购乙公司".contains($0) }, "\(pack.rules[position].id)")
        }
    }

    /// A rule whose trigger occurs but one of whose other required literals does not is not
    /// searched by a build, which finds the same triples; `kg explain` still searches it for its
    /// near miss.
    @Test func rulesMissingARequiredLiteralAreNotSearched() {
        let pack = RuleFixture.pack(
            """
            rule 合作.签约
              match {甲:Company} 与 {乙:Company} … [正式] 签署 … (协议|合同)
              emit 甲 cooperatesWith 乙
            """)
        let index = TriggerIndex(rules: pack.rules)
        func searchable(_ text: String) -> Bool {
            let scalars = Array(text.unicodeScalars)
            let (candidates, present) = index.candidatesAndLiterals(in: scalars) { _ in false }
            return candidates.contains(0) && index.searchable(0, present: present)
        }
        #expect(searchable("甲公司与乙公司签署合作协议"))
        #expect(searchable("甲公司与乙公司签署合同"), "one alternative is enough; the optional 正式 is not required")
        #expect(!searchable("甲公司与乙公司签署了备忘录"), "no 协议 or 合同")
        #expect(!searchable("甲公司和乙公司签署协议"), "no 与")

        let missing = RuleFixture.sentence("[甲公司:Company]与[乙公司:Company]签署了备忘录")
        let built = pack.matcher.match(missing, nearMisses: false)
        let explained = pack.matcher.match(missing)
        #expect(built.extractions.isEmpty && explained.extractions.isEmpty)
        #expect(built.tried == ["合作.签约"] && explained.tried == ["合作.签约"])
        #expect(explained.nearMisses.map(\.ruleID) == ["合作.签约"])
        let whole = RuleFixture.sentence("[甲公司:Company]与[乙公司:Company]签署协议")
        #expect(pack.matcher.match(whole, nearMisses: false).extractions.count == 1)
    }

    @Test func nearMissesSayWhichElementFailed() {
        let result = Self.acquisition.matcher.match(RuleFixture.sentence("[吉利:Company]宣布收购计划"))
        let miss = try! #require(result.nearMisses.first { $0.ruleID == "收购.计划" })
        #expect(miss.element == 3)
        #expect(miss.elementText == "{标的:Company}")
        let negated = Self.acquisition.matcher.match(RuleFixture.sentence("[吉利:Company]没有收购[沃尔沃:Company]"))
        #expect(negated.nearMisses.contains { $0.reason.contains("negation") })
    }

    @Test func extractionsCarryRuleVersionAndEvidenceSpans() {
        let sentence = RuleFixture.sentence("据报道,[吉利:Company]收购[沃尔沃:Company]", base: 100, index: 4)
        let extraction = try! #require(Self.acquisition.matcher.match(sentence).extractions.first)
        #expect(extraction.sentenceIndex == 4)
        #expect(extraction.subjectSpan == TextSpan(104, 106))
        #expect(extraction.triggerSpan == TextSpan(106, 108))
        #expect(extraction.objectSpan == TextSpan(108, 111))
        #expect(extraction.ruleVersion == Self.acquisition.rule("收购.计划")?.version)
    }
}

/// Later constructs of the language: the sentence gap, absent literals, named-after slots.
@Suite struct RuleLanguageExtrasTests {
    static let pack = RuleFixture.pack(
        """
        rule 句内
          match {甲:Company} 与 {乙:Company} !(的纠纷|纠纷) …… 合作
          emit 甲 cooperatesWith 乙
          example [甲:Company]与[乙:Company]见面,双方决定合作 => 甲 cooperatesWith 乙
        rule 同句
          match {甲:Company} 与 {乙:Company} … 合作
          emit 甲 cooperatesWith 乙
          example [甲:Company]与[乙:Company]合作 => 甲 cooperatesWith 乙
        rule 冠名
          match {母:Company}
          also {子:Organization span=12 named=母}
          emit 子 partOf 母
          example [华润:Company]重组后,华润燃气上市 => 华润燃气 partOf 华润
        """)

    @Test func sentenceGapCrossesClausesButPlainGapsDoNot() {
        let result = Self.pack.matcher.match(RuleFixture.sentence("[宁德时代:Company]与[长安汽车:Company]昨日会面,双方宣布在电池领域合作"))
        #expect(result.extractions.map(\.ruleID) == ["句内"])
        // The plain gap stops at the comma, so 同句 never reaches its 合作.
        #expect(result.nearMisses.contains { $0.ruleID == "同句" && $0.elementText == "合作" }, "\(result.nearMisses)")
    }

    @Test func absentLiteralsStopTheRule() {
        #expect(RuleFixture.triples(Self.pack, "[宁德时代:Company]与[长安汽车:Company]的纠纷已了结,双方恢复合作").isEmpty)
    }

    @Test func namedAfterFindsLongerNamesAndSkipsLegalForms() {
        #expect(
            RuleFixture.triples(Self.pack, "[华润:Company]重组后,华润燃气和华润电力上市,华润集团公司表示支持")
                == ["华润燃气 partOf 华润", "华润电力 partOf 华润"])
    }
}

/// A bracketed aside after a name (a short name, a ticker) does not stop the pattern, and a span
/// name ends before it.
@Suite struct BracketedAsideTests {
    static let pack = RuleFixture.pack(
        """
        rule 领投
          match {投资方:Organization span} 领投 {公司:Organization}
          emit 投资方 investsIn 公司
          example 云岭资本领投[蓝山医疗:Company] => 云岭资本 investsIn 蓝山医疗
        rule 代码
          match {公司:Company} [(] {代码:Exchange} [)]
          emit 公司 listedOn 代码
          example [星河股份:Company]([创业板:Exchange]) => 星河股份 listedOn 创业板
        """)

    @Test func aMentionsAsideIsSkipped() {
        #expect(RuleFixture.triples(Self.pack, "[云岭资本有限公司:Company](云岭资本)领投[蓝山医疗:Company]") == ["云岭资本有限公司 investsIn 蓝山医疗"])
    }

    @Test func aSpanEndsBeforeItsAside() {
        #expect(RuleFixture.triples(Self.pack, "湖畔产业结构调整基金(湖畔基金)领投[蓝山医疗:Company]") == ["湖畔产业结构调整基金 investsIn 蓝山医疗"])
    }

    @Test func aRuleThatNamesTheBracketStillMatchesIt() {
        #expect(RuleFixture.triples(Self.pack, "[星河股份:Company]([创业板:Exchange])") == ["星河股份 listedOn 创业板"])
    }
}

/// 股权 ends a span name before it (持有星河股权) but closes one in a list (建信股权、).
@Suite struct ListCloserTests {
    static let pack = RuleFixture.pack(
        """
        rule 跟投
          match {投资方:Organization list span} 跟投 {公司:Organization}
          emit 投资方 investsIn 公司
          example 云岭资本跟投[蓝山医疗:Company] => 云岭资本 investsIn 蓝山医疗
        rule 持有
          match {股东:Organization} 持有 {公司:Organization span} 股权
          emit 股东 investsIn 公司
          example [云岭资本:Company]持有湖畔科技股权 => 云岭资本 investsIn 湖畔科技
        """)

    @Test func aListMemberMayEndWithIt() {
        #expect(
            RuleFixture.triples(Self.pack, "湖畔资本、星河股权等跟投[蓝山医疗:Company]")
                == ["星河股权 investsIn 蓝山医疗 list=incomplete", "湖畔资本 investsIn 蓝山医疗 list=incomplete"])
    }

    @Test func elsewhereItFollowsTheName() {
        #expect(RuleFixture.triples(Self.pack, "[云岭资本:Company]持有湖畔科技股权") == ["云岭资本 investsIn 湖畔科技"])
    }
}
