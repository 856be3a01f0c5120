import KGModel
import KGText
@testable import KGExtract

/// Test helpers for recognition: a document from plain text.
enum RecognitionFixture {
    /// Sentences and clauses as `kg build` segments them (`Segmenter`), so tests see what a
    /// build sees.
    static func document(_ text: String) -> TextDocument {
        TextDocument(
            path: "test.txt", original: text, contentHash: "", metadata: DocumentMetadata(),
            sentences: Segmenter.sentences(in: text))
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
