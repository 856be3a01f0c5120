import KGModel

/// Marks organisation names character by character (tags B, I, O), for the names neither the
/// lexicon nor a suffix reveals: stock short names such as 雅士利 or 歌华有线 that financial news
/// uses bare. An averaged perceptron trained by `scripts/models/train.py`, decoded greedily left
/// to right; its features are single characters, pairs and the triple around the position,
/// character classes, and the previous tag.
public struct NameTagger: Sendable {
    let table: WeightTable
    /// The table's weights regrouped so that a character costs three lookups instead of
    /// fourteen (see `Grouped`). Built from `table`, so the two always agree.
    let grouped: Grouped

    static let unigramTemplates = ["u-2=", "u-1=", "u0=", "u1=", "u2="]
    static let bigramTemplates = ["b-2=", "b-1=", "b0=", "b1="]
    static let tags: [Unicode.Scalar] = ["B", "I", "O"]
    /// `ModelText.characterClass`'s results, in the order of `Grouped.classes`.
    static let classNames: [Unicode.Scalar] = ["_", "H", "L", "D", "P"]

    init(file: String, text: String) throws {
        let builder = Grouped.Builder()
        table = try WeightTable(file: file, text: text, width: 3, settingNames: ["tags"], eachRow: builder.add)
        grouped = Grouped(builder, table)
    }

    /// The model's features grouped by what they read, each group one lookup per position:
    ///
    /// - `characters`, by character c: the weights of `u-2=c` … `u2=c` (5 × 3), then of `pu=Bc`,
    ///   `pu=Ic`, `pu=Oc` (3 × 3);
    /// - `pairs`, by characters cd: `b-2=cd` … `b1=cd` (4 × 3);
    /// - `triples`, by cde: `t=cde` (3);
    /// - `classes` (by the three class indices, 5 × 5 × 5 × 3) and `previous` (`p=` of each
    ///   previous tag plus `bias=`, 3 × 3), dense.
    ///
    /// A group holds every character, pair and triple that some row of the file names, with that
    /// row's weights (0 for a template the file lacks; of a feature written twice, the last row,
    /// as in `WeightTable`); one that no row names scores 0, as its hashed lookups found nothing.
    /// (Only an FNV-64 collision between an unknown feature and a known one could tell the two
    /// apart.)
    struct Grouped: Sendable {
        let characters: KeyedWeights
        let pairs: KeyedWeights
        let triples: KeyedWeights
        let classes: [Int]
        let previous: [Int]

        /// Collects the grouped rows while `WeightTable` reads the file (about seventy thousand
        /// rows in every process that loads the model, so without a String or an allocation a row).
        final class Builder {
            var entries: [[UInt64: Int]] = [[:], [:], [:]]
            var keys: [[UInt64]] = [[], [], []]
            var weights: [[Int32]] = [[], [], []]
            static let widths = [24, 12, 3]

            /// The group (0 characters, 1 pairs, 2 triples), the characters the feature reads and
            /// where its weights go in the group's row, for a template given as bytes up to its
            /// `=`; nil for the templates the dense tables hold (k=, p=, bias=).
            static func template(_ t: ArraySlice<UInt8>) -> (group: Int, characters: Int, column: Int)? {
                func offset(_ rest: ArraySlice<UInt8>) -> Int? {
                    // -2, -1, 0, 1, 2 → 0 … 4
                    if rest.count == 1, let d = rest.first, d >= UInt8(ascii: "0"), d <= UInt8(ascii: "2") { return Int(d - UInt8(ascii: "0")) + 2 }
                    if rest.count == 2, rest.first == UInt8(ascii: "-"), let d = rest.last, d == UInt8(ascii: "1") || d == UInt8(ascii: "2") {
                        return 2 - Int(d - UInt8(ascii: "0"))
                    }
                    return nil
                }
                guard let first = t.first else { return nil }
                let rest = t.dropFirst()
                switch first {
                case UInt8(ascii: "u"):
                    return offset(rest).map { (0, 1, 3 * $0) }
                case UInt8(ascii: "b"):
                    // b-2, b-1, b0, b1 → columns 0 … 3
                    guard let k = offset(rest), k <= 3 else { return nil }
                    return (1, 2, 3 * k)
                case UInt8(ascii: "t"):
                    return rest.isEmpty ? (2, 3, 0) : nil
                case UInt8(ascii: "p"):
                    // pu= reads the previous tag and then the character.
                    return rest.count == 1 && rest.first == UInt8(ascii: "u") ? (0, 2, 15) : nil
                default:
                    return nil
                }
            }

