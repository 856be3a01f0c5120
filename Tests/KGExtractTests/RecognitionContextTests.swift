import Testing

@testable import KGExtract

// Names found by what surrounds them and the gate's newer refusals, each on sentences written for
// these tests (none taken from an evaluation set).

/// Where a suffix name starts.
@Suite struct NameStartTests {
    @Test(arguments: [
        // A registered name keeps the place before a known brand.
        ("北京百度云计算技术有限公司今日发布公告。", "北京百度云计算技术有限公司", "Company"),
        // 网讯 is a word of names too, not only a dateline's.
        ("上海网讯科技有限公司成立。", "上海网讯科技有限公司", "Company"),
        // A time word (the dictionary tags 前往 so) opens no name.
        ("他辞职后前往杭州青松电器有限公司任职。", "杭州青松电器有限公司", "Company"),
        // Official names run long.
        ("本轮由中国国有企业改革发展基金领投。", "中国国有企业改革发展基金", "Organization"),
        // A conjunction that would leave one character of the name is its first.
        ("公司获得来自和光资本的投资。", "和光资本", "Company"),
        // 与 joining two fields of a school's name.
        ("材料与化学工程学院院长王立出席。", "材料与化学工程学院", "University"),
        ("星城大学深圳研究生院举行典礼。", "深圳研究生院", "University"),
        // A kind of company before a registered name is not part of it.
        ("招商证券旗下直投公司青川资本投资有限公司转让股权。", "青川资本投资有限公司", "Company"),
        // An academy's branch.
        ("中科院西安分院召开会议。", "中科院西安分院", "ResearchInstitute"),
        // An industry's valley.
        ("项目落户武汉光谷。", "武汉光谷", "Zone"),
    ])
    func nameAndType(text: String, name: String, type: String) {
        #expect(RecognitionFixture.mention(name, in: text)?.type == type, "\(text)")
    }

    @Test func aConjunctionAfterAKnownNameStaysOne() {
        let found = RecognitionFixture.found("星河科技和光资本签约。").map(\.surface)
        #expect(found.contains("星河科技"))
        #expect(!found.contains("和光资本") && !found.contains("光资本"))
    }

    @Test func aCompanyAndAnInstituteJoinedBy与StayTwo() {
        let found = RecognitionFixture.found("星河科技与北京大学研究院签约。").map(\.surface)
        #expect(found.contains("星河科技"))
        #expect(!found.contains { $0.hasPrefix("星河科技与") })
    }

    @Test func aBracketedAbbreviationsNameStartsAtTheKnownNameItOpensWith() {
        let text = "国家药品监督管理局药品评价中心(CDR)发布通知。"
        #expect(RecognitionFixture.mention("国家药品监督管理局药品评价中心", in: text)?.type == "GovernmentBody")
        #expect(RecognitionFixture.mention("CDR", in: text)?.entity?.labelZh == "国家药品监督管理局药品评价中心")
    }
}

/// Companies and people found by the text around them.
@Suite struct NamesByContextTests {
    @Test(arguments: [
        // List items end at punctuation.
        ("本轮由星河资本领投，青松资产、建信股权、高瓴创投跟投。", "青松资产"),
        // The last member before 等机构 starts a list; a place it holds is part of it.
        ("老股东星河资本旗下基金、青岚中国等机构继续加码。", "青岚中国"),
        ("投资方包括星河资本、泰达青投、红杉中国。", "泰达青投"),
        // A kind of company introducing the first member.
        ("目前，济南企业青川信息、普联软件及菏泽企业参与。", "青川信息"),
        // A ticker's name starts after a descriptor.
        ("其股东为A股独角兽星河康德(603999.SH)。", "星河康德"),
        // The company whose round is named, and the investor leading it.
        ("青禾原点领投了蓝岸的天使轮融资。", "蓝岸"),
        ("，青禾原点就领投了本轮融资。", "青禾原点"),
        // A filing's short-name label.
        ("证券代码:600999 证券简称:远川新禾 公告编号:2024-001", "远川新禾"),
        // A company after a company descriptor, and by its share price's move.
        ("光伏第一股星河光能成功登陆创业板。", "星河光能"),
        ("今日开盘，青禾立博涨35.2%。", "青禾立博"),
    ])
    func companies(text: String, name: String) {
        #expect(RecognitionFixture.mention(name, in: text)?.type == "Company", "\(text)")
    }

    @Test(arguments: [
        ("他与老同学刘明远、王志强一起创业。", "刘明远"),
        ("董事会同意赵长青不再担任公司总经理。", "赵长青"),
        ("陈立新和常立华3人出席。", "常立华"),
        ("园区领导华明远、薛志强出席。", "华明远"),
    ])
    func people(text: String, name: String) {
        #expect(RecognitionFixture.mention(name, in: text)?.type == "Person", "\(text)")
    }

