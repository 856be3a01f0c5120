import Foundation
import KGModel
import Testing

@testable import KGStore

/// Four documents about invented companies, split into two shards that share an entity
/// (星河科技, with other aliases and its English label only in the second shard) and a triple
/// (湖畔科学城 introduced 星河科技).
private enum Shards {
    static let xingheLater = EntityDescriptor(
        key: .name(normalized: "星河科技"), type: "Company", labelZh: "星河科技", labelEn: "Xinghe Tech", aliases: ["星河公司"])
    static let lanshan = EntityDescriptor(key: .name(normalized: "蓝山制药"), type: "Company", labelZh: "蓝山制药", aliases: ["蓝山"])

    static let d1 = makeDocument(
        path: "news/1.txt", text: "星河科技在深圳证券交易所上市。湖畔科学城引进了星河科技。", hash: "h1", title: "星河科技上市")
    static let d2 = makeDocument(path: "news/2.txt", text: "张明是星河科技的创始人。", hash: "h2")
    static let d3 = makeDocument(path: "news/3.txt", text: "湖畔科学城再次引进星河科技。湖畔科学城引进蓝山制药。", hash: "h3")
    static let d4 = makeDocument(path: "news/4.txt", text: "蓝山制药与星河科技签署合作协议。", hash: "h4", title: "合作")

    static let first: [(TextDocument, DocumentExtraction)] = [
        (d1, listingAndIntroduction(in: d1)),
        (d2, founder(in: d2)),
    ]

    static let second: [(TextDocument, DocumentExtraction)] = [
        (
            d3,
            DocumentExtraction(
                mentions: mentions([E.park, xingheLater, lanshan], in: d3),
                extractions: [
                    extraction(E.park, "introduced", xingheLater, in: d3, sentence: 0, trigger: "引进", rule: "introduce"),
                    extraction(E.park, "introduced", lanshan, in: d3, sentence: 1, trigger: "引进", rule: "introduce"),
                ])
        ),
        (
            d4,
            DocumentExtraction(
                mentions: mentions([lanshan, xingheLater], in: d4),
                extractions: [
                    extraction(
                        lanshan, "cooperatesWith", xingheLater, in: d4, trigger: "合作", rule: "cooperation",
                        confidence: 0.75, qualifiers: [Qualifier("form", "协议")])
                ])
        ),
    ]
}

@Suite struct MergeTests {
    let folder: URL

    init() throws { folder = try temporaryFolder() }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A store at `name` holding `documents`, each written as the pipeline writes it.
    @discardableResult
    func build(_ name: String, _ documents: [(TextDocument, DocumentExtraction)]) throws -> GraphStore {
        let store = try GraphStore(path: path(name))
        try store.transaction {
            for (document, extraction) in documents { try store.replaceDocument(document, with: extraction) }
        }
        return store
    }

    /// Everything a store says, with ids replaced by what they stand for, as sorted lines.
    func snapshot(_ store: GraphStore) throws -> [String: [String]] {
        let queries: [String: String] = [
            "triples": """
                SELECT s.key, t.predicate, o.key FROM triples t
                JOIN entities s ON s.id = t.subject JOIN entities o ON o.id = t.object
                """,
            "evidence": """
                SELECT s.key, t.predicate, o.key, d.path, se.idx, e.subject_start, e.subject_end, e.object_start,
                    e.object_end, e.trigger_start, e.trigger_end, e.rule_id, e.rule_version, e.confidence,
                    (SELECT group_concat(q.key || '=' || q.value, ';') FROM
                        (SELECT key, value FROM qualifiers WHERE evidence_id = e.id ORDER BY key, value) q)
                FROM evidence e JOIN triples t ON t.id = e.triple_id
                JOIN entities s ON s.id = t.subject JOIN entities o ON o.id = t.object
                JOIN documents d ON d.id = e.document_id JOIN sentences se ON se.id = e.sentence_id
                WHERE se.document_id = e.document_id
                """,
            "entities": "SELECT key, type, label_zh, label_en, pinyin FROM entities",
            "aliases": "SELECT e.key, a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id",
            "documents": "SELECT path, content_hash, title, published, source, authors, text FROM documents",
            "sentences": """
                SELECT d.path, s.idx, s.start, s.end, s.text FROM sentences s JOIN documents d ON d.id = s.document_id
                """,
            "mentions": """
                SELECT e.key, d.path, s.idx, m.start, m.end FROM mentions m JOIN entities e ON e.id = m.entity_id
                JOIN documents d ON d.id = m.document_id JOIN sentences s ON s.id = m.sentence_id
                WHERE s.document_id = m.document_id
                """,
        ]
        return try queries.mapValues { try rows(store, $0).sorted() }
    }

