import KGModel
import Testing

@testable import KGExtract

/// Files saved with Windows (CRLF) or old Mac (CR) line ends read exactly like LF files: Swift
/// reads "\r\n" as one Character, so splitting on "\n" once made a CRLF file one long line.
@Suite struct LineEndingTests {
    static func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }

    @Test func ruleFilesParseAlike() {
        for source in RulePack.builtInSources {
            let lf = RuleParser().parse(file: source.file, text: source.text)
            let crlf = RuleParser().parse(file: source.file, text: Self.crlf(source.text))
            #expect(!lf.rules.isEmpty)
            #expect(crlf.rules.map(\.id) == lf.rules.map(\.id), "\(source.file)")
            #expect(crlf.diagnostics == lf.diagnostics)
            // Locations too: a CRLF file's errors point at the same line and column.
            #expect(crlf.rules.map(\.location) == lf.rules.map(\.location))
        }
    }

    @Test func lexiconsParseAlike() {
        let text = "# surfaces\tid\ttype\tzh label\ten label\taliases\tparent\n青蛙跳跃科技\tco-frog\tCompany\t青蛙跳跃科技\tFrog Leap\t-\t-\n"
        let (lf, lfProblems) = Lexicon.parse(text, file: "lex.tsv")
        let (crlf, crlfProblems) = Lexicon.parse(Self.crlf(text), file: "lex.tsv")
        #expect(lfProblems.isEmpty && crlfProblems.isEmpty)
        #expect(crlf.entries.map(\.id) == ["co-frog"])
        #expect(crlf.entries == lf.entries)
    }

    @Test func wordListsParseAlike() {
        let text = "# comment\n开发区\tplace\n园区\n"
        let lf = WordList.parse(text, file: "w.txt")
        let crlf = WordList.parse(Self.crlf(text), file: "w.txt")
        #expect(lf.1.isEmpty && crlf.1.isEmpty)
        #expect(crlf.0.entries.map(\.word) == ["开发区", "园区"])
        #expect(crlf.0.entries.map(\.word) == lf.0.entries.map(\.word))
    }
}
