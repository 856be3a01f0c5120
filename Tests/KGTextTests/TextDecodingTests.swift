import KGModel
import Testing

@testable import KGText

@Suite struct TextDecodingTests {
    @Test func utf8() throws {
        let (text, encoding) = try TextDecoding.decode(Array("苏州工业园区".utf8), path: "a.txt")
        #expect(text == "苏州工业园区")
        #expect(encoding == "UTF-8")
    }

    @Test func byteOrderMarkIsStripped() throws {
        let (text, _) = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("无锡".utf8), path: "a.txt")
        #expect(text == "无锡")
        #expect(text.unicodeScalars.count == 2)
    }

    @Test func gb18030Fixture() throws {
        let bytes = try InputFiles.readBytes(Fixture.path("gb18030.txt")).get()
        #expect(TextDecoding.firstInvalidUTF8(bytes[...]) != nil)
        let (text, encoding) = try TextDecoding.decode(bytes, path: "gb18030.txt")
        #expect(encoding == "GB18030")
        #expect(text == "常州高新区发布新政。支持企业开展技术攻关，最高奖励五百万元。\n")
    }

    /// GB18030's four-byte form (a character outside GBK) decodes too.
    @Test func gb18030FourByteSequence() throws {
        // ㄅ (U+3105) is the two bytes A8 C5; Þ (U+00DE) is outside GBK: four bytes 81 30 89 37.
        let bytes: [UInt8] = [0xA8, 0xC5, 0x81, 0x30, 0x89, 0x37]
        let (text, encoding) = try TextDecoding.decode(bytes, path: "x.txt")
        #expect(encoding == "GB18030")
        #expect(text == "ㄅ\u{DE}")
    }

    @Test func invalidBytesReportTheOffset() {
        // Valid UTF-8 "ab", then 0xFF which neither encoding accepts.
        let bytes: [UInt8] = [0x61, 0x62, 0xFF, 0x63]
        #expect(throws: Diagnostic.self) { try TextDecoding.decode(bytes, path: "bad.txt") }
        do {
            _ = try TextDecoding.decode(bytes, path: "bad.txt")
        } catch {
            #expect(error.code.rawValue == "I005")
            #expect(error.message == "not valid UTF-8 or GB18030 at byte 2")
            #expect(error.location?.file == "bad.txt")
        }
    }

    @Test func truncatedSequenceIsInvalid() {
        // A GB18030 lead byte (the first of 常, B3 A3) with no trail byte at the end of the file.
        let bytes: [UInt8] = Array("Ab".utf8) + [0xB3]
        #expect(TextDecoding.firstInvalidUTF8(bytes[...]) == 2)
        #expect(TextDecoding.decodeGB18030(bytes) == nil)
        #expect(throws: Diagnostic.self) { try TextDecoding.decode(bytes, path: "t.txt") }
    }

    @Test(arguments: [
        ([0xC0, 0x80] as [UInt8], 0),  // overlong NUL
        ([0xED, 0xA0, 0x80], 0),  // surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
        ([0x41, 0xE4, 0xB8], 1),  // truncated
        ([0x41, 0xE4, 0xB8, 0xAD], nil),  // 中
    ])
    func utf8Validation(bytes: [UInt8], invalidAt: Int?) {
        #expect(TextDecoding.firstInvalidUTF8(bytes[...]) == invalidAt)
    }

    @Test func emptyInputDecodesToEmptyText() throws {
        let (text, encoding) = try TextDecoding.decode([], path: "empty.txt")
        #expect(text.isEmpty)
        #expect(encoding == "UTF-8")
    }
}
