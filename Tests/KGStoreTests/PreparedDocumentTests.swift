import Foundation
import KGModel
import Testing

@testable import KGStore

/// Workers prepare a document's rows (`PreparedDocument`) so the writer only inserts. The rows
/// must be those the writer made when it met every descriptor itself.
@Suite struct PreparedDocumentTests {
    /// One key described twice: the row takes the first description's type and label, the first
    /// English label given, and every alias once, in order of appearance.
    @Test func descriptorsOfOneKeyCollapseInOrderOfAppearance() throws {
        let document = makeDocument(path: "news/1.txt", text: "星河科技上市。星河公司在深圳证券交易所上市。")
        let later = EntityDescriptor(
            key: .name(normalized: "星河科技"), type: "Organization", labelZh: "星河公司", labelEn: "Xinghe Tech",
            aliases: ["星河公司", "星河"])
        let extraction = DocumentExtraction(
            mentions: [
                EntityMention(entity: E.xinghe, sentenceIndex: 0, span: span(of: "星河科技", in: document.original)),
                EntityMention(entity: later, sentenceIndex: 1, span: span(of: "星河公司", in: document.original)),
            ],
            extractions: [extraction(later, "listedOn", E.szse, in: document, sentence: 1, rule: "listing")])
        var pinyin = PinyinKeyMaker()
        let store = try GraphStore.inMemory()
        let prepared = PreparedDocument(document, extraction, vocabulary: store.writeVocabulary, pinyin: &pinyin)
        #expect(prepared.entities.map(\.key.rawValue) == ["name:星河科技", "lex:szse"])
        let xinghe = try #require(prepared.entities.first)
        #expect(xinghe.type == "Company" && xinghe.labelZh == "星河科技" && xinghe.labelEn == "Xinghe Tech")
        #expect(xinghe.aliases == ["星河", "星河公司"])
        #expect(xinghe.pinyin == "xinghekeji")
        #expect(prepared.mentions.map(\.entity) == [0, 0] && prepared.mentions.map(\.sentence) == [0, 1])
        #expect(prepared.problems.isEmpty)

        // Written, it gives the row the writer gave descriptor by descriptor.
        try store.transaction { try store.replaceDocument(prepared) }
        #expect(try rows(store, "SELECT type, label_zh, label_en, pinyin FROM entities WHERE key = 'name:星河科技'")
            == ["Company|星河科技|Xinghe Tech|xinghekeji"])
        #expect(try rows(store, "SELECT alias FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE e.key = 'name:星河科技' ORDER BY alias")
            == ["星河", "星河公司"])
    }

    /// Problems found while preparing are reported by the store with the path the document is
    /// finally stored under (a part's fragment is added after preparing), and nothing is written.
    @Test func problemsAreReportedWithTheStoredPath() throws {
        let document = makeDocument(path: "big.txt", text: "星河科技上市。")
        let unknown = EntityDescriptor(key: .name(normalized: "某物"), type: "Spaceship", labelZh: "某物")
        let extraction = DocumentExtraction(
            mentions: [EntityMention(entity: unknown, sentenceIndex: 0, span: TextSpan(0, 2))],
            extractions: [
                Extraction(
                    subject: E.xinghe, predicate: "colonises", object: E.szse, sentenceIndex: 3, ruleID: "bad", ruleVersion: "1",
                    confidence: 1)
            ])
        var pinyin = PinyinKeyMaker()
        let store = try GraphStore.inMemory()
        var prepared = PreparedDocument(document, extraction, vocabulary: store.writeVocabulary, pinyin: &pinyin)
        prepared.path = "big.txt#char=0,7"
        #expect(prepared.problems.count == 3)
        let thrown = #expect(throws: DiagnosticList.self) { try store.transaction { try store.replaceDocument(prepared) } }
        let messages = thrown?.items.map(\.message) ?? []
        #expect(messages.count == 3)
        #expect(messages.allSatisfy { $0.contains("big.txt#char=0,7") }, "\(messages)")
        #expect(messages.contains { $0.contains("unknown entity type 'Spaceship'") })
        #expect(messages.contains { $0.contains("unknown predicate 'colonises'") })
        #expect(messages.contains { $0.contains("refers to sentence 3") })
        #expect(try store.statistics().documents == 0)
    }
}
