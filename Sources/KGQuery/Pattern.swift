import KGModel

/// A parsed query pattern: triple patterns that must all match, joined by `.`.
///
/// Grammar (whitespace separates tokens; columns count characters from 1):
///
///     pattern    = triple { "." triple } [ "." ]
///     triple     = term predicate term
///     term       = ( variable | name ) [ ":" type { "|" type } ]
///     predicate  = variable | word { "|" word }
///     variable   = "?" word
///     name       = word | '"' any text '"' | '“' any text '”'
///
/// A word runs to the next space, `:`, `|` or `。`; a `.` ends a triple when it stands alone or
/// ends a word. Quote a name that holds a space or a colon or ends in a full stop
/// (`"F-Prime Capital"`, `"lex:sip"`). Names resolve as in `GraphQuery.resolve`. Predicates are
/// vocabulary ids (`listedOn`), Chinese labels (`上市于`) or English labels; a type includes its
/// subtypes (`?x:Organization` matches companies).
public struct Pattern: Hashable, Sendable {
    public var triples: [TriplePattern]
    /// The pattern text, for error carets.
    public var source: String
}

/// `subject predicate object`, each a variable or a constant.
public struct TriplePattern: Hashable, Sendable {
    public var subject: PatternTerm
    public var predicate: PredicatePattern
    public var object: PatternTerm
}

/// A subject or object: a variable or an entity name, with optional type constraints.
public struct PatternTerm: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case variable(String)
        case name(String)
    }
    public var kind: Kind
    /// Type ids as written (checked against the vocabulary by the parser).
    public var types: [String]
    /// 1-based column of the term's first character.
    public var column: Int
}

/// A predicate position: alternatives of vocabulary predicates, or a variable.
public struct PredicatePattern: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case variable(String)
        case predicates([String])
    }
    public var kind: Kind
    public var column: Int
}

/// Reads patterns, reporting errors as `Q0xx` diagnostics located at the offending column.
public struct PatternParser {
    let vocabulary: Vocabulary
    /// The file name shown in diagnostics.
    let origin: String

    public init(vocabulary: Vocabulary, origin: String = "<pattern>") {
        self.vocabulary = vocabulary
        self.origin = origin
    }

    enum TokenKind: Equatable {
        case word(String)
        case quoted(String)
        case variable(String)
        case colon, bar, dot
    }

    struct Token {
        var kind: TokenKind
        var column: Int
    }

    func error(_ code: DiagnosticCode, _ message: String, column: Int, source: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(
            code, message, at: SourceLocation(file: origin, line: 1, column: column),
            sourceLine: source.replacingNewlines(), hint: hint)
    }

