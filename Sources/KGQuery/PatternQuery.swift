import KGModel
import KGStore

/// A pattern compiled to one SQL statement, with its parameters.
public struct CompiledQuery: Hashable, Sendable {
    public var sql: String
    public var parameters: [SQLiteValue]
    /// The variables, in order of first appearance; the statement selects five entity columns
    /// (id, key, type, label_zh, label_en) for each entity variable and one for each predicate
    /// variable, in this order.
    public var variables: [PatternVariable]
}

/// A variable of a pattern and what it stands for.
public struct PatternVariable: Hashable, Sendable {
    public var name: String
    public var isPredicate: Bool
}

/// What a variable is bound to in one match.
public enum PatternBinding: Hashable, Sendable, CustomStringConvertible {
    case entity(EntityRef)
    case predicate(String)

    public var description: String {
        switch self {
        case .entity(let e): return e.labelZh
        case .predicate(let p): return p
        }
    }
}

/// The matches of a pattern.
public struct PatternMatches: Hashable, Sendable {
    public var variables: [PatternVariable]
    /// One row a distinct match, values in the order of `variables`.
    public var rows: [[PatternBinding]]
    /// True when more rows matched than the limit allowed.
    public var truncated: Bool

    /// One column a variable (named without its `?`), holding the entity's Chinese label or
    /// the predicate id.
    public var table: ResultTable {
        ResultTable(
            columns: variables.map(\.name),
            rows: rows.map { $0.map { .text($0.description) } })
    }
}

extension GraphQuery {
    /// Parses and runs a pattern, returning up to `limit` distinct matches ordered by the
    /// variables' labels.
    public func query(_ text: String, limit: Int = 1000) throws -> PatternMatches {
        let pattern = try PatternParser(vocabulary: vocabulary).parse(text)
        let compiled = try compile(pattern, limit: limit + 1)
        var rows: [[PatternBinding]] = []
        try checked {
            try connection.prepareUncached(compiled.sql).forEachRow(compiled.parameters) { row in
                var offset = 0
                var values: [PatternBinding] = []
                for variable in compiled.variables {
                    if variable.isPredicate {
                        values.append(.predicate(row.string(at: offset)))
                        offset += 1
                    } else {
                        values.append(.entity(Self.entity(row, at: offset)))
                        offset += 5
                    }
                }
                rows.append(values)
            }
        }
        let truncated = rows.count > limit
        return PatternMatches(variables: compiled.variables, rows: Array(rows.prefix(limit)), truncated: truncated)
    }

    /// The most triple patterns a query may join. Each is one `triples` table in the join and
    /// each entity variable one `entities` table, and SQLite refuses a join of more than 64
    /// tables (<https://www.sqlite.org/limits.html>); long before that, a pattern this long is a
    /// mistake or an attack rather than a question.
    public static let maxTriplePatterns = 16
    /// SQLite's limit on tables in one join.
    static let maxJoinedTables = 64

    /// Throws `Q008` when `pattern` is too long to run, before any name is resolved or SQL built.
    static func checkSize(_ pattern: Pattern) throws {
        var entityVariables = Set<String>()
        for triple in pattern.triples {
            for term in [triple.subject, triple.object] {
                if case .variable(let name) = term.kind { entityVariables.insert(name) }
            }
        }
        let tables = pattern.triples.count + entityVariables.count
        guard pattern.triples.count > maxTriplePatterns || tables > maxJoinedTables else { return }
        throw Diagnostic(
            .patternTooLarge,
            "the pattern joins \(pattern.triples.count) triple patterns; a query holds at most \(maxTriplePatterns)",
            at: SourceLocation(file: "<pattern>", line: 1, column: 1),
            hint: "split the question into shorter patterns, or name entities instead of ?variables")
    }

