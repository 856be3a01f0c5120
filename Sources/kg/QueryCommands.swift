import ArgumentParser
import Foundation
import KGModel
import KGQuery
import KGStore

// The query commands: kg query, neighbors, path, entity, search, why. Each parses its
// arguments, calls GraphQuery (KGQuery) and prints a ResultTable; register them in KG's
// `subcommands`.
//
// Exit status: 0 something matched; 1 nothing matched (including a name no entity has, as grep
// does for no match); 2 the command failed (bad pattern, ambiguous name, unusable store).

extension OutputFormat: ExpressibleByArgument {}

/// `--format` and `--limit`, shared by the query commands.
struct QueryOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("table (aligned, for people), json (an array, one object a line), tsv or csv.", valueName: "format"))
    var format: OutputFormat = .table

    @Option(help: "The most rows printed.")
    var limit: Int = 1000

    @Option(help: ArgumentHelp("Stop the query after this many seconds (error Q009).", valueName: "seconds"))
    var timeout: Double = QueryOutputOptions.defaultTimeout

    /// Long enough for any bounded question on a large store; short enough that a pattern that
    /// asks for the square of the graph ends with an explanation rather than a hang.
    static let defaultTimeout = 30.0

    func validate() throws {
        try OptionBounds.check("--limit", limit, in: OptionBounds.rows)
        try OptionBounds.checkSeconds("--timeout", timeout)
    }

    /// Prints the table; throws exit status 1 when it is empty.
    func emit(_ table: ResultTable, truncated: Bool = false, nothing: String) throws {
        if table.isEmpty {
            if format == .json { print("[]") }
            Terminal.printError(nothing)
            throw ExitCode(ExitStatus.partial)
        }
        print(ResultFormatter.render(table, as: format), terminator: "")
        if truncated {
            Terminal.printError("note: more rows matched; showing the first \(limit) (raise --limit)")
        }
    }
}

/// Splits repeatable, comma-separated option values (`--predicates a,b --predicates c`).
private func commaSeparated(_ values: [String]) -> [String] {
    values.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == "，" }).map(String.init) }.filter { !$0.isEmpty }
}

extension ParsableCommand {
    /// Opens the store read side and runs `body`; an unknown name (Q011) exits 1 like "no
    /// match", other diagnostics exit 2.
    func runningQuery(_ store: StoreOptions, timeout: Double, _ body: (GraphQuery) throws -> Void) throws {
        try reportingDiagnostics {
            do {
                let query = GraphQuery(store: try store.openExisting())
                try query.withTimeLimit(timeout) { try body(query) }
            } catch let diagnostic as Diagnostic where diagnostic.code == .unknownName {
                Terminal.report(diagnostic)
                throw ExitCode(ExitStatus.partial)
            }
        }
    }
}

/// `kg query PATTERN`: triple patterns with variables.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Find what matches triple patterns with ?variables.",
        discussion: """
            A pattern is SUBJECT PREDICATE OBJECT; join several with " . ". Subjects and objects are \
            ?variables or entity names: a Chinese or English label, an alias, the pinyin of the \
            Chinese label (suzhougongyeyuanqu), a key or #id; quote names with spaces or colons. A \
            name several entities share is an error that lists them. \
            Predicates are ids (listedOn), Chinese labels (上市于) or alternatives (introduced|hosts), \
            or a ?variable. ?x:Type keeps entities of a type and its subtypes.

            Output: one column a variable, named without its "?", holding the entity's Chinese \
            label (or the predicate id).

            Examples:
              kg query '?c listedOn 港股18A'
              kg query '苏州工业园区 introduced ?x'
              kg query '?zone hosts ?c . ?c:Company listedOn ?board' --format json
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: QueryOutputOptions

    @Argument(help: ArgumentHelp("The pattern, quoted for the shell.", valueName: "pattern"))
    var pattern: String

    func run() throws {
        try runningQuery(store, timeout: output.timeout) { query in
            let matches = try query.query(pattern, limit: output.limit)
            try output.emit(matches.table, truncated: matches.truncated, nothing: "no match for \(pattern)")
        }
    }
}

/// `kg neighbors ENTITY`: the edges around an entity.
struct NeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors",
        abstract: "List the triples around an entity, in both directions.",
        discussion: """
            Output fields: depth (1 = the edge touches the entity), subject, predicate, object, \
            subject_type, object_type. Each triple is listed once, at its nearest depth.

            Examples:
              kg neighbors 苏州工业园区
              kg neighbors 信达生物 --depth 2 --predicates listedOn,introduced --types Company
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: QueryOutputOptions

    @Argument(help: ArgumentHelp("The entity: a label or alias.", valueName: "entity"))
    var entity: String

    @Option(help: "Hops to go out (1-6).")
    var depth: Int = 1

    @Option(help: ArgumentHelp("Follow only these predicates (comma-separated or repeated).", valueName: "ids"))
    var predicates: [String] = []

    @Option(help: ArgumentHelp("Step only onto entities of these types (with subtypes).", valueName: "types"))
    var types: [String] = []

    func validate() throws {
        try OptionBounds.check("--depth", depth, in: 1...GraphQuery.maxDepth)
    }

    func run() throws {
        try runningQuery(store, timeout: output.timeout) { query in
            let options = NeighborOptions(
                depth: depth, predicates: try query.predicateIDs(commaSeparated(predicates)),
                types: try query.typeIDs(commaSeparated(types)), limit: output.limit + 1)
            let edges = try query.neighbors(of: entity, options: options)
            try output.emit(
                Array(edges.prefix(output.limit)).table, truncated: edges.count > output.limit,
                nothing: "\(entity) has no neighbours within \(depth) hop(s)")
        }
    }
}

