import Foundation
import KGModel

/// Says which core relation, if any, a sentence states between two names in it: a multinomial
/// logistic regression trained by `scripts/models/train.py` on FinRE's training sentences. It
/// reads the characters between the names, a few before the first and after the second, pairs
/// of characters elsewhere in the sentence, the names' last characters, and how many other
/// names stand between them.
public struct RelationClassifier: Sendable {
    let table: WeightTable
    /// Class names in the file's order (`none`, `coop_f`, `acq_b`…).
    public let classes: [String]
    let intercept: [Double]
    /// Pairs are stated at or above this probability.
    public let threshold: Double
    /// Names further apart than this many characters are not paired.
    public let gap: Int
    /// The value of the sentence-context features (the others are 1).
    let restWeight: Double

    init(file: String, text: String) throws {
        table = try WeightTable(
            file: file, text: text, width: 0, settingNames: ["threshold", "gap", "rest", "classes", "intercept"],
            widthFromSetting: "classes")
        let settings = table.settings
        func number(_ name: String) throws -> Double {
            guard let cell = settings[name]?.first, let value = Double(cell) else {
                throw Diagnostic("R072", "\(file) has no `\(name)` row", at: SourceLocation(file: file))
            }
            return value
        }
        classes = settings["classes"] ?? []
        intercept = (settings["intercept"] ?? []).compactMap(Double.init).map { $0 / 10_000 }
        guard !classes.isEmpty, intercept.count == classes.count, classes.contains("none") else {
            throw Diagnostic("R072", "\(file) needs `classes` (with none) and as many `intercept` weights", at: SourceLocation(file: file))
        }
        threshold = try number("threshold")
        gap = Int(try number("gap"))
        restWeight = try number("rest")
    }

    /// The pair's best class other than `none`, with its probability. `text` is the sentence's
    /// folded characters, `a` before `b`, `names` every name in the sentence.
    public func classify(_ text: [Unicode.Scalar], _ a: TextSpan, _ b: TextSpan, names: [TextSpan]) -> (label: String, probability: Double) {
        var scores = intercept
        for (hash, value) in features(text, a, b, names: names) {
            guard let offset = table.offset(of: hash) else { continue }
            for k in 0..<classes.count { scores[k] += value * Double(table.weights[offset + k]) / 10_000 }
        }
        let top = scores.max() ?? 0
        let total = scores.reduce(0) { $0 + exp($1 - top) }
        var best = -1
        for k in classes.indices where classes[k] != "none" {
            if best < 0 || scores[k] > scores[best] { best = k }
        }
        return (classes[best], exp(scores[best] - top) / total)
    }

    /// The features of a pair and their values; a feature occurs once however often its text
    /// does.
    func features(_ text: [Unicode.Scalar], _ a: TextSpan, _ b: TextSpan, names: [TextSpan]) -> [UInt64: Double] {
        var out: [UInt64: Double] = [:]
        func add(_ template: String, _ pieces: ArraySlice<Unicode.Scalar>, _ value: Double = 1) {
            var hash = FeatureHash(template)
            for scalar in pieces { hash.add(scalar) }
            out[hash.value] = value
        }
        func add(_ template: String, _ piece: String) {
            add(template, ArraySlice(Array(piece.unicodeScalars)))
        }
        let between = text[a.end..<b.start]
        let n = between.count
        add("d=", n < 12 ? String(n) : n < 20 ? "12+" : n < 40 ? "20+" : "40+")
        let view = n <= 40 ? Array(between) : Array(between.prefix(20)) + ["|"] + Array(between.suffix(20))
        for i in view.indices {
            add("bu=", view[i...i])
            if i + 1 < view.count { add("bb=", view[i...(i + 1)]) }
        }
        add("bf=", between.prefix(2))
        add("bl=", between.suffix(2))
        let before = text[max(0, a.start - 4)..<a.start]
        let after = text[b.end..<min(text.count, b.end + 6)]
        for (unigram, bigram, piece) in [("pu=", "pb=", before), ("au=", "ab=", after)] {
            for i in piece.indices {
                add(unigram, piece[i...i])
                if i + 1 < piece.endIndex { add(bigram, piece[i...(i + 1)]) }
            }
        }
        let rest = Array(text[..<a.start]) + ["|"] + Array(text[b.end...])
        for i in 0..<max(0, rest.count - 1) { add("sb=", rest[i...(i + 1)], restWeight) }
        let inside = names.filter { $0.start >= a.end && $0.end <= b.start }.count
        add("m=", String(min(inside, 3)))
        let first = text[a.start..<a.end]
        let second = text[b.start..<b.end]
        add("ea=", first.suffix(2))
        add("eb=", second.suffix(2))
        if contains(second, first) { add("ainb=", "") }
        if contains(first, second) { add("bina=", "") }
        add("bias=", "")
        return out
    }

    private func contains(_ haystack: ArraySlice<Unicode.Scalar>, _ needle: ArraySlice<Unicode.Scalar>) -> Bool {
        guard needle.count <= haystack.count else { return false }
        if needle.isEmpty { return true }
        var i = haystack.startIndex
        while i + needle.count <= haystack.endIndex {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
