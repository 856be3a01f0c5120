import Foundation
import Testing

@testable import KGText

/// The segmenter over a small inline dictionary, where every choice can be worked out by hand.
@Suite struct WordSegmenterTests {
    /// Frequencies chosen so the most probable path is known: total 1000.
    static let small = """
        # word	freq	pos
        研究	200	vn
        研究生	20	n
        生命	200	n
        生	10	v
        命	10	n
        起源	100	n
        公司	200	n
        董事长	100	n
        董事	50	n
        长	20	a
        家	50	q
        签署	30	v
        """

    static func segmenter(_ tsv: String = small) throws -> WordSegmenter {
        WordSegmenter(dictionary: try WordDictionary(tsv: tsv))
    }

    /// Words as "text/tag", a star marking words not from the dictionary.
    static func render(_ segmenter: WordSegmenter, _ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return segmenter.words(in: scalars).map {
            String(String.UnicodeScalarView(scalars[$0.range])) + "/" + $0.pos.rawValue + ($0.fromDictionary ? "" : "*")
        }
    }

    @Test func picksTheMostProbablePath() throws {
        // 研究|生命|起源: 200·200·100 beats 研究生|命|起源: 20·10·100 (same number of words, so
        // the totals cancel out).
        #expect(Self.render(try Self.segmenter(), "研究生命起源") == ["研究/vn", "生命/n", "起源/n"])
        // With nothing after it, 研究生 (20) beats 研究|生 (200·10/1000 = 2).
        #expect(Self.render(try Self.segmenter(), "研究生") == ["研究生/n"])
    }

    @Test func fewerWordsWinWhenProbabilitiesAllowIt() throws {
        // 董事长 (100/1000) beats 董事|长 (50·20/1000² = 0.001).
        #expect(Self.render(try Self.segmenter(), "公司董事长签署") == ["公司/n", "董事长/n", "签署/v"])
    }

    @Test func tiesGoToTheLongerWord() throws {
        // ab = a·b/total exactly: 10 = 100·100/1000.
        let s = try Self.segmenter("甲\t100\tn\n乙\t100\tn\n甲乙\t10\tnz\n丙\t800\tn\n")
        #expect(Self.render(s, "甲乙") == ["甲乙/nz"])
    }

    @Test func latinAndDigitRunsAreOneTokenEach() throws {
        let s = try Self.segmenter()
        #expect(
            Self.render(s, "AI公司28家5G签署3.5%与1,200") == [
                "AI/eng*", "公司/n", "28/m*", "家/q", "5G/eng*", "签署/v", "3.5%/m*", "与/un*", "1,200/m*",
            ])
        // A dot or comma not between digits, and a hyphen, end the run.
        #expect(Self.render(s, "v2.x,C-919") == ["v2/eng*", "./w*", "x/eng*", ",/w*", "C/eng*", "-/w*", "919/m*"])
    }

    @Test func unknownHanCharactersAreGroupedPunctuationIsNot() throws {
        #expect(
            Self.render(try Self.segmenter(), "星海科技公司 ，  签署。") == [
                "星海科技/un*", "公司/n", " /w*", "，/w*", "  /w*", "签署/v", "。/w*",
            ])
    }

    @Test func offsetsAreIntoTheWholeArray() throws {
        let s = try Self.segmenter()
        let scalars = Array("。公司A签署".unicodeScalars)
        let words = s.words(in: scalars, range: 1..<6)
        #expect(words.map(\.range) == [1..<3, 3..<4, 4..<6])
        #expect(words.map(\.fromDictionary) == [true, false, true])
        #expect(s.words(in: scalars, range: 2..<2).isEmpty)
    }

    @Test func segmentationTablesAnswerPerPosition() throws {
        let s = try Self.segmenter()
        let scalars = Array("。公司董事长签署".unicodeScalars)
        let seg = s.segmentation(of: scalars, range: 1..<8)
        #expect(seg.isBoundary == [true, false, true, false, false, true, false, true])
        #expect(seg.isBoundary(at: 3) && !seg.isBoundary(at: 4) && !seg.isBoundary(at: 0))
        #expect(seg.pos(at: 4) == .noun && seg.pos(at: 6) == .verb && seg.pos(at: 0) == nil)
        #expect(seg.word(at: 7)?.range == 6..<8)
        #expect(seg.alignsWithWords(1..<6) && !seg.alignsWithWords(1..<4))
        #expect(seg.words(in: 3..<8).map(\.pos) == [.noun, .verb])
    }

    @Test func segmentationToleratesWordsThatDoNotCoverTheSpan() {
        let seg = WordSegmentation(words: [Word(range: 0..<4, pos: .noun, fromDictionary: true)], span: 2..<6)
        #expect(seg.isBoundary == [true, false, true, false, true])
        #expect(seg.pos(at: 3) == .noun && seg.word(at: 4) == nil && seg.words(in: 4..<6).isEmpty)
    }

    @Test func rangesPastTheEndAreClipped() throws {
        let s = try Self.segmenter()
        #expect(s.words(in: Array("公司".unicodeScalars), range: 1..<9).map(\.range) == [1..<2])
    }

    @Test func dictionaryReadsUnsortedTextAndKeepsTheMoreFrequentRepeat() throws {
        let d = try WordDictionary(tsv: "乙\t5\tn\n甲乙\t7\tv\n甲\t3\tn\n甲乙\t9\tnz\n\n# comment\n甲乙丙\t1\tns")
        #expect(d.count == 4)
        #expect(d.entry("甲乙") == WordDictionary.Entry(word: "甲乙", frequency: 9, pos: .otherProperNoun))
        #expect(d.entry("甲乙丙")?.pos == .placeName)
        #expect(d.entry("丙") == nil && d.entry("甲乙丙丁") == nil)
        #expect(d.totalFrequency == 18)
        // Sorted input with an adjacent repeat.
        let sorted = try WordDictionary(tsv: "甲\t3\tn\n甲\t8\tv\n甲乙\t1\tn\n")
        #expect(sorted.count == 2 && sorted.entry("甲")?.frequency == 8 && sorted.entry("甲")?.pos == .verb)
    }

    @Test func dictionaryRejectsMalformedLines() {
        #expect(throws: WordDictionaryError.malformedLine(2)) { try WordDictionary(tsv: "甲\t1\tn\n乙 1 n\n") }
        #expect(throws: WordDictionaryError.malformedLine(1)) { try WordDictionary(tsv: "甲\tmany\tn\n") }
        #expect(throws: WordDictionaryError.unknownTag(line: 1, tag: "zz")) { try WordDictionary(tsv: "甲\t1\tzz\n") }
        #expect(throws: WordDictionaryError.invalidUTF8(line: 1)) { try WordDictionary(bytes: [0xE7, 0x94, 0x09]) }
    }

    @Test func tagGroups() {
        #expect(PartOfSpeech.verb.isVerb && !PartOfSpeech.verbalNoun.isVerb)
        #expect(PartOfSpeech.adverb.isAdverb && PartOfSpeech.adverbialAdjective.isAdverb)
        #expect(PartOfSpeech.numeral.isNumeral && PartOfSpeech.classifier.isClassifier)
        #expect(PartOfSpeech.organizationName.isProperName && PartOfSpeech.particleDe4.isFunctionWord)
    }
}

