import Foundation
import KGModel
import Testing

@testable import KGText

/// The one test on the real sample page: metadata, furniture gone, a known sentence intact.
@Suite struct SampleArticleTests {
    static var samplePath: String {
        let shared = "/work/shared/seed/000_ce44ddf465ad17a8.txt"
        if FileManager.default.fileExists(atPath: shared) { return shared }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent("samples/sample-article-jiangsu-hitech-zones.txt").path
    }

    @Test func sampleArticle() throws {
        let document = try DocumentReader().read(path: Self.samplePath)
        #expect(document.metadata.title == "江苏为培育新质生产力厚植创新沃土 立足高新区,做强创新型产业集群")
        #expect(document.metadata.published == "2023-12-31T15:58:36")
        #expect(document.metadata.source == "新江苏客户端·中国江苏网")
        #expect(document.metadata.authors == ["蔡姝雯", "张宣", "杨易臻", "张琳"])
        if ProcessInfo.processInfo.environment["KG_DUMP"] != nil {
            for sentence in document.sentences { print(sentence.index, sentence.span, sentence.text) }
        }
        for banned in ["新江南网", "xjnnet", "江南第一", "门户网站", "条评论", "欢迎您", "声明"] {
            #expect(!document.sentences.contains { $0.text.contains(banned) }, "a sentence contains \(banned)")
        }
        let expected = "中国半导体行业协会副理事长于燮康表示,无锡集成电路产业基础坚实、发展迅猛,要通过打造新型创新载体集聚创新资源。"
        let found = try #require(document.sentences.first { $0.text == expected })
        let scalars = Array(document.original.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[found.span.start..<found.span.end])) == expected)
        #expect(document.sentences.enumerated().allSatisfy { $0.offset == $0.element.index })
        for sentence in document.sentences {
            #expect(String(String.UnicodeScalarView(scalars[sentence.span.start..<sentence.span.end])) == sentence.text)
        }
    }
}
