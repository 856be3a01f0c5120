import KGModel
import Testing

/// Text from files reaching people: lines split the same for LF, CRLF and CR files; control
/// characters shown as escapes; long source lines cut around the caret; spreadsheet formulas
/// made inert.
@Suite struct TerminalSafetyTests {
    @Test(arguments: ["a\nb\n\nc", "a\r\nb\r\n\r\nc", "a\rb\r\rc", "a\r\nb\n\r\nc"])
    func linesSplitAlikeForEveryLineEnding(_ text: String) {
        #expect(text.textLines().map(String.init) == ["a", "b", "", "c"])
    }

    @Test func aFinalBreakLeavesOneEmptyLastLine() {
        #expect("a\r\n".textLines().map(String.init) == ["a", ""])
    }

    @Test func controlCharactersBecomeVisibleEscapes() {
        #expect(TerminalText.escaped("星河\u{1B}[2J科技") == "星河\\x1B[2J科技")
        #expect(TerminalText.escaped("a\rb\r\nc\td\n") == "a b c d ")
        #expect(TerminalText.escaped("\u{7}\u{0}\u{7F}\u{9B}") == "\\x07\\x00\\x7F\\x9B")
        #expect(TerminalText.escaped("abc\u{202E}def") == "abc\\u{202E}def")
        #expect(TerminalText.escaped("苏州工业园区 Biobay") == "苏州工业园区 Biobay")
    }

    @Test func aLongSourceLineIsCutAroundTheColumn() {
        let line = String(repeating: "长", count: 100_000) + "错" + String(repeating: "尾", count: 100_000)
        let diagnostic = Diagnostic(
            .unknownDirective, "unknown directive", at: SourceLocation(file: "x.rules", line: 2, column: 100_001),
            sourceLine: line)
        let rendered = diagnostic.rendered
        #expect(rendered.count < 600)
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        // The caret sits under 错: "2 | " then the excerpt, "  | " then padding.
        let shown = try! #require(lines.first { $0.hasPrefix("2 | ") }).dropFirst(4)
        let caret = try! #require(lines.last { $0.hasSuffix("^") }).dropFirst(4)
        #expect(shown.hasPrefix("…") && shown.hasSuffix("…"))
        let before = shown.prefix { $0 != "错" }
        #expect(DisplayWidth.of(String(before)) == caret.count - 1)
    }

    @Test func aShortSourceLineIsShownWhole() {
        let diagnostic = Diagnostic(
            .unknownDirective, "unknown directive", at: SourceLocation(file: "x.rules", line: 1, column: 3),
            sourceLine: "  bogus\u{1B}")
        #expect(diagnostic.rendered.contains("1 |   bogus\\x1B\n  |   ^"))
    }

    @Test(arguments: [("=1+1", "'=1+1"), ("+86 10", "'+86 10"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=x", "'\t=x"), ("苏州", "苏州"), ("", "")])
    func formulaLikeCellsAreNeutralised(_ input: String, _ output: String) {
        #expect(SpreadsheetText.neutralized(input) == output)
    }
}
