import Foundation

/// A problem in a word dictionary's text, with its 1-based line.
public enum WordDictionaryError: Error, Equatable, Sendable {
    /// The line does not read `word<TAB>freq<TAB>pos`.
    case malformedLine(Int)
    /// The tag is not a `PartOfSpeech`.
    case unknownTag(line: Int, tag: String)
    /// The bytes are not UTF-8.
    case invalidUTF8(line: Int)
}

/// Words with frequencies and parts of speech, searchable by prefix: the segmenter's lexicon.
///
/// The text format is `word<TAB>freq<TAB>pos` a line (`#` starts a comment). Words are kept
/// sorted by code points in one flat scalar array, so every word that starts with a given prefix
/// lies in one contiguous range of indices, and extending the prefix by one character narrows
/// the range by two binary searches. That makes loading a single pass over the bytes with no
/// String per line and no tree of nodes to allocate, which matters because kg loads the full
/// dictionary (≈270k words) at every start.
public struct WordDictionary: Sendable {
    /// All words' scalar values, end to end, in sorted word order.
    let scalars: [UInt32]
    /// Word `k` is `scalars[starts[k]..<starts[k + 1]]`.
    let starts: [Int32]
    /// Each word's frequency as given.
    let frequencies: [UInt32]
    /// Each word's part of speech.
    let tags: [PartOfSpeech]
    /// Each word's log probability, log(freq / total), precomputed for the segmenter's lattice.
    let logProbabilities: [Double]
    /// For a first scalar below 0x10000: the range of words starting with it, packed as
    /// lower << 32 | upper (both 0 when none). A flat table because this lookup happens at every
    /// position of every sentence.
    let firstBMP: [UInt64]
    /// The same for first scalars above the BMP (rare extension-B characters).
    let firstOther: [UInt32: Range<Int>]
    /// The range of words starting with each pair of scalars (see `PairIndex`), nil when some
    /// first scalar has two one-character words (an unsorted repeat), which the binary search
    /// it replaces treats in its own way.
    let pairs: PairIndex?
    /// The sum of all frequencies.
    public let totalFrequency: Double
    /// The log probability of a single character the dictionary lacks: a frequency of one.
    public let unknownLogProbability: Double

    /// The number of words.
    public var count: Int { frequencies.count }

    /// One entry of the dictionary.
    public struct Entry: Sendable, Hashable {
        /// The word.
        public let word: String
        /// Its frequency in the source corpus.
        public let frequency: Int
        /// Its part of speech.
        public let pos: PartOfSpeech
    }

    /// Reads a dictionary from its TSV text.
    public init(tsv: String) throws {
        try self.init(bytes: Array(tsv.utf8))
    }

    /// Reads a dictionary from a TSV file.
    public init(contentsOfFile path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try self.init(bytes: [UInt8](data))
    }

