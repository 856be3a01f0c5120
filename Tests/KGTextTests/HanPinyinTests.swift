import Foundation
import Testing

@testable import KGText

@Suite struct HanPinyinTests {
    /// The embedded table is what the linked ICU gives, row for row: a toolchain whose ICU reads
    /// a character differently fails here until `kg-bench pinyin-table` regenerates it.
    @Test func tableIsWhatICUSays() {
        let embedded = KGTextResources.pinyin.text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        let generated = HanPinyin.generatedRows()
        #expect(embedded.count == generated.count)
        #expect(embedded == generated)
        #expect(embedded.count > 28_500)
    }

    @Test func readings() {
        #expect(HanPinyin.latin("苏") == "su")
        #expect(HanPinyin.latin("绿") == "lu")
        #expect(HanPinyin.latin("〇") == HanPinyin.icuLatin("〇"))
        // Letters keep their case (the callers lowercase); CJK Compatibility Ideographs are read.
        #expect(HanPinyin.latin("A") == "A")
        #expect(HanPinyin.latin("\u{F900}") == HanPinyin.icuLatin("\u{F900}"))
        // Punctuation is in the table too, so that names with it need no ICU.
        #expect(HanPinyin.latin("、") == HanPinyin.icuLatin("、"))
        #expect(HanPinyin.latin("·") == HanPinyin.icuLatin("·"))
        #expect(HanPinyin.latin("é") == "e")
        // Outside the table: the callers ask ICU.
        #expect(HanPinyin.latin("\u{20BB7}") == nil)
        #expect(HanPinyin.latin("한") == nil)
    }

    /// ICU reads a run of characters as the run of their single readings: English labels used to
    /// ask it for many characters at once, and the table holds single readings, so the two give
    /// the same labels only if this holds.
    @Test func aRunReadsAsItsCharacters() throws {
        var scalars: [Unicode.Scalar] = []
        for value in stride(from: UInt32(0x4E00), through: 0x9FFF, by: 5) { scalars.append(Unicode.Scalar(value)!) }
        let run = String(String.UnicodeScalarView(scalars))
        let read = try #require(run.applyingTransform(.mandarinToLatin, reverse: false)?.applyingTransform(.stripDiacritics, reverse: false))
        let syllables = read.split(separator: " ").map(String.init)
        #expect(syllables.count == scalars.count)
        #expect(syllables == scalars.map { HanPinyin.latin($0) ?? "" })
    }
}
