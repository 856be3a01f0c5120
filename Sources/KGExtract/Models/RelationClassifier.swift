import Foundation
import KGModel

/// Says which core relation, if any, a sentence states between two names in it: a multinomial
/// logistic regression trained by `scripts/models/train.py` on FinRE's training sentences. It
/// reads the characters between the names, a few before the first and after the second, pairs
/// of characters elsewhere in the sentence, the names' last characters, and how many other
/// names stand between them. A feature's value adds up over its occurrences.
public struct RelationClassifier: Sendable {
    let table: WeightTable
    /// Class names in the file's order (`none`, `coop_f`, `acq_b`…).
    public let classes: [String]
    let intercept: [Double]
    /// Pairs are stated at or above this probability.
    public let threshold: Double
    /// Names further apart than this many characters are not paired.
    public let gap: Int
    /// The value of one sentence-context feature (the others count 1).
    let restWeight: Double
    /// Class prefix (`coop`) → words one of which the sentence must hold for that class to be
    /// stated (the `cues` row, `coop=合作|签约`). A class without a row needs none.
    public let cues: [String: [[Unicode.Scalar]]]
    /// Class prefix (`acq`) → a threshold above `threshold` for that class alone (the
    /// `thresholds` row, `acq=0.95`), set where the class's triples were wrong on general news.
    public let classThresholds: [String: Double]

    /// The probability at which a pair of class `label` (`acq_f`) is stated.
    public func threshold(for label: String) -> Double {
        max(threshold, classThresholds[String(label.prefix { $0 != "_" })] ?? 0)
    }

