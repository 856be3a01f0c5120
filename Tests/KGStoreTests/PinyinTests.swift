import Foundation
import KGModel
import Testing

@testable import KGStore

@Suite struct PinyinTests {
    @Test(arguments: [
        ("苏州工业园区", "suzhougongyeyuanqu"), ("港股18A", "ganggu18a"), ("信达生物", "xindashengwu"),
        ("ＡＢＣ园区", "abcyuanqu"), ("F-Prime Capital", "fprimecapital"),
    ])
    func keysOfLabels(label: String, key: String) {
        var maker = PinyinKeyMaker()
        #expect(maker.key(for: label) == key)
    }

    @Test func keysOfTypedText() {
        #expect(PinyinKeyMaker.keyOfTyped("Suzhou Gongye Yuanqu") == "suzhougongyeyuanqu")
        #expect(PinyinKeyMaker.keyOfTyped("Sūzhōu gōngyè") == "suzhougongye")
        #expect(PinyinKeyMaker.keyOfTyped("苏州") == nil)
        #expect(PinyinKeyMaker.keyOfTyped("--") == nil)
    }

    @Test func newEntitiesGetTheirPinyin() throws {
        let store = try GraphStore.inMemory()
        try store.transaction { try store.replaceDocument(Corpus.b, with: Corpus.extractionB) }
        #expect(try rows(store, "SELECT label_zh, pinyin FROM entities ORDER BY id") == ["湖畔科学城|hupankexuecheng", "星河科技|xinghekeji"])
    }

    @Test func aVersion1StoreIsMigratedAndItsEntitiesGetPinyin() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        do {
            // A store as kg wrote it before version 2.
            let old = try Connection(path: path)
            try old.execute(Migrations.all[0].sql)
            try old.execute(
                """
                PRAGMA user_version = 1;
                INSERT INTO kg_meta VALUES ('schema_version', '1');
                INSERT INTO entity_types(id, label_en, label_zh) VALUES ('Zone', 'zone', '园区');
                INSERT INTO entities(key, type, label_zh) VALUES ('lex:sip', 'Zone', '苏州工业园区');
                """)
        }
        let store = try GraphStore(path: path)
        #expect(try store.schemaVersion() == Migrations.latestVersion)
        #expect(try rows(store, "SELECT pinyin FROM entities") == ["suzhougongyeyuanqu"])
        #expect(try rows(store, "SELECT value FROM kg_meta WHERE key = 'schema_version'") == ["\(Migrations.latestVersion)"])
        #expect(try store.integrityCheck() == "ok")
    }
}
