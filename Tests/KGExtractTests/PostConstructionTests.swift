import KGModel
import KGText
import Testing

@testable import KGExtract

/// Posts whose organisation the text says once or leaves implicit, on documents written for
/// these tests; extraction runs the built-in recogniser and rules (no markup).
@Suite struct PostConstructionTests {
    static let extractor = RuleExtractor(recognizer: Recognizer(), rules: .builtIn, model: nil)

    /// `person holdsPosition organisation` of every triple the document yields.
    static func positions(_ text: String) -> Set<String> {
        let document = TextDocument(
            path: "t.txt", original: text, contentHash: "", metadata: DocumentMetadata(), sentences: Segmenter.sentences(in: text))
        return Set(extractor.extract(document).extractions.filter { $0.predicate == "holdsPosition" }.map { "\($0.subject.labelZh) \($0.object.labelZh)" })
    }

    @Test func aListOfPostsTakesTheOrganisationSaidOnce() {
        let found = Self.positions("湖畔智造有限公司董事长陈立、总经理赵敏、副总经理刘强、许文等出席仪式。")
        #expect(found.isSuperset(of: ["陈立 湖畔智造有限公司", "赵敏 湖畔智造有限公司", "刘强 湖畔智造有限公司", "许文 湖畔智造有限公司"]))
    }

    @Test func schoolPostsMeanTheDocumentsUniversity() {
        let found = Self.positions("星河科技与江南理工大学签署合作协议。校党委书记周明、校长孙伟出席。")
        #expect(found.isSuperset(of: ["周明 江南理工大学", "孙伟 江南理工大学"]))
    }

    @Test func cityPostsMeanTheDocumentsCity() {
        let found = Self.positions("扬州市人民政府与蓝山集团签约。市委书记钱峰、副市长吴宁出席签约仪式。")
        #expect(found.contains { $0.hasPrefix("钱峰 扬州") })
        #expect(found.contains { $0.hasPrefix("吴宁 扬州") })
    }

    /// A post that names its kind (市长) is at the city even after a list of another
    /// organisation's posts; a county post (县…副主任) is at the county's government.
    @Test func postsThatNameTheirKindAndCountyPosts() {
        let city = Self.positions("扬州市人民政府与蓝山集团签约。蓝山集团董事长陈立,市长钱峰出席签约仪式。")
        #expect(city.contains { $0.hasPrefix("钱峰 扬州") })
        #expect(!city.contains("钱峰 蓝山集团"))
        let county = Self.positions("青川县人民政府与蓝山集团签约。仪式上,县人大常委会副主任吴宁致辞。")
        #expect(county.contains("吴宁 青川县人民政府"))
    }

    @Test func aPartyOrganSitsBetweenOrganisationAndPost() {
        let found = Self.positions("会上,江南研究院党组书记郑华出席。")
        #expect(found.contains("郑华 江南研究院"))
    }

    @Test func anOfficeNamedBeforeItsPostIsAnOrganisation() {
        let found = Self.positions("星河科技研究院组织人事处处长林涛主持会议。")
        #expect(found.contains { $0.hasPrefix("林涛 ") })
    }
}

extension PostConstructionTests {
    /// A party organ and a post after 、 (总经理、党委副书记) or 兼 stay at the list's organisation,
    /// as does a post after a party-organ post in a list (纪委书记周峰、副总经理杨宁).
    @Test func postsOfOnePersonAndPartyOrgansInAList() {
        let found = Self.positions("青禾能源集团总经理、党委副书记陆远,纪委书记唐明、副总经理许宁出席会议。")
        #expect(found.isSuperset(of: ["陆远 青禾能源集团", "唐明 青禾能源集团", "许宁 青禾能源集团"]))
    }

    /// An abbreviation that opens a post (院直属机关…) names the document's institute, not the
    /// organisation of the post before it.
    @Test func anAbbreviationIsNotTheListsOrganisation() {
        let found = Self.positions("中国科学院东湖研究所举行会议。人事局局长孙明,院直属机关党委书记钱华出席。")
        #expect(!found.contains("钱华 人事局"))
    }

    /// An institute's short name (研究所 → 所) names it in later posts, and a person with a rarer
    /// surname is recognised by the appointment (X任Y所长).
    @Test func anInstitutesShortNameAndAnAppointment() {
        let found = Self.positions("中国科学院东湖研究所召开大会。会上宣布,左宁任东湖所所长,杜青任东湖所党委副书记、副所长。")
        #expect(found.isSuperset(of: ["左宁 中国科学院东湖研究所", "杜青 中国科学院东湖研究所"]))
    }

    /// A party organ after a company's name (青禾集团|党委书记) leaves the name whole, and the first
    /// of a list of people may have a rarer surname (居宁、钱华).
    @Test func aPartyOrganAfterANameAndARareSurnameFirstInAList() {
        let found = Self.positions("会议宣布:陆远同志任青禾集团党委书记、总经理,居宁、钱华等同志任青禾集团副总经理。")
        #expect(found.isSuperset(of: ["陆远 青禾集团", "居宁 青禾集团", "钱华 青禾集团"]))
    }

    /// A given name does not run into the word after it (林涛|主持会议).
    @Test func aNameEndsBeforeAWordItWouldSplit() {
        let found = Self.positions("蓝山制药有限公司总经理林涛主持会议。")
        #expect(found.contains("林涛 蓝山制药有限公司"))
    }
}

/// People named with no post beside them, recognised by the shape of their names.
@Suite struct PeopleByShapeTests {
    static func people(_ text: String) -> [String] {
        RecognitionFixture.annotate(text).flatMap { sentence in
            sentence.mentions.filter { $0.source == .person }.map { mention in
                let scalars = Array(text.unicodeScalars)
                return String(String.UnicodeScalarView(scalars[mention.span.start..<mention.span.end]))
            }
        }
    }

    @Test func aSubjectBeforeAVerbOrAdverb() {
        #expect(Self.people("周启明目前担任公司首席科学家。").contains("周启明"))
    }

    @Test func peopleInAList() {
        let found = Self.people("2010年,何立新与郁文涛、宋佳及晏明共同创办了一家公司。")
        #expect(Set(found).isSuperset(of: ["何立新", "郁文涛", "宋佳", "晏明"]))
    }

    /// A surname before an organisation's suffix is a company's first character (和|达资本).
    @Test func aSuffixInsideIsNoPersonsName() {
        #expect(!Self.people("公司获得了来自和达资本、星河创投的天使投资。").contains("达资本"))
    }

    /// Common surnames the table once lacked (赖, 洪), and a rarer one first in a pair (康…与…).
    @Test func surnamesOfPairsOfFounders() {
        #expect(Set(Self.people("2015年,洪志远与赖文涛这两位工程师携手创立星河智能。")).isSuperset(of: ["洪志远", "赖文涛"]))
        #expect(Set(Self.people("2015年,康志远与赖文涛决定创业。")).isSuperset(of: ["康志远", "赖文涛"]))
    }

    /// A surname before a verb in common use is no name (高|应当).
    @Test func aCommonVerbIsNoGivenName() {
        #expect(!Self.people("各方面的要求,高应当成为标准。").contains("高应当"))
    }

    @Test func wordsThatStartWithASurnameAreNoPeople() {
        let found = Self.people("王府井商圈和高新区企业表示欢迎。")
        #expect(found.isEmpty)
    }

    @Test(arguments: ["研究员等200余人参加了会议。", "蓝山制药于近日宣布扩产。"])
    func countsAndTimeWordsAreNoPeople(text: String) {
        #expect(Self.people(text).isEmpty, "\(Self.people(text))")
    }
}
