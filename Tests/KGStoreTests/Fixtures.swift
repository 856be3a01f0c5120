import Foundation
import KGModel
import Testing

@testable import KGStore

/// A document whose sentences end at 。, with spans in Unicode scalars.
func makeDocument(path: String, text: String, hash: String = "hash-1", title: String? = nil) -> TextDocument {
    var sentences: [Sentence] = []
    var start = 0
    var current = ""
    var offset = 0
    for scalar in text.unicodeScalars {
        current.unicodeScalars.append(scalar)
        offset += 1
        if scalar == "。" {
            sentences.append(
                Sentence(index: sentences.count, span: TextSpan(start, offset), text: current, clauses: []))
            start = offset
            current = ""
        }
    }
    if !current.isEmpty {
        sentences.append(Sentence(index: sentences.count, span: TextSpan(start, offset), text: current, clauses: []))
    }
    return TextDocument(
        path: path, original: text, contentHash: hash,
        metadata: DocumentMetadata(title: title, published: "2024-03-01T09:00:00", source: "测试来源", authors: ["王五", "Li \"Lee\""]),
        sentences: sentences)
}

/// The span of the first occurrence of `needle` in `text`, in scalars.
func span(of needle: String, in text: String, after: Int = 0) -> TextSpan {
    let haystack = Array(text.unicodeScalars)
    let pattern = Array(needle.unicodeScalars)
    var i = after
    while i + pattern.count <= haystack.count {
        if Array(haystack[i..<(i + pattern.count)]) == pattern { return TextSpan(i, i + pattern.count) }
        i += 1
    }
    fatalError("\(needle) not in \(text)")
}

/// A sentence-index lookup: the index of the sentence containing `offset`.
func sentenceIndex(of span: TextSpan, in document: TextDocument) -> Int {
    document.sentences.first { $0.span.contains(span) }!.index
}

enum E {
    static let xinghe = EntityDescriptor(
        key: .name(normalized: "星河科技"), type: "Company", labelZh: "星河科技", aliases: ["星河"])
    static let szse = EntityDescriptor(
        key: .lexicon("szse"), type: "Exchange", labelZh: "深圳证券交易所", labelEn: "Shenzhen Stock Exchange", aliases: ["深交所"])
    static let park = EntityDescriptor(
        key: .lexicon("lakepark"), type: "Zone", labelZh: "湖畔科学城", labelEn: nil, aliases: ["科学城"])
    static let zhang = EntityDescriptor(key: .name(normalized: "张明"), type: "Person", labelZh: "张明")
    static let bio = EntityDescriptor(key: .name(normalized: "𠀾生物"), type: "Company", labelZh: "𠀾生物")
}

/// An extraction of `subject predicate object` stated by sentence `sentence` (by default the
/// first sentence naming the object); spans are those of the names' first occurrence in it.
func extraction(
    _ subject: EntityDescriptor, _ predicate: String, _ object: EntityDescriptor, in document: TextDocument,
    sentence: Int? = nil, trigger: String? = nil, rule: String = "test-rule",
    confidence: Double = 0.9, qualifiers: [Qualifier] = []
) -> Extraction {
    let index = sentence ?? sentenceIndex(of: span(of: object.labelZh, in: document.original), in: document)
    let start = document.sentences[index].span.start
    let s = span(of: subject.labelZh, in: document.original, after: start)
    let o = span(of: object.labelZh, in: document.original, after: start)
    let t = trigger.map { span(of: $0, in: document.original, after: start) }
    return Extraction(
        subject: subject, predicate: predicate, object: object, sentenceIndex: index,
        subjectSpan: s, objectSpan: o, triggerSpan: t, ruleID: rule, ruleVersion: "v-\(rule)", confidence: confidence,
        qualifiers: qualifiers)
}

/// What the pipeline extracts from `星河科技在深圳证券交易所上市。湖畔科学城引进了星河科技。`
/// (`document`'s text): a listing and an introduction.
func listingAndIntroduction(in document: TextDocument) -> DocumentExtraction {
    DocumentExtraction(
        mentions: mentions([E.xinghe, E.szse, E.park], in: document),
        extractions: [
            extraction(E.xinghe, "listedOn", E.szse, in: document, trigger: "上市", rule: "listing"),
            extraction(E.park, "introduced", E.xinghe, in: document, sentence: 1, trigger: "引进", rule: "introduce"),
        ])
}

/// What the pipeline extracts from `张明是星河科技的创始人。`: a founder with qualifiers.
func founder(in document: TextDocument) -> DocumentExtraction {
    DocumentExtraction(
        mentions: mentions([E.zhang, E.xinghe], in: document),
        extractions: [
            extraction(
                E.zhang, "founderOf", E.xinghe, in: document, rule: "founder",
                qualifiers: [Qualifier("role", "创始人"), Qualifier("status", "current")])
        ])
}

/// Mentions of every entity at its first label occurrence.
func mentions(_ entities: [EntityDescriptor], in document: TextDocument) -> [EntityMention] {
    entities.map { entity in
        let s = span(of: entity.labelZh, in: document.original)
        return EntityMention(entity: entity, sentenceIndex: sentenceIndex(of: s, in: document), span: s)
    }
}

/// A fresh folder under the temporary directory, removed by the caller.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("kgstore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Rows of a query as strings joined by "|", for compact expectations.
func rows(_ store: GraphStore, _ sql: String, _ values: [SQLiteValue] = []) throws -> [String] {
    try store.connection.prepareUncached(sql).allRows(values) { row in
        (0..<row.columnCount).map { row.optionalString(at: $0) ?? "NULL" }.joined(separator: "|")
    }
}

/// The first error thrown by `body` as a Diagnostic, or nil.
func diagnostic(_ body: () throws -> Void) -> Diagnostic? {
    do {
        try body()
        return nil
    } catch let d as Diagnostic {
        return d
    } catch let list as DiagnosticList {
        return list.items.first
    } catch {
        Issue.record("not a diagnostic: \(error)")
        return nil
    }
}
