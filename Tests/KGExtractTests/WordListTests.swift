import KGModel
import Testing

@testable import KGExtract

/// kg's word lists (`schema/lexicon/words/*.txt`): each parses, and malformed lines are
/// reported with their location.
@Suite struct WordListTests {
    @Test(arguments: Words.all)
    func builtInListParses(name: String) {
        let file = KGExtractResources.wordList(name)
        let (list, problems) = WordList.parse(file.text, file: file.path)
        #expect(problems.isEmpty, "\(problems)")
        #expect(!list.entries.isEmpty)
    }

    @Test func tagsSelectWordsInFileOrder() {
        let (list, problems) = WordList.parse("# comment\n发布\tscan,span\n引进\tscan\n股权\tspan\n", file: "t.txt")
        #expect(problems.isEmpty)
        #expect(list.words("scan") == ["发布", "引进"])
        #expect(list.words("span") == ["发布", "股权"])
        #expect(list.words() == ["发布", "引进", "股权"])
    }

    @Test func malformedLinesAreReportedWithTheirLine() {
        let (_, problems) = WordList.parse("发布\n两 个\n发布\tscan\na\tb\tc\n", file: "t.txt")
        #expect(problems.map(\.code) == [.wordListLine, .wordListLine, .wordListLine])
        #expect(problems.map { $0.location?.line ?? 0 } == [2, 3, 4])
    }
}
