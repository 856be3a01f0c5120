import Foundation
import KGModel
import Testing

@testable import KGStore

/// Two small documents about invented companies (not the sample article).
enum Corpus {
    static let a = makeDocument(
        path: "news/a.txt", text: "星河科技在深圳证券交易所上市。湖畔科学城引进了星河科技。张明是星河科技的创始人。",
        title: "星河科技上市")
    static let b = makeDocument(path: "news/b.txt", text: "湖畔科学城再次引进星河科技。")

    static var extractionA: DocumentExtraction {
        DocumentExtraction(
            mentions: mentions([E.xinghe, E.szse, E.park, E.zhang], in: a),
            extractions: [
                extraction(E.xinghe, "listedOn", E.szse, in: a, trigger: "上市", rule: "listing"),
                extraction(E.park, "introduced", E.xinghe, in: a, sentence: 1, trigger: "引进", rule: "introduce"),
                extraction(
                    E.zhang, "founderOf", E.xinghe, in: a, sentence: 2, rule: "founder",
                    qualifiers: [Qualifier("role", "创始人")]),
            ])
    }

    static var extractionB: DocumentExtraction {
        DocumentExtraction(
            mentions: mentions([E.park, E.xinghe], in: b),
            extractions: [extraction(E.park, "introduced", E.xinghe, in: b, trigger: "引进", rule: "introduce")])
    }
}

@Suite struct GraphStoreTests {
    func ingest(_ store: GraphStore, _ document: TextDocument, _ extraction: DocumentExtraction) throws {
        try store.transaction { try store.replaceDocument(document, with: extraction) }
    }

