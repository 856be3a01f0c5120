import Foundation
import KGModel
import KGText

/// One entry of the lexicon: a thing kg knows by name (an exchange, a place, a university…) or a
/// post (董事长), with every surface form it is written as.
public struct LexiconEntry: Hashable, Sendable {
    /// Canonical id, unique in the lexicon; the entity key is `lex:<id>`.
    public var id: String
    /// Entity type id from `schema/types.tsv`, or `Post` for a post.
    public var type: String
    /// The Chinese label (the entity's name in the graph).
    public var labelZh: String
    /// The English label, when the lexicon gives one.
    public var labelEn: String?
    /// The strings matched in text (normalised before matching).
    public var surfaces: [String]
    /// Further names stored with the entity but not matched in text (abbreviations, old names).
    public var aliases: [String]
    /// The id of the entry this one lies in or belongs to (a city's province), when known.
    public var parent: String?

    /// An entry; `surfaces` are matched in text, `aliases` only stored.
    public init(
        id: String, type: String, labelZh: String, labelEn: String? = nil, surfaces: [String],
        aliases: [String] = [], parent: String? = nil
    ) {
        self.id = id
        self.type = type
        self.labelZh = labelZh
        self.labelEn = labelEn
        self.surfaces = surfaces
        self.aliases = aliases
        self.parent = parent
    }

    /// The canonical entity key, `lex:<id>`.
    public var key: EntityKey { .lexicon(id) }

    /// True for a post (董事长, 书记) rather than an entity.
    public var isPost: Bool { type == EntityTypeID.post }

    /// The entity as extraction passes it on; every surface form but the label becomes an alias.
    public var descriptor: EntityDescriptor {
        var names: [String] = []
        for name in surfaces + aliases where name != labelZh && !names.contains(name) {
            names.append(name)
        }
        return EntityDescriptor(key: key, type: type, labelZh: labelZh, labelEn: labelEn, aliases: names)
    }
}

/// The names kg knows: built-in files in `schema/lexicon/` plus user files (`--lexicon FILE`).
///
/// File format (tab-separated, `#` starts a comment line, `-` for an empty cell, `|` between
/// several values):
///
///     surfaces	id	type	zh label	en label	aliases	parent
///     上海证券交易所|上交所	sse	Exchange	上海证券交易所	Shanghai Stock Exchange	SSE	-
///
/// The parent column is optional. Type `Post` marks a post (董事长); posts are matched like names
/// and give `post` mentions.
public struct Lexicon: Sendable {

    /// Every entry in the order first added.
    public private(set) var entries: [LexiconEntry] = []
    private var index: [String: Int] = [:]

    /// An empty lexicon, or one made of the given entries (later entries with the same id are
    /// merged into earlier ones).
    public init(entries: [LexiconEntry] = []) {
        for entry in entries { add(entry) }
    }

    /// The lexicon compiled into the binary: every `schema/lexicon/*.tsv` file.
    public static let builtIn: Lexicon = {
        var lexicon = Lexicon()
        var problems: [Diagnostic] = []
        for file in KGExtractResources.lexiconFiles {
            let (part, diagnostics) = parse(file.text, file: file.path)
            problems += diagnostics.filter { $0.severity == .error }
            lexicon.merge(part)
        }
        precondition(problems.isEmpty, "the built-in lexicon does not parse: \(problems)")
        return lexicon
    }()

    /// The entry with this id.
    public func entry(id: String) -> LexiconEntry? {
        index[id].map { entries[$0] }
    }

    /// The posts (rows of type `Post`).
    public var posts: [LexiconEntry] { entries.filter(\.isPost) }

    /// Adds an entry; an entry whose id is already present adds its surface forms and aliases and
    /// replaces the labels, type and parent it gives.
    public mutating func add(_ entry: LexiconEntry) {
        guard let i = index[entry.id] else {
            index[entry.id] = entries.count
            entries.append(entry)
            return
        }
        var merged = entries[i]
        merged.type = entry.type
        merged.labelZh = entry.labelZh
        merged.labelEn = entry.labelEn ?? merged.labelEn
        merged.parent = entry.parent ?? merged.parent
        for s in entry.surfaces where !merged.surfaces.contains(s) { merged.surfaces.append(s) }
        for a in entry.aliases where !merged.aliases.contains(a) { merged.aliases.append(a) }
        entries[i] = merged
    }

    /// Adds every entry of `other` (see `add`).
    public mutating func merge(_ other: Lexicon) {
        for entry in other.entries { add(entry) }
    }