/// `kg path A B`: how two entities are linked.
struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Find the shortest path(s) between two entities, along edges in either direction.",
        discussion: """
            Output: one row a hop, fields path (1, 2, ... with --all), hop, from, predicate, \
            direction ("->" when the stored triple reads from → to, "<-" when it reads to → from), to.

            Examples:
              kg path 陈东 苏州工业园区
              kg path 陈东 苏州工业园区 --all --max-depth 5
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: QueryOutputOptions

    @Argument(help: ArgumentHelp("Where the path starts.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("Where it ends.", valueName: "to"))
    var to: String

    @Option(help: "The longest path looked for, in hops (1-6).")
    var maxDepth: Int = 4

    @Flag(help: "Every shortest path, not just one.")
    var all = false

    func validate() throws {
        try OptionBounds.check("--max-depth", maxDepth, in: 1...GraphQuery.maxDepth)
    }

    @Option(help: ArgumentHelp("Follow only these predicates (comma-separated or repeated).", valueName: "ids"))
    var predicates: [String] = []

    func run() throws {
        try runningQuery(store, timeout: output.timeout) { query in
            let options = PathOptions(
                maxDepth: maxDepth, all: all, predicates: try query.predicateIDs(commaSeparated(predicates)),
                limit: output.limit)
            let paths = try query.paths(from: from, to: to, options: options)
            try output.emit(paths.table, nothing: "no path of at most \(maxDepth) hops between \(from) and \(to)")
        }
    }
}

/// `kg entity NAME`: what the store knows about one entity.
struct EntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Show an entity: labels, aliases, type, degree and the documents mentioning it.",
        discussion: """
            Output: field/value rows: label_zh, label_en, type (with its parents), key, id, \
            aliases, out_degree, in_degree, then predicate_out / predicate_in counts and one \
            document row a document.

            Example:
              kg entity 信达生物
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: QueryOutputOptions

    @Argument(help: ArgumentHelp("A label, alias, key or #id.", valueName: "name"))
    var name: String

    func run() throws {
        try runningQuery(store, timeout: output.timeout) { query in
            try output.emit(try query.details(of: name).table, nothing: "")
        }
    }
}

/// `kg search TEXT`: find entities by part of a name.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find entities whose labels or aliases contain TEXT (one Chinese character is enough).",
        discussion: """
            Ranked: exact names first, then names starting with TEXT, then names containing it; \
            shorter names first. English ignores case; Latin TEXT also matches the start of a \
            label's pinyin (xinda finds 信达生物).

            Output fields: label_zh, label_en, type, matched (the name that matched), match \
            (exact, prefix or substring), key.

            Example:
              kg search 生物
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("table, json, tsv or csv.", valueName: "format"))
    var format: OutputFormat = .table

    @Option(help: "The most entities listed.")
    var limit: Int = 20

    @Option(help: ArgumentHelp("Stop the search after this many seconds (error Q009).", valueName: "seconds"))
    var timeout: Double = QueryOutputOptions.defaultTimeout

    @Argument(help: ArgumentHelp("Part of a name.", valueName: "text"))
    var text: String

    func validate() throws {
        try OptionBounds.check("--limit", limit, in: OptionBounds.rows)
        try OptionBounds.checkSeconds("--timeout", timeout)
    }

    func run() throws {
        try runningQuery(store, timeout: timeout) { query in
            var output = QueryOutputOptions()
            output.format = format
            output.limit = limit
            try output.emit(try query.search(text, limit: limit).table, nothing: "no entity name contains \(text)")
        }
    }
}

/// `kg why S P O`: the evidence behind a triple.
struct WhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Show the sentences behind a triple: document, sentence, spans and rule.",
        discussion: """
            PREDICATE may be ? for any predicate from SUBJECT to OBJECT.

            Output fields: subject, predicate, object, document, sentence_index, sentence, \
            subject_span, object_span, trigger_span (start-end in characters from the start of \
            the document), rule, rule_version, confidence, qualifiers.

            Example:
              kg why 信达生物 listedOn 港股18A
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: QueryOutputOptions

    @Argument(help: ArgumentHelp("The subject's name.", valueName: "subject"))
    var subject: String

    @Argument(help: ArgumentHelp("A predicate id or label, or ?.", valueName: "predicate"))
    var predicate: String

    @Argument(help: ArgumentHelp("The object's name.", valueName: "object"))
    var object: String

    func run() throws {
        try runningQuery(store, timeout: output.timeout) { query in
            let records = try query.why(subject: subject, predicate: predicate, object: object)
            try output.emit(
                Array(records.prefix(output.limit)).table, truncated: records.count > output.limit,
                nothing: "the store holds no triple \(subject) \(predicate) \(object)")
        }
    }
}
