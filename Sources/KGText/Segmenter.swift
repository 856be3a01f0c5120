import KGModel

/// Splits body paragraphs into sentences and sentences into clauses, in scalar offsets.
///
/// It works over `[Unicode.Scalar]` with index arithmetic in one forward pass, so a long input
/// costs linear time: quote tracking, the runaway-quote fallback and the cut of overlong
/// sentences all use state carried forward, never a rescan from the start.
public enum Segmenter {
    /// A sentence with no stop is cut after this many scalars (at its last clause boundary when
    /// it has one), so a file with no punctuation cannot make one unbounded sentence.
    public static let maxSentenceLength = 1_000
    /// An opening “ or 《 that has not closed after this many scalars is treated as never
    /// closing, and stops split sentences again.
    public static let quoteRunaway = 200

    /// Sentences of the given paragraphs, numbered from `firstIndex`, with their clauses.
    public static func sentences(in scalars: [Unicode.Scalar], paragraphs: [TextSpan], firstIndex: Int = 0)
        -> [Sentence]
    {
        var result: [Sentence] = []
        var index = firstIndex
        for paragraph in paragraphs {
            for span in sentenceSpans(in: scalars, range: paragraph) {
                let text = Scalars.string(scalars, span.start, span.end)
                result.append(
                    Sentence(index: index, span: span, text: text, clauses: clauseSpans(in: scalars, sentence: span)))
                index += 1
            }
        }
        return result
    }

    /// Sentences of a whole text, one paragraph per line (for tests and plain uses).
    public static func sentences(in text: String) -> [Sentence] {
        let scalars = Array(text.unicodeScalars)
        return sentences(in: scalars, paragraphs: lineSpans(scalars))
    }

    /// The non-empty lines of `scalars`, trimmed, as spans.
    public static func lineSpans(_ scalars: [Unicode.Scalar]) -> [TextSpan] {
        var spans: [TextSpan] = []
        var start = 0
        for i in 0...scalars.count where i == scalars.count || scalars[i] == "\n" {
            let (a, b) = Scalars.trim(scalars, start, i)
            if a < b { spans.append(TextSpan(a, b)) }
            start = i + 1
        }
        return spans
    }

    /// Sentence spans inside `range`, trimmed of whitespace; spans with no letter, digit or
    /// CJK character (a lone "……") are dropped.
    public static func sentenceSpans(in scalars: [Unicode.Scalar], range: TextSpan) -> [TextSpan] {
        var spans: [TextSpan] = []
        let end = min(range.end, scalars.count)
        var start = range.start
        var quoteDepth = 0
        var titleDepth = 0
        var openedAt = 0
        var lastClause = -1

        func emit(_ a: Int, _ b: Int) {
            let (s, e) = Scalars.trim(scalars, a, b)
            guard s < e else { return }
            var wordy = false
            for k in s..<e where Scalars.isWordy(scalars[k]) {
                wordy = true
                break
            }
            if wordy { spans.append(TextSpan(s, e)) }
        }

        var i = range.start
        while i < end {
            if (quoteDepth > 0 || titleDepth > 0) && i - openedAt > quoteRunaway {
                quoteDepth = 0
                titleDepth = 0
            }
            let c = scalars[i]
            var isStop = Scalars.isStop(c)
            if c == "." {
                // An ASCII full stop ends a sentence only before a space or a CJK character, and
                // never between digits (1.5, 600267.SH is kept by the letter that follows).
                let next: Unicode.Scalar? = i + 1 < end ? scalars[i + 1] : nil
                if let next, Scalars.isSpace(next) || Scalars.isCJK(next) { isStop = true }
                if i + 1 == end { isStop = true }
            }
            if isStop {
                if titleDepth > 0 {
                    i += 1
                    continue
                }
                var j = i + 1
                while j < end && (Scalars.isStop(scalars[j]) || scalars[j] == ".") { j += 1 }
                while j < end && Scalars.isCloser(scalars[j]) {
                    switch scalars[j] {
                    case "\u{201D}", "\u{300D}", "\u{300F}": quoteDepth = max(0, quoteDepth - 1)
                    default: break
                    }
                    j += 1
                }
                if quoteDepth == 0 {
                    emit(start, j)
                    start = j
                    lastClause = -1
                }
                i = j
                continue
            }
            switch c {
            case "\u{201C}", "\u{300C}", "\u{300E}":
                if quoteDepth == 0 && titleDepth == 0 { openedAt = i }
                quoteDepth += 1
            case "\u{300A}":
                if quoteDepth == 0 && titleDepth == 0 { openedAt = i }
                titleDepth += 1
            case "\u{201D}", "\u{300D}", "\u{300F}":
                quoteDepth = max(0, quoteDepth - 1)
            case "\u{300B}":
                titleDepth = max(0, titleDepth - 1)
            default:
                if quoteDepth == 0 && titleDepth == 0 && Scalars.isClauseSeparator(c) { lastClause = i + 1 }
            }
            i += 1
            if i - start >= maxSentenceLength {
                let cut = lastClause > start ? lastClause : i
                emit(start, cut)
                start = cut
                lastClause = -1
            }
        }
        emit(start, end)
        return spans
    }

