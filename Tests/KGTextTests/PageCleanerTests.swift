import Foundation
import KGModel
import Testing

@testable import KGText

@Suite struct PageCleanerTests {
    static func fixture() throws -> (text: String, result: PageCleaner.Result) {
        let text = try String(contentsOfFile: Fixture.path("watermarked-page.txt"), encoding: .utf8)
        return (text, PageCleaner().clean(text))
    }

    @Test func watermarkIsFoundByShapeAndCut() throws {
        let (text, result) = try Self.fixture()
        #expect(result.watermark == "x7k长河资讯网 | 华东生活门户")
        let paragraphs = result.paragraphs.map { slice(text, $0) }
        #expect(paragraphs.allSatisfy { !$0.contains("长河资讯网") && !$0.contains("华东生活门户") })
        // The stop before the watermark stays with its paragraph.
        #expect(paragraphs.contains("“我们希望把这里建成智能网联汽车的创新高地。”吴江区副区长李明说。"))
    }

    @Test func metadata() throws {
        let (_, result) = try Self.fixture()
        #expect(result.metadata.title == "苏州湾创新谷启动建设 聚焦智能网联汽车产业")
        #expect(result.metadata.published == "2024-03-05T09:12")
        #expect(result.metadata.source == "长河日报")
        #expect(result.metadata.authors == ["王立新", "陈思", "刘一鸣", "周婷"])
    }

    @Test func furnitureIsRemovedAndHeadingsStay() throws {
        let (text, result) = try Self.fixture()
        let paragraphs = result.paragraphs.map { slice(text, $0) }
        #expect(paragraphs.first == "3月4日，苏州湾创新谷在吴江区正式开工。项目总投资120亿元，规划面积1.5平方公里。")
        #expect(paragraphs.contains("一期工程"))
        #expect(paragraphs.contains("预计2026年建成投用"))
        #expect(paragraphs.last == "第6批入驻企业共16家，涵盖激光雷达、高精地图等领域。")
        for banned in ["正文", "分享", "http", "欢迎", "记者", "来源", "免责", "侵权", "打印", "评论", "参与"] {
            #expect(!paragraphs.contains { $0.contains(banned) }, "\(banned) is in the body")
        }
        let kinds = Dictionary(grouping: result.lines, by: \.kind).mapValues(\.count)
        #expect(kinds[.breadcrumb] == 1)
        #expect(kinds[.title] == 1)
        #expect(kinds[.metadata] == 4)
        #expect(kinds[.disclaimer] == 2)
        #expect((kinds[.comments] ?? 0) + (kinds[.widget] ?? 0) == 4)
    }

