import Foundation
import KGModel
import Testing

@testable import KGText

@Suite struct DocumentReaderTests {
    @Test func watermarkedPage() throws {
        let path = Fixture.path("watermarked-page.txt")
        let document = try DocumentReader().read(path: path)
        let bytes = try InputFiles.readBytes(path).get()
        #expect(document.path == path)
        #expect(document.contentHash == SHA256.hex(of: bytes))
        #expect(document.contentHash.count == 64)
        #expect(document.notes.isEmpty)
        #expect(document.metadata.title == "苏州湾创新谷启动建设 聚焦智能网联汽车产业")
        let texts = document.sentences.map(\.text)
        #expect(
            texts.prefix(6) == [
                "3月4日，苏州湾创新谷在吴江区正式开工。",
                "项目总投资120亿元，规划面积1.5平方公里。",
                "“我们希望把这里建成智能网联汽车的创新高地。”",
                "吴江区副区长李明说。",
                "一期工程",
                "预计2026年建成投用",
            ])
        #expect(texts.contains("园区已引进《智能网联汽车道路测试管理规范》起草单位。"))
        #expect(texts.contains("其中，星海科技（600267.SH）将设立研发中心……"))
        #expect(texts.contains("据介绍，该中心聚焦车规级芯片。"))
        #expect(document.sentences.map(\.index) == Array(0..<document.sentences.count))
        for sentence in document.sentences {
            #expect(slice(document.original, sentence.span) == sentence.text)
            #expect(sentence.clauses.allSatisfy { sentence.span.contains($0) })
        }
        let first = try #require(document.sentences.first)
        #expect(first.clauses.map { slice(document.original, $0) } == ["3月4日", "苏州湾创新谷在吴江区正式开工。"])
    }

    @Test func gb18030FileCarriesANote() throws {
        let document = try DocumentReader().read(path: Fixture.path("gb18030.txt"))
        #expect(document.notes.map(\.code.rawValue) == ["I007"])
        #expect(document.notes.first?.severity == .note)
        #expect(document.notes.first?.message.contains("GB18030") == true)
        #expect(document.sentences.map(\.text) == ["常州高新区发布新政。", "支持企业开展技术攻关，最高奖励五百万元。"])
    }

    @Test func htmlPage() throws {
        let document = try DocumentReader().read(path: Fixture.path("page.html"))
        #expect(document.metadata.title == "南通港扩建二期工程获批")
        #expect(document.metadata.published == "2024-01-08T10:30:00")
        #expect(document.metadata.source == "江海在线")
        #expect(!document.original.contains("<"))
        #expect(document.sentences.first?.text == "南通港二期工程“通海港区”获得批复，投资12亿元。")
        for sentence in document.sentences { #expect(slice(document.original, sentence.span) == sentence.text) }
    }

    @Test func markdownFile() throws {
        let document = try DocumentReader().read(path: Fixture.path("report.md"))
        #expect(document.metadata.title == "无锡物联网产业报告")
        #expect(document.sentences.map(\.text).contains("无锡物联网产业规模突破四千亿元，国家传感网创新示范区建设成效显著。"))
    }

    @Test func emptyFileIsAWarningNotAnError() throws {
        let path = Fixture.scratch() + "/empty.txt"
        Fixture.write([UInt8](), to: path)
        let document = try DocumentReader().read(path: path)
        #expect(document.sentences.isEmpty)
        #expect(document.original.isEmpty)
        #expect(document.notes.map(\.code.rawValue) == ["I006"])
        #expect(document.notes.first?.severity == .warning)
        #expect(document.contentHash == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func errors() {
        let reader = DocumentReader()
        #expect { try reader.read(path: "/nonexistent/a.txt") } throws: { ($0 as? Diagnostic)?.code.rawValue == "I001" }
        let bad = Fixture.scratch() + "/bad.txt"
        Fixture.write(Array("正常".utf8) + [0xFF, 0xFE], to: bad)
        #expect { try reader.read(path: bad) } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.code.rawValue == "I005" && diagnostic.message.hasSuffix("at byte 6")
                && diagnostic.location?.file == bad
        }
        #expect { try reader.read(path: "/proc/self/mem") } throws: { ($0 as? Diagnostic)?.code.rawValue == "I002" }
    }

    /// A 5 MB file that is one line with no stop goes through every stage (cleaning included)
    /// in bounded pieces and bounded time.
    @Test func oneHugeLineWithoutStops() throws {
        let count = 5 * 1_048_576 / 3
        let path = Fixture.scratch() + "/line.txt"
        Fixture.write(String(repeating: "无", count: count), to: path)
        var document: TextDocument?
        let time = try seconds { document = try DocumentReader().read(path: path) }
        let sentences = try #require(document?.sentences)
        #expect(sentences.count == (count + 999) / 1_000)
        #expect(sentences.allSatisfy { $0.span.length <= Segmenter.maxSentenceLength })
        #expect(sentences.last?.span.end == count)
        #expect(time < 20, "took \(time) s")
    }

    /// Throughput on a ~20 MB generated page (news paragraphs, quotes, numbers, a watermark on
    /// every paragraph). Printed for the report; the floor is loose because tests run in debug.
    @Test func throughput() throws {
        let paragraphs = [
            "“产业集群与新质生产力是互为促进的关系。”研究院副院长张华说，创新要素更加高端，主体间协作更具效率。",
            "今年1—11月，园区生物医药产业产值超1300亿元，同比增长8.5%；累计引进企业2500家，其中上市企业24家。",
            "星海科技（600267.SH）发布《年度报告》，营业收入12.3亿元……公司表示，将继续加大研发投入！",
            "用心培土",
        ]
        var page = "首页 > 新闻 > 正文\n\n测试页面标题 产业观察\n\n来源：测试日报\n发布时间：2024-01-01 08:00:00\n\n"
        var n = 0
        while page.utf8.count < 20 * 1_048_576 {
            page += paragraphs[n % paragraphs.count] + "ZZ测试资讯网|示例门户\n\n"
            n += 1
        }
        let path = Fixture.scratch() + "/big.txt"
        Fixture.write(page, to: path)
        let megabytes = Double(page.utf8.count) / 1_048_576
        var document: TextDocument?
        let time = try seconds { document = try DocumentReader().read(path: path) }
        let sentences = document?.sentences.count ?? 0
        print(
            "DocumentReader: \(String(format: "%.1f", megabytes)) MB, \(sentences) sentences in \(String(format: "%.2f", time)) s = \(String(format: "%.1f", megabytes / time)) MB/s"
        )
        #expect(document?.metadata.source == "测试日报")
        #expect(sentences > n)
        #expect(document?.sentences.contains { $0.text.contains("测试资讯网") } == false)
        #expect(megabytes / time > 0.5)
    }
}