    /// This lexicon with `other`'s entries added.
    public func merging(_ other: Lexicon) -> Lexicon {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// Reads a user lexicon file; throws every problem found at once.
    public static func load(file path: String, vocabulary: Vocabulary = .builtIn) throws -> Lexicon {
        let text: String
        switch InputFiles.readDocument(path) {
        case .failure(let error):
            throw DiagnosticList([
                Diagnostic(
                    .lexiconUnreadable, "cannot read lexicon file: \(error.reason)",
                    at: SourceLocation(file: path), hint: "give a UTF-8 TSV file (see schema/lexicon/README.md)")
            ])
        case .success(let bytes):
            if let bad = TextDecoding.firstInvalidUTF8(bytes[...]) {
                let (location, line) = TextDecoding.location(ofByte: bad, in: bytes, file: path)
                throw DiagnosticList([
                    Diagnostic(
                        .lexiconUnreadable, "not valid UTF-8 at byte \(bad)", at: location, sourceLine: line,
                        hint: "save the file as UTF-8 (for example `iconv -f GB18030 -t UTF-8`)")
                ])
            }
            let decoded = String(decoding: bytes, as: UTF8.self)
            // A byte-order mark (Windows editors write one) is no part of the first surface form.
            text = decoded.hasPrefix("\u{FEFF}") ? String(decoded.dropFirst()) : decoded
        }
        let (lexicon, parsed) = parse(text, file: path, vocabulary: vocabulary)
        var diagnostics = parsed
        for entry in lexicon.entries {
            if let parent = entry.parent, lexicon.entry(id: parent) == nil, builtIn.entry(id: parent) == nil {
                diagnostics.append(
                    Diagnostic(
                        .lexiconUnknownParent, "entry '\(entry.id)' names an unknown parent '\(parent)'", severity: .warning,
                        at: SourceLocation(file: path), hint: "a parent is an id of this file or of the built-in lexicon"))
            }
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticList(diagnostics) }
        return lexicon
    }

    /// Parses lexicon text; bad rows are skipped and reported as diagnostics with
    /// `file:line:col`, good rows are kept.
    public static func parse(
        _ text: String, file: String, vocabulary: Vocabulary = .builtIn
    ) -> (Lexicon, [Diagnostic]) {
        var lexicon = Lexicon()
        var diagnostics: [Diagnostic] = []
        var lineNumber = 0
        for rawLine in text.textLines() {
            lineNumber += 1
            let line = String(rawLine)
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            // Column of each cell, counted in characters from 1, for the caret.
            var columns: [Int] = []
            var column = 1
            for cell in cells {
                columns.append(column)
                column += cell.unicodeScalars.count + 1
            }
            func problem(_ code: DiagnosticCode, _ cell: Int, _ message: String, hint: String? = nil) {
                diagnostics.append(
                    Diagnostic(
                        code, message,
                        at: SourceLocation(file: file, line: lineNumber, column: columns[min(cell, columns.count - 1)]),
                        sourceLine: line, hint: hint))
            }
            guard cells.count == 6 || cells.count == 7 else {
                problem(
                    .lexiconRowColumns, 0, "a lexicon row needs 6 or 7 tab-separated columns, found \(cells.count)",
                    hint: "columns: surfaces, id, type, zh label, en label, aliases, [parent]; write - for an empty cell")
                continue
            }
            let surfaces = splitList(cells[0])
            let id = cells[1].trimmingCharacters(in: .whitespaces)
            let type = cells[2].trimmingCharacters(in: .whitespaces)
            if surfaces.isEmpty {
                problem(.lexiconRowWithoutSurface, 0, "a lexicon row needs at least one surface form", hint: "separate several with |")
                continue
            }
            if id.isEmpty || id == "-" || id.contains(where: \.isWhitespace) {
                problem(.lexiconBadID, 1, "a lexicon row needs an id without spaces, found '\(cells[1])'")
                continue
            }
            if type != EntityTypeID.post && vocabulary.type(type) == nil {
                let known = vocabulary.types.map(\.id).joined(separator: ", ")
                problem(
                    .lexiconUnknownType, 2, "unknown entity type '\(type)'",
                    hint: "use one of \(known) or \(EntityTypeID.post) (schema/types.tsv)")
                continue
            }
            if let existing = lexicon.entry(id: id), existing.type != type {
                problem(
                    .lexiconIDTypeConflict, 1, "id '\(id)' is already used for type \(existing.type), not \(type)",
                    hint: "give this row its own id")
                continue
            }
            let labelZh = optional(cells[3]) ?? surfaces[0]
            let parent = cells.count == 7 ? optional(cells[6]) : nil
            lexicon.add(
                LexiconEntry(
                    id: id, type: type, labelZh: labelZh, labelEn: optional(cells[4]), surfaces: surfaces,
                    aliases: splitList(cells[5]), parent: parent))
        }
        return (lexicon, diagnostics)
    }

    private static func optional(_ cell: String) -> String? {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed == "-" ? nil : trimmed
    }

    private static func splitList(_ cell: String) -> [String] {
        cell.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "-" }
    }
}
