import KGModel
import Testing
@testable import KGExtract

@Suite struct RecognitionDiscourseTests {
    private func anaphor(_ surface: String, in text: String) -> [Mention] {
        RecognitionFixture.found(text).filter { $0.surface == surface && $0.mention.source == .anaphor }.map(\.mention)
    }

    @Test func aPostAtAShortNameIsHeldAtTheFullName() {
        let text = "杭州恒瑞光电科技股份有限公司成立于2015年。恒瑞光电董事长李明表示将扩产。"
        let posts = RecognitionFixture.found(text).filter { $0.mention.source == .post }.map(\.mention)
        #expect(posts.map { $0.entity?.key } == ["name:杭州恒瑞光电科技股份有限公司"])
        #expect(posts.first?.role == "董事长")
    }

    @Test func parkMeansTheNearestZone() {
        let text = "常州市有多家企业落户苏州工业园区。园区还引进了一批研发机构。"
        let m = anaphor("园区", in: text)
        #expect(m.map { $0.entity?.key } == ["lex:zone-suzhou-industrial-park"])
        #expect(m.first?.type == "Zone")
    }

    @Test func thisDistrictMeansTheNearestDistrictOrZone() {
        let text = "浦东新区发布新政。该区将设立专项基金。"
        #expect(anaphor("该区", in: text).map { $0.entity?.key } == ["lex:cn-shanghai-pudong-new-area"])
    }

    @Test func thisCompanyAndCompanyAtAClauseStart() {
        let text = "江苏恒辉医疗器械有限公司落户常州。该公司计划扩产，公司表示将新建厂房。"
        let key: EntityKey = "name:江苏恒辉医疗器械有限公司"
        #expect(anaphor("该公司", in: text).map { $0.entity?.key } == [key])
        #expect(anaphor("公司", in: text).map { $0.entity?.key } == [key])
    }

    @Test func companyInsideACompoundIsNotAnAnaphor() {
        let text = "江苏恒辉医疗器械有限公司落户常州。多家上市公司跟进。"
        #expect(anaphor("公司", in: text).isEmpty)
    }

    @Test func groupMeansTheNearestCompany() {
        let text = "华润医药集团宣布重组。集团将剥离部分资产。"
        #expect(anaphor("集团", in: text).map { $0.entity?.key } == ["name:华润医药集团"])
    }

    @Test func itsMeansTheNearestOrganisation() {
        let text = "南京大学与常州市签约，其团队将入驻。"
        #expect(anaphor("其", in: text).map { $0.entity?.key } == ["lex:univ-nju"])
        // 其中 and 其他 are not the pronoun.
        #expect(anaphor("其", in: "南京大学发布成果，其中三项获奖。").isEmpty)
    }

    @Test func bothSidesAreTheTwoMostRecentOrganisations() {
        let text = "江苏恒辉医疗器械有限公司与南京大学签约，双方将共建实验室。"
        let keys = Set(anaphor("双方", in: text).compactMap { $0.entity?.key })
        #expect(keys == ["name:江苏恒辉医疗器械有限公司", "lex:univ-nju"])
    }

    @Test func hereMeansThePlace() {
        let text = "企业落户无锡市。这里集聚了上百家企业。"
        #expect(anaphor("这里", in: text).map { $0.entity?.key } == ["lex:cn-jiangsu-wuxi"])
    }

    @Test func ourProvinceAndOurCity() {
        let text = "江苏省常州市出台新政。全省将推广，我市率先试点。"
        #expect(anaphor("全省", in: text).map { $0.entity?.key } == ["lex:cn-jiangsu"])
        #expect(anaphor("我市", in: text).map { $0.entity?.key } == ["lex:cn-jiangsu-changzhou"])
        // A region is no province.
        #expect(anaphor("全省", in: "浙江省发布规划。长三角一体化提速，全省跟进。").map { $0.entity?.key } == ["lex:cn-zhejiang"])
    }

    @Test func shortNamesOfFullNamesAreTheSameEntity() throws {
        let text = "浙江新禾医疗科技（杭州）股份有限公司成立于2015年。新禾医疗专注于内镜研发，新禾的产品已上市。"
        let found = RecognitionFixture.found(text)
        let full = try #require(RecognitionFixture.mention("浙江新禾医疗科技（杭州）股份有限公司", in: text)?.entity)
        #expect(full.aliases.contains("新禾医疗"))
        #expect(full.aliases.contains("新禾"))
        let later = found.filter { ($0.surface == "新禾医疗" || $0.surface == "新禾") && $0.mention.entity?.key == full.key }
        #expect(later.map(\.surface) == ["新禾医疗", "新禾"])
        #expect(later.allSatisfy { $0.mention.source == .alias })
    }

    @Test func incomingTopicIsTheSubjectOfThePreviousSentencesLastClause() {
        let text = "合肥高新区集聚了大批企业，引进了多个研发团队；建设了多个平台。此外还新建了孵化器。南京大学副校长王立新表示，将加强合作。随后签约。"
        let sentences = RecognitionFixture.annotate(text)
        // The segmenter ends a sentence at ；as at 。.
        #expect(sentences.count == 5)
        #expect(sentences[0].incomingTopic == nil)
        // No subject in the later clauses: the topic carries over from the first.
        #expect(sentences[1].incomingTopic?.key == "lex:zone-hefei-hi-tech")
        #expect(sentences[2].incomingTopic?.key == "lex:zone-hefei-hi-tech")
        #expect(sentences[3].incomingTopic?.key == "lex:zone-hefei-hi-tech")
        // After a post the person is the subject.
        #expect(sentences[4].incomingTopic?.key == "name:王立新")
    }

    @Test func topicIsNotTheObjectOfAPreposition() {
        let text = "江苏恒辉医疗器械有限公司落户常州，并与南京大学签约。随后开工。"
        let sentences = RecognitionFixture.annotate(text)
        #expect(sentences[1].incomingTopic?.key == "name:江苏恒辉医疗器械有限公司")
    }

    @Test func mentionsAreSortedAndInDocumentOffsets() {
        let text = "前言。华东理工大学副校长李明华表示，合肥高新区党工委书记、蜀山区委书记王春生出席。"
        let sentences = RecognitionFixture.annotate(text)
        let scalars = Array(text.unicodeScalars)
        for sentence in sentences {
            #expect(sentence.normalized.count == sentence.sentence.span.length)
            for (a, b) in zip(sentence.mentions, sentence.mentions.dropFirst()) {
                #expect(a.span.start < b.span.start || (a.span.start == b.span.start && a.span.length >= b.span.length))
            }
            for m in sentence.mentions {
                #expect(sentence.sentence.span.contains(m.span))
                #expect(m.span.end <= scalars.count)
            }
        }
        #expect(RecognitionFixture.mention("李明华", in: text)?.span == TextSpan(12, 15))
    }
}
