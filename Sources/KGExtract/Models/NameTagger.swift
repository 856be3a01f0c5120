import KGModel

/// Marks organisation names character by character (tags B, I, O), for the names neither the
/// lexicon nor a suffix reveals: stock short names such as 雅士利 or 歌华有线 that financial news
/// uses bare. An averaged perceptron trained by `scripts/models/train.py`, decoded greedily left
/// to right; its features are single characters and pairs around the position, character
/// classes, and the previous tag.
public struct NameTagger: Sendable {
    let table: WeightTable

    private static let unigramTemplates = ["u-2=", "u-1=", "u0=", "u1=", "u2="].map(FeatureHash.init)
    private static let bigramTemplates = ["b-2=", "b-1=", "b0=", "b1="].map(FeatureHash.init)
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

    /// The names in a sentence's characters (already folded by `ModelText.fold`), as offsets
    /// into them: runs of B I*, at least two characters long, holding a letter or Han character.
    public func names(in text: [Unicode.Scalar]) -> [TextSpan] {
        let n = text.count
        func at(_ i: Int) -> Unicode.Scalar { i >= 0 && i < n ? text[i] : ModelText.boundary }
        var tags: [UInt8] = []
        tags.reserveCapacity(n)
        var previous = 2  // O
        var scores = [Int](repeating: 0, count: 3)
        for i in 0..<n {
            scores[0] = 0; scores[1] = 0; scores[2] = 0
            func add(_ hash: FeatureHash) { add(hash.value) }
            func add(_ hash: UInt64) {
                guard let offset = table.offset(of: hash) else { return }
                for k in 0..<3 { scores[k] += Int(table.weights[offset + k]) }
            }
            for (k, template) in Self.unigramTemplates.enumerated() {
                var hash = template
                hash.add(at(i + k - 2))
                add(hash)
            }
            for (k, template) in Self.bigramTemplates.enumerated() {
                var hash = template
                hash.add(at(i + k - 2))
                hash.add(at(i + k - 1))
                add(hash)
            }
            var classes = Self.classTemplate
            for k in -1...1 { classes.add(ModelText.characterClass(at(i + k))) }
            add(classes)
            add(Self.previousTemplates[previous])
            var previousCharacter = Self.previousCharacterTemplates[previous]
            previousCharacter.add(at(i))
            add(previousCharacter)
            add(Self.bias)
            // The best tag, the first on a tie; I cannot follow O.
            var best = -1
            for k in 0..<3 where !(k == 1 && previous == 2) {
                if best < 0 || scores[k] > scores[best] { best = k }
            }
            tags.append(UInt8(best))
            previous = best
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