            func add(_ feature: ArraySlice<UInt8>, _ row: [Int32]) {
                guard let equals = feature.firstIndex(of: UInt8(ascii: "=")), let template = Self.template(feature[..<equals]) else { return }
                // The characters after `=`, escapes undone and UTF-8 decoded; at most three.
                var scalars: (UInt32, UInt32, UInt32) = (0, 0, 0)
                var count = 0
                var pending: UInt32 = 0
                var remaining = 0
                var malformed = false
                WeightTable.unescape(feature[(equals + 1)...]) { byte in
                    if remaining > 0 {
                        pending = pending << 6 | UInt32(byte & 0x3F)
                        remaining -= 1
                    } else if byte < 0x80 {
                        pending = UInt32(byte)
                    } else if byte >= 0xF0 {
                        pending = UInt32(byte & 0x07)
                        remaining = 3
                    } else if byte >= 0xE0 {
                        pending = UInt32(byte & 0x0F)
                        remaining = 2
                    } else if byte >= 0xC0 {
                        pending = UInt32(byte & 0x1F)
                        remaining = 1
                    } else {
                        malformed = true
                    }
                    guard remaining == 0 else { return }
                    switch count {
                    case 0: scalars.0 = pending
                    case 1: scalars.1 = pending
                    case 2: scalars.2 = pending
                    default: break
                    }
                    count += 1
                }
                guard !malformed, remaining == 0, count == template.characters,
                    let a = Unicode.Scalar(scalars.0), let b = Unicode.Scalar(scalars.1), let c = Unicode.Scalar(scalars.2)
                else { return }
                let key: UInt64
                var column = template.column
                switch template.group {
                case 0:
                    if count == 2 {
                        guard let tag = NameTagger.tags.firstIndex(of: a) else { return }
                        column += 3 * tag
                        key = KeyedWeights.key(b)
                    } else {
                        key = KeyedWeights.key(a)
                    }
                case 1: key = KeyedWeights.key(a, b)
                default: key = KeyedWeights.key(a, b, c)
                }
                let group = template.group, width = Self.widths[group]
                let entry: Int
                if let known = entries[group][key] {
                    entry = known
                } else {
                    entry = keys[group].count
                    entries[group][key] = entry
                    keys[group].append(key)
                    weights[group].append(contentsOf: repeatElement(0, count: width))
                }
                for t in 0..<3 { weights[group][entry * width + column + t] = row[t] }
            }
        }

        init(_ builder: Builder, _ table: WeightTable) {
            characters = KeyedWeights(width: 24, keys: builder.keys[0], weights: builder.weights[0])
            pairs = KeyedWeights(width: 12, keys: builder.keys[1], weights: builder.weights[1])
            triples = KeyedWeights(width: 3, keys: builder.keys[2], weights: builder.weights[2])
            // The dense groups are few features: looked up by hash as the tagger once did.
            func weights(_ feature: String) -> [Int] {
                guard let offset = table.offset(of: FeatureHash(feature).value) else { return [0, 0, 0] }
                return table.weights[offset..<(offset + 3)].map(Int.init)
            }
            var classes: [Int] = []
            for a in NameTagger.classNames {
                for b in NameTagger.classNames {
                    for c in NameTagger.classNames {
                        classes += weights("k=" + String(String.UnicodeScalarView([a, b, c])))
                    }
                }
            }
            self.classes = classes
            let bias = weights("bias=")
            previous = NameTagger.tags.flatMap { tag in zip(weights("p=" + String(Character(tag))), bias).map { $0 + $1 } }
        }
    }