    init(file: String, text: String) throws {
        table = try WeightTable(
            file: file, text: text, width: 0, settingNames: ["threshold", "thresholds", "gap", "rest", "cues", "classes", "intercept"],
            widthFromSetting: "classes")
        let settings = table.settings, settingLines = table.settingLines
        // Every missing or malformed setting is reported, not just the first.
        var problems = DiagnosticList()
        func location(_ name: String) -> SourceLocation {
            // The value starts after the name and its tab.
            settingLines[name].map { SourceLocation(file: file, line: $0, column: name.count + 2) } ?? SourceLocation(file: file)
        }
        func number(_ name: String) -> Double {
            guard let cell = settings[name]?.first else {
                problems.append(Diagnostic(.modelMissingRow, "\(file) has no `\(name)` row", at: location(name)))
                return 0
            }
            guard let value = Double(cell) else {
                problems.append(Diagnostic(.modelMissingRow, "`\(name)` is `\(cell)`, not a number", at: location(name)))
                return 0
            }
            return value
        }
        classes = settings["classes"] ?? []
        intercept = (settings["intercept"] ?? []).compactMap(Double.init).map { $0 / 10_000 }
        if classes.isEmpty || intercept.count != classes.count || !classes.contains("none") {
            problems.append(
                Diagnostic(
                    .modelMissingRow, "\(file) needs `classes` (with none) and as many `intercept` weights",
                    at: location(settings["classes"] == nil ? "intercept" : "classes")))
        }
        threshold = number("threshold")
        gap = Int(number("gap"))
        restWeight = number("rest")
        var cues: [String: [[Unicode.Scalar]]] = [:]
        for cell in settings["cues"] ?? [] {
            let parts = cell.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                problems.append(Diagnostic(.modelMissingRow, "a `cues` cell is `\(cell)`, not class=word|word", at: location("cues")))
                continue
            }
            cues[String(parts[0])] = parts[1].split(separator: "|").map { Array($0.unicodeScalars) }
        }
        self.cues = cues
        var classThresholds: [String: Double] = [:]
        for cell in settings["thresholds"] ?? [] {
            let parts = cell.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]) else {
                problems.append(Diagnostic(.modelMissingRow, "a `thresholds` cell is `\(cell)`, not class=number", at: location("thresholds")))
                continue
            }
            classThresholds[String(parts[0])] = value
        }
        self.classThresholds = classThresholds
        if problems.hasErrors { throw problems }
    }

    /// What every pair of a sentence shares, computed once: the sentence's folded characters and
    /// running sums of the sentence-context weights, so that a pair's context costs the same
    /// however long the sentence is.
    public struct Sentence {
        let text: [Unicode.Scalar]
        /// Row i (classes wide): the summed weights of the character pairs starting before i.
        let prefix: [Double]
        /// Where the weights of a template's feature at each position start (see `Rows`).
        let rows: Rows
    }

    /// The table offsets of the features that read one or two characters at a position (bu=,
    /// bb=, pu=, pb=, au=, ab=), found when a pair first asks: a sentence's pairs overlap, and
    /// hashing and probing the same feature again for each pair cost most of `classify`.
    /// A class, so that a `Sentence` passed by value fills one cache.
    final class Rows {
        enum Template: Int, CaseIterable {
            case betweenUnigram, betweenBigram, beforeUnigram, beforeBigram, afterUnigram, afterBigram
        }
        /// By template then position: the offset, `none` when the table lacks the feature,
        /// `unknown` before the first look. Raw memory: an array property of a class is checked
        /// for exclusive access at every read and write, which cost more than the lookups saved.
        let offsets: UnsafeMutablePointer<Int32>
        let count: Int
        static let unknown: Int32 = -2
        static let none: Int32 = -1

        init(count: Int) {
            self.count = count
            let size = count * Template.allCases.count
            offsets = .allocate(capacity: size)
            offsets.initialize(repeating: Self.unknown, count: size)
        }

        deinit { offsets.deallocate() }
    }

    public func prepare(_ text: [Unicode.Scalar]) -> Sentence {
        let width = classes.count
        var prefix = [Double](repeating: 0, count: max(1, text.count) * width)
        if text.count > 1 {
            let rest = Templates.shared.rest
            prefix.withUnsafeMutableBufferPointer { prefix in
                table.weights.withUnsafeBufferPointer { weights in
                    for j in 0..<(text.count - 1) {
                        for k in 0..<width { prefix[(j + 1) * width + k] = prefix[j * width + k] }
                        var hash = rest
                        hash.add(text[j])
                        hash.add(text[j + 1])
                        guard let offset = table.offset(of: hash.value) else { continue }
                        for k in 0..<width { prefix[(j + 1) * width + k] += restWeight * Double(weights[offset + k]) / 10_000 }
                    }
                }
            }
        }
        return Sentence(text: text, prefix: prefix, rows: Rows(count: text.count))
    }

    /// The table offset of `template`'s feature at `position` (its character, or its character and
    /// the next), nil when the model lacks it; looked up once per sentence.
    @inline(__always) private func row(_ sentence: Sentence, _ template: Rows.Template, _ position: Int) -> Int? {
        let rows = sentence.rows
        let slot = template.rawValue * rows.count + position
        var offset = rows.offsets[slot]
        if offset == Rows.unknown {
            var hash = Templates.shared.positional[template.rawValue]
            hash.add(sentence.text[position])
            if template.rawValue & 1 == 1 { hash.add(sentence.text[position + 1]) }
            offset = table.offset(of: hash.value).map { Int32($0) } ?? Rows.none
            rows.offsets[slot] = offset
        }
        return offset == Rows.none ? nil : Int(offset)
    }

    /// The pair's best class other than `none`, with its probability. `a` lies before `b`;
    /// `names` are every name in the sentence.
    public func classify(_ sentence: Sentence, _ a: TextSpan, _ b: TextSpan, names: [TextSpan]) -> (label: String, probability: Double) {
        table.weights.withUnsafeBufferPointer { classify(sentence, a, b, names: names, weights: $0) }
    }

    private func classify(
        _ sentence: Sentence, _ a: TextSpan, _ b: TextSpan, names: [TextSpan], weights: UnsafeBufferPointer<Int32>
    ) -> (label: String, probability: Double) {
        let text = sentence.text
        let width = classes.count
        // The scores and the weights through raw pointers: as an array captured by these
        // functions, every `scores[k] +=` asked whether the array was uniquely referenced.
        let scores = UnsafeMutablePointer<Double>.allocate(capacity: width)
        scores.initialize(from: intercept, count: width)
        defer { scores.deallocate() }
        func add(_ hash: FeatureHash, _ value: Double = 1) {
            guard let offset = table.offset(of: hash.value) else { return }
            for k in 0..<width { scores[k] += value * Double(weights[offset + k]) / 10_000 }
        }
        /// A feature of one or two characters at `position` (see `Rows`); the same sums, in the
        /// same order, as `add(_:_:)` of its hash.
        func add(_ template: Rows.Template, at position: Int) {
            guard let offset = row(sentence, template, position) else { return }
            for k in 0..<width { scores[k] += 1 * Double(weights[offset + k]) / 10_000 }
        }
        func add(_ template: FeatureHash, _ first: Unicode.Scalar) {
            var hash = template
            hash.add(first)
            add(hash)
        }
        func add(_ template: FeatureHash, _ first: Unicode.Scalar, _ second: Unicode.Scalar) {
            var hash = template
            hash.add(first)
            hash.add(second)
            add(hash)
        }
        func add(_ template: FeatureHash, _ piece: ArraySlice<Unicode.Scalar>) {
            var hash = template
            for scalar in piece { hash.add(scalar) }
            add(hash)
        }
        let t = Templates.shared

        let between = text[a.end..<b.start]
        let n = between.count
        add(t.distance[n < 12 ? n : n < 20 ? 12 : n < 40 ? 13 : 14])
        // Long gaps are seen as their first and last 20 characters around a "|".
        func betweenCharacter(_ i: Int) -> Unicode.Scalar {
            n <= 40 ? between[a.end + i] : i < 20 ? between[a.end + i] : i == 20 ? "|" : between[b.start - (41 - i)]
        }
        let viewCount = n <= 40 ? n : 41
        /// The text position of the i-th character seen between the names, nil for the "|".
        func betweenPosition(_ i: Int) -> Int? {
            n <= 40 || i < 20 ? a.end + i : i == 20 ? nil : b.start - (41 - i)
        }
        for i in 0..<viewCount {
            let p = betweenPosition(i)
            if let p { add(.betweenUnigram, at: p) } else { add(t.betweenUnigram, "|") }
            if i + 1 < viewCount {
                // Two neighbours in the text share a row; the pairs around the "|" do not.
                if let p, let q = betweenPosition(i + 1), q == p + 1 {
                    add(.betweenBigram, at: p)
                } else {
                    add(t.betweenBigram, betweenCharacter(i), betweenCharacter(i + 1))
                }
            }
        }
        add(t.betweenFirst, between.prefix(2))
        add(t.betweenLast, between.suffix(2))
        for (unigram, bigram, range) in [
            (Rows.Template.beforeUnigram, Rows.Template.beforeBigram, max(0, a.start - 4)..<a.start),
            (.afterUnigram, .afterBigram, b.end..<min(text.count, b.end + 6)),
        ] {
            for i in range {
                add(unigram, at: i)
                if i + 1 < range.upperBound { add(bigram, at: i) }
            }
        }
        // The rest of the sentence with "|" where the pair was: its pairs of characters are the
        // ones before the first name, the two around the "|", and the ones after the second.
        func restSum(_ lo: Int, _ hi: Int) {
            guard hi > lo else { return }
            for k in 0..<width { scores[k] += sentence.prefix[hi * width + k] - sentence.prefix[lo * width + k] }
        }
        restSum(0, a.start - 1)
        if a.start >= 1 {
            var hash = t.rest
            hash.add(text[a.start - 1])
            hash.add("|" as Unicode.Scalar)
            add(hash, restWeight)
        }
        if b.end < text.count {
            var hash = t.rest
            hash.add("|" as Unicode.Scalar)
            hash.add(text[b.end])
            add(hash, restWeight)
        }
        restSum(b.end, text.count - 1)
        let inside = names.reduce(0) { $0 + ($1.start >= a.end && $1.end <= b.start ? 1 : 0) }
        add(t.inside[min(inside, 3)])
        let first = text[a.start..<a.end]
        let second = text[b.start..<b.end]
        add(t.firstEnd, first.suffix(2))
        add(t.secondEnd, second.suffix(2))
        if contains(second, first) { add(t.firstInSecond) }
        if contains(first, second) { add(t.secondInFirst) }
        add(t.bias)

        let final = UnsafeBufferPointer(start: scores, count: width)
        let top = final.max() ?? 0
        let total = final.reduce(0) { $0 + exp($1 - top) }
        var best = -1
        for k in classes.indices where classes[k] != "none" {
            if best < 0 || scores[k] > scores[best] { best = k }
        }
        return (classes[best], exp(scores[best] - top) / total)
    }

    /// The feature templates of `scripts/models/train.py` (`pair_features`), hashed once.
    struct Templates: Sendable {
        static let shared = Templates()
        let betweenUnigram = FeatureHash("bu="), betweenBigram = FeatureHash("bb=")
        let betweenFirst = FeatureHash("bf="), betweenLast = FeatureHash("bl=")
        let beforeUnigram = FeatureHash("pu="), beforeBigram = FeatureHash("pb=")
        let afterUnigram = FeatureHash("au="), afterBigram = FeatureHash("ab=")
        let rest = FeatureHash("sb=")
        /// The templates of `Rows.Template`, in its order (unigrams even, bigrams odd).
        let positional = ["bu=", "bb=", "pu=", "pb=", "au=", "ab="].map(FeatureHash.init)
        let firstEnd = FeatureHash("ea="), secondEnd = FeatureHash("eb=")
        let firstInSecond = FeatureHash("ainb="), secondInFirst = FeatureHash("bina="), bias = FeatureHash("bias=")
        /// `d=0` … `d=11`, then `d=12+`, `d=20+`, `d=40+`.
        let distance = (0..<12).map { FeatureHash("d=\($0)") } + ["12+", "20+", "40+"].map { FeatureHash("d=" + $0) }
        /// `m=0` … `m=3`.
        let inside = (0...3).map { FeatureHash("m=\($0)") }
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
