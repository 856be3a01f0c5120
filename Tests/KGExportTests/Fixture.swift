import Foundation
import KGModel

@testable import KGExport

/// A graph held in arrays, standing in for the store in exporter tests.
struct InMemoryGraph: GraphReader {
    var docs: [GraphDocument] = []
    var entities: [GraphEntity] = []
    var triples: [GraphTriple] = []
    var evidence: [GraphEvidence] = []

    func documents() throws -> [GraphDocument] { docs }
    func forEachEntity(_ body: (GraphEntity) throws -> Void) throws { try entities.forEach(body) }
    func forEachTriple(_ body: (GraphTriple) throws -> Void) throws { try triples.forEach(body) }
    func forEachEvidence(_ body: (GraphEvidence) throws -> Void) throws { try evidence.forEach(body) }
}

/// A small graph with Chinese names and hostile ones: quotes, a backslash, a line break,
/// HTML-like text, braces, an entity reference, a space and an emoji.
enum Fixture {
    static let hostileNames = [
        "张\"三\"", "反斜杠\\公司", "无锡\n高新区", "<b>粗体</b>", "&amp; 公司", "火箭 🚀 芯片", "{括号}集团",
    ]

    static let graph: InMemoryGraph = {
        var g = InMemoryGraph()
        func entity(_ id: Int64, _ key: String, _ type: String, _ zh: String, _ en: String?, _ aliases: [String] = []) {
            g.entities.append(GraphEntity(id: id, key: key, type: type, labelZh: zh, labelEn: en, aliases: aliases))
        }
        entity(1, "lex:华进半导体", "Company", "华进半导体", "Huajin Semiconductor", ["华进", "NCAP"])
        entity(2, "lex:科创板", "Exchange", "科创板", "STAR Market")
        entity(3, "name:张\"三\"", "Person", "张\"三\"", nil)
        entity(4, "name:反斜杠\\公司", "Company", "反斜杠\\公司", "Back\\Slash Ltd")
        entity(5, "name:无锡\n高新区", "Zone", "无锡\n高新区", "Wuxi\nHigh-tech Zone")
        entity(6, "name:<b>粗体</b>", "Association", "<b>粗体</b>", "<b>Bold</b> & {Braces}")
        entity(7, "name:&amp; 公司", "Company", "&amp; 公司", "A&amp;B Co")
        entity(8, "name:火箭 🚀 芯片", "Product", "火箭 🚀 芯片", "Rocket chip")
        entity(9, "lex:无锡", "Place", "无锡", "Wuxi")
        entity(10, "lex:集成电路", "Industry", "集成电路", "integrated circuits")
        entity(11, "name:{括号}集团", "Company", "{括号}集团", nil, ["括号;集团"])

        func triple(_ id: Int64, _ s: Int64, _ p: String, _ o: Int64, _ conf: Double, _ count: Int, _ q: [Qualifier] = []) {
            g.triples.append(
                GraphTriple(id: id, subject: s, predicate: p, object: o, qualifiers: q, confidence: conf, evidenceCount: count))
        }
        triple(1, 1, "listedOn", 2, 0.95, 2)
        triple(2, 3, "holdsPosition", 1, 0.9, 1, [Qualifier("role", "董事长")])
        triple(3, 3, "founderOf", 1, 0.8, 1)
        triple(4, 1, "locatedIn", 5, 0.85, 1)
        triple(5, 5, "locatedIn", 9, 0.9, 1)
        triple(6, 1, "develops", 8, 0.7, 1)
        triple(7, 4, "cooperatesWith", 7, 0.75, 1)
        triple(8, 6, "hosts", 4, 0.6, 1)
        triple(9, 5, "focusesOn", 10, 0.8, 1)
        triple(10, 11, "investsIn", 1, 0.65, 1)

        g.docs = [
            GraphDocument(
                id: 1, path: "news/华进.txt", contentHash: "aa11",
                metadata: DocumentMetadata(
                    title: "华进半导体登陆科创板", published: "2023-12-31T15:58:36", source: "无锡日报", authors: ["李四", "王五"])),
            GraphDocument(
                id: 2, path: "news/other doc.txt", contentHash: "bb22",
                metadata: DocumentMetadata(title: "\"引号\" 标题", published: "2024年1月2日")),
        ]
        let sentences: [(Int64, Int64, Int64, Int, String, Int, Double, [Qualifier])] = [
            // (evidence id, triple id, document id, sentence index, text, sentence start, confidence, qualifiers)
            (1, 1, 1, 0, "华进半导体在科创板上市。", 0, 0.95, []),
            (2, 2, 1, 1, "张\"三\"任华进半导体董事长。", 12, 0.9, [Qualifier("role", "董事长")]),
            (3, 3, 1, 2, "张\"三\"创办了华进半导体。", 27, 0.8, []),
            (4, 4, 1, 3, "华进半导体位于无锡高新区。", 41, 0.85, []),
            (5, 5, 1, 3, "华进半导体位于无锡高新区。", 41, 0.9, []),
            (6, 6, 1, 4, "华进半导体研发火箭 🚀 芯片。", 54, 0.7, []),
            (7, 7, 1, 5, "反斜杠\\公司与&amp; 公司合作。", 69, 0.75, []),
            (8, 8, 1, 6, "<b>粗体</b>拥有反斜杠\\公司。", 86, 0.6, []),
            (9, 9, 1, 7, "无锡高新区主导产业为集成电路。", 104, 0.8, []),
            (10, 10, 1, 8, "{括号}集团投资华进半导体。", 120, 0.65, [Qualifier("status", "planned")]),
            (11, 1, 2, 0, "华进半导体登陆科创板。", 0, 0.9, []),
        ]
        for (id, tid, doc, index, text, start, conf, q) in sentences {
            let length = text.unicodeScalars.count
            g.evidence.append(
                GraphEvidence(
                    id: id, tripleID: tid, documentID: doc, sentenceIndex: index, sentenceText: text,
                    sentenceSpan: TextSpan(start, start + length), subjectSpan: TextSpan(start, start + 2),
                    objectSpan: id == 1 ? TextSpan(start + 6, start + 9) : nil, triggerSpan: nil, ruleID: "rule.\(tid)",
                    ruleVersion: "v\(tid)", confidence: conf, qualifiers: q))
        }
        return g
    }()

