import Foundation
import KGModel
import Testing

@testable import KGText

@Suite struct InputFilesTests {
    /// A folder tree with every kind of file the collector must sort out.
    static func makeTree() -> String {
        let root = Fixture.scratch()
        let manager = FileManager.default
        for folder in ["b-sub", "a-sub/deeper", ".hidden", "empty-sub"] {
            try? manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        Fixture.write("正文。", to: root + "/z.txt")
        Fixture.write("# 标题", to: root + "/m.MD")
        Fixture.write("<p>段落</p>", to: root + "/b-sub/page.htm")
        Fixture.write("深层。", to: root + "/a-sub/deeper/n.text")
        Fixture.write("无扩展名的文本。", to: root + "/README")
        Fixture.write([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02], to: root + "/program")
        Fixture.write("隐藏。", to: root + "/.hidden/h.txt")
        Fixture.write("隐藏。", to: root + "/.secret.txt")
        Fixture.write([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00], to: root + "/picture.png")
        Fixture.write(Array("开头".utf8) + [0x00, 0x00, 0x01], to: root + "/broken.txt")
        return root
    }

    @Test func walksFoldersSortedAndSkipsHiddenAndBinary() {
        let root = Self.makeTree()
        let (files, diagnostics) = InputFiles.collect([root])
        #expect(
            files == [
                root + "/README",
                root + "/a-sub/deeper/n.text",
                root + "/b-sub/page.htm",
                root + "/m.MD",
                root + "/z.txt",
            ])
        #expect(diagnostics.map(\.code.rawValue) == ["I004"])
        #expect(diagnostics.first?.location?.file == root + "/broken.txt")
        #expect(diagnostics.first?.severity == .warning)
        // The same call gives the same answer.
        #expect(InputFiles.collect([root]).files == files)
    }

    @Test func missingPathIsAnError() {
        let (files, diagnostics) = InputFiles.collect(["/nonexistent/kg/input.txt"])
        #expect(files.isEmpty)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code.rawValue == "I001")
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message.contains("path does not exist") == true)
        #expect(diagnostics.first?.message.contains("/nonexistent/kg/input.txt") == true)
    }

    @Test func folderWithoutTextFilesWarns() {
        let root = Fixture.scratch()
        Fixture.write([0x00, 0x01], to: root + "/data.bin")
        let (files, diagnostics) = InputFiles.collect([root])
        #expect(files.isEmpty)
        #expect(diagnostics.map(\.code.rawValue) == ["I003"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.message.contains(root) == true)
    }

    /// Tests run as root here, so file permissions cannot make a file unreadable;
    /// /proc/self/mem exists and fails on read at offset 0, which is what I002 is for.
    @Test func unreadableFileIsAnError() {
        let path = "/proc/self/mem"
        guard FileManager.default.fileExists(atPath: path) else { return }
        let (files, diagnostics) = InputFiles.collect([path])
        #expect(files.isEmpty)
        #expect(diagnostics.map(\.code.rawValue) == ["I002"])
        #expect(diagnostics.first?.location?.file == path)
    }

    @Test func explicitFilesKeepArgumentOrderAndAreListedOnce() {
        let root = Fixture.scratch()
        Fixture.write("乙。", to: root + "/b.txt")
        Fixture.write("甲。", to: root + "/a.txt")
        let (files, diagnostics) = InputFiles.collect([root + "/b.txt", root, root + "/./a.txt"])
        #expect(files == [root + "/b.txt", root + "/a.txt"])
        #expect(diagnostics.isEmpty)
    }

    @Test func explicitBinaryFileIsSkippedWithWarning() {
        let root = Fixture.scratch()
        Fixture.write([0x00, 0x10, 0x20], to: root + "/x.txt")
        let (files, diagnostics) = InputFiles.collect([root + "/x.txt"])
        #expect(files.isEmpty)
        #expect(diagnostics.map(\.code.rawValue) == ["I004"])
        #expect(diagnostics.first?.message.contains("binary") == true)
    }

    @Test(arguments: [
        (Array("普通文本\n第二行\t制表".utf8), true),
        ([UInt8](), true),
        ([0x41, 0x00, 0x42], false),
        ([UInt8](repeating: 0x01, count: 20) + Array("abcdefghij".utf8), false),
        (Array("abc".utf8) + [0xB3, 0xA3, 0xD6, 0xDD], true),
    ])
    func textSniffing(bytes: [UInt8], isText: Bool) {
        #expect(InputFiles.looksLikeText(bytes) == isText)
    }

    @Test func extensions() {
        #expect(InputFiles.fileExtension("a/b/c.HTML") == "html")
        #expect(InputFiles.fileExtension("a.b/README") == "")
        #expect(InputFiles.fileExtension(".profile") == "")
    }
}