    /// Clause spans of a sentence: split at ，,；;：: outside 《》 and “” (a separator between two
    /// digits, as in 1,000 or 15:58, does not split), separators excluded, trimmed. When a quote
    /// in the sentence never closes, quotes are ignored so the sentence still splits.
    /// A character that ends a clause as the rule matcher reads a sentence: a clause separator
    /// (,;: and their full-width forms), a sentence stop or a line break. Rule gaps never cross
    /// one. `clauseSpans` cuts at the same separators but not inside quotes or between digits
    /// (1,000), so discourse sees quoted clauses whole.
    public static func isClauseBarrier(_ s: Unicode.Scalar) -> Bool {
        Scalars.isClauseSeparator(s) || Scalars.isStop(s) || s == "\n"
    }

    public static func clauseSpans(in scalars: [Unicode.Scalar], sentence: TextSpan) -> [TextSpan] {
        if let spans = clauseSpans(scalars, sentence, trackQuotes: true) { return spans }
        return clauseSpans(scalars, sentence, trackQuotes: false) ?? [sentence]
    }

    private static func clauseSpans(_ scalars: [Unicode.Scalar], _ sentence: TextSpan, trackQuotes: Bool) -> [TextSpan]?
    {
        var spans: [TextSpan] = []
        var depth = 0
        var start = sentence.start
        func emit(_ a: Int, _ b: Int) {
            let (s, e) = Scalars.trim(scalars, a, b)
            if s < e { spans.append(TextSpan(s, e)) }
        }
        for i in sentence.start..<sentence.end {
            let c = scalars[i]
            switch c {
            case "\u{201C}", "\u{300C}", "\u{300E}", "\u{300A}":
                if trackQuotes { depth += 1 }
            case "\u{201D}", "\u{300D}", "\u{300F}", "\u{300B}":
                if trackQuotes { depth = max(0, depth - 1) }
            default:
                guard depth == 0, Scalars.isClauseSeparator(c) else { continue }
                if c == "," || c == ":", i > sentence.start, i + 1 < sentence.end,
                    Scalars.isDigit(scalars[i - 1]), Scalars.isDigit(scalars[i + 1])
                {
                    continue
                }
                emit(start, i)
                start = i + 1
            }
        }
        if depth > 0 { return nil }
        emit(start, sentence.end)
        return spans.isEmpty ? [sentence] : spans
    }
}

extension TextDocument {
    /// A document of one sentence, with the clauses `kg build` would give it: how `kg explain`
    /// and rule examples present a single sentence, so that they match as a build does.
    public static func single(_ text: String, path: String = "<sentence>") -> TextDocument {
        let scalars = Array(text.unicodeScalars)
        let span = TextSpan(0, scalars.count)
        let clauses = scalars.isEmpty ? [] : Segmenter.clauseSpans(in: scalars, sentence: span)
        let sentence = Sentence(index: 0, span: span, text: text, clauses: clauses)
        return TextDocument(
            path: path, original: text, contentHash: SHA256.hex(of: Array(text.utf8)), metadata: DocumentMetadata(), sentences: [sentence])
    }
}
