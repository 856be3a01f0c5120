import KGModel
import KGText

/// What a pattern of the recognition automaton stands for. One string can mean several things
/// (集团 is a suffix and an anaphor).
enum Cue: Sendable, Hashable {
    case entry(Int32)
    case suffix(Int32)
    case stop
    case speech
    case title
    case aliasIntro
    case anaphor(AnaphorKind)
    case industryFollower
    /// A stop word that a name with a legal suffix may contain (建设, 发展).
    case weakStop
}

/// The anaphors resolved within a document, by what they may refer to.
enum AnaphorKind: Sendable, Hashable {
    /// 园区, 该园区: the nearest zone.
    case zone
    /// 该区, 全区, 本区, 我区: the nearest district or zone.
    case district
    /// 该公司, 该企业, 该集团, 公司/集团 at a clause start: the nearest company.
    case company
    /// 其: the nearest organisation.
    case pronoun
    /// 双方, 三方: the two or three most recent organisations.
    case parties(Int)
    /// 这里, 当地: the nearest place or zone.
    case here
    /// 我省, 全省, 本省, 该省: the province.
    case province
    /// 我市, 全市, 本市, 该市: the city.
    case city
    /// 我国, 本国: China, as the speaker's country (a reference, not a name written).
    case country
}

/// A lexicon compiled for matching: one automaton for every surface form, suffix, stop word and
/// cue, built once and shared (immutable, so safe across threads).
final class CompiledLexicon: Sendable {
    let lexicon: Lexicon
    let automaton: ScalarAutomaton
    let cues: [[Cue]]
    let descriptors: [EntityDescriptor]
    let suffixes: [RecognitionTables.Suffix]
    /// Each suffix's text as scalars, and the suffixes by their last character in table order:
    /// `Recognizer.englishLabel` asks which suffixes a name ends with for every name it labels,
    /// and `String.hasSuffix` over the whole table (grapheme by grapheme) cost 5% of a build.
    let suffixScalars: [[Unicode.Scalar]]
    let suffixesByLast: [Unicode.Scalar: [Int]]
    let labeler: EnglishLabeler
    let vocabulary: Vocabulary
    let generic: Set<GenericKey>
    let genericMax: Int
    /// Entry indices by id.
    let entryIndex: [String: Int]
    let compoundSurnames: Set<[Unicode.Scalar]>
    /// The first characters of the compound surnames: most positions start none, and asking the
    /// set makes an array and hashes it.
    let compoundSurnameFirsts: ScalarSet
    /// Each vocabulary type with itself and its ancestors.
    let typeAncestors: [String: Set<String>]
    /// Keys of provinces (parent `cn`) and of cities (parent a province), for 我省 and 我市.
    let provinceKeys: Set<EntityKey>
    let cityKeys: Set<EntityKey>
    /// Keys of countries (places without a parent): a country and a suffix alone are no name.
    let countryKeys: Set<EntityKey>

