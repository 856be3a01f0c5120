import Foundation
import Testing
@testable import KGExtract

@Suite struct RecognitionDebugTests {
    @Test func dump() {
        guard let text = ProcessInfo.processInfo.environment["KG_NER_DUMP"] else { return }
        for line in RecognitionFixture.describe(text) { print(line) }
        for s in RecognitionFixture.annotate(text) { print("topic<-", s.incomingTopic?.labelZh ?? "nil") }
    }
}

@Suite struct RecognitionBenchmark {
    /// Sentences per second on FinRE train (set KG_NER_BENCH=1; prints, asserts nothing).
    @Test func finreSpeed() throws {
        guard ProcessInfo.processInfo.environment["KG_NER_BENCH"] != nil else { return }
        let here = URL(fileURLWithPath: #filePath)
        let path = here.deletingLastPathComponent().appendingPathComponent("../../../shared/eval/finre/train.txt").standardized.path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var seen = Set<String>()
        var sentences: [String] = []
        for line in text.split(separator: "\n") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 4 else { continue }
            let s = String(cols[3])
            if seen.insert(s).inserted { sentences.append(s) }
        }
        let docs = sentences.map { RecognitionFixture.document($0) }
        let recognizer = RecognitionFixture.recognizer
        _ = recognizer.annotate(docs[0])
        let clock = ContinuousClock()
        var count = 0
        var mentions = 0
        let elapsed = clock.measure {
            for doc in docs {
                let result = recognizer.annotate(doc)
                count += result.count
                mentions += result.reduce(0) { $0 + $1.mentions.count }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let bytes = sentences.reduce(0) { $0 + $1.utf8.count }
        print("FinRE train: \(docs.count) documents, \(count) sentences, \(mentions) mentions in \(seconds) s: \(Int(Double(count) / seconds)) sentences/s, \(Double(bytes) / seconds / 1e6) MB/s")
        if let out = ProcessInfo.processInfo.environment["KG_NER_DUMP_FILE"] {
            var lines: [String] = []
            for (s, doc) in zip(sentences, docs) {
                let ms = recognizer.annotate(doc).flatMap(\.mentions).map { m in
                    "\(RecognitionFixture.text(m, in: s))/\(m.source.rawValue)/\(m.type)"
                }
                lines.append(s + "\n  " + ms.joined(separator: "  "))
            }
            try lines.joined(separator: "\n").write(toFile: out, atomically: true, encoding: .utf8)
        }
    }
}
