import KGModel
import Testing
@testable import KGExtract

@Suite struct RecognitionNameTests {
    @Test func suffixNamesStopAtVerbsAndFunctionWords() {
        let text = "公司于去年在常州成立了江苏恒辉医疗器械有限公司，并与南通海盛精密机械股份有限公司签约。"
        let names = RecognitionFixture.found(text).filter { $0.mention.source == .suffix }.map(\.surface)
        #expect(names.contains("江苏恒辉医疗器械有限公司"))
        #expect(names.contains("南通海盛精密机械股份有限公司"))
        #expect(!names.contains { $0.hasPrefix("成立") || $0.hasPrefix("了") || $0.hasPrefix("与") })
        #expect(RecognitionFixture.mention("江苏恒辉医疗器械有限公司", in: text)?.type == "Company")
    }

    @Test func bracketedPlaceStaysInsideTheName() {
        let text = "浙江新禾医疗科技（杭州）股份有限公司今日发布公告。"
        let m = RecognitionFixture.mention("浙江新禾医疗科技（杭州）股份有限公司", in: text)
        #expect(m?.entity?.key == "name:浙江新禾医疗科技(杭州)股份有限公司")
        // No shorter company name starting at the same place survives.
        #expect(RecognitionFixture.mention("浙江新禾医疗科技", in: text, source: .suffix) == nil)
    }

    @Test(arguments: [
        ("中国科学院成都生物研究所与企业合作。", "中国科学院成都生物研究所", "ResearchInstitute"),
        ("团队来自中科院声学所。", "中科院声学所", "ResearchInstitute"),
        ("长三角国家技术创新中心正式揭牌。", "长三角国家技术创新中心", "Platform"),
        ("项目落户武进国家高新区。", "武进国家高新区", "Zone"),
        ("苏州医疗器械行业协会举办年会。", "苏州医疗器械行业协会", "Association"),
        ("合肥高新区人工智能创新型产业集群入选名单。", "合肥高新区人工智能创新型产业集群", "IndustryCluster"),
        ("江苏省人民医院开展试点。", "江苏省人民医院", "Organization"),
    ])
    func suffixGivesTheType(text: String, name: String, type: String) {
        #expect(RecognitionFixture.mention(name, in: text, source: .suffix)?.type == type)
    }

    @Test func institutesNeedAnAcademyBeforeTheir所() {
        let found = RecognitionFixture.found("民警赶到当地派出所。")
        #expect(!found.contains { $0.mention.type == "ResearchInstitute" })
    }

    @Test func genericWordsAreNotNames() {
        let found = RecognitionFixture.found("多家上市公司和新能源汽车企业发布了生物医药产业报告。")
        #expect(!found.contains { $0.mention.source == .suffix })
    }

    @Test func placePrefixedNameGivesThePlaceAndTheName() {
        let text = "在常州天合光伏的国家光伏技术及储能创新中心，研究人员开展测试。"
        let found = RecognitionFixture.found(text)
        let company = RecognitionFixture.mention("常州天合光伏", in: text)
        #expect(company?.type == "Company")
        let short = RecognitionFixture.mention("天合光伏", in: text)
        #expect(short?.entity?.key == company?.entity?.key)
        #expect(RecognitionFixture.mention("常州", in: text)?.entity?.key == "lex:cn-jiangsu-changzhou")
        // The centre is a second entity, its name reaching back over 及 to 国家.
        let centre = RecognitionFixture.mention("国家光伏技术及储能创新中心", in: text)
        #expect(centre?.type == "Platform")
        #expect(centre?.entity?.key != company?.entity?.key)
        #expect(!found.contains { $0.surface.contains("的") })
    }

    @Test func zonePrefixedClusterKeepsBothMentions() {
        let text = "合肥高新区人工智能创新型产业集群入选。"
        #expect(RecognitionFixture.mention("合肥高新区", in: text)?.entity?.key == "lex:zone-hefei-hi-tech")
        #expect(RecognitionFixture.mention("合肥高新区人工智能创新型产业集群", in: text)?.type == "IndustryCluster")
    }

