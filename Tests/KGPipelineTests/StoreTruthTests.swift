import Foundation
import KGExtract
import KGModel
import KGStore
import Testing

@testable import KGPipeline

/// A file is one document whatever spelling reaches it (FileIdentity), and the fingerprint of
/// what extracted it changes exactly when the extractor does (ExtractorFingerprint).
@Suite struct FileIdentityTests {
    let folder: URL

    init() throws {
        // Resolved up front: the temporary folder may itself sit behind a symlink.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("kgidentity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        folder = URL(fileURLWithPath: FileIdentity.key(for: base.path))
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("corp/c4"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("corp/c4/a.txt").path, contents: Data("甲".utf8))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("link").path, withDestinationPath: "corp")
    }

    @Test func everySpellingOfAFileHasOneKey() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.path + "/corp/c4/a.txt"
        let spellings = [
            real, folder.path + "/corp/./c4/a.txt", folder.path + "/corp/c4/../c4/a.txt", folder.path + "//corp/c4/a.txt",
            folder.path + "/link/c4/a.txt",
        ]
        for spelling in spellings {
            #expect(FileIdentity.key(for: spelling) == real, "\(spelling)")
        }
    }

    /// A deleted file keeps the key it had: `kg remove` and `--prune` find it by any spelling.
    @Test func aMissingFileResolvesThroughItsExistingFolders() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(FileIdentity.key(for: folder.path + "/link/c4/gone.txt") == folder.path + "/corp/c4/gone.txt")
        #expect(FileIdentity.key(for: folder.path + "/link/x/../c4/gone.txt") == folder.path + "/corp/c4/gone.txt")
        #expect(FileIdentity.key(for: folder.path + "/link/new/deeper/gone.txt") == folder.path + "/corp/new/deeper/gone.txt")
    }

    @Test func partsAndFoldersAreUnderTheirKeys() {
        #expect(FileIdentity.key("/a/b.txt#char=0,10", isUnder: "/a/b.txt"))
        #expect(FileIdentity.key("/a/b.txt", isUnder: "/a"))
        #expect(!FileIdentity.key("/ab/c.txt", isUnder: "/a"))
        #expect(FileIdentity.splitPart("/a/b.txt#char=3,9") == ("/a/b.txt", "#char=3,9"))
        #expect(FileIdentity.splitPart("/a/b.txt") == ("/a/b.txt", nil))
    }

    /// Three spellings of one folder and a symlink to it store each file once, under the first
    /// spelling; a later build through another spelling changes nothing.
    @Test func theBuilderStoresEachFileOnce() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = FileManager.default.createFile(
            atPath: folder.appendingPathComponent("corp/c4/b.txt").path, contents: Data("星河科技与蓝山制药签署协议。".utf8))
        let store = try GraphStore.inMemory()
        let (extractor, fingerprint) = try ExtractorFactory.makeWithFingerprint(model: false)
        let builder = Builder(extractor: extractor, fingerprint: fingerprint, jobs: 1)
        let c4 = folder.path + "/corp/c4"
        let first = try builder.build([c4, folder.path + "/corp/./c4", folder.path + "/link/c4/"], into: store)
        #expect(first.written == 2)
        #expect(try store.storedDocuments().map(\.path) == [c4 + "/a.txt", c4 + "/b.txt"])
        let again = try builder.build([folder.path + "/link"], into: store)
        #expect(again.written == 0 && again.unchanged == 2)
        #expect(try store.statistics().documents == 2)
    }
}

@Suite struct ExtractorFingerprintTests {
    static let ruleV1 = """
        rule 我的.签署
          match {甲:Organization span} 与 {乙:Organization span} 签署
          emit 甲 cooperatesWith 乙
          example 星河科技与蓝山制药签署战略合作协议 => 星河科技 cooperatesWith 蓝山制药

        """

    func pack(_ text: String) -> RulePack { RulePack(sources: [(file: "mine.rules", text: text)]) }

    @Test func theSameExtractorHasTheSameFingerprint() {
        let a = ExtractorFingerprint(rules: pack(Self.ruleV1), builtInRules: false, lexicon: .builtIn, model: nil)
        let b = ExtractorFingerprint(rules: pack(Self.ruleV1), builtInRules: false, lexicon: .builtIn, model: nil)
        #expect(a.id == b.id)
        #expect(a.reasons(comparedTo: b.description).isEmpty)
    }

    @Test func editingARuleChangesTheFingerprintAndSaysSo() {
        let before = ExtractorFingerprint(rules: pack(Self.ruleV1), builtInRules: false, lexicon: .builtIn, model: nil)
        let edited = Self.ruleV1.replacingOccurrences(of: "签署\n", with: "签订\n")
        let after = ExtractorFingerprint(rules: pack(edited), builtInRules: false, lexicon: .builtIn, model: nil)
        #expect(before.id != after.id)
        #expect(after.reasons(comparedTo: before.description) == ["rules changed"])
    }

    /// A store extracted by an earlier revision of the extraction code is re-extracted.
    @Test func theExtractionCodesRevisionCounts() {
        let now = ExtractorFingerprint(rules: pack(Self.ruleV1), builtInRules: false, lexicon: .builtIn, model: nil)
        #expect(now.description.contains("extraction code\trevision \(RuleExtractor.revision)\n"))
        let earlier = now.description.replacingOccurrences(
            of: "extraction code\trevision \(RuleExtractor.revision)", with: "extraction code\trevision 1")
        #expect(now.reasons(comparedTo: earlier) == ["extraction code changed"])
    }