    /// Reads a dictionary from UTF-8 TSV bytes. Input sorted by code points (as the converter
    /// writes it) is taken as is; other input is sorted first. A repeated word keeps its more
    /// frequent line.
    public init(bytes: [UInt8]) throws {
        // Upper bounds for the output: a scalar takes at least one byte and a word line at
        // least six (word, tab, digit, tab, tag, newline), so the buffers never grow. Writing
        // through raw buffers instead of appending halves the load time of the full file.
        let lineBound = bytes.count / 6 + 2
        let scalarOut = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: bytes.count + 1)
        let startOut = UnsafeMutableBufferPointer<Int32>.allocate(capacity: lineBound + 1)
        let freqOut = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: lineBound)
        let tagOut = UnsafeMutableBufferPointer<PartOfSpeech>.allocate(capacity: lineBound)
        defer {
            scalarOut.deallocate()
            startOut.deallocate()
            freqOut.deallocate()
            tagOut.deallocate()
        }
        var scalarCount = 0
        var wordCount = 0
        startOut[0] = 0
        var sorted = true

        try bytes.withUnsafeBufferPointer { buffer in
            let n = buffer.count
            var i = 0
            var line = 0
            while i < n {
                line += 1
                // Blank and comment lines.
                if buffer[i] == 0x0A || buffer[i] == 0x23 || buffer[i] == 0x0D {
                    while i < n && buffer[i] != 0x0A { i += 1 }
                    i += 1
                    continue
                }
                // The word, decoded from UTF-8 straight into the flat scalar buffer.
                let wordStart = scalarCount
                while i < n && buffer[i] != 0x09 {
                    let b0 = UInt32(buffer[i])
                    var value: UInt32
                    var extra: Int
                    if b0 < 0x80 {
                        value = b0
                        extra = 0
                    } else if b0 & 0xE0 == 0xC0 {
                        value = b0 & 0x1F
                        extra = 1
                    } else if b0 & 0xF0 == 0xE0 {
                        value = b0 & 0x0F
                        extra = 2
                    } else if b0 & 0xF8 == 0xF0 {
                        value = b0 & 0x07
                        extra = 3
                    } else {
                        throw WordDictionaryError.invalidUTF8(line: line)
                    }
                    guard i + extra < n else { throw WordDictionaryError.invalidUTF8(line: line) }
                    for k in 0..<extra {
                        let b = UInt32(buffer[i + 1 + k])
                        guard b & 0xC0 == 0x80 else { throw WordDictionaryError.invalidUTF8(line: line) }
                        value = value << 6 | (b & 0x3F)
                    }
                    if value == 0x0A { throw WordDictionaryError.malformedLine(line) }
                    scalarOut[scalarCount] = value
                    scalarCount += 1
                    i += 1 + extra
                }
                guard i < n, scalarCount > wordStart else { throw WordDictionaryError.malformedLine(line) }
                i += 1
                // The frequency.
                var freq: UInt64 = 0
                let freqStart = i
                while i < n, buffer[i] >= 0x30, buffer[i] <= 0x39 {
                    freq = min(freq * 10 + UInt64(buffer[i] - 0x30), UInt64(UInt32.max))
                    i += 1
                }
                guard i > freqStart, i < n, buffer[i] == 0x09 else { throw WordDictionaryError.malformedLine(line) }
                i += 1
                // The tag.
                let tagStart = i
                while i < n, buffer[i] != 0x0A, buffer[i] != 0x0D, buffer[i] != 0x09 { i += 1 }
                let tagBytes = UnsafeBufferPointer(rebasing: buffer[tagStart..<i])
                guard let pos = PartOfSpeech(tagBytes: tagBytes) else {
                    throw WordDictionaryError.unknownTag(line: line, tag: String(decoding: tagBytes, as: UTF8.self))
                }
                while i < n && buffer[i] != 0x0A { i += 1 }
                i += 1

                // Compare with the previous word: a repeat keeps the larger frequency, an
                // out-of-order word means the whole list is sorted at the end.
                if wordCount > 0 {
                    let order = Self.compare(
                        UnsafeBufferPointer(scalarOut), Int(startOut[wordCount - 1]), wordStart, wordStart, scalarCount)
                    if order == 0 {
                        scalarCount = wordStart
                        if UInt32(freq) > freqOut[wordCount - 1] {
                            freqOut[wordCount - 1] = UInt32(freq)
                            tagOut[wordCount - 1] = pos
                        }
                        continue
                    }
                    if order > 0 { sorted = false }
                }
                freqOut[wordCount] = UInt32(freq)
                tagOut[wordCount] = pos
                wordCount += 1
                startOut[wordCount] = Int32(scalarCount)
            }
        }
        var scalars = Array(UnsafeBufferPointer(rebasing: scalarOut[0..<scalarCount]))
        var starts = Array(UnsafeBufferPointer(rebasing: startOut[0...wordCount]))
        var frequencies = Array(UnsafeBufferPointer(rebasing: freqOut[0..<wordCount]))
        var tags = Array(UnsafeBufferPointer(rebasing: tagOut[0..<wordCount]))
        if !sorted {
            (scalars, starts, frequencies, tags) = Self.sortedAndUnique(scalars, starts, frequencies, tags)
        }
        self.init(scalars: scalars, starts: starts, frequencies: frequencies, tags: tags)
    }

    /// Builds the search tables over sorted, unique words.
    init(scalars: [UInt32], starts: [Int32], frequencies: [UInt32], tags: [PartOfSpeech]) {
        self.scalars = scalars
        self.starts = starts
        self.frequencies = frequencies
        self.tags = tags
        var total = 0.0
        for f in frequencies { total += Double(max(f, 1)) }
        total = max(total, 1)
        totalFrequency = total
        let logTotal = log(total)
        unknownLogProbability = -logTotal
        logProbabilities = frequencies.map { log(Double(max($0, 1))) - logTotal }

        // Words sharing a first scalar are contiguous; record each group's range.
        var bmp = [UInt64](repeating: 0, count: 0x10000)
        var other: [UInt32: Range<Int>] = [:]
        var pairRanges: [(key: UInt64, range: UInt64)] = []
        var pairsUsable = true
        var k = 0
        let n = frequencies.count
        while k < n {
            let first = scalars[Int(starts[k])]
            var end = k + 1
            while end < n && scalars[Int(starts[end])] == first { end += 1 }
            if first < 0x10000 {
                bmp[Int(first)] = UInt64(k) << 32 | UInt64(end)
            } else {
                other[first] = k..<end
            }
            // Within the group, words sharing a second scalar are contiguous too.
            var m = k
            var singles = 0
            while m < end {
                guard starts[m + 1] - starts[m] >= 2 else {
                    singles += 1
                    m += 1
                    continue
                }
                let second = scalars[Int(starts[m]) + 1]
                var pairEnd = m + 1
                while pairEnd < end && starts[pairEnd + 1] - starts[pairEnd] >= 2 && scalars[Int(starts[pairEnd]) + 1] == second {
                    pairEnd += 1
                }
                pairRanges.append((PairIndex.key(first, second), UInt64(m) << 32 | UInt64(pairEnd)))
                m = pairEnd
            }
            if singles > 1 { pairsUsable = false }
            k = end
        }
        firstBMP = bmp
        firstOther = other
        pairs = pairsUsable ? PairIndex(pairRanges) : nil
    }

    /// Word ranges by their first two scalars, in one open-addressed array of (key, range)
    /// slots: the segmenter asks at every Han position for the words going on with the next
    /// character, and a lookup here replaces the two widest binary searches of `forEachWord`
    /// (over every word sharing the first character, thousands for 中 or 公).
    struct PairIndex: Sendable {
        /// Key, then range packed as lower << 32 | upper; key 0 marks an empty slot.
        private let slots: [UInt64]
        private let shift: UInt64
        private let mask: Int

        @inline(__always) static func key(_ a: UInt32, _ b: UInt32) -> UInt64 { (UInt64(a) << 21 | UInt64(b)) + 1 }

        @inline(__always) private static func index(_ key: UInt64, _ shift: UInt64) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }

        init(_ ranges: [(key: UInt64, range: UInt64)]) {
            let (capacity, mask, shift) = OpenAddressing.size(forKeys: ranges.count)
            self.shift = shift
            self.mask = mask
            var slots = [UInt64](repeating: 0, count: capacity * 2)
            for (key, range) in ranges {
                var i = Self.index(key, shift)
                while slots[2 * i] != 0 { i = (i + 1) & mask }
                slots[2 * i] = key
                slots[2 * i + 1] = range
            }
            self.slots = slots
        }

        /// The packed range of the words starting with `a` then `b`; 0 (empty) when none.
        @inline(__always) func range(_ a: UInt32, _ b: UInt32) -> UInt64 {
            let key = Self.key(a, b)
            var i = Self.index(key, shift)
            return slots.withUnsafeBufferPointer { slots in
                while true {
                    let k = slots[2 * i]
                    if k == key { return slots[2 * i + 1] }
                    if k == 0 { return 0 }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Three-way comparison of `s[a0..<a1]` and `s[b0..<b1]` by code points, a prefix first.
    @inline(__always)
    static func compare<C: RandomAccessCollection<UInt32>>(_ s: C, _ a0: Int, _ a1: Int, _ b0: Int, _ b1: Int) -> Int
    where C.Index == Int {
        var i = a0
        var j = b0
        while i < a1 && j < b1 {
            if s[i] != s[j] { return s[i] < s[j] ? -1 : 1 }
            i += 1
            j += 1
        }
        return (a1 - a0) - (b1 - b0)
    }

    /// The words re-laid in sorted order, a repeated word keeping its most frequent entry.
    static func sortedAndUnique(_ scalars: [UInt32], _ starts: [Int32], _ frequencies: [UInt32], _ tags: [PartOfSpeech])
        -> ([UInt32], [Int32], [UInt32], [PartOfSpeech])
    {
        let order = (0..<frequencies.count).sorted { x, y in
            let c = compare(scalars, Int(starts[x]), Int(starts[x + 1]), Int(starts[y]), Int(starts[y + 1]))
            return c != 0 ? c < 0 : frequencies[x] > frequencies[y]
        }
        var s: [UInt32] = []
        var st: [Int32] = [0]
        var f: [UInt32] = []
        var t: [PartOfSpeech] = []
        s.reserveCapacity(scalars.count)
        var previous = -1
        for k in order {
            let a = Int(starts[k])
            let b = Int(starts[k + 1])
            // Repeats are adjacent after sorting, the most frequent first.
            if previous >= 0 && compare(scalars, a, b, Int(starts[previous]), Int(starts[previous + 1])) == 0 {
                continue
            }
            previous = k
            for m in a..<b { s.append(scalars[m]) }
            st.append(Int32(s.count))
            f.append(frequencies[k])
            t.append(tags[k])
        }
        return (s, st, f, t)
    }

    /// The entry for `word`, if the dictionary has it.
    public func entry(_ word: String) -> Entry? {
        let text = Array(word.unicodeScalars)
        var found: Entry?
        forEachWord(startingAt: 0, in: text, end: text.count) { length, index in
            if length == text.count {
                found = Entry(word: word, frequency: Int(frequencies[index]), pos: tags[index])
            }
        }
        return found
    }

    /// Calls `body(length, wordIndex)` for every dictionary word that starts at `text[start]`
    /// and ends by `end`, shortest first.
    @inline(__always)
    func forEachWord(
        startingAt start: Int, in text: UnsafeBufferPointer<Unicode.Scalar>, end: Int, _ body: (Int, Int) -> Void
    ) {
        let first = text[start].value
        var lo: Int
        var hi: Int
        if first < 0x10000 {
            let packed = firstBMP[Int(first)]
            lo = Int(packed >> 32)
            hi = Int(packed & 0xFFFF_FFFF)
        } else if let range = firstOther[first] {
            lo = range.lowerBound
            hi = range.upperBound
        } else {
            return
        }
        guard lo < hi else { return }
        let pairs = self.pairs
        scalars.withUnsafeBufferPointer { s in
            starts.withUnsafeBufferPointer { st in
                var depth = 1
                while true {
                    // [lo, hi) holds the words starting with text[start..<start+depth]; the one
                    // equal to it, if any, sorts first.
                    if Int(st[lo + 1] - st[lo]) == depth {
                        body(depth, lo)
                        lo += 1
                    }
                    let at = start + depth
                    guard lo < hi, at < end else { return }
                    let c = text[at].value
                    if depth == 1, let pairs {
                        // What the two searches below find at this depth, looked up.
                        let packed = pairs.range(first, c)
                        lo = Int(packed >> 32)
                        hi = Int(packed & 0xFFFF_FFFF)
                        guard lo < hi else { return }
                        depth += 1
                        continue
                    }
                    // Lower bound of c at this depth, then upper bound.
                    var a = lo
                    var b = hi
                    while a < b {
                        let mid = (a + b) >> 1
                        if s[Int(st[mid]) + depth] < c { a = mid + 1 } else { b = mid }
                    }
                    lo = a
                    b = hi
                    while a < b {
                        let mid = (a + b) >> 1
                        if s[Int(st[mid]) + depth] <= c { a = mid + 1 } else { b = mid }
                    }
                    hi = a
                    guard lo < hi else { return }
                    depth += 1
                }
            }
        }
    }

    /// `forEachWord` over an array.
    func forEachWord(startingAt start: Int, in text: [Unicode.Scalar], end: Int, _ body: (Int, Int) -> Void) {
        text.withUnsafeBufferPointer { forEachWord(startingAt: start, in: $0, end: end, body) }
    }
}
