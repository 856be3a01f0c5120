/// A word's part of speech: the tag set of the word dictionary (jieba's, after the ICTCLAS/PKU
/// convention) plus the tags the segmenter gives tokens it makes itself.
///
/// The raw value is the tag as written in `words.tsv`. Tags are kept fine-grained (nr, nrt and
/// nrfg stay apart) because the name layer may weigh them differently; the `is…` properties
/// group them for the common questions.
public enum PartOfSpeech: String, Sendable, CaseIterable {
    /// n: common noun (公司, 项目).
    case noun = "n"
    /// ng: noun morpheme.
    case nounMorpheme = "ng"
    /// nr: person name.
    case personName = "nr"
    /// nrt: transliterated person name.
    case transliteratedName = "nrt"
    /// nrfg: person name, other.
    case personNameOther = "nrfg"
    /// ns: place name (苏州).
    case placeName = "ns"
    /// nt: organisation name (中国科学院).
    case organizationName = "nt"
    /// nz: other proper noun.
    case otherProperNoun = "nz"
    /// s: place word (门外).
    case placeWord = "s"
    /// t: time word (今年).
    case timeWord = "t"
    /// tg: time morpheme.
    case timeMorpheme = "tg"
    /// f: direction word (以上, 内).
    case direction = "f"
    /// v: verb (签署, 引进).
    case verb = "v"
    /// vn: verb that also works as a noun (投资, 发展).
    case verbalNoun = "vn"
    /// vd: verb used as an adverb.
    case adverbialVerb = "vd"
    /// vg: verb morpheme.
    case verbMorpheme = "vg"
    /// vi: intransitive verb.
    case intransitiveVerb = "vi"
    /// vq: verb with a classifier.
    case verbClassifier = "vq"
    /// a: adjective.
    case adjective = "a"
    /// ad: adjective used as an adverb.
    case adverbialAdjective = "ad"
    /// an: adjective used as a noun.
    case nominalAdjective = "an"
    /// ag: adjective morpheme.
    case adjectiveMorpheme = "ag"
    /// b: distinguishing word (大型, 国有).
    case distinguishing = "b"
    /// z: state word.
    case state = "z"
    /// d: adverb (已经, 正式).
    case adverb = "d"
    /// df: adverb (不要).
    case adverbOther = "df"
    /// dg: adverb morpheme.
    case adverbMorpheme = "dg"
    /// m: numeral, including digit runs the segmenter makes (28, 3.5%).
    case numeral = "m"
    /// mq: numeral with a classifier (一家).
    case numeralClassifier = "mq"
    /// mg: numeral morpheme.
    case numeralMorpheme = "mg"
    /// q: classifier (家, 个, 名).
    case classifier = "q"
    /// r: pronoun (该, 其).
    case pronoun = "r"
    /// rr: personal pronoun.
    case personalPronoun = "rr"
    /// rz: demonstrative pronoun.
    case demonstrativePronoun = "rz"
    /// rg: pronoun morpheme.
    case pronounMorpheme = "rg"
    /// p: preposition (在, 与).
    case preposition = "p"
    /// c: conjunction (和, 及).
    case conjunction = "c"
    /// u: particle (的, 了).
    case particle = "u"
    /// ud: particle 得.
    case particleDe = "ud"
    /// ug: particle 过.
    case particleGuo = "ug"
    /// uj: particle 的.
    case particleDe4 = "uj"
    /// ul: particle 了.
    case particleLe = "ul"
    /// uv: particle 地.
    case particleDi = "uv"
    /// uz: particle 着.
    case particleZhe = "uz"
    /// i: idiom.
    case idiom = "i"
    /// l: set phrase.
    case setPhrase = "l"
    /// j: abbreviation (国资委).
    case abbreviation = "j"
    /// e: interjection.
    case interjection = "e"
    /// o: onomatopoeia.
    case onomatopoeia = "o"
    /// y: modal particle.
    case modal = "y"
    /// h: prefix.
    case prefix = "h"
    /// k: suffix.
    case suffix = "k"
    /// g: morpheme.
    case morpheme = "g"
    /// zg: morpheme (mostly rare single characters).
    case stateMorpheme = "zg"
    /// x: non-morpheme character as tagged in the dictionary.
    case nonMorpheme = "x"
    /// eng: a run of Latin letters (with digits), made by the segmenter (AI, 5G, iPhone).
    case latin = "eng"
    /// un: Han characters absent from the dictionary, grouped by the segmenter.
    case unknown = "un"
    /// w: punctuation, symbols and white space, one token each (a white-space run is one).
    case punctuation = "w"

