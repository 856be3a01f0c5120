import Foundation
import KGModel
import Testing

@testable import KGStore

/// The store side of "one document per file": file keys, fingerprints, selection under a key,
/// entities left without statements, and the upgrade of a version 2 store.
@Suite struct StoredDocumentTests {
    func ingest(_ store: GraphStore, _ document: TextDocument, _ extraction: DocumentExtraction, file: String) throws {
        try store.transaction { try store.replaceDocument(document, with: extraction, file: file, extractedBy: "x1") }
    }

    @Test func documentsAreFoundByTheirFileKey() throws {
        let store = try GraphStore.inMemory()
        try ingest(store, Corpus.a, Corpus.extractionA, file: "/corp/news/a.txt")
        try ingest(store, Corpus.b, Corpus.extractionB, file: "/corp/news/b.txt#char=0,14")
        try store.transaction { try store.recordExtractor(id: "x1", description: "kg\t0.1.0\n") }

        #expect(try store.storedDocuments(file: "/corp/news/a.txt").map(\.path) == ["news/a.txt"])
        #expect(try store.storedDocument(path: "news/a.txt")?.extractedBy == "x1")
        #expect(try store.storedDocuments(under: "/corp/news").map(\.path) == ["news/a.txt", "news/b.txt"])
        #expect(try store.storedDocuments(under: "/corp/news/b.txt").map(\.path) == ["news/b.txt"])
        // A sibling whose name starts like the folder's is not under it.
        #expect(try store.storedDocuments(under: "/corp/new").isEmpty)
        #expect(try store.extractorDescription(id: "x1") == "kg\t0.1.0\n")
        #expect(try store.extractorDescription(id: "x2") == nil)
    }

    /// Entities stay through `removeDocument` (a batch may name them again); the cleanup at the
    /// end of a build deletes those nothing names or relates any more.
    @Test func entitiesWithoutStatementsAreRemovedOnRequestOnly() throws {
        let store = try GraphStore.inMemory()
        try ingest(store, Corpus.a, Corpus.extractionA, file: "/a")
        try ingest(store, Corpus.b, Corpus.extractionB, file: "/b")
        try store.transaction { _ = try store.removeDocument(path: "news/a.txt") }
        #expect(try store.statistics().entities == 4)
        #expect(try store.transaction { try store.removeEntitiesWithoutStatements() } == 2)
        #expect(try rows(store, "SELECT label_zh FROM entities ORDER BY label_zh") == ["星河科技", "湖畔科学城"])
        #expect(try rows(store, "PRAGMA foreign_key_check") == [])
        // A store that states everything it names loses nothing.
        #expect(try store.transaction { try store.removeEntitiesWithoutStatements() } == 0)
    }

    @Test func aVersion2StoreGetsTheNewColumnsEmpty() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v2.sqlite").path
        do {
            let old = try Connection(path: path)
            try old.execute(Migrations.all[0].sql)
            try old.execute(Migrations.all[1].sql)
            try old.execute(
                """
                PRAGMA user_version = 2;
                INSERT INTO kg_meta VALUES ('schema_version', '2');
                INSERT INTO documents(path, content_hash, text) VALUES ('news/a.txt', 'h', '');
                """)
        }
        let store = try GraphStore(path: path)
        #expect(try store.schemaVersion() == 3)
        #expect(try store.storedDocumentsWithoutFile().map(\.path) == ["news/a.txt"])
        #expect(try store.storedDocument(path: "news/a.txt")?.extractedBy == nil)
        #expect(try store.integrityCheck() == "ok")
    }
}
