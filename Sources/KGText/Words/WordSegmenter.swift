/// One token of segmented text, in scalar offsets.
public struct Word: Sendable, Hashable {
    // Stored in 32-bit fields: a build keeps every word of a document part (a megabyte of text)
    // while it extracts, and sixteen bytes a word instead of thirty-two halve that.
    private let start: Int32
    private let end: Int32
    private let storedFrequency: UInt32
    /// Its part of speech: the dictionary's tag, or the segmenter's own for tokens it made.
    public let pos: PartOfSpeech
    /// True when the word is a dictionary entry; false for Latin and digit runs, unknown Han
    /// characters and punctuation.
    public let fromDictionary: Bool

    /// Where the word lies, in scalar offsets into the segmented array.
    public var range: Range<Int> { Int(start)..<Int(end) }
    /// The dictionary's frequency for the word (0 for a token not from the dictionary): how
    /// common a word is tells a generic phrase (学校办学历程) from a name.
    public var frequency: Int { Int(storedFrequency) }

    /// Makes a word.
    public init(range: Range<Int>, pos: PartOfSpeech, fromDictionary: Bool, frequency: Int = 0) {
        start = Int32(range.lowerBound)
        end = Int32(range.upperBound)
        storedFrequency = UInt32(clamping: frequency)
        self.pos = pos
        self.fromDictionary = fromDictionary
    }
}

/// Splits text into words with parts of speech, so names can start and end on word boundaries.
///
/// Han text goes through a unigram lattice: every dictionary word starting at every position is
/// an edge weighted by its log probability, and dynamic programming from the right picks the path
/// with the largest summed log probability (the most probable sequence of independent words).
/// A Han character that is not itself a dictionary word still gets a one-character edge, at a
/// frequency of one, so every position has a path; where the best path takes such edges,
/// consecutive ones become one `unknown` word, since a run of characters the dictionary does not
/// know alone is more likely one name or term than several. Runs of Latin letters and digits are one token
/// each (`eng` or `m`), never looked up; anything else is one `w` token per scalar, a run of white
/// space being one. The same input always gives the same words: ties prefer the longer word.
public struct WordSegmenter: Sendable {
    /// The lexicon the lattice is built from.
    public let dictionary: WordDictionary

    /// A segmenter over `dictionary`.
    public init(dictionary: WordDictionary) {
        self.dictionary = dictionary
    }

    /// The words of `scalars[range]` (all of it by default; a range past the end is clipped),
    /// in order, covering every scalar.
    public func words(in scalars: [Unicode.Scalar], range: Range<Int>? = nil) -> [Word] {
        let span = (range ?? 0..<scalars.count).clamped(to: 0..<scalars.count)
        var result: [Word] = []
        result.reserveCapacity(span.count / 2 + 1)
        // Lattice buffers sized once per call and reused by every Han run.
        var best = [Double](repeating: 0, count: span.count + 1)
        var step = [Int32](repeating: 0, count: span.count + 1)
        var entry = [Int32](repeating: -1, count: span.count + 1)
        scalars.withUnsafeBufferPointer { text in
            var i = span.lowerBound
            let end = span.upperBound
            while i < end {
                let c = text[i]
                if Self.isHan(c) {
                    var j = i + 1
                    while j < end && Self.isHan(text[j]) { j += 1 }
                    segmentHan(text, i, j, base: span.lowerBound, &best, &step, &entry, into: &result)
                    i = j
                } else if Self.isAlphanumeric(c) {
                    let j = Self.alphanumericRunEnd(text, i, end)
                    var numeric = true
                    for k in i..<j where Self.isLetter(text[k]) {
                        numeric = false
                        break
                    }
                    result.append(Word(range: i..<j, pos: numeric ? .numeral : .latin, fromDictionary: false))
                    i = j
                } else if Scalars.isSpace(c) {
                    var j = i + 1
                    while j < end && Scalars.isSpace(text[j]) { j += 1 }
                    result.append(Word(range: i..<j, pos: .punctuation, fromDictionary: false))
                    i = j
                } else {
                    result.append(Word(range: i..<(i + 1), pos: .punctuation, fromDictionary: false))
                    i += 1
                }
            }
        }
        return result
    }

    /// The words of `scalars[range]` with per-position lookup tables.
    public func segmentation(of scalars: [Unicode.Scalar], range: Range<Int>? = nil) -> WordSegmentation {
        let span = (range ?? 0..<scalars.count).clamped(to: 0..<scalars.count)
        return WordSegmentation(words: words(in: scalars, range: span), span: span)
    }

    /// Best path through the lattice of `text[a..<b]`, all Han, appended as words. Buffers are
    /// indexed from `base`.
    private func segmentHan(
        _ text: UnsafeBufferPointer<Unicode.Scalar>, _ a: Int, _ b: Int, base: Int,
        _ best: inout [Double], _ step: inout [Int32], _ entry: inout [Int32], into result: inout [Word]
    ) {
        let unknown = dictionary.unknownLogProbability
        dictionary.logProbabilities.withUnsafeBufferPointer { logP in
            best[b - base] = 0
            var i = b - 1
            while i >= a {
                // A lone character is always an edge, so every position has a path.
                var bestScore = unknown + best[i + 1 - base]
                var bestLength = 1
                var bestEntry = -1
                dictionary.forEachWord(startingAt: i, in: text, end: b) { length, index in
                    let score = logP[index] + best[i + length - base]
                    // Lengths come shortest first, so `>=` gives a tie to the longer word, and
                    // the dictionary's own single character (always first) replaces the unknown
                    // edge.
                    if length == 1 || score >= bestScore {
                        bestScore = score
                        bestLength = length
                        bestEntry = index
                    }
                }
                best[i - base] = bestScore
                step[i - base] = Int32(bestLength)
                entry[i - base] = Int32(bestEntry)
                i -= 1
            }
        }
        var i = a
        while i < b {
            let length = Int(step[i - base])
            let index = Int(entry[i - base])
            if index >= 0 {
                result.append(
                    Word(range: i..<(i + length), pos: dictionary.tags[index], fromDictionary: true, frequency: Int(dictionary.frequencies[index])))
                i += length
            } else {
                var j = i + 1
                while j < b && entry[j - base] < 0 { j += 1 }
                result.append(Word(range: i..<j, pos: .unknown, fromDictionary: false))
                i = j
            }
        }
    }