    func tokenize(_ source: String) throws -> [Token] {
        let scalars = Array(source.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
        func endsWord(_ c: Unicode.Scalar) -> Bool {
            isSpace(c) || c == ":" || c == "|" || c == "。" || c == "\"" || c == "“"
        }
        while i < scalars.count {
            let c = scalars[i]
            let column = i + 1
            if isSpace(c) {
                i += 1
            } else if c == ":" || c == "：" {
                tokens.append(Token(kind: .colon, column: column))
                i += 1
            } else if c == "|" || c == "｜" {
                tokens.append(Token(kind: .bar, column: column))
                i += 1
            } else if c == "." || c == "。" {
                tokens.append(Token(kind: .dot, column: column))
                i += 1
            } else if c == "\"" || c == "“" {
                let close: Unicode.Scalar = c == "\"" ? "\"" : "”"
                var j = i + 1
                while j < scalars.count && scalars[j] != close { j += 1 }
                guard j < scalars.count else {
                    throw error(
                        .unclosedQuote, "this quote is never closed", column: column, source: source,
                        hint: "end the name with \(close)")
                }
                tokens.append(Token(kind: .quoted(String(String.UnicodeScalarView(scalars[(i + 1)..<j]))), column: column))
                i = j + 1
            } else {
                var j = i
                while j < scalars.count && !endsWord(scalars[j]) && scalars[j] != "：" && scalars[j] != "｜" { j += 1 }
                // A trailing full stop ends the triple, not the word.
                var end = j
                if end > i + 1 && scalars[end - 1] == "." { end -= 1 }
                let text = String(String.UnicodeScalarView(scalars[i..<end]))
                if c == "?" || c == "？" {
                    let name = String(text.unicodeScalars.dropFirst())
                    guard !name.isEmpty, !name.contains(".") else {
                        throw error(
                            .querySyntax, "a variable needs a name after '?'", column: column, source: source,
                            hint: "for example ?company")
                    }
                    tokens.append(Token(kind: .variable(name), column: column))
                } else {
                    tokens.append(Token(kind: .word(text), column: column))
                }
                if end < j { tokens.append(Token(kind: .dot, column: end + 1)) }
                i = j
            }
        }
        return tokens
    }

    /// Parses `source`; the first error stops parsing (a pattern is one line, so the caret
    /// shows exactly where to look).
    public func parse(_ source: String) throws -> Pattern {
        let tokens = try tokenize(source)
        let end = source.unicodeScalars.count + 1
        guard !tokens.isEmpty else {
            throw error(
                .emptyPattern, "the pattern is empty", column: 1, source: source,
                hint: "write subject predicate object, for example '?c listedOn 港股18A'")
        }
        var position = 0
        func peek() -> Token? { position < tokens.count ? tokens[position] : nil }
        func describe(_ token: Token?) -> String {
            guard let token else { return "the end of the pattern" }
            switch token.kind {
            case .word(let w): return "'\(w)'"
            case .quoted(let w): return "\"\(w)\""
            case .variable(let v): return "?\(v)"
            case .colon: return "':'"
            case .bar: return "'|'"
            case .dot: return "'.'"
            }
        }
        func expected(_ what: String) -> Diagnostic {
            let token = peek()
            return error(
                .querySyntax, "expected \(what), found \(describe(token))", column: token?.column ?? end, source: source,
                hint: "a pattern is subject predicate object, with . between patterns")
        }
        func parseTypes() throws -> [String] {
            guard peek()?.kind == .colon else { return [] }
            position += 1
            var types: [String] = []
            repeat {
                if !types.isEmpty { position += 1 }
                guard let token = peek(), case .word(let word) = token.kind else { throw expected("a type after ':'") }
                guard let type = vocabulary.type(word) ?? vocabulary.types.first(where: { $0.labelZh == word }) else {
                    throw error(
                        .queryUnknownType, "unknown entity type '\(word)'", column: token.column, source: source,
                        hint: "types: " + vocabulary.types.map(\.id).joined(separator: ", "))
                }
                types.append(type.id)
                position += 1
            } while peek()?.kind == .bar
            return types
        }
        func parseTerm(_ role: String) throws -> PatternTerm {
            guard let token = peek() else { throw expected("\(role == "object" ? "an" : "a") \(role) (a ?variable or a name)") }
            let kind: PatternTerm.Kind
            switch token.kind {
            case .variable(let v): kind = .variable(v)
            case .word(let w): kind = .name(w)
            case .quoted(let w): kind = .name(w)
            default: throw expected("\(role == "object" ? "an" : "a") \(role) (a ?variable or a name)")
            }
            position += 1
            return PatternTerm(kind: kind, types: try parseTypes(), column: token.column)
        }
        func parsePredicate() throws -> PredicatePattern {
            guard let token = peek() else { throw expected("a predicate") }
            switch token.kind {
            case .variable(let v):
                position += 1
                return PredicatePattern(kind: .variable(v), column: token.column)
            case .word, .quoted:
                var ids: [String] = []
                repeat {
                    if !ids.isEmpty { position += 1 }
                    guard let item = peek() else { throw expected("a predicate after '|'") }
                    let word: String
                    switch item.kind {
                    case .word(let w), .quoted(let w): word = w
                    default: throw expected("a predicate after '|'")
                    }
                    let found = predicateIDs(named: word)
                    if found.isEmpty { throw unknownPredicate(word, column: item.column, source: source) }
                    ids += found.filter { !ids.contains($0) }
                    position += 1
                } while peek()?.kind == .bar
                return PredicatePattern(kind: .predicates(ids), column: token.column)
            default:
                throw expected("a predicate")
            }
        }

        var triples: [TriplePattern] = []
        while peek() != nil {
            let subject = try parseTerm("subject")
            let predicate = try parsePredicate()
            let object = try parseTerm("object")
            triples.append(TriplePattern(subject: subject, predicate: predicate, object: object))
            if peek() == nil { break }
            guard peek()?.kind == .dot else { throw expected("'.' before the next pattern") }
            position += 1
        }
        return Pattern(triples: triples, source: source)
    }

    func predicateIDs(named word: String) -> [String] {
        if let exact = vocabulary.predicate(word) { return [exact.id] }
        let lower = word.lowercased()
        return vocabulary.predicates.filter {
            $0.id.lowercased() == lower || $0.labelZh == word || $0.labelEn.lowercased() == lower
        }.map(\.id)
    }

    func unknownPredicate(_ word: String, column: Int, source: String) -> Diagnostic {
        let ids = vocabulary.predicates.map(\.id)
        var hint = "predicates: " + ids.joined(separator: ", ")
        if let near = ids.min(by: { editDistance($0.lowercased(), word.lowercased()) < editDistance($1.lowercased(), word.lowercased()) }),
            editDistance(near.lowercased(), word.lowercased()) <= max(2, word.count / 3)
        {
            hint = "did you mean \(near)? " + hint
        }
        return error(.queryUnknownPredicate, "unknown predicate '\(word)'", column: column, source: source, hint: hint)
    }
}

extension String {
    func replacingNewlines() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
    }
}
