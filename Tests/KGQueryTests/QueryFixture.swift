import Foundation
import KGModel
import Testing
import KGStore

@testable import KGQuery

/// A small invented graph (not the sample article), written through `GraphStore.replaceDocument`.
enum Q {
    static let xinghe = EntityDescriptor(key: .name(normalized: "星河科技"), type: "Company", labelZh: "星河科技", aliases: ["星河"])
    static let star = EntityDescriptor(key: .lexicon("star"), type: "Exchange", labelZh: "科创板", labelEn: "STAR Market")
    static let lake = EntityDescriptor(key: .lexicon("lake"), type: "Zone", labelZh: "湖畔科学城", aliases: ["科学城", "园区"])
    static let east = EntityDescriptor(key: .lexicon("east"), type: "Zone", labelZh: "东湖园区", aliases: ["园区"])
    static let beichen = EntityDescriptor(key: .name(normalized: "北辰生物"), type: "Company", labelZh: "北辰生物", labelEn: "Beichen Bio")
    static let zhang = EntityDescriptor(key: .name(normalized: "张明"), type: "Person", labelZh: "张明")
    static let jiangnan = EntityDescriptor(key: .name(normalized: "江南大学"), type: "University", labelZh: "江南大学")
    static let capital = EntityDescriptor(key: .name(normalized: "星河资本"), type: "Company", labelZh: "星河资本")

    typealias Fact = (EntityDescriptor, String, EntityDescriptor, [Qualifier])

    /// Documents as sentences, each with the facts it states.
    static let documents: [(path: String, sentences: [(String, [Fact])])] = [
        (
            "news/one.txt",
            [
                ("星河科技登陆科创板。", [(xinghe, "listedOn", star, [])]),
                ("湖畔科学城引进了星河科技和北辰生物。", [(lake, "introduced", xinghe, []), (lake, "introduced", beichen, [])]),
                ("张明是星河科技的创始人。", [(zhang, "founderOf", xinghe, [Qualifier("role", "创始人")])]),
            ]
        ),
        (
            "news/two.txt",
            [
                ("北辰生物在科创板上市。", [(beichen, "listedOn", star, [])]),
                ("江南大学与北辰生物合作。", [(jiangnan, "cooperatesWith", beichen, [])]),
                ("东湖园区拥有江南大学。", [(east, "hosts", jiangnan, [])]),
                ("星河资本投资北辰生物。", [(capital, "investsIn", beichen, [])]),
            ]
        ),
    ]

    static func makeStore(_ documents: [(path: String, sentences: [(String, [Fact])])] = Q.documents) throws -> GraphStore {
        let store = try GraphStore.inMemory()
        try store.transaction {
            for (path, sentences) in documents {
                let text = sentences.map(\.0).joined()
                var offset = 0
                var list: [Sentence] = []
                var extractions: [Extraction] = []
                var mentions: [EntityMention] = []
                for (index, (sentence, facts)) in sentences.enumerated() {
                    let length = sentence.unicodeScalars.count
                    list.append(Sentence(index: index, span: TextSpan(offset, offset + length), text: sentence, clauses: []))
                    func find(_ label: String) -> TextSpan? {
                        guard let range = sentence.range(of: label) else { return nil }
                        let start = sentence.unicodeScalars.distance(
                            from: sentence.unicodeScalars.startIndex, to: range.lowerBound)
                        return TextSpan(offset + start, offset + start + label.unicodeScalars.count)
                    }
                    for (s, p, o, qualifiers) in facts {
                        let ss = find(s.labelZh), os = find(o.labelZh)
                        extractions.append(
                            Extraction(
                                subject: s, predicate: p, object: o, sentenceIndex: index, subjectSpan: ss, objectSpan: os,
                                ruleID: "rule-\(p)", ruleVersion: "v1", confidence: 0.8, qualifiers: qualifiers))
                        for (entity, span) in [(s, ss), (o, os)] {
                            if let span { mentions.append(EntityMention(entity: entity, sentenceIndex: index, span: span)) }
                        }
                    }
                    offset += length
                }
                let document = TextDocument(
                    path: path, original: text, contentHash: "h-\(path)", metadata: DocumentMetadata(title: "标题 \(path)"),
                    sentences: list)
                try store.replaceDocument(document, with: DocumentExtraction(mentions: mentions, extractions: extractions))
            }
        }
        return store
    }
}

/// The first error thrown by `body` as a Diagnostic, or nil.
func diagnostic(_ body: () throws -> Void) -> Diagnostic? {
    do {
        try body()
        return nil
    } catch let d as Diagnostic {
        return d
    } catch {
        Issue.record("not a diagnostic: \(error)")
        return nil
    }
}

/// The query plan of `sql`, one line a step.
func plan(_ store: GraphStore, _ sql: String, _ parameters: [SQLiteValue]) throws -> [String] {
    try store.connection.prepareUncached("EXPLAIN QUERY PLAN " + sql).allRows(parameters) { $0.string(at: 3) }
}