    @Test func shortCompanyNamesByIndustryWord() {
        let text = "申购方面,恒瑞达生物、欣泰科技和百合药业今日开盘。"
        let names = RecognitionFixture.found(text).filter { $0.mention.source == .suffix }
        #expect(names.map(\.surface) == ["恒瑞达生物", "欣泰科技", "百合药业"])
        #expect(names.allSatisfy { $0.mention.confidence < 0.9 })
    }

    @Test func postAndPersonAfterAnOrganisation() throws {
        let text = "华东理工大学副校长李明华表示，合作将继续。"
        let post = try #require(RecognitionFixture.mention("华东理工大学副校长", in: text))
        #expect(post.source == .post)
        #expect(post.type == "Post")
        #expect(post.role == "副校长")
        #expect(post.entity?.labelZh == "华东理工大学")
        let person = try #require(RecognitionFixture.mention("李明华", in: text))
        #expect(person.type == "Person")
        #expect(person.entity?.labelEn == "Li Minghua")
    }

    @Test func twoPostsBeforeOneName() {
        let text = "合肥高新区党工委书记、蜀山区委书记王春生出席活动。"
        let found = RecognitionFixture.found(text)
        let posts = found.filter { $0.mention.source == .post }
        #expect(posts.map(\.surface) == ["合肥高新区党工委书记", "蜀山区委书记"])
        // A party organ between an organisation and a post (党工委) names the organisation
        // before it: the post is held at the zone, as 党工委书记.
        #expect(posts.map { $0.mention.entity?.labelZh } == ["合肥高新区", "蜀山区委"])
        #expect(posts.map { $0.mention.role } == ["党工委书记", "书记"])
        #expect(found.filter { $0.mention.source == .person }.map(\.surface) == ["王春生"])
    }

    @Test func titlesAndSpeechVerbsEndNames() {
        let text = "恒辉医疗联合创始人赵文博士说，刘建国表示，产能翻倍。"
        let people = RecognitionFixture.found(text).filter { $0.mention.source == .person }.map(\.surface)
        #expect(people == ["赵文", "刘建国"])
        let post = RecognitionFixture.mention("恒辉医疗联合创始人", in: text)
        #expect(post?.role == "联合创始人")
        #expect(post?.entity?.labelZh == "恒辉医疗")
    }

    @Test func latinNames() {
        let text = "Sequoia China和F-Prime Capital领投，OrbiMed跟投，公司计划A股IPO。"
        let latin = RecognitionFixture.found(text).filter { $0.mention.source == .latin }
        #expect(latin.map(\.surface) == ["Sequoia China", "F-Prime Capital", "OrbiMed"])
        #expect(latin.allSatisfy { $0.mention.type == "Organization" })
        // A speech verb after a Latin name, or a post before it, makes it a person.
        let people = RecognitionFixture.found("Bill Ackman表示，苹果CEO Tim Cook出席。").filter { $0.mention.source == .latin }
        #expect(people.map(\.surface) == ["Bill Ackman", "Tim Cook"])
        #expect(people.allSatisfy { $0.mention.type == "Person" })
    }

    @Test func quotedTitlesAndBookTitles() {
        let text = "企业获评“国家级专精特新重点小巨人企业”，并印发《关于促进产业发展的若干意见》。"
        #expect(RecognitionFixture.mention("国家级专精特新重点小巨人企业", in: text)?.type == "Title")
        let book = RecognitionFixture.mention("关于促进产业发展的若干意见", in: text)
        #expect(book?.type == "Quoted")
        #expect(book?.source == .quoted)
    }

    @Test func declaredShortNameIsTheSameEntity() throws {
        let text = "无锡芯源微电子股份有限公司(以下简称“芯源微”)今日成立。芯源微计划明年扩产。"
        let found = RecognitionFixture.found(text)
        let full = try #require(RecognitionFixture.mention("无锡芯源微电子股份有限公司", in: text)?.entity)
        let aliases = found.filter { $0.surface == "芯源微" && $0.mention.source == .alias }
        #expect(aliases.count == 2)
        #expect(aliases.allSatisfy { $0.mention.entity?.key == full.key })
        #expect(aliases.last?.mention.entity?.aliases.contains("芯源微") == true)
    }

