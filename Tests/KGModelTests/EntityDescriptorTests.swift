import Foundation
import Testing

import KGModel

/// `EntityDescriptor` keeps its fields in one shared object copied on write; it must still behave
/// as the plain value it was: a copy changed leaves the original alone, and equality, hashing and
/// coding go by the fields.
@Suite struct EntityDescriptorTests {
    static let original = EntityDescriptor(
        key: .name(normalized: "星河科技"), type: "Company", labelZh: "星河科技", labelEn: "Xinghe Tech", aliases: ["星河"])

    @Test func changingACopyLeavesTheOriginalAlone() {
        var copy = Self.original
        copy.aliases.append("星河公司")
        copy.labelEn = nil
        copy.type = "Organization"
        #expect(Self.original.aliases == ["星河"])
        #expect(Self.original.labelEn == "Xinghe Tech")
        #expect(Self.original.type == "Company")
        #expect(copy.aliases == ["星河", "星河公司"])
        #expect(copy != Self.original)
    }

    @Test func equalFieldsAreEqualAndHashAlike() {
        let twin = EntityDescriptor(
            key: .name(normalized: "星河科技"), type: "Company", labelZh: "星河科技", labelEn: "Xinghe Tech", aliases: ["星河"])
        #expect(twin == Self.original)
        #expect(twin.hashValue == Self.original.hashValue)
        #expect(Set([twin, Self.original]).count == 1)
        var other = twin
        other.labelZh = "星河"
        #expect(other != Self.original)
    }

    @Test func codingRoundTripsWithTheFieldNames() throws {
        let data = try JSONEncoder().encode(Self.original)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["key", "type", "labelZh", "labelEn", "aliases"])
        #expect(try JSONDecoder().decode(EntityDescriptor.self, from: data) == Self.original)
        let unlabelled = EntityDescriptor(key: .lexicon("szse"), type: "Exchange", labelZh: "深交所")
        let keys = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(unlabelled)) as? [String: Any]).keys
        #expect(!keys.contains("labelEn"), "a missing English label is left out, as the derived coding did")
    }
}