    @Test func twoShardsMergedEqualTheCorpusBuiltAtOnce() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try build("whole.sqlite", Shards.first + Shards.second)
        try build("a.sqlite", Shards.first)
        try build("b.sqlite", Shards.second)
        let merged = try GraphStore(path: path("merged.sqlite"))
        let first = try merged.merge(from: path("a.sqlite"))
        let second = try merged.merge(from: path("b.sqlite"))

        let expected = try snapshot(whole)
        let actual = try snapshot(merged)
        for table in expected.keys.sorted() {
            #expect(actual[table] == expected[table], "table \(table)")
        }
        // The fixture really exercises sharing: the shared triple has evidence from both shards,
        // the shared entity carries aliases from both and the English label of the second.
        #expect(expected["evidence"]?.count == 6)
        #expect(expected["triples"]?.contains("lex:lakepark|introduced|name:星河科技") == true)
        #expect(try rows(merged, "SELECT count(*) FROM evidence_labels WHERE subject = '湖畔科学城' AND object = '星河科技'") == ["2"])
        #expect(try rows(merged, "SELECT label_en FROM entities WHERE key = 'name:星河科技'") == ["Xinghe Tech"])
        #expect(expected["aliases"]?.filter { $0.hasPrefix("name:星河科技|") } == ["name:星河科技|星河", "name:星河科技|星河公司"])
        #expect(try merged.statistics() == whole.statistics())