    @Test func englishNameInBrackets() throws {
        let text = "君实生物(Junshi Biosciences)宣布新药获批。"
        let latin = try #require(RecognitionFixture.mention("Junshi Biosciences", in: text))
        #expect(latin.source == .alias)
        #expect(latin.entity?.key == "name:君实生物")
        #expect(latin.entity?.labelEn == "Junshi Biosciences")
        #expect(latin.entity?.aliases.contains("Junshi Biosciences") == true)
    }

    @Test(arguments: [
        ("贵州茅台(600519.sh)收涨。", "600519.sh", "lex:sse", "600519.SH"),
        ("平安银行（000001.SZ）公告。", "000001.SZ", "lex:szse", "000001.SZ"),
        ("药明生物(02269.HK)上涨。", "02269.HK", "lex:hkex", "02269.HK"),
        ("某公司(830799.BJ)挂牌。", "830799.BJ", "lex:bse", "830799.BJ"),
    ])
    func tickersCarryTheirExchange(text: String, surface: String, exchange: String, code: String) throws {
        let ticker = try #require(RecognitionFixture.mention(surface, in: text))
        #expect(ticker.source == .ticker)
        #expect(ticker.entity?.key == EntityKey(rawValue: exchange))
        #expect(ticker.role == code)
    }

    @Test func notTickers() {
        let found = RecognitionFixture.found("营收增长12.5%，达到3.2亿元，股价报600519.X。")
        #expect(!found.contains { $0.mention.source == .ticker })
    }