    /// A character the dictionary lattice handles: CJK ideographs and 〇.
    @inline(__always)
    static func isHan(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x3007 || Scalars.isCJK(s)
    }

    /// A letter outside the Han ranges (Latin, Greek, Cyrillic, kana…).
    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return Scalars.isASCIILetter(s) }
        return !isHan(s) && !(s.value >= 0x3000 && s.value < 0x3040) && s.properties.isAlphabetic
    }

    /// A scalar that starts or continues a Latin-and-digit token.
    @inline(__always)
    static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        Scalars.isDigit(s) || isLetter(s)
    }

    /// The end of the Latin-and-digit run at `i`: letters and digits, with `.` or `,` between
    /// two digits (3.5, 1,200) and a `%` right after a digit kept inside, so a number with its
    /// unit is one numeral.
    static func alphanumericRunEnd(_ text: UnsafeBufferPointer<Unicode.Scalar>, _ i: Int, _ end: Int) -> Int {
        var j = i + 1
        while j < end {
            let c = text[j]
            if isAlphanumeric(c) {
                j += 1
            } else if (c == "." || c == ",") && j + 1 < end && Scalars.isDigit(text[j - 1])
                && Scalars.isDigit(text[j + 1])
            {
                j += 2
            } else if c == "%" && Scalars.isDigit(text[j - 1]) {
                return j + 1
            } else {
                break
            }
        }
        return j
    }
}

/// A segmentation with tables for asking, at any scalar offset, whether a word starts or ends
/// there and which word covers it: what the name layer checks a candidate span against.
public struct WordSegmentation: Sendable {
    /// The words, in order, covering `span` exactly.
    public let words: [Word]
    /// The segmented range of the scalar array.
    public let span: Range<Int>
    /// For each offset in `span`, the index in `words` of the word covering it.
    private let owner: [Int32]
    /// `isBoundary[k]` is true when a word starts or ends at offset `span.lowerBound + k`
    /// (count `span.count + 1`; both ends of the span are boundaries).
    public let isBoundary: [Bool]

    /// Builds the tables for `words` over `span`; words (or parts) outside `span` are ignored.
    public init(words: [Word], span: Range<Int>) {
        self.words = words
        self.span = span
        var owner = [Int32](repeating: -1, count: span.count)
        var boundary = [Bool](repeating: false, count: span.count + 1)
        boundary[0] = true
        boundary[span.count] = true
        for (k, word) in words.enumerated() {
            let a = max(word.range.lowerBound, span.lowerBound) - span.lowerBound
            let b = min(word.range.upperBound, span.upperBound) - span.lowerBound
            guard a < b else { continue }
            boundary[a] = true
            boundary[b] = true
            for m in a..<b { owner[m] = Int32(k) }
        }
        self.owner = owner
        isBoundary = boundary
    }

    /// True when a word starts or ends at scalar offset `offset` (outside the span: false).
    public func isBoundary(at offset: Int) -> Bool {
        let k = offset - span.lowerBound
        return k >= 0 && k <= span.count && isBoundary[k]
    }

    /// The index in `words` of the word covering scalar offset `offset`.
    public func wordIndex(at offset: Int) -> Int? {
        let k = offset - span.lowerBound
        guard k >= 0 && k < span.count, owner[k] >= 0 else { return nil }
        return Int(owner[k])
    }

    /// The word covering scalar offset `offset`.
    public func word(at offset: Int) -> Word? {
        wordIndex(at: offset).map { words[$0] }
    }

    /// The part of speech of the word covering scalar offset `offset`.
    public func pos(at offset: Int) -> PartOfSpeech? {
        word(at: offset)?.pos
    }

    /// True when `range` starts and ends on word boundaries, so it splits no word.
    public func alignsWithWords(_ range: Range<Int>) -> Bool {
        isBoundary(at: range.lowerBound) && isBoundary(at: range.upperBound)
    }

    /// The words lying inside `range`, which must align with words.
    public func words(in range: Range<Int>) -> ArraySlice<Word> {
        guard let first = wordIndex(at: range.lowerBound), range.count > 0,
            let last = wordIndex(at: range.upperBound - 1)
        else { return [] }
        return words[first...last]
    }
}

extension WordSegmenter {
    /// The segmenter over kg's built-in dictionary (`schema/dictionary/words.tsv`), loaded once
    /// per process on first use (about 20 ms).
    public static let builtIn: WordSegmenter = {
        do {
            return WordSegmenter(dictionary: try WordDictionary(bytes: KGTextResources.dictionaryBytes))
        } catch {
            preconditionFailure("the built-in word dictionary does not parse: \(error)")
        }
    }()
}
