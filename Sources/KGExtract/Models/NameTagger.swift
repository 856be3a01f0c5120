import KGModel

/// Marks organisation names character by character (tags B, I, O), for the names neither the
/// lexicon nor a suffix reveals: stock short names such as 雅士利 or 歌华有线 that financial news
/// uses bare. An averaged perceptron trained by `scripts/models/train.py`, decoded greedily left
/// to right; its features are single characters, pairs and the triple around the position,
/// character classes, and the previous tag.
public struct NameTagger: Sendable {
    let table: WeightTable

    private static let unigramTemplates = ["u-2=", "u-1=", "u0=", "u1=", "u2="].map(FeatureHash.init)
    private static let bigramTemplates = ["b-2=", "b-1=", "b0=", "b1="].map(FeatureHash.init)
    private static let trigramTemplate = FeatureHash("t=")
    private static let classTemplate = FeatureHash("k=")
    private static let tags: [Unicode.Scalar] = ["B", "I", "O"]
    /// `p=` and `pu=` followed by each previous tag; `bias=`.
    private static let previousTemplates = tags.map { tag -> FeatureHash in
        var hash = FeatureHash("p=")
        hash.add(tag)
        return hash
    }
    private static let previousCharacterTemplates = tags.map { tag -> FeatureHash in
        var hash = FeatureHash("pu=")
        hash.add(tag)
        return hash
    }
    private static let bias = FeatureHash("bias=").value

    init(file: String, text: String) throws {
        table = try WeightTable(file: file, text: text, width: 3, settingNames: ["tags"])
    }

    /// The names in a sentence's characters (normalised, then folded by `ModelText.fold`), as offsets
    /// into them: runs of B I*, at least two characters long, holding a letter or Han character.
    public func names(in text: [Unicode.Scalar]) -> [TextSpan] {
        let n = text.count
        func at(_ i: Int) -> Unicode.Scalar { i >= 0 && i < n ? text[i] : ModelText.boundary }
        var tags = [UInt8](repeating: 2, count: n)
        var previous = 2  // O
        // Static lets are checked for initialisation on every access; read them once.
        let unigrams = Self.unigramTemplates, bigrams = Self.bigramTemplates
        let previousTags = Self.previousTemplates, previousCharacters = Self.previousCharacterTemplates
        let trigramTemplate = Self.trigramTemplate, classTemplate = Self.classTemplate, bias = Self.bias
        table.weights.withUnsafeBufferPointer { weights in
            for i in 0..<n {
                // The scores of B, I and O, summed over the features the model knows.
                var b = 0, inside = 0, o = 0
                @inline(__always) func add(_ hash: UInt64) {
                    guard let offset = table.offset(of: hash) else { return }
                    b += Int(weights[offset])
                    inside += Int(weights[offset + 1])
                    o += Int(weights[offset + 2])
                }
                for k in 0..<5 {
                    var hash = unigrams[k]
                    hash.add(at(i + k - 2))
                    add(hash.value)
                }
                for k in 0..<4 {
                    var hash = bigrams[k]
                    hash.add(at(i + k - 2))
                    hash.add(at(i + k - 1))
                    add(hash.value)
                }
                var trigram = trigramTemplate
                var classes = classTemplate
                for k in -1...1 {
                    trigram.add(at(i + k))
                    classes.add(ModelText.characterClass(at(i + k)))
                }
                add(trigram.value)
                add(classes.value)
                add(previousTags[previous].value)
                var previousCharacter = previousCharacters[previous]
                previousCharacter.add(at(i))
                add(previousCharacter.value)
                add(bias)
                // The best tag, the first on a tie; I cannot follow O.
                var best = 0
                if previous != 2 && inside > b { best = 1 }
                if o > (best == 0 ? b : inside) { best = 2 }
                tags[i] = UInt8(best)
                previous = best
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