    /// The names in a sentence's characters (normalised, then folded by `ModelText.fold`), as offsets
    /// into them: runs of B I*, at least two characters long, holding a letter or Han character.
    public func names(in text: [Unicode.Scalar]) -> [TextSpan] {
        let n = text.count
        var tags = [UInt8](repeating: 2, count: n)
        // Where each position's group rows start in their tables (-1: no row), looked up once:
        // a character is read by five unigram templates and a pair by four bigram templates.
        // Position j is stored at j + 2, so that the two before the sentence have a place.
        let boundary = ModelText.boundary
        func at(_ i: Int) -> Unicode.Scalar { i >= 0 && i < n ? text[i] : boundary }
        let characters = grouped.characters, pairs = grouped.pairs, triples = grouped.triples
        var characterRow = [Int](repeating: -1, count: n + 4)
        var pairRow = [Int](repeating: -1, count: n + 3)
        var classIndex = [Int](repeating: 0, count: n + 2)
        for j in -2..<(n + 2) { characterRow[j + 2] = characters.offset(of: KeyedWeights.key(at(j))) ?? -1 }
        for j in -2...n { pairRow[j + 2] = pairs.offset(of: KeyedWeights.key(at(j), at(j + 1))) ?? -1 }
        for j in -1...n { classIndex[j + 1] = Self.classIndex(at(j)) }
        var previous = 2  // O
        characters.slots.withUnsafeBufferPointer { characterWeights in
            pairs.slots.withUnsafeBufferPointer { pairWeights in
                triples.slots.withUnsafeBufferPointer { tripleWeights in
                    grouped.classes.withUnsafeBufferPointer { classWeights in
                        grouped.previous.withUnsafeBufferPointer { previousWeights in
                            for i in 0..<n {
                                // The scores of B, I and O, summed over the features the model knows.
                                var b = 0, inside = 0, o = 0
                                for k in 0..<5 {
                                    let row = characterRow[i + k]
                                    guard row >= 0 else { continue }
                                    b += Int(characterWeights[row + 3 * k])
                                    inside += Int(characterWeights[row + 3 * k + 1])
                                    o += Int(characterWeights[row + 3 * k + 2])
                                }
                                for k in 0..<4 {
                                    let row = pairRow[i + k]
                                    guard row >= 0 else { continue }
                                    b += Int(pairWeights[row + 3 * k])
                                    inside += Int(pairWeights[row + 3 * k + 1])
                                    o += Int(pairWeights[row + 3 * k + 2])
                                }
                                if let row = triples.offset(of: KeyedWeights.key(at(i - 1), text[i], at(i + 1))) {
                                    b += Int(tripleWeights[row])
                                    inside += Int(tripleWeights[row + 1])
                                    o += Int(tripleWeights[row + 2])
                                }
                                let classRow = 3 * (25 * classIndex[i] + 5 * classIndex[i + 1] + classIndex[i + 2])
                                b += classWeights[classRow]
                                inside += classWeights[classRow + 1]
                                o += classWeights[classRow + 2]
                                b += previousWeights[3 * previous]
                                inside += previousWeights[3 * previous + 1]
                                o += previousWeights[3 * previous + 2]
                                let row = characterRow[i + 2]
                                if row >= 0 {
                                    b += Int(characterWeights[row + 15 + 3 * previous])
                                    inside += Int(characterWeights[row + 15 + 3 * previous + 1])
                                    o += Int(characterWeights[row + 15 + 3 * previous + 2])
                                }
                                // The best tag, the first on a tie; I cannot follow O.
                                var best = 0
                                if previous != 2 && inside > b { best = 1 }
                                if o > (best == 0 ? b : inside) { best = 2 }
                                tags[i] = UInt8(best)
                                previous = best
                            }
                        }
                    }
                }
            }
        }
        var spans: [TextSpan] = []
        var i = 0
        while i < n {
            guard tags[i] == 0 else {
                i += 1
                continue
            }
            var j = i + 1
            while j < n && tags[j] == 1 { j += 1 }
            if j - i >= 2 && (i..<j).contains(where: { "HL".unicodeScalars.contains(ModelText.characterClass(text[$0])) }) {
                spans.append(TextSpan(i, j))
            }
            i = j
        }
        return spans
    }
}

extension NameTagger {
    /// `ModelText.characterClass` as an index into `classNames`.
    @inline(__always) static func classIndex(_ scalar: Unicode.Scalar) -> Int {
        switch ModelText.characterClass(scalar) {
        case "_": return 0
        case "H": return 1
        case "L": return 2
        case "D": return 3
        default: return 4
        }
    }
}