    @Test func englishLabels() {
        let recognizer = RecognitionFixture.recognizer
        #expect(recognizer.englishLabel(for: "华进半导体") == "Huajin Semiconductor")
        #expect(recognizer.englishLabel(for: "苏州工业园区") == "Suzhou Industrial Park")
        #expect(recognizer.englishLabel(for: "江苏恒辉医疗器械有限公司") == "Jiangsu Henghui Medical Devices Co., Ltd.")
        #expect(recognizer.englishLabel(for: "苏州医疗器械行业协会") == "Suzhou Medical Devices Industry Association")
        #expect(recognizer.englishLabel(for: "合肥高新区人工智能创新型产业集群")
            == "Hefei National Hi-tech Zone Artificial Intelligence Innovative Industry Cluster")
        let text = "在常州天合光伏的国家光伏技术及储能创新中心。"
        #expect(RecognitionFixture.mention("常州天合光伏", in: text)?.entity?.labelEn == "Changzhou Tianhe Photovoltaic")
    }

    @Test func fullWidthFormsNormaliseToOneKey() {
        let a = RecognitionFixture.mention("新禾医疗科技（杭州）有限公司", in: "新禾医疗科技（杭州）有限公司成立。")
        let b = RecognitionFixture.mention("新禾医疗科技(杭州)有限公司", in: "新禾医疗科技(杭州)有限公司成立。")
        #expect(a?.entity?.key == b?.entity?.key)
        #expect(a?.entity?.key == "name:新禾医疗科技(杭州)有限公司")
    }

    @Test func bracketedChineseShortNameIsAnAlias() throws {
        let text = "中国科学院上海生命科学研究院(上海生科院)与企业签约。上海生科院表示将扩大合作。"
        let full = try #require(RecognitionFixture.mention("中国科学院上海生命科学研究院", in: text)?.entity)
        let aliases = RecognitionFixture.found(text).filter { $0.surface == "上海生科院" && $0.mention.source == .alias }
        #expect(aliases.count == 2)
        #expect(aliases.allSatisfy { $0.mention.entity?.key == full.key })
        // A place in brackets inside a name is no alias.
        let other = RecognitionFixture.found("浙江新禾医疗科技(杭州)股份有限公司签约。")
        #expect(!other.contains { $0.mention.source == .alias })
    }

    @Test func branchNamesKeepTheirParent() {
        let text = "中海石油有限公司深圳分公司与银河证券股份有限公司东莞营业部签约。"
        let names = RecognitionFixture.found(text).filter { $0.mention.source == .suffix }.map(\.surface)
        #expect(names.contains("中海石油有限公司深圳分公司"))
        #expect(names.contains("银河证券股份有限公司东莞营业部"))
        #expect(names.contains("中海石油有限公司"))
    }

    @Test func placeAndIndustryMakeAWeakCompanyName() {
        let text = "重庆钢铁宣布，美国公司和多家企业跟进。"
        let steel = RecognitionFixture.mention("重庆钢铁", in: text)
        #expect(steel?.type == "Company")
        #expect((steel?.confidence ?? 1) <= 0.5)
        // A country and a suffix alone are no name, nor a place and an industry word going on.
        #expect(RecognitionFixture.mention("美国公司", in: text) == nil)
        #expect(RecognitionFixture.found("苏州生物药品制造企业增多。").allSatisfy { $0.mention.source != .suffix })
        #expect(RecognitionFixture.mention("苏州工业园区生物", in: "苏州工业园区生物药品制品制造创新型产业集群入选。") == nil)
    }

    @Test func aShorterSuffixIsTriedWhenTheLongestLeavesNoName() {
        // 新能源 would leave 宝 alone; 能源 leaves 宝新.
        #expect(RecognitionFixture.mention("宝新能源", in: "宝新能源自去年起扩产。")?.type == "Company")
    }

    @Test func verbsAndTimeWordsBeforeANameAreNotPartOfIt() {
        let text = "今年上半年恒通集团公布业绩，大唐发电将控股渝能集团，中铝公司并入中国交通建设集团有限公司。"
        let names = RecognitionFixture.found(text).filter { $0.mention.source == .suffix }.map(\.surface)
        #expect(names.contains("恒通集团"))
        #expect(names.contains("中国交通建设集团有限公司"))
        #expect(!names.contains { $0.hasPrefix("今年") || $0.hasPrefix("上半年") || $0.hasPrefix("入") })
    }

    @Test func knownBrandAndIndustryNameASubsidiary() {
        let text = "华润电力收购中天电力，桑德集团控股子公司随后跟进。"
        #expect(RecognitionFixture.mention("华润电力", in: text)?.type == "Company")
        #expect(RecognitionFixture.mention("华润", in: text)?.entity?.key == "lex:co-cr")
        // After a name found by its suffix, 控股 is a verb or a sector, not a new name.
        #expect(RecognitionFixture.mention("桑德集团控股", in: text) == nil)
        #expect(RecognitionFixture.mention("桑德集团", in: text)?.type == "Company")
    }
}


/// Names in a list beside recognised companies, written for these tests.
@Suite struct CoordinatedNameTests {
    @Test func membersOfACompanyListAreCompanies() {
        let text = "湖北省青禾股份、晨光光电、鹿鸣变速3家公司位列其中。"
        let found = RecognitionFixture.found(text).filter { $0.mention.source == .coordinated }.map(\.surface)
        #expect(found == ["鹿鸣变速"])
    }

    @Test func postsAndCommonWordsInTheListAreNot() {
        let text = "星河科技有限公司、副总经理、技术研发等方面均有进展。"
        #expect(RecognitionFixture.found(text).filter { $0.mention.source == .coordinated }.isEmpty)
    }
}

/// A company named by what it does (登陆, 完成…融资) at a clause start, and remembered for the rest
/// of the document; on text written for these tests.
@Suite struct CompanySubjectTests {
    @Test func theSubjectOfACompanyVerbIsACompany() {
        let found = RecognitionFixture.found("北京时间5月8日,青禾智造正式登陆纳斯达克。").filter { $0.mention.source == .companySubject }
        #expect(found.map(\.surface) == ["青禾智造"])
    }

