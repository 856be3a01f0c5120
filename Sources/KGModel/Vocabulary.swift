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
    /// Each type's ancestors, nearest first: `isA` is asked hundreds of thousands of times a
    /// build, and walking `type(_:)` copied every type on the way.
    private var ancestors: [String: [String]] = [:]

    /// The vocabulary compiled into the binary.
    public static let builtIn: Vocabulary = {
        do {
            return try Vocabulary(
                predicatesTSV: KGModelResources.predicatesTSV.text, typesTSV: KGModelResources.typesTSV.text)
        } catch {
            fatalError("the built-in vocabulary does not parse: \(error)")
        }
    }()

    /// Parses the two TSV files. Every problem in them is thrown at once, as a `DiagnosticList`
    /// whose diagnostics carry the file, line and column; bad rows are skipped so that the rows
    /// after them are still checked.
    public init(predicatesTSV: String, typesTSV: String) throws {
        let typesFile = "schema/types.tsv", predicatesFile = "schema/predicates.tsv"
        var problems = DiagnosticList()
        for row in Self.rows(typesTSV) {
            let cols = row.cells
            guard cols.count >= 5 else {
                problems.append(
                    Diagnostic(
                        .typeRowColumns, "a type needs 5 tab-separated columns, found \(cols.count)",
                        at: row.location(typesFile, cell: 0), sourceLine: row.text))
                continue
            }
            typeIndex[cols[0]] = types.count
            types.append(
                EntityTypeInfo(
                    id: cols[0], parent: Self.optional(cols[1]), labelEn: cols[2], labelZh: cols[3],
                    schemaOrg: Self.optional(cols[4])))
        }
        for row in Self.rows(predicatesTSV) {
            let cols = row.cells
            guard cols.count >= 9 else {
                problems.append(
                    Diagnostic(
                        .predicateRowColumns, "a predicate needs 9 tab-separated columns, found \(cols.count)",
                        at: row.location(predicatesFile, cell: 0), sourceLine: row.text))
                continue
            }
            let domain = cols[3].split(separator: "|").map(String.init)
            let range = cols[4].split(separator: "|").map(String.init)
            var known = true
            for (cell, types) in [(3, domain), (4, range)] {
                for type in types where typeIndex[type] == nil {
                    known = false
                    problems.append(
                        Diagnostic(
                            .unknownEntityType, "unknown entity type '\(type)' in predicate '\(cols[0])'",
                            at: row.location(predicatesFile, cell: cell), sourceLine: row.text,
                            hint: "types are listed in schema/types.tsv"))
                }
            }
            guard known else { continue }
            predicateIndex[cols[0]] = predicates.count
            predicates.append(
                PredicateInfo(
                    id: cols[0], labelEn: cols[1], labelZh: cols[2], domain: domain, range: range,
                    inverse: Self.optional(cols[5]), symmetric: cols[6] == "yes",
                    schemaOrg: Self.optional(cols[7]), triggers: cols[8]))
        }
        if problems.hasErrors { throw problems }
        for info in types {
            var chain: [String] = []
            var current = info.parent
            // A cycle in types.tsv would make the walk endless; it stops at a repeat.
            while let id = current, id != info.id, !chain.contains(id) {
                chain.append(id)
                current = type(id)?.parent
            }
            ancestors[info.id] = chain
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
        type == ancestor || ancestors[type]?.contains(ancestor) == true
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

    /// A non-comment, non-blank line split at tabs.
    private struct Row {
        /// 1-based.
        var line: Int
        var text: String
        var cells: [String]

        /// Where cell `index` starts, its column counted in characters from 1 as carets count.
        func location(_ file: String, cell index: Int) -> SourceLocation {
            let column = cells.prefix(index).reduce(1) { $0 + $1.unicodeScalars.count + 1 }
            return SourceLocation(file: file, line: line, column: column)
        }
    }

    private static func rows(_ text: String) -> [Row] {
        var result: [Row] = []
        for (number, line) in text.textLines().enumerated() {
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            result.append(Row(line: number + 1, text: String(line), cells: cells))
        }
        return result
    }
}
