import KGModel
@testable import KGExtract

/// Test helpers for recognition: a document from plain text, split at 。 and clauses at , ; :.
enum RecognitionFixture {
    static func document(_ text: String) -> TextDocument {
        let scalars = Array(text.unicodeScalars)
        var sentences: [Sentence] = []
        var start = 0
        func close(_ end: Int) {
            guard end > start else { return }
            var clauses: [TextSpan] = []
            var clauseStart = start
            for i in start..<end where "，,；;：:".unicodeScalars.contains(scalars[i]) {
                clauses.append(TextSpan(clauseStart, i + 1))
                clauseStart = i + 1
            }
            if clauseStart < end { clauses.append(TextSpan(clauseStart, end)) }
            let body = String(String.UnicodeScalarView(scalars[start..<end]))
            sentences.append(Sentence(index: sentences.count, span: TextSpan(start, end), text: body, clauses: clauses))
            start = end
        }
        for (i, c) in scalars.enumerated() where c == "。" { close(i + 1) }
        close(scalars.count)
        return TextDocument(path: "test.txt", original: text, contentHash: "", metadata: DocumentMetadata(), sentences: sentences)
    }

    static let recognizer = Recognizer()

    static func annotate(_ text: String) -> [AnnotatedSentence] {
        recognizer.annotate(document(text))
    }

    /// The text a mention covers.
    static func text(_ mention: Mention, in source: String) -> String {
        let scalars = Array(source.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[mention.span.start..<mention.span.end]))
    }

    /// Every mention of a text as `surface|source|type|key|role`, for readable expectations.
    static func describe(_ text: String) -> [String] {
        annotate(text).flatMap { sentence in
            sentence.mentions.map { m in
                "\(Self.text(m, in: text))|\(m.source.rawValue)|\(m.type)|\(m.entity?.key ?? "-")|\(m.role ?? "-")"
            }
        }
    }
}

extension RecognitionFixture {
    /// Mentions of a text with the surface each covers, in order.
    static func found(_ text: String, recognizer: Recognizer = recognizer) -> [(surface: String, mention: Mention)] {
        recognizer.annotate(document(text)).flatMap { sentence in
            sentence.mentions.map { (Self.text($0, in: text), $0) }
        }
    }

    /// The first mention covering exactly `surface` (optionally of one source).
    static func mention(_ surface: String, in text: String, source: MentionSource? = nil) -> Mention? {
        found(text).first { $0.surface == surface && (source == nil || $0.mention.source == source) }?.mention
    }
}
