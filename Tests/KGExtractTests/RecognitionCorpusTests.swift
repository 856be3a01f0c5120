import Foundation
import KGModel
import Testing
@testable import KGExtract

/// Recognition over every FinRE train sentence (shared/eval/finre, beside the repository):
/// invariants that must hold on any text, and the speed, printed.
@Suite struct RecognitionCorpusTests {
    private static func finreSentences() -> [String]? {
        let here = URL(fileURLWithPath: #filePath)
        let path = here.deletingLastPathComponent()
            .appendingPathComponent("../../../shared/eval/finre/train.txt").standardized.path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var seen = Set<String>()
        var sentences: [String] = []
        for line in text.split(separator: "\n") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 4 else { continue }
            let sentence = String(cols[3])
            if seen.insert(sentence).inserted { sentences.append(sentence) }
        }
        return sentences
    }

    @Test func invariantsHoldOnFinREAndSpeedIsReported() throws {
        guard let sentences = Self.finreSentences() else { return }  // shared/ is not beside this checkout
        let documents = sentences.map { RecognitionFixture.document($0) }
        let recognizer = RecognitionFixture.recognizer
        let clock = ContinuousClock()
        var annotated: [[AnnotatedSentence]] = []
        annotated.reserveCapacity(documents.count)
        let elapsed = clock.measure {
            for document in documents { annotated.append(recognizer.annotate(document)) }
        }
        var mentions = 0
        for (document, result) in zip(documents, annotated) {
            #expect(result.count == document.sentences.count)
            for sentence in result {
                #expect(sentence.normalized.count == sentence.sentence.span.length)
                for (a, b) in zip(sentence.mentions, sentence.mentions.dropFirst()) {
                    #expect(a.span.start < b.span.start || a.span.start == b.span.start && a.span.length >= b.span.length)
                }
                for m in sentence.mentions {
                    mentions += 1
                    #expect(sentence.sentence.span.contains(m.span) && !m.span.isEmpty)
                    guard let entity = m.entity else {
                        #expect(m.source == .post, "only a post may lack an entity")
                        continue
                    }
                    #expect(entity.key.isLexicon || entity.key.isName)
                    #expect(!entity.labelZh.isEmpty)
                    #expect(entity.labelEn?.isEmpty == false, "no English label for \(entity.labelZh)")
                    if m.source == .suffix {
                        // A name's key is its own normalised text, or it is an alias of the key's name.
                        let base = sentence.sentence.span.start
                        let surface = String(String.UnicodeScalarView(sentence.normalized[(m.span.start - base)..<(m.span.end - base)]))
                        #expect(entity.key == .name(normalized: surface) || entity.aliases.contains(surface), "\(surface) → \(entity.key)")
                    }
                    if m.source == .lexicon { #expect(entity.key.isLexicon) }
                }
            }
        }
        #expect(mentions > documents.count)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let bytes = sentences.reduce(0) { $0 + $1.utf8.count }
        print(
            "recognition on FinRE train: \(documents.count) sentences, \(mentions) mentions, "
                + "\(Int(Double(documents.count) / seconds)) sentences/s, \(String(format: "%.2f", Double(bytes) / seconds / 1e6)) MB/s")
    }
}
