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

    /// Compiles a pattern to SQL: one `triples` alias per triple pattern joined on shared
    /// variables, constants resolved to entity ids first so every join starts from an index
    /// (`UNIQUE(subject, predicate, object)`, `triples_pos`, `triples_osp`).
    ///
    /// Throws `Q010`/`Q011` for names that are ambiguous or unknown, `Q006` for a variable used
    /// both as an entity and as a predicate, `Q007` for a pattern without variables.
    public func compile(_ pattern: Pattern, limit: Int) throws -> CompiledQuery {
        var tables: [String] = []
        var conditions: [String] = []
        var parameters: [SQLiteValue] = []
        var variables: [PatternVariable] = []
        var bindings: [String: String] = [:]  // variable → the column that first bound it
        var typeConstraints: [String: Set<String>] = [:]
        var firstColumn: [String: Int] = [:]

        func location(_ column: Int) -> SourceLocation { SourceLocation(file: "<pattern>", line: 1, column: column) }
        let sourceLine = pattern.source.replacingNewlines()

        func bind(_ name: String, isPredicate: Bool, column expression: String, at column: Int) throws {
            if let existing = variables.first(where: { $0.name == name }) {
                if existing.isPredicate != isPredicate {
                    throw Diagnostic(
                        "Q006", "?\(name) is used as a predicate and as an entity", at: location(column),
                        sourceLine: sourceLine, hint: "first used at column \(firstColumn[name] ?? 0); give one of them another name")
                }
                conditions.append("\(expression) = \(bindings[name]!)")
            } else {
                variables.append(PatternVariable(name: name, isPredicate: isPredicate))
                bindings[name] = expression
                firstColumn[name] = column
            }
        }

        func term(_ term: PatternTerm, column expression: String) throws {
            switch term.kind {
            case .variable(let name):
                try bind(name, isPredicate: false, column: expression, at: term.column)
                if !term.types.isEmpty {
                    let allowed = Set(expand(types: term.types))
                    typeConstraints[name] = typeConstraints[name].map { $0.intersection(allowed) } ?? allowed
                }
            case .name(let name):
                let entity = try resolve(name, types: term.types, location: location(term.column), sourceLine: sourceLine)
                conditions.append("\(expression) = ?")
                parameters.append(.integer(entity.id))
            }
        }

        for (i, triple) in pattern.triples.enumerated() {
            let t = "t\(i)"
            tables.append("triples \(t)")
            try term(triple.subject, column: "\(t).subject")
            switch triple.predicate.kind {
            case .variable(let name):
                try bind(name, isPredicate: true, column: "\(t).predicate", at: triple.predicate.column)
            case .predicates(let ids):
                if ids.count == 1 {
                    conditions.append("\(t).predicate = ?")
                } else {
                    conditions.append("\(t).predicate IN (\(ids.map { _ in "?" }.joined(separator: ", ")))")
                }
                parameters += ids.map { .text($0) }
            }
            try term(triple.object, column: "\(t).object")
        }
        guard !variables.isEmpty else {
            throw Diagnostic(
                "Q007", "the pattern has no ?variable, so there is nothing to list", at: location(1),
                sourceLine: sourceLine, hint: "to check one triple and see its evidence, use kg why SUBJECT PREDICATE OBJECT")
        }

        var selected: [String] = []
        var order: [String] = []
        for (n, variable) in variables.enumerated() {
            let column = bindings[variable.name]!
            if variable.isPredicate {
                selected.append(column)
                order.append(column)
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
            order += ["\(e).label_zh", "\(e).id"]
        }
        let sql = """
            SELECT DISTINCT \(selected.joined(separator: ", "))
            FROM \(tables.joined(separator: ", "))
            WHERE \(conditions.isEmpty ? "1" : conditions.joined(separator: "\n  AND "))
            ORDER BY \(order.joined(separator: ", "))
            LIMIT ?
            """
        parameters.append(.integer(Int64(limit)))
        return CompiledQuery(sql: sql, parameters: parameters, variables: variables)
    }
}