/// The segmenter with the real dictionary, `schema/dictionary/words.tsv`, on sentences in the
/// style of industry news (written for these tests).
@Suite struct RealDictionaryWordTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let segmenter: WordSegmenter = {
        let path = root.appendingPathComponent("schema/dictionary/words.tsv").path
        // A failure to load shows as every test below failing on its first expectation.
        let dictionary = (try? WordDictionary(contentsOfFile: path)) ?? (try! WordDictionary(tsv: ""))
        return WordSegmenter(dictionary: dictionary)
    }()

    /// Words of normalised text as "text/tag".
    static func render(_ text: String) -> [String] {
        let scalars = Normalizer.normalize(text)
        return segmenter.words(in: scalars).map {
            String(String.UnicodeScalarView(scalars[$0.range])) + "/" + $0.pos.rawValue
        }
    }

    /// Just the word texts.
    static func split(_ text: String) -> [String] {
        render(text).map { String($0[..<$0.lastIndex(of: "/")!]) }
    }

    @Test func loadsTheWholeFile() {
        #expect(Self.segmenter.dictionary.count > 250_000)
        #expect(Self.segmenter.dictionary.entry("中国科学院")?.pos == .organizationName)
    }

    @Test func titleIsItsOwnWord() {
        #expect(Self.split("星海科技公司董事长表示") == ["星海", "科技", "公司", "董事长", "表示"])
        #expect(Self.split("公司总经理王强表示").prefix(2) == ["公司", "总经理"])
        // 兼 between two titles is its own word (the dictionary's 总裁兼 is removed).
        #expect(Self.split("副总裁兼首席财务官").prefix(2) == ["副总裁", "兼"])
    }

    @Test func numeralAndClassifier() {
        let words = Self.render("园区已集聚28家公司")
        #expect(words.contains("28/m") && words.contains("家/q") && words.contains("公司/n"))
        #expect(Self.render("总投资120亿元").suffix(2) == ["120/m", "亿元/m"])
    }

    @Test func newsVerbsAreVerbs() {
        #expect(
            Self.render("双方签署合作协议") == ["双方/n", "签署/v", "合作/vn", "协议/n"])
        #expect(Self.render("公司宣布在杭州落户").filter { $0.hasSuffix("/v") } == ["宣布/v", "落户/v"])
        #expect(Self.render("新药获批上市").filter { $0.hasSuffix("/v") } == ["获批/v", "上市/v"])
    }

    @Test func placeNameEndsBeforeTheVerb() {
        let words = Self.render("苏州工业园区引进一批集成电路企业")
        #expect(words.prefix(2) == ["苏州工业园区/ns", "引进/v"])
    }

    @Test func wholeOrganisationNamesAreWords() {
        #expect(Self.split("中国科学院与华为技术有限公司签约") == ["中国科学院", "与", "华为技术有限公司", "签约"])
        #expect(Self.split("星海科技股份有限公司") == ["星海", "科技", "股份有限公司"])
    }

    @Test func adverbsAndFunctionWordsStayOutside() {
        let seg = Self.segmenter.segmentation(of: Normalizer.normalize("该项目已正式落户合肥高新区"))
        let tags = seg.words.map(\.pos)
        #expect(tags.contains(.adverb) && tags.contains(.adverbialAdjective))
        // 合肥高新区 starts on a boundary after the verb.
        #expect(seg.isBoundary(at: 8) && seg.pos(at: 7)?.isVerb == true)
    }

    @Test func latinAndPercentInNews() {
        #expect(
            Self.render("5G基站数量同比增长15.6%") == [
                "5G/eng", "基站/n", "数量/n", "同比/j", "增长/v", "15.6%/m",
            ])
    }

    @Test func everyScalarIsCoveredOnce() {
        let scalars = Normalizer.normalize("“十四五”期间，AI产业规模达3000亿元（约合420亿美元）。")
        let words = Self.segmenter.words(in: scalars)
        var next = 0
        for word in words {
            #expect(word.range.lowerBound == next && !word.range.isEmpty)
            next = word.range.upperBound
        }
        #expect(next == scalars.count)
    }

    @Test func chineseNumeralsWithZero() {
        // Whatever the split (二|〇|二三年 today), every piece is a numeral.
        let words = Self.render("二〇二三年")
        #expect(words.contains("〇/m") && words.allSatisfy { $0.hasSuffix("/m") })
    }
}

