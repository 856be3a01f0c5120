import Foundation
import KGModel
import Testing
@testable import KGExtract

@Suite struct RecognitionLexiconTests {
    @Test func builtInLexiconParsesAndKnowsGeneralNames() throws {
        let lexicon = Lexicon.builtIn
        #expect(lexicon.entries.count > 600)
        #expect(lexicon.posts.count > 40)
        for id in ["sse", "szse", "hkex", "bse", "star-market", "chinext", "neeq", "nasdaq", "nyse", "hk-18a"] {
            let entry = try #require(lexicon.entry(id: id))
            #expect(entry.type == "Exchange")
            #expect(entry.labelEn != nil)
        }
        #expect(lexicon.entry(id: "star-market")?.labelEn == "STAR Market")
        #expect(lexicon.entry(id: "hk-18a")?.labelEn == "HK 18A")
        // Every entry has an English label and a parent that exists.
        for entry in lexicon.entries {
            #expect(entry.labelEn != nil, "no English label for \(entry.id)")
            if let parent = entry.parent { #expect(lexicon.entry(id: parent) != nil, "\(entry.id): unknown parent \(parent)") }
        }
        // 园区 is an anaphor, never a surface.
        #expect(!lexicon.entries.contains { $0.surfaces.contains("园区") })
    }

    @Test func longestMatchWinsInOnePass() {
        let text = "该企业计划在深交所创业板上市，随后落户苏州工业园区和上海证券交易所科创板。"
        let found = RecognitionFixture.found(text)
        let lexicon = found.filter { $0.mention.source == .lexicon }.map(\.surface)
        #expect(lexicon == ["深交所创业板", "苏州工业园区", "上海证券交易所", "科创板"])
        #expect(RecognitionFixture.mention("深交所创业板", in: text)?.entity?.key == "lex:chinext")
        #expect(RecognitionFixture.mention("苏州工业园区", in: text)?.entity?.labelEn == "Suzhou Industrial Park")
    }

    @Test func overlappingLexiconNamesKeepTheLeftmost() {
        // 北京东直门 holds 京东 (a company) across the edge of 北京.
        let found = RecognitionFixture.found("营业部位于北京东直门外大街。")
        #expect(found.contains { $0.surface == "北京" && $0.mention.source == .lexicon })
        #expect(!found.contains { $0.surface == "京东" })
    }

    @Test func latinSurfacesMatchOnlyWholeWords() {
        let found = RecognitionFixture.found("他毕业于Harvard，后加入Harvardia基金。")
        #expect(found.filter { $0.mention.source == .lexicon }.map(\.surface) == ["Harvard"])
    }

    @Test func userLexiconRowsAreCheckedWithPositions() throws {
        let text = """
            # my lexicon
            星河湾|xhw	xhw	Company	星河湾	Xinghewan	-
            坏行	only-two-columns
            某地	bad-type	Planet	某地	Somewhere	-
            	empty-surface	Company	-	-	-
            星河湾二期	xhw	Zone	星河湾二期	-	-
            """
        let (lexicon, diagnostics) = Lexicon.parse(text, file: "user.tsv")
        #expect(lexicon.entries.map(\.id) == ["xhw"])
        #expect(diagnostics.map(\.code.rawValue) == ["R051", "R054", "R052", "R055"])
        #expect(diagnostics[0].location?.description == "user.tsv:3:1")
        #expect(diagnostics[1].location?.description == "user.tsv:4:13")
        #expect(diagnostics[1].rendered.contains("^"))
        #expect(diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func loadThrowsEveryProblemAndMergesGoodFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-lexicon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.tsv")
        try "a\tb\n某\tx\tNope\t-\t-\t-\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: DiagnosticList.self) { try Lexicon.load(file: bad.path) }
        #expect(throws: DiagnosticList.self) { try Lexicon.load(file: dir.appendingPathComponent("missing.tsv").path) }

        let good = dir.appendingPathComponent("good.tsv")
        try "星河湾科技城|星河湾\txhw-city\tZone\t星河湾科技城\tXinghewan Science City\t-\tcn-jiangsu\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let user = try Lexicon.load(file: good.path)
        let recognizer = Recognizer(lexicon: Lexicon.builtIn.merging(user))
        let found = RecognitionFixture.found("项目落户星河湾科技城。", recognizer: recognizer)
        #expect(found.first?.mention.entity?.key == "lex:xhw-city")
        #expect(found.first?.mention.entity?.labelEn == "Xinghewan Science City")
    }

    @Test func postsAreASeparateList() {
        let posts = Lexicon.builtIn.posts.map(\.labelZh)
        for post in ["董事长", "总经理", "副理事长", "理事长", "书记", "副书记", "院长", "副院长", "主任", "局长", "厅长", "市长", "区长", "创始人", "联合创始人", "首席执行官", "总裁"] {
            #expect(posts.contains(post), "missing post \(post)")
        }
        #expect(Lexicon.builtIn.entry(id: "post-ceo")?.surfaces.contains("CEO") == true)
    }
}