    /// A generated graph of `triples` triples over `triples / 5` entities, for measurements.
    struct Generated: GraphReader {
        var triples: Int
        var entityCount: Int { max(2, triples / 5) }
        static let predicates = ["hosts", "locatedIn", "listedOn", "develops", "cooperatesWith", "investsIn"]

        func documents() throws -> [GraphDocument] {
            (1...10).map { GraphDocument(id: Int64($0), path: "gen/\($0).txt", contentHash: "h\($0)", metadata: DocumentMetadata(title: "文档\($0)")) }
        }
        func forEachEntity(_ body: (GraphEntity) throws -> Void) throws {
            for i in 1...entityCount {
                try body(GraphEntity(id: Int64(i), key: "name:实体\(i)", type: i % 3 == 0 ? "Company" : "Zone", labelZh: "实体\(i)", labelEn: "Entity \(i)", aliases: []))
            }
        }
        func forEachTriple(_ body: (GraphTriple) throws -> Void) throws {
            for i in 1...triples {
                let s = Int64(i % entityCount + 1)
                let o = Int64((i * 7919) % entityCount + 1)
                try body(GraphTriple(id: Int64(i), subject: s, predicate: Self.predicates[i % Self.predicates.count], object: o, qualifiers: [], confidence: 0.8, evidenceCount: 1))
            }
        }
        func forEachEvidence(_ body: (GraphEvidence) throws -> Void) throws {
            for i in 1...triples {
                try body(GraphEvidence(id: Int64(i), tripleID: Int64(i), documentID: Int64(min(10, i * 10 / triples + 1)), sentenceIndex: i % 50, sentenceText: "第\(i)句话，某实体位于某园区。", sentenceSpan: TextSpan(i, i + 14), subjectSpan: nil, objectSpan: nil, triggerSpan: nil, ruleID: "gen", ruleVersion: "1", confidence: 0.8, qualifiers: []))
            }
        }
    }
}