    /// The same furniture without a watermark: the site name comes from the welcome line and a
    /// slogan between furniture lines goes with them.
    @Test func headerFurnitureWithoutWatermark() {
        let text = """
            首页 > 财经 > 正文
            无锡物联网小镇开园 首批企业入驻
            来源：太湖晚报
            发布时间：2024-05-06 10:00
            《太湖在线》苏南第一门户!
            关注本地生活，传播太湖文化!
            http://www.taihu.example/ 欢迎您
            ☆ 太湖在线 ☆欢迎您
            记者 孙一 王二
            物联网小镇位于无锡新吴区，占地约3平方公里，首批入驻企业共有四十二家，涵盖传感器、芯片设计和系统集成等领域。
            小镇还将建设公共测试平台。
            """
        let result = PageCleaner().clean(text)
        #expect(result.watermark == nil)
        #expect(
            result.lines.map(\.kind) == [
                .breadcrumb, .title, .metadata, .metadata, .siteName, .header, .welcome, .welcome, .metadata, .body,
                .body,
            ])
        #expect(result.metadata.title == "无锡物联网小镇开园 首批企业入驻")
        #expect(result.metadata.authors == ["孙一", "王二"])
        #expect(result.paragraphs.count == 2)
    }

    /// A plain article with no furniture: every line is body, and a first line that ends like a
    /// sentence is not taken for a title.
    @Test func plainArticleIsAllBody() {
        let text = "南京江北新区发布集成电路新政。\n新政共二十条，涵盖人才和资金。\n首批项目明年落地。"
        let result = PageCleaner().clean(text)
        #expect(result.watermark == nil)
        #expect(result.metadata.title == nil)
        #expect(result.paragraphs.count == 3)
    }

    /// Lines sharing an ordinary word ending (有限公司) are not a watermark.
    @Test func commonWordEndingIsNotAWatermark() {
        let text = "获奖企业\n苏州星海有限公司\n无锡云帆有限公司\n南京长江有限公司\n常州新材有限公司"
        let result = PageCleaner().clean(text)
        #expect(result.watermark == nil)
        #expect(result.paragraphs.map { slice(text, $0) }.contains("苏州星海有限公司"))
    }

    @Test(arguments: [
        ("首页 > 新闻 > 正文", true),
        ("当前位置：首页 » 要闻", true),
        ("您的位置: 首页 > 本地", true),
        ("增速 > 5%，好于预期。", false),
        ("甲 > 乙", false),
    ])
    func breadcrumbs(line: String, isBreadcrumb: Bool) {
        #expect(PageCleaner.isBreadcrumb(Array(line.unicodeScalars)) == isBreadcrumb)
    }

    @Test(arguments: [
        ("字体：大 中 小", PageCleaner.LineKind.widget),
        ("分享到：微信 微博", .widget),
        ("12人参与 3条评论", .comments),
        ("联系我们 webmaster@example.com", .link),
        ("https://www.example.com/ 欢迎您", .welcome),
        ("☆ ☆ ☆", .decoration),
        ("（完）", .decoration),
    ])
    func furnitureLines(line: String, kind: PageCleaner.LineKind) {
        #expect(PageCleaner().furnitureKind(line, watermarked: false, siteNames: []) == kind)
    }

    @Test func bodyLinesAreNotFurniture() {
        let cleaner = PageCleaner()
        for line in [
            "经验分享会在南京召开，来自全省的代表参加会议并交流了产业发展经验。",
            "记者从省科技厅获悉，全省高新区营业收入增长。",
            "据长河日报报道，园区今年新增企业一百家。",
            "市长表示，欢迎您来园区投资兴业。",
            "详情可登录 www.example.gov.cn 查询，也可拨打热线电话咨询，工作人员将在工作日内答复相关问题并说明具体办理流程。",
        ] {
            #expect(cleaner.furnitureKind(line, watermarked: false, siteNames: ["长河日报"]) == nil, "\(line)")
        }
        var metadata = DocumentMetadata()
        #expect(!MetadataLine.parse("记者从省科技厅获悉，全省高新区营业收入增长。", into: &metadata))
    }

    /// The names inside a watermark mark other lines that repeat them as furniture, also in
    /// the middle of the body.
    @Test func siteNameLinesGo() {
        let text = """
            本地新闻
            《长河资讯网》华东门户
            正文第一段说明情况。长河资讯网-ABC
            正文第二段继续说明。长河资讯网-ABC
            更多内容请关注长河资讯网
            正文第三段总结全文。长河资讯网-ABC
            """
        let result = PageCleaner().clean(text)
        #expect(result.watermark == "长河资讯网-ABC")
        let kinds = result.lines.map(\.kind)
        #expect(kinds == [.header, .siteName, .body, .body, .siteName, .body])
        #expect(result.paragraphs.map { slice(text, $0) } == ["正文第一段说明情况。", "正文第二段继续说明。", "正文第三段总结全文。"])
    }

    @Test(arguments: [
        ("2023-12-31 15:58:36", "2023-12-31T15:58:36"),
        ("2023年12月31日", "2023-12-31"),
        ("2024年3月5日 9:05", "2024-03-05T09:05"),
        ("2024/1/8", "2024-01-08"),
        ("发布于2024.01.08", "2024-01-08"),
    ])
    func dates(text: String, iso: String) {
        #expect(DateText.iso(text) == iso)
    }

    @Test func datesThatAreNot() {
        #expect(DateText.iso("1.5平方公里") == nil)
        #expect(DateText.iso("2023-13-01") == nil)
        #expect(DateText.iso("600267.SH") == nil)
    }

    @Test(
        arguments: [
            ("来源：新华社 作者：张三", nil, "新华社", ["张三"]),
            ("2023年12月31日 星期日", "2023-12-31", nil, []),
            ("（本报记者 李四、王五）", nil, nil, ["李四", "王五"]),
            ("时间:2024-02-01 08:00 稿源: 江南晚报", "2024-02-01T08:00", "江南晚报", []),
            ("通讯员 赵六,钱七", nil, nil, ["赵六", "钱七"]),
        ] as [(String, String?, String?, [String])])
    func metadataLines(line: String, published: String?, source: String?, authors: [String]) {
        var metadata = DocumentMetadata()
        #expect(MetadataLine.parse(line, into: &metadata))
        #expect(metadata.published == published)
        #expect(metadata.source == source)
        #expect(metadata.authors == authors)
    }

    /// A logo line before the title is passed over when the page's <title> names the title.
    @Test func htmlTitleNamesTheTitleLine() {
        let text = "江海在线\n南通港扩建二期工程获批\n发布时间：2024-01-08\n南通港二期工程获得批复，投资12亿元，将新增泊位6个，预计2027年完工。"
        let result = PageCleaner().clean(text, htmlTitle: "南通港扩建二期工程获批 - 江海在线")
        #expect(result.metadata.title == "南通港扩建二期工程获批")
        #expect(result.lines.map(\.kind) == [.header, .title, .metadata, .body])
        // Without the <title>, the first substantial line is taken, as for plain text.
        #expect(PageCleaner().clean(text).metadata.title == "南通港扩建二期工程获批")
    }

    @Test func htmlTitleIsUsedWhenTheTextHasNone() {
        let result = PageCleaner().clean("正文第一句。\n正文第二句。", htmlTitle: "南通港扩建获批 - 江海在线")
        #expect(result.metadata.title == "南通港扩建获批")
        #expect(result.paragraphs.count == 2)
    }
}
