import KGModel

/// Compiles `.rules` text into `Rule` values, collecting every problem in the file instead of
/// stopping at the first, so `kg rules check` shows them all in one run.
///
/// Its error codes are the rule-file section of `DiagnosticCode` (R001–R024).
public struct RuleParser: Sendable {
    public var vocabulary: Vocabulary

    public init(vocabulary: Vocabulary = .builtIn) {
        self.vocabulary = vocabulary
    }

    /// Parses one file. `firstOrder` numbers the rules so that pack order follows file order.
    public func parse(file: String, text: String, firstOrder: Int = 0) -> (rules: [Rule], diagnostics: [Diagnostic]) {
        var state = FileState(file: file, lines: text.textLines().map(String.init))
        var rules: [Rule] = []
        var current: Draft?
        for (index, raw) in state.lines.enumerated() {
            let number = index + 1
            let line = Array(raw.unicodeScalars)
            guard let start = line.firstIndex(where: { !$0.properties.isWhitespace }), line[start] != "#" else { continue }
            let wordEnd = line[start...].firstIndex(where: { $0.properties.isWhitespace }) ?? line.count
            let keyword = String(String.UnicodeScalarView(line[start..<wordEnd]))
            let restStart = line[wordEnd...].firstIndex(where: { !$0.properties.isWhitespace }) ?? line.count
            var restEnd = line.count
            while restEnd > restStart, line[restEnd - 1].properties.isWhitespace { restEnd -= 1 }
            let rest = Array(line[restStart..<restEnd])
            let at = Cursor(line: number, column: restStart + 1)
            if keyword == "rule" {
                if let draft = current { rules.append(contentsOf: finish(draft, &state, order: firstOrder + rules.count)) }
                let id = String(String.UnicodeScalarView(rest))
                if id.isEmpty || id.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                    state.error(.ruleIDSyntax, "a rule id is one word after `rule`", at: at)
                }
                current = Draft(id: id, line: number, column: start + 1)
                continue
            }
            guard var draft = current else {
                state.error(.directiveOutsideRule, "`\(keyword)` must follow a `rule ID` line", at: Cursor(line: number, column: start + 1))
                continue
            }
            draft.lastLine = number
            switch keyword {
            case "match":
                if draft.pattern != nil || draft.patternFailed { state.error(.duplicateMatch, "a rule has one `match` line", at: at) }
                draft.pattern = parsePattern(rest, at: at, &state)
                draft.patternFailed = draft.pattern == nil
            case "also":
                if let slots = parsePattern(rest, at: at, &state) {
                    for element in slots {
                        if case .slot(let slot) = element { draft.elsewhere.append(slot) } else {
                            state.error(.alsoSyntax, "`also` takes slots only, like {板块:Exchange}", at: at)
                        }
                    }
                }
            case "emit":
                if let emit = parseEmit(rest, at: at, &state) { draft.emits.append((emit, at)) }
            case "priority":
                if let value = Int(String(String.UnicodeScalarView(rest))) { draft.priority = value } else {
                    state.error(.badNumber, "priority must be a whole number, like `priority 5`", at: at)
                }
            case "confidence":
                if let value = Double(String(String.UnicodeScalarView(rest))), (0...1).contains(value) {
                    draft.confidence = value
                } else {
                    state.error(.badNumber, "confidence must be a number from 0 to 1, like `confidence 0.8`", at: at)
                }
            case "negation":
                if let value = NegationPolicy(rawValue: String(String.UnicodeScalarView(rest))) { draft.negation = value } else {
                    state.error(.badOption, "negation is `block` or `allow`", at: at)
                }
            case "modality":
                if let value = ModalityPolicy(rawValue: String(String.UnicodeScalarView(rest))) { draft.modality = value } else {
                    state.error(.badOption, "modality is `block`, `planned` or `ignore`", at: at)
                }
            case "example", "nothing":
                if let example = parseExample(rest, expectsTriples: keyword == "example", at: at, &state) {
                    draft.examples.append(example)
                }
            default:
                state.error(
                    .unknownDirective, "unknown directive `\(keyword)`", at: Cursor(line: number, column: start + 1),
                    hint: "a rule's lines start with match, also, emit, priority, confidence, negation, modality, example or nothing")
            }
            current = draft
        }
        if let draft = current { rules.append(contentsOf: finish(draft, &state, order: firstOrder + rules.count)) }
        return (rules, state.diagnostics)
    }

    // MARK: - Rule assembly

    private struct Draft {
        var id: String
        var line: Int
        var column: Int
        var lastLine: Int
        var pattern: [PatternElement]?
        /// The `match` line had errors (already reported).
        var patternFailed = false
        var elsewhere: [Slot] = []
        var emits: [(Emit, Cursor)] = []
        var priority = RuleDefaults.priority
        var confidence = RuleDefaults.confidence
        var negation = NegationPolicy.block
        var modality = ModalityPolicy.block
        var examples: [RuleExample] = []

        init(id: String, line: Int, column: Int) {
            self.id = id
            self.line = line
            self.column = column
            self.lastLine = line
        }
    }

    private func finish(_ draft: Draft, _ state: inout FileState, order: Int) -> [Rule] {
        let at = Cursor(line: draft.line, column: draft.column)
        if state.ids.contains(draft.id) { state.error(.duplicateRuleID, "rule id `\(draft.id)` is used twice", at: at) }
        state.ids.insert(draft.id)
        if draft.emits.isEmpty { state.error(.ruleWithoutEmit, "rule `\(draft.id)` emits nothing: add `emit SLOT predicate SLOT`", at: at) }
        if draft.examples.filter({ !$0.expected.isEmpty }).isEmpty {
            state.error(.ruleWithoutExample, "rule `\(draft.id)` has no `example` line with the triples it yields", at: at)
        }
        guard let pattern = draft.pattern else {
            if !draft.patternFailed { state.error(.ruleWithoutMatch, "rule `\(draft.id)` has no `match` line", at: at) }
            // The emits can still name unknown predicates; report those too.
            for (emit, cursor) in draft.emits where vocabulary.predicate(emit.predicate) == nil {
                state.error(.unknownPredicate, "unknown predicate '\(emit.predicate)'", at: cursor, hint: Self.predicateHint(vocabulary))
            }
            return []
        }
        var slots: [String: Slot] = [:]
        for case .slot(let slot) in pattern + draft.elsewhere.map(PatternElement.slot) {
            if slots[slot.name] != nil {
                state.error(.duplicateSlotName, "slot name `\(slot.name)` is used twice in rule `\(draft.id)`", at: Cursor(line: draft.line, column: 1))
            }
            slots[slot.name] = slot
        }
        for (emit, cursor) in draft.emits {
            check(emit, slots: slots, at: cursor, &state)
        }
        for slot in draft.elsewhere + pattern.compactMap({ if case .slot(let s) = $0 { return s } else { return nil } })
        where slot.named != nil {
            if !draft.elsewhere.contains(slot) {
                state.error(.badOption, "named= applies to `also` slots only", at: Cursor(line: draft.line, column: slot.column))
            } else if let parent = slot.named, slots[parent] == nil || draft.elsewhere.contains(where: { $0.name == parent }) {
                state.error(.unknownSlot, "named=\(parent) must name a slot of the pattern", at: Cursor(line: draft.line, column: slot.column))
            }
        }
        guard let trigger = Self.triggerIndex(pattern) else {
            state.error(.ruleWithoutTrigger, "rule `\(draft.id)` needs literal text or a slot without `topic` to trigger on", at: at)
            return []
        }
        let lines = state.lines[(draft.line - 1)...(draft.lastLine - 1)]
        let source = lines.joined(separator: "\n")
        let rule = Rule(
            id: draft.id, version: fnv1a64(source),
            location: SourceLocation(file: state.file, line: draft.line, column: draft.column), source: source,
            pattern: pattern, elsewhere: draft.elsewhere, emits: draft.emits.map(\.0), priority: draft.priority,
            confidence: draft.confidence, negation: draft.negation, modality: draft.modality,
            examples: draft.examples, order: order, triggerIndex: trigger)
        return [rule]
    }

    static func predicateHint(_ vocabulary: Vocabulary) -> String {
        "predicates are: " + vocabulary.predicates.map(\.id).joined(separator: ", ")
    }

    /// The required literal whose shortest alternative is longest (the most selective text),
    /// first on ties; else the first required slot (indexed by its mention types).
    static func triggerIndex(_ pattern: [PatternElement]) -> Int? {
        var best: (index: Int, length: Int)?
        for (index, element) in pattern.enumerated() {
            guard let alternatives = element.requiredLiterals else { continue }
            let length = alternatives.map(\.unicodeScalars.count).min() ?? 0
            if best == nil || length > best!.length { best = (index, length) }
        }
        if let best { return best.index }
        return pattern.firstIndex { if case .slot(let slot) = $0 { return !slot.topic } else { return false } }
    }

    private func check(_ emit: Emit, slots: [String: Slot], at: Cursor, _ state: inout FileState) {
        let predicate = vocabulary.predicate(emit.predicate)
        if predicate == nil {
            state.error(.unknownPredicate, "unknown predicate '\(emit.predicate)'", at: at, hint: Self.predicateHint(vocabulary))
        }
        for (name, allowed, side) in [(emit.subject, predicate?.domain, "domain"), (emit.object, predicate?.range, "range")] {
            guard let slot = slots[name] else {
                state.error(.unknownSlot, "`\(name)` is not a slot of this rule", at: at, hint: "name a slot written as {\(name):Type}")
                continue
            }
            guard let allowed else { continue }
            let types = slot.isPost ? [EntityTypeID.organization] : slot.types
            for type in types where !allowed.contains(where: { vocabulary.isA(type, $0) || vocabulary.isA($0, type) }) {
                state.error(
                    .slotTypeOutsidePredicate, "slot `\(name)` has type \(type), outside the \(side) of \(emit.predicate) (\(allowed.joined(separator: "|")))",
                    at: at)
            }
        }
        for qualifier in emit.qualifiers {
            if let dot = qualifier.value.firstIndex(of: "."), qualifier.value[qualifier.value.index(after: dot)...] == "role" {
                let name = String(qualifier.value[..<dot])
                if slots[name]?.isPost != true {
                    state.error(.unknownSlot, "`\(qualifier.value)` needs `\(name)` to be a Post slot", at: at)
                }
            }
        }
    }

    // MARK: - Pattern syntax

    private static let barrierScalars: Set<Unicode.Scalar> = [" ", "\t", "{", "[", "(", "…"]

    private func parsePattern(_ text: [Unicode.Scalar], at: Cursor, _ state: inout FileState) -> [PatternElement]? {
        var elements: [PatternElement] = []
        var i = 0
        var ok = true
        func column(_ offset: Int) -> Cursor { Cursor(line: at.line, column: at.column + offset) }
        while i < text.count {
            let c = text[i]
            if c.properties.isWhitespace {
                i += 1
                continue
            }
            if c == "…", i + 1 < text.count, text[i + 1] == "…" {
                elements.append(.farGap)
                i += 2
                continue
            }
            if c == "…" || (c == "." && i + 2 < text.count && text[i + 1] == "." && text[i + 2] == ".") {
                i += c == "…" ? 1 : 3
                var digits = ""
                while i < text.count, let d = text[i].properties.numericType, d == .decimal, text[i].isASCII {
                    digits.unicodeScalars.append(text[i])
                    i += 1
                }
                elements.append(.gap(max: Int(digits) ?? RuleDefaults.gap))
                continue
            }
            if c == "{" {
                guard let close = text[i...].firstIndex(of: "}") else {
                    state.error(.patternSyntax, "`{` is not closed: a slot is written {name:Type}", at: column(i))
                    return nil
                }
                if let slot = parseSlot(Array(text[(i + 1)..<close]), at: column(i), &state) {
                    elements.append(.slot(slot))
                } else {
                    ok = false
                }
                i = close + 1
                continue
            }
            if c == "!", i + 1 < text.count, text[i + 1] == "(" {
                guard let close = text[i...].firstIndex(of: ")") else {
                    state.error(.patternSyntax, "`!(` is not closed with `)`", at: column(i))
                    return nil
                }
                let body = String(String.UnicodeScalarView(text[(i + 2)..<close]))
                let alternatives = body.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
                if alternatives.contains(where: \.isEmpty) {
                    state.error(.patternSyntax, "empty alternative in `!(\(body))`", at: column(i))
                    ok = false
                } else {
                    elements.append(.absent(alternatives: alternatives))
                }
                i = close + 1
                continue
            }
            if c == "[" || c == "(" {
                let closer: Unicode.Scalar = c == "[" ? "]" : ")"
                guard let close = text[i...].firstIndex(of: closer) else {
                    state.error(.patternSyntax, "`\(c)` is not closed with `\(closer)`", at: column(i))
                    return nil
                }
                let body = String(String.UnicodeScalarView(text[(i + 1)..<close]))
                let alternatives = body.split(separator: "|", omittingEmptySubsequences: false).map {
                    $0.trimmingSpaces
                }
                var optional = c == "["
                i = close + 1
                if i < text.count, text[i] == "?" {
                    optional = true
                    i += 1
                }
                if alternatives.contains(where: \.isEmpty) {
                    state.error(.patternSyntax, "empty alternative in `\(c)\(body)\(closer)`", at: column(i - 1))
                    ok = false
                    continue
                }
                elements.append(.literal(alternatives: alternatives, optional: optional))
                continue
            }
            if c == "}" || c == "]" || c == ")" {
                state.error(.patternSyntax, "`\(c)` closes nothing", at: column(i))
                ok = false
                i += 1
                continue
            }
            var j = i
            while j < text.count, !Self.barrierScalars.contains(text[j]), !text[j].properties.isWhitespace {
                if text[j] == ".", j + 2 < text.count, text[j + 1] == ".", text[j + 2] == "." { break }
                if text[j] == "}" || text[j] == "]" || text[j] == ")" { break }
                j += 1
            }
            let body = String(String.UnicodeScalarView(text[i..<j]))
            let alternatives = body.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            if alternatives.contains(where: \.isEmpty) {
                state.error(.patternSyntax, "empty alternative in `\(body)`", at: column(i))
                ok = false
            } else {
                elements.append(.literal(alternatives: alternatives, optional: false))
            }
            i = j
        }
        if elements.isEmpty {
            state.error(.patternSyntax, "empty pattern", at: at)
            return nil
        }
        return ok ? elements : nil
    }

    private func parseSlot(_ body: [Unicode.Scalar], at: Cursor, _ state: inout FileState) -> Slot? {
        let text = String(String.UnicodeScalarView(body))
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let head = words.first, let colon = head.firstIndex(of: ":"), colon != head.startIndex else {
            state.error(.patternSyntax, "a slot is written {name:Type}, like {买方:Company}", at: at)
            return nil
        }
        let name = String(head[..<colon])
        let typeText = head[head.index(after: colon)...]
        var types: [String] = []
        var ok = true
        var offset = 1 + name.unicodeScalars.count + 1
        for raw in typeText.split(separator: "|", omittingEmptySubsequences: false) {
            let cursor = Cursor(line: at.line, column: at.column + offset)
            offset += raw.unicodeScalars.count + 1
            if let id = resolveType(String(raw)) {
                types.append(id)
            } else {
                let known = vocabulary.types.map(\.id).joined(separator: ", ")
                state.error(.unknownEntityType, "unknown entity type '\(raw)'", at: cursor, hint: "types are Post, \(known) (or their Chinese labels)")
                ok = false
            }
        }
        if types.contains(Slot.postType), types.count > 1 {
            state.error(.postSlotWithOtherTypes, "a Post slot cannot accept other types", at: at)
            ok = false
        }
        var slot = Slot(name: name, types: types, list: false, span: nil, topic: false, roles: [], column: at.column)
        for word in words.dropFirst() {
            if word == "list" {
                slot.list = true
            } else if word == "topic" {
                slot.topic = true
            } else if word == "span" {
                slot.span = RuleDefaults.span
            } else if word.hasPrefix("span=") {
                guard let length = Int(word.dropFirst(5)), (2...40).contains(length) else {
                    state.error(.badNumber, "span length must be a number from 2 to 40, like span=12", at: at)
                    ok = false
                    continue
                }
                slot.span = length
            } else if word.hasPrefix("named=") {
                slot.named = String(word.dropFirst(6))
            } else if word.hasPrefix("ends=") {
                slot.endings = word.dropFirst(5).split(separator: "|").map(String.init)
            } else if word.hasPrefix("role=") {
                slot.roles = word.dropFirst(5).split(separator: "|").map(String.init)
            } else {
                state.error(.badOption, "unknown slot option `\(word)`", at: at, hint: "options are list, span, span=N, ends=A|B, named=SLOT, topic, role=A|B")
                ok = false
            }
        }
        if !slot.endings.isEmpty, slot.span == nil {
            state.error(.badOption, "ends= applies to span slots: add `span`", at: at)
            ok = false
        }
        if !slot.roles.isEmpty, !slot.isPost {
            state.error(.badOption, "role= applies to Post slots only", at: at)
            ok = false
        }
        return ok ? slot : nil
    }

    /// A type id, or a Chinese label from the vocabulary (企业, 园区…), or Post / 职务.
    func resolveType(_ text: String) -> String? {
        if text == Slot.postType || text == "职务" { return Slot.postType }
        if vocabulary.type(text) != nil { return text }
        for info in vocabulary.types where info.labelZh.split(separator: "/").contains(where: { $0 == text }) {
            return info.id
        }
        return nil
    }

    private func parseEmit(_ text: [Unicode.Scalar], at: Cursor, _ state: inout FileState) -> Emit? {
        let words = String(String.UnicodeScalarView(text)).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count >= 3 else {
            state.error(.emitSyntax, "emit is written `emit SUBJECT predicate OBJECT [key=value…]`", at: at)
            return nil
        }
        var qualifiers: [Qualifier] = []
        for word in words.dropFirst(3) {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                state.error(.qualifierSyntax, "a qualifier is written key=value, found `\(word)`", at: at)
                return nil
            }
            qualifiers.append(Qualifier(parts[0], parts[1]))
        }
        return Emit(subject: words[0], predicate: words[1], object: words[2], qualifiers: qualifiers)
    }

    // MARK: - Examples

    private func parseExample(_ text: [Unicode.Scalar], expectsTriples: Bool, at: Cursor, _ state: inout FileState)
        -> RuleExample?
    {
        let whole = String(String.UnicodeScalarView(text))
        let parts = whole.splitting(on: "=>")
        let sentenceText = parts[0].trimmingSpaces
        if sentenceText.isEmpty {
            state.error(.exampleSyntax, "an example needs a sentence", at: at)
            return nil
        }
        if expectsTriples && parts.count != 2 {
            state.error(.exampleSyntax, "write `example SENTENCE => SUBJECT predicate OBJECT; …`", at: at)
            return nil
        }
        if !expectsTriples && parts.count != 1 {
            state.error(.exampleSyntax, "`nothing SENTENCE` lists no triples", at: at)
            return nil
        }
        // Markup: [text:Type] declares a mention the example relies on.
        var plain: [Unicode.Scalar] = []
        var marked: [MarkedMention] = []
        let scalars = Array(sentenceText.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "[", let close = scalars[i...].firstIndex(of: "]"),
                let colon = scalars[i..<close].lastIndex(of: ":")
            {
                let name = Array(scalars[(i + 1)..<colon])
                let typeText = String(String.UnicodeScalarView(scalars[(colon + 1)..<close]))
                guard let type = resolveType(typeText), type != Slot.postType else {
                    state.error(.unknownEntityType, "unknown entity type '\(typeText)' in example markup", at: Cursor(line: at.line, column: at.column + colon + 1))
                    return nil
                }
                marked.append(MarkedMention(span: TextSpan(plain.count, plain.count + name.count), type: type))
                plain.append(contentsOf: name)
                i = close + 1
                continue
            }
            plain.append(scalars[i])
            i += 1
        }
        var expected: [ExpectedTriple] = []
        if expectsTriples {
            for item in parts[1].split(separator: ";") {
                let words = item.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                guard words.count >= 3 else {
                    state.error(.exampleSyntax, "an expected triple is `SUBJECT predicate OBJECT [key=value…]`, found `\(item.trimmingSpaces)`", at: at)
                    return nil
                }
                if vocabulary.predicate(words[1]) == nil {
                    state.error(.unknownPredicate, "unknown predicate '\(words[1])' in example", at: at)
                    return nil
                }
                let qualifiers = words.dropFirst(3).compactMap { word -> Qualifier? in
                    let kv = word.split(separator: "=", maxSplits: 1).map(String.init)
                    return kv.count == 2 ? Qualifier(kv[0], kv[1]) : nil
                }
                expected.append(ExpectedTriple(subject: words[0], predicate: words[1], object: words[2], qualifiers: qualifiers))
            }
        }
        return RuleExample(
            sentence: String(String.UnicodeScalarView(plain)), marked: marked, expected: expected,
            location: SourceLocation(file: state.file, line: at.line, column: at.column))
    }
}

/// A line and column in the file being parsed.
private struct Cursor {
    var line: Int
    var column: Int
}

/// What the parser knows about the file while it walks it.
private struct FileState {
    var file: String
    var lines: [String]
    var diagnostics: [Diagnostic] = []
    var ids: Set<String> = []

    init(file: String, lines: [String]) {
        self.file = file
        self.lines = lines
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at cursor: Cursor, hint: String? = nil) {
        let line = cursor.line - 1 < lines.count ? lines[cursor.line - 1] : nil
        diagnostics.append(
            Diagnostic(
                code, message, at: SourceLocation(file: file, line: cursor.line, column: cursor.column),
                sourceLine: line, hint: hint))
    }
}

extension String {
    /// The pieces between occurrences of `separator` (without Foundation).
    func splitting(on separator: String) -> [String] {
        var pieces: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            pieces.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        pieces.append(String(rest))
        return pieces
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