    /// Compiles a pattern to SQL: one `triples` alias per triple pattern joined on shared
    /// variables, constants resolved to entity ids first so every join starts from an index
    /// (`UNIQUE(subject, predicate, object)`, `triples_pos`, `triples_osp`).
    ///
    /// A symmetric predicate (`cooperatesWith`) is stored one way round but holds both ways:
    /// a triple pattern that can match one is also compiled with subject and object swapped,
    /// and the variants are combined with `UNION`, each still an indexed join.
    ///
    /// Throws `Q010`/`Q011` for names that are ambiguous or unknown, `Q006` for a variable used
    /// both as an entity and as a predicate, `Q007` for a pattern without variables.
    public func compile(_ pattern: Pattern, limit: Int) throws -> CompiledQuery {
        let sourceLine = pattern.source.replacingNewlines()
        func location(_ column: Int) -> SourceLocation { SourceLocation(file: "<pattern>", line: 1, column: column) }
        try Self.checkSize(pattern)

        // Variables in order of first appearance, checked for consistent use; names resolved once.
        var variables: [PatternVariable] = []
        var firstColumn: [String: Int] = [:]
        var typeConstraints: [String: Set<String>] = [:]
        var entities: [Int: Int64] = [:]  // column of a name → entity id
        func note(_ name: String, isPredicate: Bool, at column: Int) throws {
            if let existing = variables.first(where: { $0.name == name }) {
                if existing.isPredicate != isPredicate {
                    throw Diagnostic(
                        .variableRoleConflict, "?\(name) is used as a predicate and as an entity", at: location(column),
                        sourceLine: sourceLine,
                        hint: "first used at column \(firstColumn[name] ?? 0); give one of them another name")
                }
            } else {
                variables.append(PatternVariable(name: name, isPredicate: isPredicate))
                firstColumn[name] = column
            }
        }
        func note(_ term: PatternTerm) throws {
            switch term.kind {
            case .variable(let name):
                try note(name, isPredicate: false, at: term.column)
                if !term.types.isEmpty {
                    let allowed = Set(expand(types: term.types))
                    typeConstraints[name] = typeConstraints[name].map { $0.intersection(allowed) } ?? allowed
                }
            case .name(let name):
                entities[term.column] =
                    try resolve(name, types: term.types, location: location(term.column), sourceLine: sourceLine).id
            }
        }
        for triple in pattern.triples {
            try note(triple.subject)
            if case .variable(let name) = triple.predicate.kind {
                try note(name, isPredicate: true, at: triple.predicate.column)
            }
            try note(triple.object)
        }
        guard !variables.isEmpty else {
            throw Diagnostic(
                .noVariable, "the pattern has no ?variable, so there is nothing to list", at: location(1),
                sourceLine: sourceLine,
                hint: "to check one triple and see its evidence, use kg why SUBJECT PREDICATE OBJECT")
        }

        // Each triple pattern as stored, plus swapped when it can match a symmetric predicate.
        let symmetric = Set(vocabulary.predicates.filter(\.symmetric).map(\.id))
        var variants: [[(triple: TriplePattern, only: [String]?)]] = [[]]
        for triple in pattern.triples {
            var choices: [(triple: TriplePattern, only: [String]?)] = [(triple, nil)]
            let swappable: [String]
            switch triple.predicate.kind {
            case .variable: swappable = symmetric.sorted()
            case .predicates(let ids): swappable = ids.filter { symmetric.contains($0) }
            }
            // Beyond 16 variants the pattern is matched as stored only: rare, and bounded.
            if !swappable.isEmpty && variants.count < 16 {
                var swapped = triple
                swap(&swapped.subject, &swapped.object)
                choices.append((swapped, swappable))
            }
            variants = variants.flatMap { prefix in choices.map { prefix + [$0] } }
        }

        var selects: [String] = []
        var parameters: [SQLiteValue] = []
        for variant in variants {
            var tables: [String] = []
            var conditions: [String] = []
            var bindings: [String: String] = [:]  // variable → the column that first bound it
            func bind(_ name: String, _ expression: String) {
                if let first = bindings[name] {
                    conditions.append("\(expression) = \(first)")
                } else {
                    bindings[name] = expression
                }
            }
            func term(_ term: PatternTerm, _ expression: String) {
                switch term.kind {
                case .variable(let name):
                    bind(name, expression)
                case .name:
                    conditions.append("\(expression) = ?")
                    parameters.append(.integer(entities[term.column]!))
                }
            }
            func predicateList(_ t: String, _ ids: [String], indexed: Bool = true) {
                // A leading + keeps SQLite from choosing an index for the term.
                let column = indexed ? "\(t).predicate" : "+\(t).predicate"
                conditions.append(
                    ids.count == 1 ? "\(column) = ?" : "\(column) IN (\(ids.map { _ in "?" }.joined(separator: ", ")))")
                parameters += ids.map { .text($0) }
            }
            for (i, item) in variant.enumerated() {
                let t = "t\(i)"
                tables.append("triples \(t)")
                term(item.triple.subject, "\(t).subject")
                switch item.triple.predicate.kind {
                case .variable(let name):
                    bind(name, "\(t).predicate")
                    // The swapped variant of `?s ?p ?o` only filters on the symmetric
                    // predicates: the join should run as in the stored variant, not start from
                    // every triple of those predicates.
                    if let only = item.only { predicateList(t, only, indexed: false) }
                case .predicates(let ids):
                    predicateList(t, item.only ?? ids)
                }
                term(item.triple.object, "\(t).object")
            }
            var selected: [String] = []
            for (n, variable) in variables.enumerated() {
                let column = bindings[variable.name]!
                if variable.isPredicate {
                    selected.append(column)
                    continue
                }
                let e = "v\(n)"
                tables.append("entities \(e)")
                conditions.append("\(e).id = \(column)")
                if let allowed = typeConstraints[variable.name] {
                    let sorted = allowed.sorted()
                    conditions.append(
                        sorted.isEmpty ? "0" : "\(e).type IN (\(sorted.map { _ in "?" }.joined(separator: ", ")))")
                    parameters += sorted.map { .text($0) }
                }
                selected += ["\(e).id", "\(e).key", "\(e).type", "\(e).label_zh", "\(e).label_en"]
            }
            selects.append(
                """
                SELECT DISTINCT \(selected.joined(separator: ", "))
                FROM \(tables.joined(separator: ", "))
                WHERE \(conditions.isEmpty ? "1" : conditions.joined(separator: "\n  AND "))
                """)
        }

        // Result columns by position: an entity's label (then its id), a predicate's id.
        var order: [String] = []
        var position = 1
        for variable in variables {
            if variable.isPredicate {
                order.append("\(position)")
                position += 1
            } else {
                order += ["\(position + 3)", "\(position)"]
                position += 5
            }
        }
        let sql = selects.joined(separator: "\nUNION\n") + "\nORDER BY \(order.joined(separator: ", "))\nLIMIT ?"
        parameters.append(.integer(Int64(limit)))
        return CompiledQuery(sql: sql, parameters: parameters, variables: variables)
    }
}