/// The dictionary compiled into the binary is the one on disk, ready to use.
@Suite struct BuiltInSegmenterTests {
    @Test func builtInSegmenterSplitsWords() {
        let text = Array("星海科技有限公司董事长宣布扩产".unicodeScalars)
        let words = WordSegmenter.builtIn.words(in: text).map { String(String.UnicodeScalarView(text[$0.range])) }
        #expect(words.contains("董事长"))
        #expect(words.contains("宣布"))
        #expect(words.joined() == String(String.UnicodeScalarView(text)))
    }
}

/// `forEachWord` finds the words going on from a first character through an index by the
/// first two characters (`WordDictionary.PairIndex`); it must report exactly the dictionary
/// words that start at a position, shortest first, as the binary searches alone did.
@Suite struct WordDictionaryPairIndexTests {
    /// Every dictionary word that is a prefix of `text[start..<end]`, by brute force.
    static func expected(_ dictionary: WordDictionary, _ words: [[Unicode.Scalar]], _ text: [Unicode.Scalar], _ start: Int) -> [String] {
        words.filter { word in
            start + word.count <= text.count && Array(text[start..<(start + word.count)]) == word
        }
        .sorted { $0.count < $1.count }
        .map { String(String.UnicodeScalarView($0)) }
    }

    static func found(_ dictionary: WordDictionary, _ text: [Unicode.Scalar], _ start: Int) -> [String] {
        var found: [String] = []
        dictionary.forEachWord(startingAt: start, in: text, end: text.count) { length, _ in
            found.append(String(String.UnicodeScalarView(text[start..<(start + length)])))
        }
        return found
    }

    @Test("every start of every short text over a small dictionary's characters")
    func agreesWithBruteForce() throws {
        let words = ["中", "中国", "中国人", "中国人民", "中央", "中间", "国", "国人", "国民", "人", "人民", "民", "央行", "𠀀", "𠀀中", "𠀀中国"]
        let tsv = words.map { "\($0)\t10\tn" }.joined(separator: "\n")
        let dictionary = try WordDictionary(tsv: tsv)
        #expect(dictionary.pairs != nil)
        let scalars = words.map { Array($0.unicodeScalars) }
        let alphabet: [Unicode.Scalar] = ["中", "国", "人", "民", "央", "行", "间", "𠀀"]
        var texts: [[Unicode.Scalar]] = [[]]
        var frontier: [[Unicode.Scalar]] = [[]]
        for _ in 1...4 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + [$0] } }
            texts += frontier
        }
        var found = 0
        for text in texts {
            for start in text.indices {
                let expected = Self.expected(dictionary, scalars, text, start)
                #expect(Self.found(dictionary, text, start) == expected, "\(String(String.UnicodeScalarView(text))) at \(start)")
                found += expected.count
            }
        }
        #expect(found > 1000)
    }

    @Test("word lists that repeat a one-character word go without the index")
    func repeatedSingleCharacterTurnsTheIndexOff() throws {
        // Reading a file merges repeats; the tables' own initialiser takes what it is given.
        let scalars = "中中中国".unicodeScalars.map(\.value)
        let dictionary = WordDictionary(scalars: scalars, starts: [0, 1, 2, 4], frequencies: [10, 5, 10], tags: [.noun, .noun, .noun])
        #expect(dictionary.pairs == nil)
        #expect(try WordDictionary(tsv: "中\t10\tn\n中\t5\tn\n中国\t10\tn\n").pairs != nil)
        #expect(Self.found(dictionary, Array("中国".unicodeScalars), 0) == ["中", "中国"])
    }
}