    @Test func aDealVerbNeedsAFinancing() {
        #expect(RecognitionFixture.found("青禾智造宣布完成2亿元B轮融资。").contains { $0.surface == "青禾智造" && $0.mention.type == "Company" })
        #expect(!RecognitionFixture.found("青禾智造获悉此事。").contains { $0.mention.source == .companySubject })
        #expect(!RecognitionFixture.found("研发团队完成了测试。").contains { $0.mention.source == .companySubject })
    }

    @Test func peopleAndCountsAreNoCompanies() {
        #expect(!RecognitionFixture.found("王建国获得B轮融资支持。").contains { $0.mention.source == .companySubject })
        #expect(!RecognitionFixture.found("今年有8家公司集中登陆创业板。").contains { $0.mention.source == .companySubject })
    }

    /// Later sentences know the name, and a company's post after a verb is at it.
    @Test func theNameIsKnownLaterAndHoldsItsPosts() {
        let text = "青禾智造正式登陆纳斯达克。翻看青禾智造官网,周启明目前担任创始人兼CEO。"
        let found = PostConstructionTests.positions(text)
        #expect(found.contains("周启明 青禾智造"))
    }
}

extension RecognitionNameTests {
    /// A suffix name does not reach back over a conjunction to a known organisation (科技部和江苏省
    /// 政府 are two names).
    @Test func twoBodiesJoinedByAConjunctionStayTwo() {
        let text = "2019年,科技部和江苏省政府共同启动该计划。"
        #expect(RecognitionFixture.mention("江苏省政府", in: text)?.type == "GovernmentBody")
        #expect(RecognitionFixture.mention("科技部和江苏省政府", in: text) == nil)
    }
}

extension RecognitionNameTests {
    /// A zone's name does not reach back over a verb to the words before a place (项目落位|扬州
    /// 新区, 深度契合|扬州高新区).
    @Test(arguments: [
        ("总投资5亿元的星河产业园项目落位扬州新区。", "扬州新区"),
        ("签约项目深度契合扬州高新区的产业方向。", "扬州高新区"),
    ])
    func aZoneStartsAtItsPlaceAfterAVerb(text: String, zone: String) {
        #expect(RecognitionFixture.mention(zone, in: text)?.type == "Zone")
        #expect(!RecognitionFixture.found(text).contains { $0.mention.type == "Zone" && $0.surface.hasPrefix("项目") })
    }
}

extension RecognitionNameTests {
    /// 俱乐部 ends an organisation's name, so a short name of another company inside it (星河 of
    /// 星河集团) is not read there.
    @Test func aClubIsAnOrganisation() {
        let text = "星河集团拥有湖畔星河电缆有限公司、湖畔星河足球俱乐部等多家全资公司。"
        #expect(RecognitionFixture.mention("湖畔星河足球俱乐部", in: text)?.type == "Organization")
    }
}

/// Companies found by the stock code, the post and the person beside them, written for these
/// tests.
@Suite struct NamesByTheirNeighboursTests {
    @Test func aNameBeforeItsStockCodeIsACompany() {
        #expect(RecognitionFixture.mention("星辰银河", in: "星辰银河(601999.SH)昨日晚间发布公告。", source: .beforeTicker)?.type == "Company")
        let text = "来自青岛的锐德科(300999,股吧)(300999.SZ)迎来上市五周年。"
        #expect(RecognitionFixture.mention("锐德科", in: text, source: .beforeTicker) != nil)
        // A place the lexicon knows gives way to the company that starts with it.
        #expect(RecognitionFixture.mention("中国星辰", in: "中国星辰(601998.SH)发布公告。")?.type == "Company")
    }

    @Test func aPlaceOrAnAnaphorBeforeACodeIsNoCompany() {
        #expect(RecognitionFixture.found("中国(600000)").allSatisfy { $0.mention.source != .beforeTicker })
        #expect(RecognitionFixture.found("公司(600000)发布公告。").allSatisfy { $0.mention.source != .beforeTicker })
    }