    @Test func openingTwiceMigratesOnceAndSeedsTheVocabulary() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kg.sqlite").path
        for _ in 0..<2 {
            let store = try GraphStore(path: path)
            #expect(try store.schemaVersion() == Migrations.latestVersion)
            #expect(try rows(store, "SELECT value FROM kg_meta WHERE key = 'schema_version'") == ["\(Migrations.latestVersion)"])
            #expect(try rows(store, "SELECT count(*) FROM entity_types") == ["\(Vocabulary.builtIn.types.count)"])
            #expect(try rows(store, "SELECT count(*) FROM predicates") == ["\(Vocabulary.builtIn.predicates.count)"])
            #expect(try rows(store, "SELECT parent FROM entity_types WHERE id = 'Company'") == ["Organization"])
            #expect(try rows(store, "SELECT label_zh, inverse, symmetric FROM predicates WHERE id IN ('hosts', 'cooperatesWith') ORDER BY id")
                == ["合作|cooperatesWith|1", "拥有|locatedIn|0"])
            #expect(try rows(store, "PRAGMA journal_mode") == ["wal"])
            #expect(try rows(store, "PRAGMA foreign_keys") == ["1"])
            #expect(try store.integrityCheck() == "ok")
        }
    }

    @Test func reopeningAnUpToDateStoreWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kg.sqlite").path
        _ = try GraphStore(path: path)
        let watcher = try Connection(path: path)
        let before = try watcher.scalar("PRAGMA data_version")
        _ = try GraphStore(path: path)
        // data_version changes when another connection commits.
        #expect(try watcher.scalar("PRAGMA data_version") == before)
    }

    @Test func replaceDocumentWritesEverythingAndTheViewsReadWell() throws {
        let store = try GraphStore.inMemory()
        try ingest(store, Corpus.a, Corpus.extractionA)
        let stats = try store.statistics()
        #expect(stats == StoreStatistics(documents: 1, sentences: 3, entities: 4, triples: 3, evidence: 3))
        #expect(try store.documentHash(path: "news/a.txt") == "hash-1")
        #expect(try store.documentHash(path: "news/missing.txt") == nil)
        let document = try #require(try store.document(path: "news/a.txt"))
        #expect(document.metadata.title == "星河科技上市")
        #expect(document.metadata.authors == ["王五", "Li \"Lee\""])
        #expect(document.metadata.source == "测试来源")
        #expect(try store.sentences(ofDocumentAt: "news/a.txt").map(\.text) == Corpus.a.sentences.map(\.text))
        #expect(try store.documentText(path: "news/a.txt") == Corpus.a.original)

        #expect(
            try rows(store, "SELECT subject, subject_type, predicate, object, object_en, evidence_count FROM triple_labels ORDER BY triple_id")
                == [
                    "星河科技|Company|listedOn|深圳证券交易所|Shenzhen Stock Exchange|1",
                    "湖畔科学城|Zone|introduced|星河科技|NULL|1",
                    "张明|Person|founderOf|星河科技|NULL|1",
                ])
        #expect(
            try rows(store, "SELECT subject, predicate, object, document, sentence_index, sentence, rule_id, qualifiers FROM evidence_labels ORDER BY evidence_id")
                == [
                    "星河科技|listedOn|深圳证券交易所|news/a.txt|0|星河科技在深圳证券交易所上市。|listing|NULL",
                    "湖畔科学城|introduced|星河科技|news/a.txt|1|湖畔科学城引进了星河科技。|introduce|NULL",
                    "张明|founderOf|星河科技|news/a.txt|2|张明是星河科技的创始人。|founder|role=创始人",
                ])
        #expect(try rows(store, "SELECT alias FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE e.key = 'lex:szse'") == ["深交所"])
        #expect(try rows(store, "SELECT count(*) FROM mentions") == ["4"])
        #expect(try store.integrityCheck() == "ok")
        #expect(try rows(store, "PRAGMA foreign_key_check") == [])
    }

    @Test func reingestingAChangedDocumentReplacesItsAssertionsAndPrunesOrphans() throws {
        let store = try GraphStore.inMemory()
        try ingest(store, Corpus.a, Corpus.extractionA)
        try ingest(store, Corpus.b, Corpus.extractionB)
        let documentID = try #require(try store.document(path: "news/a.txt")).id

        let changed = makeDocument(path: "news/a.txt", text: "𠀾生物在深圳证券交易所上市。", hash: "hash-2")
        try ingest(
            store, changed,
            DocumentExtraction(
                mentions: mentions([E.bio], in: changed),
                extractions: [extraction(E.bio, "listedOn", E.szse, in: changed, rule: "listing")]))

        #expect(try store.document(path: "news/a.txt")?.id == documentID, "the document keeps its id")
        #expect(try store.documentHash(path: "news/a.txt") == "hash-2")
        #expect(
            try rows(store, "SELECT subject, predicate, object, evidence_count FROM triple_labels ORDER BY triple_id")
                == ["湖畔科学城|introduced|星河科技|1", "𠀾生物|listedOn|深圳证券交易所|1"])
        #expect(try rows(store, "SELECT document, sentence FROM evidence_labels ORDER BY evidence_id")
            == ["news/b.txt|湖畔科学城再次引进星河科技。", "news/a.txt|𠀾生物在深圳证券交易所上市。"])
        // Entities stay even when nothing states them any more.
        #expect(try store.statistics() == StoreStatistics(documents: 2, sentences: 2, entities: 5, triples: 2, evidence: 2))
        #expect(try rows(store, "SELECT count(*) FROM mentions WHERE document_id = ?", [.integer(documentID)]) == ["1"])
        #expect(try rows(store, "SELECT count(*) FROM qualifiers") == ["0"])
        #expect(try rows(store, "PRAGMA foreign_key_check") == [])
    }

    @Test func aTripleFromTwoDocumentsIsStoredOnceWithTwoEvidenceRows() throws {
        let store = try GraphStore.inMemory()
        try ingest(store, Corpus.a, Corpus.extractionA)
        try ingest(store, Corpus.b, Corpus.extractionB)
        #expect(
            try rows(store, "SELECT evidence_count FROM triple_labels WHERE predicate = 'introduced'") == ["2"])
        #expect(try store.statistics().triples == 3)
        #expect(try store.statistics().evidence == 4)
        var triples: [GraphTriple] = []
        try store.forEachTriple { triples.append($0) }
        #expect(triples.map(\.evidenceCount) == [1, 2, 1])
        #expect(triples[2].qualifiers == [Qualifier("role", "创始人")])
        #expect(triples.map(\.id) == triples.map(\.id).sorted())
    }

    @Test func aRolledBackTransactionLeavesNothingAndNoStaleCache() throws {
        let store = try GraphStore.inMemory()
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.transaction {
                try store.replaceDocument(Corpus.a, with: Corpus.extractionA)
                throw Stop()
            }
        }
        #expect(try store.statistics() == StoreStatistics(documents: 0, sentences: 0, entities: 0, triples: 0, evidence: 0))
        // Other entities now take the row ids the rolled-back ones had: a stale cache would
        // point 星河科技 at one of them.
        let other = makeDocument(path: "news/c.txt", text: "张明在湖畔科学城。𠀾生物在湖畔科学城。")
        try ingest(
            store, other,
            DocumentExtraction(mentions: mentions([E.bio, E.zhang], in: other), extractions: []))
        try ingest(store, Corpus.a, Corpus.extractionA)
        #expect(
            try rows(store, "SELECT subject, predicate, object FROM triple_labels ORDER BY triple_id")
                == ["星河科技|listedOn|深圳证券交易所", "湖畔科学城|introduced|星河科技", "张明|founderOf|星河科技"])
        #expect(try rows(store, "PRAGMA foreign_key_check") == [])
    }

    @Test func anExistingEntityKeepsItsLabelsButGainsAMissingEnglishLabelAndAliases() throws {
        let store = try GraphStore.inMemory()
        try ingest(store, Corpus.a, Corpus.extractionA)
        var renamed = E.xinghe
        renamed.labelZh = "星河科技公司"
        renamed.labelEn = "Xinghe Tech"
        renamed.aliases = ["Xinghe"]
        let d = makeDocument(path: "news/d.txt", text: "星河科技公司在深圳证券交易所上市。")
        try ingest(
            store, d,
            DocumentExtraction(extractions: [extraction(renamed, "listedOn", E.szse, in: d)]))
        #expect(
            try rows(store, "SELECT label_zh, label_en FROM entities WHERE key = 'name:星河科技'") == ["星河科技|Xinghe Tech"])
        var entities: [GraphEntity] = []
        try store.forEachEntity { entities.append($0) }
        #expect(entities.first { $0.key == "name:星河科技" }?.aliases == ["Xinghe", "星河"])
        #expect(entities.map(\.id) == entities.map(\.id).sorted())
        #expect(entities.count == 4)
    }

    @Test func anEntityCacheThatStartsOverStillFindsEveryEntityOnce() throws {
        let store = try GraphStore.inMemory()
        let first = EntityDescriptor(key: .name(normalized: "第一家"), type: "Company", labelZh: "第一家", aliases: ["一家"])
        try store.transaction {
            let id = try store.entityID(for: first)
            for n in 0..<(GraphStore.entityCacheLimit + 10) {
                _ = try store.entityID(for: EntityDescriptor(key: .name(normalized: "公司\(n)"), type: "Company", labelZh: "公司\(n)"))
            }
            #expect(store.entityCache.count < GraphStore.entityCacheLimit)
            // After the cache started over, the first entity is found again, not inserted twice,
            // and its alias is not duplicated.
            #expect(try store.entityID(for: first) == id)
        }
        #expect(try rows(store, "SELECT count(*) FROM entities WHERE key = 'name:第一家'") == ["1"])
        #expect(try rows(store, "SELECT alias FROM aliases JOIN entities e ON e.id = entity_id WHERE e.key = 'name:第一家'") == ["一家"])
    }

    @Test func offsetsRoundTripInScalars() throws {
        let store = try GraphStore.inMemory()
        let text = "前言。𠀾生物🚀在深圳证券交易所上市。"
        let document = makeDocument(path: "news/e.txt", text: text)
        try ingest(
            store, document,
            DocumentExtraction(
                mentions: mentions([E.bio, E.szse], in: document),
                extractions: [extraction(E.bio, "listedOn", E.szse, in: document, trigger: "上市")]))
        var evidence: [GraphEvidence] = []
        try store.forEachEvidence { evidence.append($0) }
        let item = try #require(evidence.first)
        let stored = Array(try #require(try store.documentText(path: "news/e.txt")).unicodeScalars)
        func slice(_ span: TextSpan?) -> String {
            guard let span else { return "" }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: stored[span.start..<span.end])
            return String(s)
        }
        #expect(item.subjectSpan == TextSpan(3, 6))
        #expect(slice(item.subjectSpan) == "𠀾生物")
        #expect(slice(item.objectSpan) == "深圳证券交易所")
        #expect(slice(item.triggerSpan) == "上市")
        #expect(slice(item.sentenceSpan) == item.sentenceText)
        #expect(item.sentenceIndex == 1)
        #expect(try rows(store, "SELECT start, end FROM mentions ORDER BY start") == ["3|6", "8|15"])
    }

    @Test func optimizeRunsOnAFilledStore() throws {
        let store = try GraphStore.inMemory()
        try ingest(store, Corpus.a, Corpus.extractionA)
        try store.optimize()
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func foreignKeysAreEnforced() throws {
        let store = try GraphStore.inMemory()
        let error = #expect(throws: SQLiteError.self) {
            try store.connection.run("INSERT INTO triples(subject, predicate, object) VALUES (998, 'listedOn', 999)")
        }
        #expect(error?.extendedCode == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
    }

    @Test func unknownPredicatesAndTypesAreDiagnosedBeforeWriting() throws {
        let store = try GraphStore.inMemory()
        var bad = Corpus.extractionA
        bad.extractions[0].predicate = "listedAt"
        bad.extractions[1].subject.type = "Park"
        bad.extractions[2].sentenceIndex = 9
        var caught: [Diagnostic] = []
        do {
            try store.transaction { try store.replaceDocument(Corpus.a, with: bad) }
        } catch let list as DiagnosticList {
            caught = list.items
        }
        #expect(caught.map(\.code.rawValue) == ["S010", "S010", "S011"])
        #expect(caught[0].message.contains("listedAt"))
        #expect(caught[1].message.contains("Park"))
        #expect(try store.statistics().documents == 0)

        let outside = diagnostic { try store.replaceDocument(Corpus.a, with: Corpus.extractionA) }
        #expect(outside?.code.rawValue == "S012")
    }

    @Test func lookupsUseTheTripleIndexes() throws {
        let store = try GraphStore.inMemory()
        try ingest(store, Corpus.a, Corpus.extractionA)
        let shapes = [
            "SELECT predicate, object FROM triples WHERE subject = 1",
            "SELECT subject FROM triples WHERE predicate = 'listedOn' AND object = 2",
            "SELECT subject, predicate FROM triples WHERE object = 2",
            "SELECT id FROM triples WHERE subject = 1 AND predicate = 'listedOn' AND object = 2",
        ]
        for sql in shapes {
            let plan = try rows(store, "EXPLAIN QUERY PLAN " + sql).joined(separator: "\n")
            #expect(plan.contains("USING"), "\(sql)\n\(plan)")
            #expect(!plan.contains("SCAN"), "\(sql)\n\(plan)")
        }
    }
}
