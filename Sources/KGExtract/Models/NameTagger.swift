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
        table = try WeightTable(file: file, text: text, width: 3, settingNames: ["tags"])
        grouped = Grouped(table, features: WeightTable.features(in: text))
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
    /// A group holds every character, pair and triple that some feature of the file names, with
    /// the table's weights (0 for a template the file lacks); one that no feature names scores 0,
    /// as its hashed lookups found nothing. (Only an FNV-64 collision between an unknown
    /// feature and a known one could tell the two apart.)
    struct Grouped: Sendable {
        let characters: KeyedWeights
        let pairs: KeyedWeights
        let triples: KeyedWeights
        let classes: [Int]
        let previous: [Int]

        init(_ table: WeightTable, features: [String]) {
            func weights(_ feature: String) -> [Int32] {
                guard let offset = table.offset(of: FeatureHash(feature).value) else { return [0, 0, 0] }
                return Array(table.weights[offset..<(offset + 3)])
            }
            var characters = Set<Unicode.Scalar>(), pairs = Set<[Unicode.Scalar]>(), triples = Set<[Unicode.Scalar]>()
            for feature in features {
                guard let equals = feature.firstIndex(of: "=") else { continue }
                let template = feature[...equals]
                let rest = Array(feature[feature.index(after: equals)...].unicodeScalars)
                if NameTagger.unigramTemplates.contains(where: { $0 == template }), rest.count == 1 {
                    characters.insert(rest[0])
                } else if template == "pu=", rest.count == 2 {
                    characters.insert(rest[1])
                } else if NameTagger.bigramTemplates.contains(where: { $0 == template }), rest.count == 2 {
                    pairs.insert(rest)
                } else if template == "t=", rest.count == 3 {
                    triples.insert(rest)
                }
            }
            self.characters = KeyedWeights(
                width: 24,
                rows: characters.map { c in
                    let text = String(Character(c))
                    let unigrams = NameTagger.unigramTemplates.flatMap { weights($0 + text) }
                    let previous = NameTagger.tags.flatMap { weights("pu=" + String(Character($0)) + text) }
                    return (KeyedWeights.key(c), unigrams + previous)
                })
            self.pairs = KeyedWeights(
                width: 12,
                rows: pairs.map { pair in
                    let text = String(String.UnicodeScalarView(pair))
                    return (KeyedWeights.key(pair[0], pair[1]), NameTagger.bigramTemplates.flatMap { weights($0 + text) })
                })
            self.triples = KeyedWeights(
                width: 3,
                rows: triples.map { triple in
                    (KeyedWeights.key(triple[0], triple[1], triple[2]), weights("t=" + String(String.UnicodeScalarView(triple))))
                })
            var classes: [Int] = []
            for a in NameTagger.classNames {
                for b in NameTagger.classNames {
                    for c in NameTagger.classNames {
                        classes += weights("k=" + String(String.UnicodeScalarView([a, b, c]))).map(Int.init)
                    }
                }
            }
            self.classes = classes
            let bias = weights("bias=").map(Int.init)
            previous = NameTagger.tags.flatMap { tag in zip(weights("p=" + String(Character(tag))), bias).map { Int($0) + $1 } }
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
