import Foundation
import Glibc
import KGModel
import Testing

@testable import KGText

/// Streams and special files among the inputs, the size bound on one document, NULs inside
/// text, and where an invalid UTF-8 byte sits.
@Suite struct StreamInputTests {
    @Test func specialFilesAreSpecialAndStandardInputIsAStream() throws {
        let root = Fixture.scratch()
        Fixture.write("正文。", to: root + "/a.txt")
        #expect(mkfifo(root + "/pipe", 0o600) == 0)
        #expect(InputFiles.kind(root + "/a.txt") == .regular)
        #expect(InputFiles.kind(root) == .directory)
        #expect(InputFiles.kind(root + "/pipe") == .special)
        #expect(InputFiles.kind("/dev/null") == .special)
        #expect(InputFiles.kind("-") == .special)
        #expect(InputFiles.kind(root + "/none") == .missing)
    }

    @Test func aFolderWalkSkipsAFIFOWithAWarningAndANamedFIFOIsListedUnread() throws {
        let root = Fixture.scratch()
        Fixture.write("正文。", to: root + "/a.txt")
        #expect(mkfifo(root + "/pipe.txt", 0o600) == 0)
        let walked = InputFiles.collect([root])
        #expect(walked.files == [root + "/a.txt"])
        #expect(walked.diagnostics.map(\.code) == [.specialFileSkipped])
        // Named, it is listed without being opened (opening would block: no writer).
        let named = InputFiles.collect([root + "/pipe.txt", "-"])
        #expect(named.files == [root + "/pipe.txt", "-"])
        #expect(named.diagnostics.isEmpty)
    }

    @Test func aDocumentPastTheBoundFailsWithEFBIG() throws {
        let root = Fixture.scratch()
        Fixture.write(String(repeating: "园", count: 100), to: root + "/big.txt")  // 300 bytes
        #expect(try InputFiles.readDocument(root + "/big.txt", maxBytes: 300).get().count == 300)
        guard case .failure(let error) = InputFiles.readDocument(root + "/big.txt", maxBytes: 299) else {
            Issue.record("read past the bound")
            return
        }
        #expect(error.code == EFBIG)
        guard case .failure(let device) = InputFiles.readDocument("/dev/zero", maxBytes: 1 << 20) else {
            Issue.record("/dev/zero read to its end")
            return
        }
        #expect(device.code == EFBIG)
    }

    @Test func nulBytesAreRemovedBeforeOffsets() throws {
        let bytes = Array("苏州工业园区位于苏州。".utf8) + [0, 0] + Array("信达生物在港股18A上市。".utf8)
        let document = try DocumentReader().read(bytes: bytes, path: "x.txt")
        #expect(document.original == "苏州工业园区位于苏州。信达生物在港股18A上市。")
        #expect(document.notes.map(\.code) == [.nulBytesRemoved])
        let scalars = Array(document.original.unicodeScalars)
        for sentence in document.sentences {
            #expect(String(String.UnicodeScalarView(scalars[sentence.span.start..<sentence.span.end])) == sentence.text)
        }
    }

    @Test func anInvalidByteIsLocatedByLineAndColumn() {
        let bytes = Array("rule a\r\n  emit 公司".utf8) + [0xFF] + Array(" x\n".utf8)
        let bad = TextDecoding.firstInvalidUTF8(bytes[...])
        #expect(bad == 21)
        let (location, line) = TextDecoding.location(ofByte: bad ?? 0, in: bytes, file: "f.rules")
        #expect(location.line == 2 && location.column == 10)
        #expect(line == "  emit 公司\u{FFFD} x")
    }
}