    @Test func lexiconModelBuiltInPackAndVersionEachCount() {
        let base = ExtractorFingerprint(rules: .builtIn, builtInRules: true, lexicon: .builtIn, model: nil)
        var lexicon = Lexicon.builtIn
        lexicon.add(LexiconEntry(id: "xinghe", type: "Company", labelZh: "星河科技", surfaces: ["星河科技"]))
        let withLexicon = ExtractorFingerprint(rules: .builtIn, builtInRules: true, lexicon: lexicon, model: nil)
        #expect(withLexicon.reasons(comparedTo: base.description) == ["lexicon changed"])

        let withModel = ExtractorFingerprint(rules: .builtIn, builtInRules: true, lexicon: .builtIn, model: .builtIn)
        #expect(withModel.reasons(comparedTo: base.description) == ["model turned on"])
        #expect(base.reasons(comparedTo: withModel.description) == ["model turned off"])

        let mineOnly = ExtractorFingerprint(rules: pack(Self.ruleV1), builtInRules: false, lexicon: .builtIn, model: nil)
        #expect(mineOnly.reasons(comparedTo: base.description) == ["rules changed"])

        let newer = ExtractorFingerprint(rules: .builtIn, builtInRules: true, lexicon: .builtIn, model: nil, kgVersion: "9.9.9")
        #expect(newer.reasons(comparedTo: base.description) == ["kg \(KGVersion.current) → 9.9.9"])
        #expect(Set([base.id, withLexicon.id, withModel.id, mineOnly.id, newer.id]).count == 5)
    }

    @Test func aDocumentWithoutFingerprintIsExtractedAgain() {
        let now = ExtractorFingerprint(rules: .builtIn, builtInRules: true, lexicon: .builtIn, model: nil)
        #expect(now.reasons(comparedTo: nil) == ["extracted by an older kg that kept no fingerprint"])
    }

    /// The built-in pack alone and the built-in pack plus an empty user folder are the same
    /// extractor; leaving the built-in pack out is not.
    @Test func theFactoryFingerprintsWhatItLoads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kgfp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.ruleV1.write(to: folder.appendingPathComponent("mine.rules"), atomically: true, encoding: .utf8)
        let plain = try ExtractorFactory.makeWithFingerprint(model: false).fingerprint
        let plus = try ExtractorFactory.makeWithFingerprint(ruleFolders: [folder.path], model: false).fingerprint
        let alone = try ExtractorFactory.makeWithFingerprint(ruleFolders: [folder.path], model: false, builtInRules: false)
        #expect(plain.id != plus.id)
        #expect(plus.id != alone.fingerprint.id)
        #expect(alone.extractor.rules.rules.map(\.id) == ["我的.签署"])
    }
}

/// States nothing: enough to store documents and compare them with their files.
private struct SilentExtractor: Extractor {
    func extract(_ document: TextDocument) -> DocumentExtraction { DocumentExtraction() }
}

@Suite struct StoreStatusTests {
    /// A file over the split threshold is stored in parts (`FILE#char=START,END`); each part is
    /// keyed by the resolved file plus its fragment, so another spelling finds every part, and
    /// `kg status` compares the parts as the builder cuts them.
    @Test func aFileInPartsIsOneFileForEverySpellingAndForStatus() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("kgstatus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base.appendingPathComponent("real"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = FileIdentity.key(for: base.path)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: "real")
        var paragraphs: [String] = []
        for i in 0..<60_000 { paragraphs.append("第\(i)段:园区企业签署协议。") }
        let text = paragraphs.joined(separator: "\n\n") + "\n"
        let file = folder + "/real/big.txt"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(text.utf8.count > Builder.defaultSplitThreshold)

        let store = try GraphStore.inMemory()
        let fingerprint = try ExtractorFactory.makeWithFingerprint(model: false).fingerprint
        let builder = Builder(extractor: SilentExtractor(), fingerprint: fingerprint, jobs: 2)
        let first = try builder.build([file], into: store)
        #expect(first.written > 1)
        let parts = try store.storedDocuments()
        #expect(parts.count == first.written)
        #expect(parts.allSatisfy { $0.path.hasPrefix(file + "#char=") && $0.file == $0.path })

        let throughLink = try builder.build([folder + "/link/big.txt"], into: store)
        #expect(throughLink.written == 0 && throughLink.unchanged == parts.count)
        #expect(try store.storedDocuments() == parts)

        let current = try StoreStatus.check(store, fingerprint: fingerprint)
        #expect(current.count == parts.count && current.allSatisfy { $0.state == .current })
        // Status by a folder in another spelling finds the parts too.
        let underLink = try StoreStatus.check(store, fingerprint: fingerprint, under: [FileIdentity.key(for: folder + "/link")])
        #expect(underLink.count == parts.count)

        try (text + "新的一段。\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try StoreStatus.check(store, fingerprint: fingerprint).allSatisfy { $0.state == .changed })
        try FileManager.default.removeItem(atPath: file)
        #expect(try StoreStatus.check(store, fingerprint: fingerprint).allSatisfy { $0.state == .missing })

        let pruned = try Builder(extractor: SilentExtractor(), fingerprint: fingerprint, prune: true, jobs: 1)
            .build([folder + "/link"], into: store)
        #expect(pruned.pruned == parts.count)
        #expect(try store.statistics().documents == 0)
    }
}