    @Test(arguments: ["行业龙头企业纷纷入驻。", "公司的B轮融资已经完成。", "开盘大涨30%后回落。", "相关领域政企客户增多。"])
    func noCompanyWithoutAName(text: String) {
        #expect(RecognitionFixture.found(text).allSatisfy { $0.mention.type != "Company" }, "\(text)")
    }
}

/// Government bodies and places by general knowledge and by what governs what.
@Suite struct BodiesAndPlacesTests {
    @Test func aZonesPartyCommitteeIsAGovernmentBodyAndACompanysIsNot() {
        #expect(RecognitionFixture.mention("秦岭新区党工委", in: "秦岭新区党工委书记王立新出席。")?.type == "GovernmentBody")
        #expect(RecognitionFixture.mention("星河集团党委", in: "星河集团党委书记王立新出席。") == nil)
    }

    @Test func aBranchNamedBeforeItsPostIsTheAcademys() {
        #expect(RecognitionFixture.mention("西安分院", in: "西安分院党组副书记王立新出席。")?.type == "ResearchInstitute")
    }

    @Test func thePartysCentralCommitteeAndProvincesByTheirClassicalNames() {
        #expect(RecognitionFixture.mention("党中央", in: "党中央作出部署。")?.entity?.key == .lexicon("gov-cpc-central"))
        #expect(RecognitionFixture.mention("齐鲁", in: "创业之风吹遍齐鲁大地。")?.entity?.key == .lexicon("cn-shandong"))
    }

    @Test func aPlaceAndItsSurroundingsNameNoPark() {
        let found = RecognitionFixture.found("加强与长三角周边生物医药产业园的合作。")
        #expect(found.contains { $0.surface == "长三角" })
        #expect(!found.contains { $0.surface.contains("周边") })
    }

    @Test func aBoardInTraditionalScriptKeepsItsWrittenForm() {
        let board = RecognitionFixture.mention("新三板精選層", in: "公司於新三板精選層掛牌。")
        #expect(board?.entity?.key == .lexicon("neeq-select"))
        #expect(board?.entity?.aliases.contains("新三板精選層") == true)
    }
}

/// What the gate and the lexicon now refuse.
@Suite struct NewRefusalsTests {
    @Test(arguments: [
        ("该部分股份占公司总股本的5%。", "股份占公司"),
        ("公司子公司星河电子有限公司公告。", "公司子公司"),
        ("今年中国公司赴美上市增多。", "中国公司"),
        ("项目概算投资约12亿元。", "概算投资"),
        ("中国建筑业发展迅速。", "中国建筑"),
        ("研究工程金属材料的结构。", "工程金属材料"),
        ("各企业负责人和代表参加签约。", "和代"),
        ("打开星河App就能叫车。", "App"),
        ("他曾任全球GPU设计总负责人。", "GPU"),
    ])
    func noName(text: String, surface: String) {
        #expect(RecognitionFixture.found(text).allSatisfy { $0.surface != surface }, "\(text)")
    }

    @Test func aCountryAndAnIndustryBefore公司StillNameOne() {
        #expect(RecognitionFixture.mention("中国中药公司", in: "中国中药公司持有该公司股权。")?.type == "Company")
    }

    @Test func aPostReadAcrossTwoWordsIsNone() {
        #expect(RecognitionFixture.found("杭州长期以来重视创新。").allSatisfy { $0.mention.source != .post })
        #expect(RecognitionFixture.found("湖南省长出席会议。").contains { $0.mention.source == .post })
    }

    @Test func aKnownNameBeforeAWordOfItsOwnStaysWhole() {
        #expect(RecognitionFixture.mention("电子科技大学", in: "他从电子科技大学毕业。")?.type == "University")
    }
}

/// Platforms named by common words alone describe one; they name none.
@Suite struct PlatformNameTests {
    @Test(arguments: ["园区配套建设科研配套服务中心。", "这里是国内最大的碳纤维材料生产应用基地。"])
    func commonWordsAloneNameNoPlatform(text: String) {
        #expect(RecognitionFixture.found(text).allSatisfy { $0.mention.type != "Platform" }, "\(text)")
    }

    @Test(arguments: [("园区获批国家新能源汽车技术创新中心。", "国家新能源汽车技术创新中心"), ("苏州智算中心投入运营。", "苏州智算中心")])
    func officialOrPlacedPlatformsStay(text: String, name: String) {
        #expect(RecognitionFixture.mention(name, in: text)?.type == "Platform", "\(text)")
    }
}
