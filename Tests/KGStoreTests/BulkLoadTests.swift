import Foundation
import KGModel
import Testing

@testable import KGStore

/// Three documents that share entities and a triple, one with qualifiers.
private enum BulkCorpus {
    static let d1 = makeDocument(path: "a/1.txt", text: "星河科技在深圳证券交易所上市。湖畔科学城引进了星河科技。", hash: "h1")
    static let d2 = makeDocument(path: "a/2.txt", text: "张明是星河科技的创始人。", hash: "h2")
    static let d3 = makeDocument(path: "a/3.txt", text: "湖畔科学城再次引进星河科技。", hash: "h3")

    static let documents: [(TextDocument, DocumentExtraction)] = [
        (d1, listingAndIntroduction(in: d1)),
        (d2, founder(in: d2)),
        (
            d3,
            DocumentExtraction(
                mentions: mentions([E.park, E.xinghe], in: d3),
                extractions: [extraction(E.park, "introduced", E.xinghe, in: d3, trigger: "引进", rule: "introduce")])
        ),
    ]
}

@Suite struct BulkLoadTests {
    let folder: URL

    init() throws { folder = try temporaryFolder() }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Every schema row with its position, as `.schema` and schema dumps order them.
    func schema(_ store: GraphStore) throws -> [String] {
        try rows(store, "SELECT rowid, type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY rowid")
    }

    /// Every row of the tables a build writes, ids included, except the time of ingestion.
    func dump(_ store: GraphStore) throws -> [String: [String]] {
        var tables: [String: [String]] = [
            "documents": try rows(
                store, "SELECT id, path, content_hash, title, published, source, authors, text, file, extracted_by FROM documents ORDER BY id")
        ]
        for table in ["sentences", "entities", "aliases", "triples", "evidence", "qualifiers", "mentions"] {
            tables[table] = try rows(store, "SELECT * FROM \(table)").sorted()
        }
        return tables
    }

    func write(_ documents: [(TextDocument, DocumentExtraction)], into store: GraphStore) throws {
        try store.transaction {
            for (document, extraction) in documents { try store.replaceDocument(document, with: extraction) }
        }
    }

    @Test func aBulkLoadStoresWhatRowByRowWritesStoreWithTheSameSchema() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try GraphStore(path: path("plain.sqlite"))
        try write(BulkCorpus.documents, into: plain)

        let bulk = try GraphStore(path: path("bulk.sqlite"))
        let freshSchema = try schema(bulk)
        #expect(try bulk.beginBulkLoad())
        #expect(try bulk.hasDeferredIndexes)
        #expect(try rows(bulk, "SELECT count(*) FROM sqlite_schema WHERE name = 'mentions_by_document'") == ["0"])
        #expect(try rows(bulk, "PRAGMA foreign_keys") == ["0"])
        // One transaction a document, as batches commit.
        for document in BulkCorpus.documents { try write([document], into: bulk) }
        try bulk.finishBulkLoad()

        #expect(try !bulk.hasDeferredIndexes)
        #expect(try schema(bulk) == freshSchema)
        #expect(try schema(bulk) == schema(plain))
        #expect(try rows(bulk, "PRAGMA foreign_keys") == ["1"])
        #expect(try dump(bulk) == dump(plain))
        #expect(try bulk.integrityCheck() == "ok")
        #expect(try rows(bulk, "PRAGMA foreign_key_check").isEmpty)
        // The rebuilt indexes are used: a query by label goes through its index.
        #expect(
            try rows(bulk, "EXPLAIN QUERY PLAN SELECT id FROM entities WHERE label_zh = '星河科技'").joined()
                .contains("entities_by_label_zh"))
    }

    @Test func onlyAnEmptyStoreIsBulkLoaded() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try GraphStore(path: path("kg.sqlite"))
        try write([BulkCorpus.documents[0]], into: store)
        let before = try schema(store)
        #expect(try !store.beginBulkLoad())
        #expect(try schema(store) == before)
        #expect(try !store.hasDeferredIndexes)
    }

    @Test func aLoadThatDiesLeavesAStoreTheNextWriterRepairs() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = try GraphStore(path: path("expected.sqlite"))
        try write(BulkCorpus.documents, into: expected)
        try write([BulkCorpus.documents[1]], into: expected)

        do {
            let dying = try GraphStore(path: path("kg.sqlite"))
            #expect(try dying.beginBulkLoad())
            try write(Array(BulkCorpus.documents.prefix(2)), into: dying)
            // A failing batch rolls back; then the process ends without finishBulkLoad.
            #expect(throws: (any Error).self) {
                try dying.transaction {
                    try dying.replaceDocument(BulkCorpus.documents[2].0, with: BulkCorpus.documents[2].1)
                    throw Diagnostic(.sqliteError, "killed")
                }
            }
        }
        let reopened = try GraphStore(path: path("kg.sqlite"))
        #expect(try reopened.hasDeferredIndexes)
        #expect(try reopened.integrityCheck() == "ok")
        #expect(try rows(reopened, "SELECT count(*) FROM documents") == ["2"])
        try reopened.restoreIndexes()
        #expect(try schema(reopened) == schema(expected))
        // Going on: a new document and one written again (which retracts its old rows).
        try write([BulkCorpus.documents[2], BulkCorpus.documents[1]], into: reopened)
        #expect(try dump(reopened) == dump(expected))
        #expect(try rows(reopened, "PRAGMA foreign_key_check").isEmpty)
    }

    @Test func replacingADocumentWithoutForeignKeyChecksLeavesNoOrphanQualifier() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try GraphStore(path: path("kg.sqlite"))
        #expect(try store.beginBulkLoad())
        try write(BulkCorpus.documents, into: store)
        // Written again while the checks are off (a build never does this, a library caller may).
        try write([BulkCorpus.documents[1]], into: store)
        try store.transaction { _ = try store.removeDocument(path: BulkCorpus.d1.path) }
        try store.finishBulkLoad()
        #expect(try rows(store, "PRAGMA foreign_key_check").isEmpty)
        #expect(try rows(store, "SELECT count(*) FROM qualifiers") == ["2"])
        #expect(try rows(store, "SELECT count(*) FROM qualifiers WHERE evidence_id NOT IN (SELECT id FROM evidence)") == ["0"])
    }
}