    /// A verb of any kind except `vn`, which as often names a thing (投资, 发展) as does it.
    public var isVerb: Bool {
        switch self {
        case .verb, .adverbialVerb, .verbMorpheme, .intransitiveVerb, .verbClassifier: return true
        default: return false
        }
    }

    /// An adverb, or an adjective or verb used as one.
    public var isAdverb: Bool {
        switch self {
        case .adverb, .adverbOther, .adverbMorpheme, .adverbialAdjective, .adverbialVerb: return true
        default: return false
        }
    }

    /// A numeral or a numeral with its classifier (including digit runs).
    public var isNumeral: Bool {
        switch self {
        case .numeral, .numeralClassifier, .numeralMorpheme: return true
        default: return false
        }
    }

    /// A classifier, alone or fused with its numeral.
    public var isClassifier: Bool { self == .classifier || self == .numeralClassifier || self == .verbClassifier }

    /// A proper name the dictionary knows: person, place, organisation or other.
    public var isProperName: Bool {
        switch self {
        case .personName, .transliteratedName, .personNameOther, .placeName, .organizationName, .otherProperNoun:
            return true
        default: return false
        }
    }

    /// A function word: preposition, conjunction, particle or modal particle.
    public var isFunctionWord: Bool {
        switch self {
        case .preposition, .conjunction, .particle, .particleDe, .particleGuo, .particleDe4, .particleLe,
            .particleDi, .particleZhe, .modal:
            return true
        default: return false
        }
    }

    /// The tag spelled by `tagBytes`, found without making a String: one- and two-byte tags
    /// (nearly every line) index a flat table, longer ones a dictionary.
    init?(tagBytes: UnsafeBufferPointer<UInt8>) {
        switch tagBytes.count {
        case 1, 2:
            let key = Int(tagBytes[0]) | (tagBytes.count == 2 ? Int(tagBytes[1]) << 8 : 0)
            guard let pos = Self.shortTags[key] else { return nil }
            self = pos
        case 3, 4:
            var key: UInt32 = 0
            for (k, b) in tagBytes.enumerated() { key |= UInt32(b) << (8 * UInt32(k)) }
            guard let pos = Self.longTags[key] else { return nil }
            self = pos
        default:
            return nil
        }
    }

    /// Tags of one or two bytes, indexed by byte0 | byte1 << 8.
    private static let shortTags: [PartOfSpeech?] = {
        var table = [PartOfSpeech?](repeating: nil, count: 0x10000)
        for pos in allCases {
            let bytes = Array(pos.rawValue.utf8)
            guard bytes.count <= 2 else { continue }
            table[Int(bytes[0]) | (bytes.count == 2 ? Int(bytes[1]) << 8 : 0)] = pos
        }
        return table
    }()

    /// Tags of three or four bytes by their bytes packed little-endian.
    private static let longTags: [UInt32: PartOfSpeech] = {
        var table: [UInt32: PartOfSpeech] = [:]
        for pos in allCases where pos.rawValue.utf8.count > 2 {
            var key: UInt32 = 0
            for (k, b) in pos.rawValue.utf8.enumerated() { key |= UInt32(b) << (8 * UInt32(k)) }
            table[key] = pos
        }
        return table
    }()
}
