import Foundation
import KGExport
import KGExtract
import KGModel
import KGStore
import KGText
import Testing

/// The files of `schema/` each owning module compiles in (through its C data target) must be the
/// files on disk: every one the binary needs, byte for byte.
@Suite struct EmbeddedSchemaTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every owner's files; a path two owners embed would appear twice.
    static let embedded: [EmbeddedFile] =
        KGModelResources.embeddedFiles + KGTextResources.embeddedFiles + KGStoreResources.embeddedFiles + KGExportResources.embeddedFiles
        + KGExtractResources.embeddedFiles

    /// `schema/…` paths on disk, except the READMEs and licences (for people, not the binary) and
    /// dot files.
    static func filesOnDisk() throws -> [String] {
        let schema = packageRoot.appendingPathComponent("schema")
        let walker = try #require(FileManager.default.enumerator(at: schema, includingPropertiesForKeys: [.isRegularFileKey]))
        var paths: [String] = []
        for case let url as URL in walker {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true,
                url.lastPathComponent != "README.md", url.lastPathComponent != "LICENSE", !url.lastPathComponent.hasPrefix(".")
            else { continue }
            paths.append("schema/" + url.path.dropFirst(schema.path.count + 1))
        }
        return paths.sorted()
    }

    @Test func everySchemaFileIsEmbeddedOnce() throws {
        let onDisk = try Self.filesOnDisk()
        let paths = Self.embedded.map(\.path)
        #expect(!onDisk.isEmpty)
        let missing = Set(onDisk).subtracting(paths).sorted()
        let gone = Set(paths).subtracting(onDisk).sorted()
        #expect(
            missing.isEmpty,
            "not compiled in: \(missing); run scripts/embed-schema.py (give a new folder an owner in its OWNERS table) and rebuild")
        #expect(gone.isEmpty, "embedded but no longer in schema/: \(gone); run scripts/embed-schema.py and rebuild")
        #expect(paths.count == Set(paths).count, "a schema file is embedded by two modules: \(paths.sorted())")
    }

    @Test func embeddedBytesEqualTheFilesOnDisk() throws {
        for file in Self.embedded {
            let url = Self.packageRoot.appendingPathComponent(file.path)
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            #expect(Array(file.text.utf8) == Array(data), "\(file.path) changed since the build; rebuild (swift build)")
        }
    }

    @Test func typedAccessorsFindTheirFiles() {
        #expect(!KGModelResources.predicatesTSV.text.isEmpty)
        #expect(!KGModelResources.typesTSV.text.isEmpty)
        #expect(!KGStoreResources.graphSQL.text.isEmpty)
        #expect(!KGStoreResources.pinyinMigrationSQL.text.isEmpty)
        #expect(!KGExportResources.contextJSONLD.text.isEmpty)
        let ruleFilesOnDisk = try? FileManager.default.contentsOfDirectory(atPath: Self.packageRoot.appendingPathComponent("schema/rules").path)
            .filter { $0.hasSuffix(".rules") }
        #expect(KGExtractResources.ruleFiles.count == ruleFilesOnDisk?.count)
        #expect(KGExtractResources.lexiconFiles.map(\.path).allSatisfy { $0.hasPrefix("schema/lexicon/") })
        #expect(KGExtractResources.namesModel.text.hasPrefix("#"))
        #expect(KGExtractResources.relationsModel.text.hasPrefix("#"))
        #expect(KGTextResources.dictionary.text.utf8.count > 1_000_000)
    }

    /// The generated C is what the script writes today (a hand edit or a forgotten run fails).
    @Test func generatedDataTargetsAreCurrent() throws {
        let script = Self.packageRoot.appendingPathComponent("scripts/embed-schema.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--check"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "Sources/*Data/ differ from what scripts/embed-schema.py writes; run it")
    }
}