    init(lexicon: Lexicon, vocabulary: Vocabulary = .builtIn) {
        self.lexicon = lexicon
        self.vocabulary = vocabulary
        var patternIndex: [[Unicode.Scalar]: Int] = [:]
        var patterns: [[Unicode.Scalar]] = []
        var cues: [[Cue]] = []
        func add(_ text: String, _ cue: Cue) {
            let scalars = Normalizer.normalize(text)
            guard !scalars.isEmpty else { return }
            if let i = patternIndex[scalars] {
                if !cues[i].contains(cue) { cues[i].append(cue) }
            } else {
                patternIndex[scalars] = patterns.count
                patterns.append(scalars)
                cues.append([cue])
            }
        }
        var entryIndex: [String: Int] = [:]
        for (i, entry) in lexicon.entries.enumerated() {
            entryIndex[entry.id] = i
            for surface in entry.surfaces { add(surface, .entry(Int32(i))) }
        }
        for (i, suffix) in RecognitionTables.suffixes.enumerated() { add(suffix.text, .suffix(Int32(i))) }
        for word in RecognitionTables.stopWords {
            add(word, RecognitionTables.weakStopWords.contains(word) ? .weakStop : .stop)
        }
        for word in RecognitionTables.weakStopWords { add(word, .weakStop) }
        for word in RecognitionTables.speechVerbs { add(word, .speech) }
        for word in RecognitionTables.personTitles { add(word, .title) }
        for word in RecognitionTables.aliasIntroducers { add(word, .aliasIntro) }
        for word in RecognitionTables.industryFollowers where word.unicodeScalars.count > 1 { add(word, .industryFollower) }
        let anaphors: [(String, AnaphorKind)] = [
            ("园区", .zone), ("该园区", .zone), ("该区", .district), ("全区", .district), ("本区", .district),
            ("我区", .district), ("该公司", .company), ("公司", .company), ("该企业", .company), ("该集团", .company),
            ("集团", .company), ("其", .pronoun), ("双方", .parties(2)), ("三方", .parties(3)), ("这里", .here),
            ("当地", .here), ("我省", .province), ("我国", .country), ("本国", .country), ("全省", .province), ("本省", .province), ("该省", .province),
            ("我市", .city), ("全市", .city), ("本市", .city), ("该市", .city),
        ]
        for (word, kind) in anaphors { add(word, .anaphor(kind)) }
        automaton = ScalarAutomaton(patterns: patterns)
        self.cues = cues
        self.entryIndex = entryIndex
        descriptors = lexicon.entries.map(\.descriptor)
        suffixes = RecognitionTables.suffixes
        suffixScalars = suffixes.map { Array($0.text.unicodeScalars) }
        var byLast: [Unicode.Scalar: [Int]] = [:]
        for (i, scalars) in suffixScalars.enumerated() {
            if let last = scalars.last { byLast[last, default: []].append(i) }
        }
        suffixesByLast = byLast
        labeler = EnglishLabeler(lexicon: lexicon)
        let genericWords = RecognitionTables.genericWords.map { Normalizer.normalize($0) }
        generic = Set(genericWords.map { word in
            var key = GenericKey()
            for c in word { key.append(c) }
            return key
        })
        genericMax = min(GenericKey.capacity, genericWords.map(\.count).max() ?? 1)
        var ancestors: [String: Set<String>] = [:]
        for info in vocabulary.types {
            var chain: Set<String> = []
            var current: String? = info.id
            while let id = current, !chain.contains(id) {
                chain.insert(id)
                current = vocabulary.type(id)?.parent
            }
            ancestors[info.id] = chain
        }
        typeAncestors = ancestors
        var provinces = Set<EntityKey>()
        var provinceIDs = Set<String>()
        // Regions (长三角) hang under cn too, but are no province.
        for entry in lexicon.entries where entry.type == EntityTypeID.place && entry.parent == "cn" && !entry.id.hasPrefix("region-") {
            provinces.insert(entry.key)
            provinceIDs.insert(entry.id)
        }
        var cities = Set<EntityKey>()
        for entry in lexicon.entries where entry.type == EntityTypeID.place {
            if let parent = entry.parent, provinceIDs.contains(parent) { cities.insert(entry.key) }
        }
        countryKeys = Set(lexicon.entries.filter { $0.type == EntityTypeID.place && $0.parent == nil }.map(\.key))
        provinceKeys = provinces
        cityKeys = cities
        compoundSurnames = Set(RecognitionTables.compoundSurnames.map { Array($0.unicodeScalars) })
        compoundSurnameFirsts = ScalarSet(String(String.UnicodeScalarView(compoundSurnames.compactMap(\.first))))
    }

    /// True when `name` consists only of generic words (上市, 生物, 新能源…).
    func isGeneric(_ name: ArraySlice<Unicode.Scalar>) -> Bool {
        if name.isEmpty { return true }
        // Dynamic programming over split points: reachable[i] when name[..<i] splits into words.
        let base = name.startIndex
        let count = name.count
        var reachable = Array(repeating: false, count: count + 1)
        reachable[0] = true
        for i in 0..<count where reachable[i] {
            var key = GenericKey()
            var j = i
            while j < min(count, i + genericMax) {
                key.append(name[base + j])
                j += 1
                if generic.contains(key) { reachable[j] = true }
            }
        }
        return reachable[count]
    }

    /// The entry index for an id.
    func entry(id: String) -> Int? { entryIndex[id] }

    /// True when `type` is `ancestor` or below it (answered from a table made once).
    func isA(_ type: String, _ ancestor: String) -> Bool {
        if let known = typeAncestors[type] { return known.contains(ancestor) }
        return vocabulary.isA(type, ancestor)
    }
}

/// Up to six scalars packed into two integers, so generic-word lookups allocate nothing.
struct GenericKey: Hashable, Sendable {
    static let capacity = 6
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var count = 0

    mutating func append(_ scalar: Unicode.Scalar) {
        if count < 3 {
            low |= UInt64(scalar.value) << UInt64(21 * count)
        } else {
            high |= UInt64(scalar.value) << UInt64(21 * (count - 3))
        }
        count += 1
    }
}