    @Test func aShortNameBeforeAPostAndItsHolderIsTheCompany() throws {
        let text = "但记者注意到,云帆CEO王立接替星海汽车董事长李明。"
        #expect(RecognitionFixture.mention("云帆", in: text, source: .beforePost)?.type == "Company")
        let post = try #require(RecognitionFixture.found(text).first { $0.mention.role == "CEO" })
        #expect(post.mention.entity?.labelZh == "云帆")
        // The verb before 星海汽车 is the clause's, not the name's.
        #expect(RecognitionFixture.found(text).contains { $0.surface == "星海汽车" && $0.mention.type == "Company" })
        #expect(RecognitionFixture.found(text).allSatisfy { !$0.surface.hasPrefix("接替") })
    }

    @Test func aShortNameBeforeAPlaceAndItsHeadquartersIsACompany() {
        let text = "签约项目包括青岚智联华南区域总部项目、蓝溪迪华东总部项目。"
        #expect(RecognitionFixture.mention("青岚智联", in: text)?.type == "Company")
        #expect(RecognitionFixture.mention("蓝溪迪", in: text)?.type == "Company")
        #expect(RecognitionFixture.found("公司将全球总部落户于广州。").allSatisfy { $0.mention.type != "Company" })
    }

    @Test(arguments: ["园区管委会主任赵明出席。", "集团人力资源管理中心主任赵明出席。", "24户企业负责人和代表参加签约。"])
    func officesAndKindsBeforeAPostAreNoCompany(text: String) {
        #expect(RecognitionFixture.found(text).allSatisfy { $0.mention.source != .beforePost })
    }

    @Test func 向ReadAsAPrepositionEndsAPersonsName() {
        let text = "小鹿智行CEO赵军向记者表示,公司将赴港上市。"
        #expect(RecognitionFixture.mention("赵军", in: text)?.type == "Person")
        #expect(RecognitionFixture.mention("赵军向", in: text) == nil)
        #expect(RecognitionFixture.mention("吴向东", in: "董事长吴向东出席。")?.type == "Person")
    }

    @Test(arguments: ["谈及公司未来发展时他表示乐观。", "上市首日公司股价大涨。", "这家创业公司获得融资。", "集团公司召开会议。"])
    func aKindOfCompanyIsNoName(text: String) {
        #expect(RecognitionFixture.found(text).allSatisfy { $0.mention.type != "Company" })
    }
}

/// Newspapers, people before their posts, new posts and zones written with their province, on
/// sentences written for these tests.
@Suite struct MoreNamesByContextTests {
    @Test func newspapersAndAgenciesByWhatTheyDo() {
        #expect(RecognitionFixture.mention("晨光报", in: "但晨光报记者注意到,公司已停牌。", source: .media)?.type == "Organization")
        #expect(RecognitionFixture.mention("远东社", in: "据远东社报道,公司将赴港上市。", source: .media) != nil)
        // Generic sources and people are not newspapers.
        for text in ["据外媒报道,公司将上市。", "本报记者从公司获悉。", "据知情人士消息,公司将上市。", "据张华消息,公司将上市。"] {
            #expect(RecognitionFixture.found(text).allSatisfy { $0.mention.source != .media }, "\(text)")
        }
        // A site's name is no person's (向晨峰网表示).
        #expect(RecognitionFixture.mention("晨峰网", in: "公司CEO赵军向晨峰网表示,公司将上市。")?.type != "Person")
    }

    @Test func aPostBeginningAnOfficeWordIsNone() {
        let text = "星河科技执行委员会委员薛明出席。"
        let posts = RecognitionFixture.found(text).filter { $0.mention.type == "Post" }
        #expect(posts.map { $0.mention.role } == ["委员"])
        #expect(RecognitionFixture.mention("薛明", in: text)?.type == "Person")
        #expect(RecognitionFixture.found("他在秘书处工作。").allSatisfy { $0.mention.type != "Post" })
    }

