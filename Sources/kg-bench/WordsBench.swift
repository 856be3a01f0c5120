import Foundation
import KGText

/// `kg-bench words`: load time of the word dictionary and throughput of the word segmenter, in
/// CPU time of this thread (so a busy machine does not count against it), on real sentences.
struct WordsCommand {
    var dictionary: String
    /// One sentence a line; with `column`, the given 1-based tab-separated column of each line.
    var text: String
    var column: Int?
    var rounds: Int

    func run() throws -> [String: Any] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dictionary)))
        var loads: [Double] = []
        var loaded: WordDictionary?
        for _ in 0..<max(rounds, 1) {
            let start = Self.cpuSeconds()
            loaded = try WordDictionary(bytes: bytes)
            loads.append(Self.cpuSeconds() - start)
        }
        let segmenter = WordSegmenter(dictionary: loaded!)

        // Distinct sentences, normalised as the pipeline does before any matching.
        var seen = Set<Substring>()
        var sentences: [[Unicode.Scalar]] = []
        var utf8 = 0
        for line in try String(contentsOfFile: text, encoding: .utf8).split(separator: "\n") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            let cell = column.map { $0 - 1 < cells.count ? cells[$0 - 1] : "" } ?? line
            guard !cell.isEmpty, seen.insert(cell).inserted else { continue }
            sentences.append(Normalizer.normalize(String(cell)))
            utf8 += cell.utf8.count
        }
        var best = Double.infinity
        var words = 0
        for _ in 0..<max(rounds, 1) {
            let start = Self.cpuSeconds()
            words = 0
            for sentence in sentences { words += segmenter.segmentation(of: sentence).words.count }
            best = min(best, Self.cpuSeconds() - start)
        }
        return [
            "dictionaryWords": loaded!.count,
            "dictionaryBytes": bytes.count,
            "loadMillisecondsFirst": loads[0] * 1000,
            "loadMillisecondsBest": loads.min()! * 1000,
            "sentences": sentences.count,
            "textBytes": utf8,
            "words": words,
            "segmentMillisecondsBest": best * 1000,
            "megabytesPerSecond": Double(utf8) / 1e6 / best,
        ]
    }

    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
