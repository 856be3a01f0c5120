import Foundation
import Testing

@testable import KGModel

/// The root of the package, found from this file's path (Tests/KGModelTests/...).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite struct EmbeddedSchemaTests {
    @Test func embeddedFilesMatchSchemaFolder() throws {
        let schema = packageRoot.appendingPathComponent("schema")
        let walker = FileManager.default.enumerator(at: schema, includingPropertiesForKeys: [.isRegularFileKey])
        var onDisk: [String: String] = [:]
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true,
                !url.lastPathComponent.hasPrefix(".")
            else { continue }
            let relative = "schema/" + url.path.dropFirst(schema.path.count + 1)
            onDisk[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(Set(onDisk.keys) == Set(EmbeddedSchema.files.keys), "run scripts/embed-schema.py")
        for (path, text) in onDisk {
            #expect(EmbeddedSchema.files[path] == text, "\(path) changed since scripts/embed-schema.py ran")
        }
    }

    @Test func vocabularyHasTheCorePredicates() {
        let core = [
            "hosts", "locatedIn", "headquarteredIn", "listedOn", "introduced", "established", "develops",
            "released", "holdsPosition", "founderOf", "partOf", "cooperatesWith", "investsIn", "acquires",
            "recognizedAs", "focusesOn",
        ]
        for id in core { #expect(Vocabulary.builtIn.predicate(id) != nil, "\(id)") }
        #expect(Vocabulary.builtIn.isA("Company", "Organization"))
        #expect(!Vocabulary.builtIn.isA("Person", "Organization"))
        #expect(Vocabulary.builtIn.predicate("cooperatesWith")?.symmetric == true)
    }

    @Test func diagnosticCaretPadsByDisplayWidth() {
        let d = Diagnostic(
            "R003", "unknown entity type 'PARKK'", at: SourceLocation(file: "a.rules", line: 2, column: 4),
            sourceLine: "园区X{PARKK}")
        #expect(d.description == "a.rules:2:4: error[R003]: unknown entity type 'PARKK'")
        // 园区X is five terminal columns wide, so the caret under "{" sits after five spaces.
        #expect(d.rendered.hasSuffix("\n  | " + String(repeating: " ", count: 5) + "^"))
    }
}

/// The type ids kg's code names exist in `schema/types.tsv`.
@Suite struct EntityTypeIDTests {
    @Test(arguments: EntityTypeID.all)
    func isDefinedInTypesTSV(id: String) {
        #expect(Vocabulary.builtIn.type(id) != nil, "\(id) is not in schema/types.tsv")
    }

    @Test func postIsNotAnEntityType() {
        #expect(Vocabulary.builtIn.type(EntityTypeID.post) == nil)
    }
}