    @Test func aCommitteeBeforeAPostGivesWayToItsOrganisation() {
        let found = RecognitionFixture.found("会上,青岚集团党委书记赵明讲话。")
        #expect(found.allSatisfy { $0.surface != "青岚集团党委" })
        #expect(found.contains { $0.surface == "青岚集团" && $0.mention.type == "Company" })
        // Also after an industry word (青岚置地|党委): the company's name ends before the organ.
        #expect(RecognitionFixture.found("会上,青岚置地党委书记赵明讲话。").contains { $0.surface == "青岚置地" && $0.mention.type == "Company" })
        // A committee that holds no post keeps its name.
        #expect(RecognitionFixture.mention("青岚集团党委", in: "青岚集团党委召开会议。")?.type == "GovernmentBody")
    }

    @Test func bylinesNameNoPeople() {
        for text in ["星城经济网讯(记者 李明华)4月1日,产业园开园。", "晨光新闻5日讯(通讯员 赵书梅 齐悦)5日上午,签约仪式举行。", "作者:赵书梅 齐悦"] {
            #expect(RecognitionFixture.found(text).allSatisfy { $0.mention.type != "Person" }, "\(text)")
        }
        // The people the text reports on are still found.
        #expect(RecognitionFixture.mention("王华", in: "记者 李明 报道:公司董事长王华表示,公司将上市。")?.type == "Person")
    }

    @Test func aDoubledCharacterAfterAPostIsNoName() {
        #expect(RecognitionFixture.found("牢记总书记殷殷嘱托。").allSatisfy { $0.mention.type != "Person" })
    }

    @Test func aZoneTakesInItsProvinceAsWritten() throws {
        let text = "安徽合肥高新区今年新增企业三百家。"
        let zone = try #require(RecognitionFixture.found(text).first { $0.mention.type == "Zone" })
        #expect(zone.surface == "安徽合肥高新区")
        #expect(zone.mention.entity?.key == "lex:zone-hefei-hi-tech")
        #expect(RecognitionFixture.found(text).allSatisfy { $0.surface != "安徽" })
    }
}

/// Where a suffix name starts and which ending makes it, on sentences written for these tests.
@Suite struct SuffixNameEdgeTests {
    @Test func aLegalEndingIsNotReadAgainAsAShorterOne() {
        // 网讯 stops the run (a dateline's 网讯), leaving 科技有限公司: no name, not 科技有限|公司.
        let text = "北京星河网讯科技有限公司董事长李明出席。"
        #expect(RecognitionFixture.found(text).allSatisfy { $0.surface != "科技有限公司" })
    }

    @Test func aCharacterOfTheClauseGluedToALatinNameIsNotPartOfIt() {
        let text = "毕业后,他入职OPPO研究院AI实验室。"
        #expect(RecognitionFixture.mention("OPPO研究院", in: text)?.type == "ResearchInstitute")
        #expect(RecognitionFixture.mention("职OPPO研究院", in: text) == nil)
    }

    @Test func aVerbTheRunStartsInsideEndsBeforeTheName() {
        let text = "青松股份欲入主蓝山电子。"
        #expect(RecognitionFixture.mention("蓝山电子", in: text)?.type == "Company")
        #expect(RecognitionFixture.mention("主蓝山电子", in: text) == nil)
    }

    @Test func aVerbOrItsVerbalNounBeforeTheNameIsTheClauses() {
        #expect(RecognitionFixture.mention("蓝山医疗", in: "最后经过评估,青松创投决定投资蓝山医疗。")?.type == "Company")
        #expect(RecognitionFixture.mention("星海汽车", in: "他接替星海汽车董事长李明。")?.type == "Company")
        // A name the lexicon knows keeps its first word (招商 of 招商证券).
        #expect(RecognitionFixture.mention("招商证券股份有限公司", in: "招商证券股份有限公司发布公告。")?.type == "Company")
    }
}

