import Foundation
import KGModel
import Testing

@testable import KGStore

/// `writtenNames`: the text at each stored mention, not the entity's label, one row per
/// distinct (document, text, type) in order of first occurrence.
@Suite struct WrittenNamesTests {
    /// 深交所 is written twice and resolved to 深圳证券交易所; 𠀾 (outside the BMP) before a
    /// name checks that offsets count scalars, not UTF-16 units or bytes.
    static let a = makeDocument(path: "news/a.txt", text: "𠀾生物在深交所上市。星河科技也在深交所上市。湖畔科学城引进了星河。")
    static let b = makeDocument(path: "news/b.txt", text: "湖畔科学城再次引进星河科技。")

    static func mention(_ entity: EntityDescriptor, _ text: String, in document: TextDocument, after: Int = 0) -> EntityMention {
        let s = span(of: text, in: document.original, after: after)
        return EntityMention(entity: entity, sentenceIndex: sentenceIndex(of: s, in: document), span: s)
    }

    static func store() throws -> GraphStore {
        let store = try GraphStore.inMemory()
        let second = span(of: "深交所", in: a.original).end
        try store.transaction {
            try store.replaceDocument(
                a,
                with: DocumentExtraction(mentions: [
                    mention(E.bio, "𠀾生物", in: a),
                    mention(E.szse, "深交所", in: a),
                    mention(E.xinghe, "星河科技", in: a),
                    mention(E.szse, "深交所", in: a, after: second),
                    mention(E.park, "湖畔科学城", in: a),
                    mention(E.xinghe, "星河", in: a, after: span(of: "引进", in: a.original).end),
                ]))
            try store.replaceDocument(b, with: DocumentExtraction(mentions: mentions([E.park, E.xinghe], in: b)))
        }
        return store
    }

    @Test func namesAreTheWrittenTextInDocumentOrder() throws {
        let store = try Self.store()
        let names = try store.writtenNames()
        #expect(
            names == [
                WrittenName(document: "news/a.txt", name: "𠀾生物", type: "Company", firstOffset: 0, count: 1),
                WrittenName(document: "news/a.txt", name: "深交所", type: "Exchange", firstOffset: 4, count: 2),
                WrittenName(document: "news/a.txt", name: "星河科技", type: "Company", firstOffset: 10, count: 1),
                WrittenName(document: "news/a.txt", name: "湖畔科学城", type: "Zone", firstOffset: 22, count: 1),
                WrittenName(document: "news/a.txt", name: "星河", type: "Company", firstOffset: 30, count: 1),
                WrittenName(document: "news/b.txt", name: "湖畔科学城", type: "Zone", firstOffset: 0, count: 1),
                WrittenName(document: "news/b.txt", name: "星河科技", type: "Company", firstOffset: 9, count: 1),
            ])
        // Every name is the document's text at its first offset, counted in scalars.
        for name in names {
            let text = Array((name.document == "news/a.txt" ? Self.a : Self.b).original.unicodeScalars)
            let cut = String(String.UnicodeScalarView(text[name.firstOffset..<(name.firstOffset + name.name.unicodeScalars.count)]))
            #expect(cut == name.name)
        }
    }

    @Test func oneDocumentByID() throws {
        let store = try Self.store()
        let b = try #require(try store.document(path: "news/b.txt"))
        #expect(try store.writtenNames(documentID: b.id).map(\.name) == ["湖畔科学城", "星河科技"])
        #expect(try store.writtenNames(documentID: 999).isEmpty)
    }
}
