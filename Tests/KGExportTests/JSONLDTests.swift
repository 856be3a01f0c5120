import Foundation
import KGModel
import Testing

@testable import KGExport

@Suite struct JSONLDTests {
    /// The export parsed as JSON: the context and the node objects.
    static func parsed() throws -> (context: [String: Any], graph: [[String: Any]]) {
        let text = try exported(JSONLDExporter())
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let context = try #require(object?["@context"] as? [String: Any])
        let graph = try #require(object?["@graph"] as? [[String: Any]])
        return (context, graph)
    }

    /// Every value anywhere under `value`, walking arrays and objects.
    static func walk(_ value: Any, _ visit: (String?, Any) -> Void, key: String? = nil) {
        visit(key, value)
        if let dict = value as? [String: Any] {
            for (k, v) in dict { walk(v, visit, key: k) }
        } else if let array = value as? [Any] {
            for v in array { walk(v, visit, key: key) }
        }
    }

    @Test func contextIsInlinedFromSchema() throws {
        let (context, _) = try Self.parsed()
        let file = KGExportResources.contextJSONLD.text
        let schema = try JSONSerialization.jsonObject(with: Data(file.utf8)) as? [String: Any]
        let expected = try #require(schema?["@context"] as? [String: Any])
        #expect(NSDictionary(dictionary: context).isEqual(to: expected))
    }

    @Test func contextDefinesEveryPredicateOfTheVocabulary() {
        for p in Vocabulary.builtIn.predicates {
            #expect(JSONLDContext.shared.terms[p.id] == KGNamespace.vocab + p.id, "\(p.id)")
        }
    }

    @Test func everyKeyIsDefinedInTheContext() throws {
        let (context, graph) = try Self.parsed()
        let prefixes = Set(KGNamespace.prefixes.map(\.prefix))
        var keys: Set<String> = []
        Self.walk(graph, { _, v in
            if let dict = v as? [String: Any] { keys.formUnion(dict.keys) }
        })
        for key in keys where !key.hasPrefix("@") {
            let defined = context[key] != nil
                || key.split(separator: ":", maxSplits: 1).first.map { prefixes.contains(String($0)) && key.contains(":") } == true
            #expect(defined, "key '\(key)' is not defined in the context and would vanish")
        }
        #expect(keys.contains("listedOn") && keys.contains("label") && keys.contains("wasDerivedFrom"))
    }

    @Test func languageTagsAreLowerCase() throws {
        let (_, graph) = try Self.parsed()
        var tags: Set<String> = []
        Self.walk(graph, { key, v in
            if key == "@language", let s = v as? String { tags.insert(s) }
        })
        #expect(tags == ["zh", "en"])
    }

    @Test func idsArePercentEncodedIRIs() throws {
        let (_, graph) = try Self.parsed()
        let forbidden = CharacterSet(charactersIn: " <>\"{}|^`\\\n\r\t")
        var count = 0
        Self.walk(graph, { key, v in
            guard key == "@id", let s = v as? String else { return }
            count += 1
            #expect(s.hasPrefix("https://"), "\(s)")
            #expect(s.rangeOfCharacter(from: forbidden) == nil, "@id '\(s)' would be dropped by JSON-LD processors")
        })
        #expect(count > 30)
    }

    @Test func numbersCarryAnExplicitDatatype() throws {
        let (_, graph) = try Self.parsed()
        var typed: [String: Int] = [:]
        Self.walk(graph, { key, v in
            #expect(!(v is NSNumber), "bare JSON number under '\(key ?? "")'")
            if let dict = v as? [String: Any], let type = dict["@type"] as? String, dict["@value"] != nil {
                typed[type, default: 0] += 1
            }
        })
        #expect(typed["xsd:integer", default: 0] > 0)
        #expect(typed["xsd:double", default: 0] > 0)
        #expect(typed["xsd:dateTime"] == 1)
    }

    @Test func entitiesComeFirstWithTypesLabelsAndTriples() throws {
        let (_, graph) = try Self.parsed()
        let first = graph[0]
        #expect(first["@id"] as? String == KGNamespace.entity + "lex%3A华进半导体")
        #expect(first["@type"] as? [String] == ["schema:Corporation", "kg:Company"])
        #expect((first["altLabel"] as? [String]) == ["华进", "NCAP"])
        #expect((first["listedOn"] as? [String: String])?["@id"] == KGNamespace.entity + "lex%3A科创板")
        let kinds = graph.map { ($0["@id"] as? String ?? "").replacingOccurrences(of: KGNamespace.base, with: "").prefix(while: { $0 != "/" }) }
        // entities, then statements and evidence, then documents
        #expect(kinds.prefix(11).allSatisfy { $0 == "entity" })
        #expect(kinds.suffix(2).allSatisfy { $0 == "document" })
    }

    @Test func provenanceKeepsQualifiersOffsetsAndDocuments() throws {
        let text = try exported(JSONLDExporter())
        #expect(text.contains("\"@type\": \"rdf:Statement\""))
        #expect(text.contains("\"role\": \"董事长\""))
        #expect(text.contains("\"status\": \"planned\""))
        #expect(text.contains("\"start\": {\"@value\": \"12\", \"@type\": \"xsd:integer\"}"))
        #expect(text.contains("\"@type\": \"schema:NewsArticle\""))
        #expect(text.contains("\"author\": [\"李四\", \"王五\"]"))
        #expect(text.contains("\"publisher\": \"无锡日报\""))
        // A date that is not ISO 8601 stays a plain string rather than a wrongly typed one.
        #expect(text.contains("\"datePublished\": \"2024年1月2日\""))
    }
}
