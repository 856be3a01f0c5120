import Foundation
import Testing

@testable import KGText

@Suite struct MarkupStripperTests {
    @Test func htmlFixture() throws {
        let source = try String(contentsOfFile: Fixture.path("page.html"), encoding: .utf8)
        let stripped = MarkupStripper.html(source)
        #expect(stripped.title == "南通港扩建二期工程获批 - 江海在线")
        let lines = stripped.text.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "南通港扩建二期工程获批",
                "发布时间：2024-01-08 10:30:00 来源：江海在线",
                "南通港二期工程“通海港区”获得批复，投资12亿元。 工程将新增泊位6个。",
                "A&B公司负责施工——工期三年……",
                "预计2027年完工。",
                "第一阶段：码头",
                "第二阶段：堆场",
            ])
        for hidden in ["样式文字", "脚本文字", "注释文字", "alert", "首页", "<", "&ldquo;"] {
            #expect(!stripped.text.contains(hidden), "\(hidden) leaked into the text")
        }
    }

    @Test(arguments: [
        ("&lt;b&gt; &amp; &quot;x&quot; &#20013;&#x6587; &unknown; & alone", "<b> & \"x\" 中文 &unknown; & alone"),
        ("&#0; &#xZZ; &#1114112;", "&#0; &#xZZ; &#1114112;"),
    ])
    func entities(input: String, expected: String) {
        #expect(MarkupStripper.decodeEntities(input) == expected)
    }

    @Test func tagsInsideAttributesAndUnclosedScript() {
        let html = "<p title=\"a > b\">正文</p><div>第二段</div><script>var x = 1;"
        #expect(MarkupStripper.html(html).text == "正文\n第二段")
        #expect(MarkupStripper.html("价格 < 5 元").text == "价格 < 5 元")
    }

    @Test func markdownFixture() throws {
        let source = try String(contentsOfFile: Fixture.path("report.md"), encoding: .utf8)
        let text = MarkupStripper.markdown(source)
        #expect(
            text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) == [
                "无锡物联网产业报告",
                "一、总体情况",
                "无锡物联网产业规模突破四千亿元，国家传感网创新示范区建设成效显著。",
                "企业数量超过3000家",
                "上市企业 28 家",
                "引文：产业链条完整。",
                "code_block 不处理",
                "详见示意图和附表。",
            ])
    }

    @Test func markdownEmphasisAndWrappedLatinLines() {
        #expect(
            MarkupStripper.markdown("*强调* and __bold__ with snake_case\nnext line")
                == "强调 and bold with snake_case next line")
        #expect(MarkupStripper.markdown("3 * 4 = 12 ~~删除~~") == "3 * 4 = 12 删除")
    }

    @Test func kindFromExtensionOrContent() {
        #expect(MarkupStripper.Kind.of(path: "a/b.HTM", text: "") == .html)
        #expect(MarkupStripper.Kind.of(path: "b.markdown", text: "") == .markdown)
        #expect(MarkupStripper.Kind.of(path: "saved-page", text: "  <!DOCTYPE html><html>") == .html)
        #expect(MarkupStripper.Kind.of(path: "note.txt", text: "正文 <b>") == .plain)
    }
}
