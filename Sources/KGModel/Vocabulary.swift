/// A predicate of kg's vocabulary (`schema/predicates.tsv`).
public struct PredicateInfo: Hashable, Sendable {
    public var id: String
    public var labelEn: String
    public var labelZh: String
    /// Entity types allowed as subject; a type also allows its subtypes.
    public var domain: [String]
    public var range: [String]
    public var inverse: String?
    public var symmetric: Bool
    /// The schema.org property it maps to (`schema:worksFor`), when one fits.
    public var schemaOrg: String?
    /// Typical Chinese wording, for documentation.
    public var triggers: String
}

/// An entity type of kg's vocabulary (`schema/types.tsv`).
public struct EntityTypeInfo: Hashable, Sendable {
    public var id: String
    public var parent: String?
    public var labelEn: String
    public var labelZh: String
    public var schemaOrg: String?
}

/// kg's predicates and entity types, read from the TSV files in `schema/`.
public struct Vocabulary: Sendable {
    public private(set) var predicates: [PredicateInfo] = []
    public private(set) var types: [EntityTypeInfo] = []
    private var predicateIndex: [String: Int] = [:]
    private var typeIndex: [String: Int] = [:]

    /// The vocabulary compiled into the binary.
    public static let builtIn: Vocabulary = {
        do {
            return try Vocabulary(
                predicatesTSV: KGModelResources.predicatesTSV.text, typesTSV: KGModelResources.typesTSV.text)
        } catch {
            fatalError("the built-in vocabulary does not parse: \(error)")
        }
    }()

    /// Parses the two TSV files; errors carry the file, line and column.
    public init(predicatesTSV: String, typesTSV: String) throws {
        for (line, cols) in Self.rows(typesTSV) {
            guard cols.count >= 5 else {
                throw Diagnostic(
                    "R020", "a type needs 5 tab-separated columns, found \(cols.count)",
                    at: SourceLocation(file: "schema/types.tsv", line: line, column: 1))
            }
            typeIndex[cols[0]] = types.count
            types.append(
                EntityTypeInfo(
                    id: cols[0], parent: Self.optional(cols[1]), labelEn: cols[2], labelZh: cols[3],
                    schemaOrg: Self.optional(cols[4])))
        }
        for (line, cols) in Self.rows(predicatesTSV) {
            guard cols.count >= 9 else {
                throw Diagnostic(
                    "R021", "a predicate needs 9 tab-separated columns, found \(cols.count)",
                    at: SourceLocation(file: "schema/predicates.tsv", line: line, column: 1))
            }
            let domain = cols[3].split(separator: "|").map(String.init)
            let range = cols[4].split(separator: "|").map(String.init)
            for type in domain + range where typeIndex[type] == nil {
                throw Diagnostic(
                    "R003", "unknown entity type '\(type)' in predicate '\(cols[0])'",
                    at: SourceLocation(file: "schema/predicates.tsv", line: line, column: 1),
                    hint: "types are listed in schema/types.tsv")
            }
            predicateIndex[cols[0]] = predicates.count
            predicates.append(
                PredicateInfo(
                    id: cols[0], labelEn: cols[1], labelZh: cols[2], domain: domain, range: range,
                    inverse: Self.optional(cols[5]), symmetric: cols[6] == "yes",
                    schemaOrg: Self.optional(cols[7]), triggers: cols[8]))
        }
    }

    public func predicate(_ id: String) -> PredicateInfo? {
        predicateIndex[id].map { predicates[$0] }
    }

    public func type(_ id: String) -> EntityTypeInfo? {
        typeIndex[id].map { types[$0] }
    }

    /// True when `type` is `ancestor` or one of its subtypes.
    public func isA(_ type: String, _ ancestor: String) -> Bool {
        var current: String? = type
        while let id = current {
            if id == ancestor { return true }
            current = self.type(id)?.parent
        }
        return false
    }

    /// The nearest schema.org class for a type, walking up to its parents.
    public func schemaOrgClass(of type: String) -> String? {
        var current: String? = type
        while let id = current, let info = self.type(id) {
            if let mapped = info.schemaOrg { return mapped }
            current = info.parent
        }
        return nil
    }

    private static func optional(_ cell: String) -> String? {
        cell == "-" || cell.isEmpty ? nil : cell
    }

    /// Non-comment, non-blank lines split at tabs, with their 1-based line numbers.
    private static func rows(_ text: String) -> [(Int, [String])] {
        var result: [(Int, [String])] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            result.append((number + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)))
        }
        return result
    }
}