/// Spans that look like names by their ending or shape but are words, on sentences written for
/// these tests.
@Suite struct WordsThatAreNoNamesTests {
    @Test(arguments: ["这笔初次投资获得成功。", "星河上一轮投资方继续跟投。", "完成B轮投资后公司扩张。", "园区打造千亿级生物医药健康产业集群。", "公司应当及时披露。", "股权易主后公司更名。"])
    func noName(text: String) {
        let kinds: Set<String> = ["Company", "Person", "IndustryCluster", "Zone"]
        #expect(RecognitionFixture.found(text).allSatisfy { !kinds.contains($0.mention.type) }, "\(text)")
    }

    @Test func aShortPlaceReadAcrossTwoWordsIsNone() {
        #expect(RecognitionFixture.found("他们站上了舞台中央。").allSatisfy { $0.mention.type != "Place" })
        #expect(RecognitionFixture.mention("台中市", in: "台中市政府表示欢迎。")?.type == "Place")
    }

    @Test func aKindOfTeamIsNoName() {
        #expect(RecognitionFixture.found("集团组建职业足球队。").allSatisfy { $0.mention.type != "Organization" })
    }

    @Test func investmentFirmsAndFundsStayNames() {
        #expect(RecognitionFixture.mention("青松投资", in: "青松投资宣布完成新一期募资。")?.type == "Company")
        #expect(RecognitionFixture.mention("远山基金", in: "远山基金领投了本轮融资。")?.type == "Organization")
    }
}

/// Newspapers and magazines in book-title marks, on sentences written for these tests.
@Suite struct NewspaperTitleTests {
    @Test func aNewspaperInBookTitleMarksIsAnOrganisation() {
        let text = "《科创板晨报》(上海,研究员 王立)讯,公司今日公告。"
        #expect(RecognitionFixture.mention("科创板晨报", in: text, source: .media)?.type == "Organization")
        #expect(RecognitionFixture.mention("科创板", in: text) == nil)
        #expect(RecognitionFixture.mention("星城周刊", in: "据《星城周刊》报道。")?.type == "Organization")
        // A quoted “…第一股” is a title the company holds.
        #expect(RecognitionFixture.mention("科创板第一股", in: "顶着“科创板第一股”的光环,星河科技上市。")?.type == "Title")
        // A book is no organisation.
        #expect(RecognitionFixture.found("《红楼梦》出版。").allSatisfy { $0.mention.type != "Organization" })
    }
}

/// Places and zones named by what they are, on sentences written for these tests.
@Suite struct PlacesByWhatTheyAreTests {
    @Test(arguments: [
        ("学校将努力做好青山校区和东湖校区建设。", "青山校区", "Place"),
        ("列车抵达龙泉高铁站。", "龙泉高铁站", "Place"),
        ("展会在星城会议中心举行。", "星城会议中心", "Place"),
        ("项目落户秦岭科技成果转化先行区。", "秦岭科技成果转化先行区", "Zone"),
        ("集团出资组建青岚足球队。", "青岚足球队", "Organization"),
        ("园区建成星河智算中心。", "星河智算中心", "Platform"),
    ])
    func namedByTheirKind(text: String, name: String, type: String) {
        #expect(RecognitionFixture.mention(name, in: text)?.type == type, "\(text)")
        #expect(RecognitionFixture.found(text).allSatisfy { !$0.surface.hasPrefix("努力") && !$0.surface.hasPrefix("做好") })
    }
}

/// Roads and streets, on sentences written for these tests.
@Suite struct RoadTests {
    @Test func roadsByDirectionAndNumberOrByAName() {
        let text = "园区位于西三路北侧、长江路以南。"
        #expect(RecognitionFixture.mention("西三路", in: text)?.type == "Place")
        #expect(RecognitionFixture.mention("长江路", in: text)?.type == "Place")
    }

    @Test(arguments: ["他的思路很清晰。", "公司走出了一条新路。", "沿着这条道路前进。"])
    func wordsEndingIn路AreNoRoads(text: String) {
        #expect(RecognitionFixture.found(text).allSatisfy { $0.mention.type != "Place" }, "\(text)")
    }
}