        #expect(first.added == 2 && first.newTriples == 3 && first.evidence == 3 && first.sentences == 3)
        #expect(second.added == 2 && second.newTriples == 2 && second.evidence == 3 && second.newEntities == 1)
        #expect(first.diagnostics.isEmpty && second.diagnostics.isEmpty)
        #expect(try merged.integrityCheck() == "ok")
        #expect(try rows(merged, "PRAGMA foreign_key_check").isEmpty)
    }

    @Test func mergingIntoAStoreThatHoldsDataAlreadyRemapsIDs() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try build("whole.sqlite", Shards.first + Shards.second)
        // The target starts with the first shard, so every id of the second collides with one here.
        let target = try build("target.sqlite", Shards.first)
        try build("b.sqlite", Shards.second)
        _ = try target.merge(from: path("b.sqlite"))
        #expect(try snapshot(target) == snapshot(whole))
    }

    @Test func mergingTheSameShardTwiceChangesNothing() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try build("a.sqlite", Shards.first)
        let merged = try GraphStore(path: path("merged.sqlite"))
        _ = try merged.merge(from: path("a.sqlite"))
        let once = try snapshot(merged)
        let again = try merged.merge(from: path("a.sqlite"))
        #expect(again.unchanged == 2 && again.added == 0 && again.evidence == 0 && again.newTriples == 0)
        #expect(try snapshot(merged) == once)
    }

    @Test func aPathWithOtherContentInALaterShardReplacesTheEarlierVersion() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // Shard b holds a newer news/2.txt that no longer states the founder triple.
        let changed = makeDocument(path: "news/2.txt", text: "张明加入了湖畔科学城。", hash: "h2-new")
        let changedExtraction = DocumentExtraction(
            mentions: mentions([E.zhang, E.park], in: changed),
            extractions: [extraction(E.zhang, "holdsPosition", E.park, in: changed, rule: "post")])
        try build("a.sqlite", Shards.first)
        try build("b.sqlite", [(changed, changedExtraction)])
        let expected = try build("expected.sqlite", [Shards.first[0], (changed, changedExtraction)])

        let merged = try GraphStore(path: path("merged.sqlite"))
        _ = try merged.merge(from: path("a.sqlite"))
        let summary = try merged.merge(from: path("b.sqlite"))
        #expect(summary.replaced == 1 && summary.added == 0)
        #expect(summary.diagnostics.map(\.code.rawValue) == ["S014"])
        #expect(summary.diagnostics.first?.severity == .warning)
        #expect(summary.diagnostics.first?.message.contains("news/2.txt") == true)
        #expect(try rows(merged, "SELECT count(*) FROM triples WHERE predicate = 'founderOf'") == ["0"])
        #expect(try snapshot(merged) == snapshot(expected))
        #expect(try rows(merged, "PRAGMA foreign_key_check").isEmpty)
    }

    /// A build keeps the description of an entity it meets first. Shards meet the same name in
    /// other orders; the merge must keep the description of the first file in reading order
    /// (news/1.txt), whichever store it is in and whichever store is merged first.
    @Test(arguments: [false, true]) func anEntityKeepsTheDescriptionOfItsFirstDocument(laterShardFirst: Bool) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let asOrganization = EntityDescriptor(key: .name(normalized: "星河科技"), type: "Organization", labelZh: "星河科技")
        let d1 = makeDocument(path: "news/1.txt", text: "星河科技在深圳证券交易所上市。", hash: "h1")
        let d2 = makeDocument(path: "news/2.txt", text: "星河科技成立。", hash: "h2")
        let first = (d1, DocumentExtraction(mentions: mentions([E.xinghe, E.szse], in: d1),
            extractions: [extraction(E.xinghe, "listedOn", E.szse, in: d1, trigger: "上市", rule: "listing")]))
        let second = (d2, DocumentExtraction(mentions: mentions([asOrganization], in: d2)))
        let whole = try build("whole.sqlite", [first, second])
        try build("a.sqlite", [first])
        try build("b.sqlite", [second])
        let merged = try GraphStore(path: path("merged.sqlite"))
        for shard in laterShardFirst ? ["b.sqlite", "a.sqlite"] : ["a.sqlite", "b.sqlite"] {
            _ = try merged.merge(from: path(shard))
        }
        #expect(try rows(whole, "SELECT type FROM entities WHERE key = 'name:星河科技'") == ["Company"])
        #expect(try snapshot(merged) == snapshot(whole))
    }

    /// The order kg build reads files in: folder by folder, names sorted, parts by their start.
    @Test(arguments: [
        ("corp/a/b.txt", "corp/a-c.txt", true),  // the folder a comes before the file a-c.txt
        ("corp/a-c.txt", "corp/a/b.txt", false),
        ("big.txt#char=200,300", "big.txt#char=1000,1100", true),
        ("news/1.txt", "news/1.txt", false),
        ("news/10.txt", "news/9.txt", true),
    ])
    func documentsCompareInReadingOrder(a: String, b: String, before: Bool) {
        #expect(GraphStore.readsBefore(a, b) == before)
    }

    /// Into an empty store the source is copied page by page: the result must still be the
    /// source's graph, usable and writable like any store.
    @Test func mergingIntoAnEmptyStoreCopiesTheSource() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try build("whole.sqlite", Shards.first + Shards.second)
        try build("a.sqlite", Shards.first)
        try build("b.sqlite", Shards.second)
        let merged = try GraphStore(path: path("merged.sqlite"))
        let copied = try merged.merge(from: path("a.sqlite"))
        #expect(copied.added == 2 && copied.evidence == 3 && copied.sentences == 3)
        #expect(try rows(merged, "PRAGMA journal_mode") == ["wal"])
        _ = try merged.merge(from: path("b.sqlite"))
        #expect(try snapshot(merged) == snapshot(whole))
        #expect(try rows(merged, "SELECT count(*) FROM entities WHERE pinyin IS NULL") == ["0"])
        #expect(try merged.integrityCheck() == "ok")
    }

    @Test func mergingIntoOrFromAStoreAKilledBulkLoadLeftRebuildsItsIndexes() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try build("whole.sqlite", Shards.first + Shards.second)
        let schemaRows = "SELECT rowid, type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY rowid"
        // Two shard builds that died before building their indexes.
        for (name, documents) in [("a.sqlite", Shards.first), ("b.sqlite", Shards.second)] {
            let shard = try GraphStore(path: path(name))
            #expect(try shard.beginBulkLoad())
            try shard.transaction {
                for (document, extraction) in documents { try shard.replaceDocument(document, with: extraction) }
            }
        }
        // The first is copied page by page, deferred indexes and all; the second is merged into
        // the copy.
        let merged = try GraphStore(path: path("merged.sqlite"))
        _ = try merged.merge(from: path("a.sqlite"))
        #expect(try !merged.hasDeferredIndexes)
        _ = try merged.merge(from: path("b.sqlite"))
        #expect(try snapshot(merged) == snapshot(whole))
        #expect(try rows(merged, schemaRows) == rows(whole, schemaRows))
        #expect(try merged.integrityCheck() == "ok")
        #expect(try rows(merged, "PRAGMA foreign_key_check").isEmpty)
        // The shards themselves are only read.
        #expect(try GraphStore(path: path("b.sqlite")).hasDeferredIndexes)
    }

    @Test func refusesMissingForeignAndSelfSources() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = try build("target.sqlite", Shards.first)
        #expect(diagnostic { _ = try target.merge(from: path("missing.sqlite")) }?.code.rawValue == "S005")
        #expect(!FileManager.default.fileExists(atPath: path("missing.sqlite")))
        #expect(diagnostic { _ = try target.merge(from: path("target.sqlite")) }?.code.rawValue == "S015")

        let other = try Connection(path: path("other.sqlite"))
        try other.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
        #expect(diagnostic { _ = try target.merge(from: path("other.sqlite")) }?.code.rawValue == "S013")

        let plain = path("plain.txt")
        _ = FileManager.default.createFile(atPath: plain, contents: Data("星河科技\n".utf8))
        #expect(diagnostic { _ = try target.merge(from: plain) }?.code.rawValue == "S002")
        // A refused source leaves the target usable and unchanged.
        #expect(try target.statistics().documents == 2)
        #expect(try rows(target, "PRAGMA database_list").count == 1)
    }
}
