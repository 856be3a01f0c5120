import KGModel
import KGText

// MARK: - The sentence as the matcher sees it

/// Positions in a sentence, relative to its start; lookups the search needs many times. A class
/// so the many search states share one copy of the tables.
final class SentenceView {
    let sentence: AnnotatedSentence
    let vocabulary: Vocabulary
    let text: [Unicode.Scalar]
    /// The sentence as written, as scalars: made when a span name first needs its label (most
    /// sentences make none).
    private(set) lazy var original: [Unicode.Scalar] = Array(sentence.sentence.text.unicodeScalars)
    let base: Int
    let mentions: [Mention]
    /// Mention indices by relative start, longest first.
    let startingAt: [[Int]]
    /// True at positions where a mention of an organisation or person starts: gaps stop there.
    let entityStart: [Bool]
    /// For each position, the start of its clause.
    let clauseStart: [Int]
    /// The topic in force at the start of each clause (by clause start position; nil elsewhere).
    /// An array: a search asks at every start of a topic slot, and a dictionary hashed each time.
    let topicAt: [EntityDescriptor?]
    /// A word that does not belong to names (公告, 收购…) starts here.
    let cutterAt: [Bool]
    /// A cutter or a leading adverb (此前, 近日…) ends here, so a name may start here.
    let wordEndsAt: [Bool]
    /// A mention ends here.
    let mentionEndsAt: [Bool]
    /// A mention covers this position and the one before it: a span may not start or end here.
    let cut: [Bool]
    /// A mention covers this character.
    let covered: [Bool]
    /// `spanRun` results by length limit and position, and `spanVerdict` results by span and
    /// gate flags, filled as rules ask.
    let memo: SentenceMemo
    /// Per mention: `isTrusted`, computed once.
    let trusted: [Bool]
    /// Per position (and false at the end): the character is in `spanStops`, is a barrier, is a
    /// name character (`CharClass.isSpanNameChar`). Tables, because the search asks again and again.
    let stopAt: [Bool]
    let barrierAt: [Bool]
    let nameAt: [Bool]


    /// Per mention: its type's id in `RuleMatcher.typeIDs`, -1 for a type the vocabulary lacks.
    let mentionTypeID: [Int]
    /// Per mention: whether it is a post, and whether it names an entity. The search asks both of
    /// every mention at every start it tries, and reading the mention's type and optional entity
    /// copied them.
    let mentionIsPost: [Bool]
    let mentionHasEntity: [Bool]
    let spanStartAt: [Bool]
    let clauseOpeningAt: [Bool]

    init(_ sentence: AnnotatedSentence, vocabulary: Vocabulary, typeIDs: [String: Int] = [:]) {
        self.sentence = sentence
        self.vocabulary = vocabulary
        mentionTypeID = sentence.mentions.map { typeIDs[$0.type] ?? -1 }
        mentionIsPost = sentence.mentions.map { $0.type == Slot.postType }
        mentionHasEntity = sentence.mentions.map { $0.entity != nil }
        text = sentence.normalized
        base = sentence.sentence.span.start
        mentions = sentence.mentions
        let n = text.count
        memo = SentenceMemo(positions: n + 1)
        // Locals, so that closures below do not copy the whole sentence on every call.
        let allMentions = sentence.mentions
        let normalized = sentence.normalized
        let sentenceBase = sentence.sentence.span.start
        // Whether a type is an organisation or a person, by type id (the same for every
        // sentence, but cheap next to walking `isA` with strings for each mention).
        var organisationOrPerson: [Int: Bool] = [:]
        let mentionTypeID = self.mentionTypeID
        let trusted = allMentions.indices.map { index in
            let mention = allMentions[index]
            let id = mentionTypeID[index]
            let known: Bool
            if let cached = organisationOrPerson[id] {
                known = cached
            } else {
                known = vocabulary.isA(mention.type, EntityTypeID.organization) || vocabulary.isA(mention.type, EntityTypeID.person)
                if id >= 0 { organisationOrPerson[id] = known }
            }
            return known && Self.isTrusted(mention, vocabulary: vocabulary, text: normalized, base: sentenceBase, typeFits: true)
        }
        self.trusted = trusted
        var stopAt = Array(repeating: false, count: n + 1)
        var barrierAt = Array(repeating: false, count: n + 1)
        var nameAt = Array(repeating: false, count: n + 1)
        // The global tables as locals: read in the loop, each access went through a lazy
        // initialisation check and a retain.
        let stopTable = spanStopTable
        let barrierTable = Self.barrierTable
        for i in 0..<n {
            let c = text[i]
            stopAt[i] = stopTable.contains(c)
            barrierAt[i] = barrierTable.contains(c)
            nameAt[i] = CharClass.isSpanNameChar(c)
        }
        self.stopAt = stopAt
        self.barrierAt = barrierAt
        self.nameAt = nameAt
        var starting = Array(repeating: [Int](), count: n + 1)
        var entityStart = Array(repeating: false, count: n + 1)
        for (i, mention) in sentence.mentions.enumerated() {
            let start = mention.span.start - base
            guard start >= 0, start < n, mention.span.end - base <= n else { continue }
            starting[start].append(i)
            if trusted[i] {
                entityStart[start] = true
            }
        }
        for i in starting.indices where starting[i].count > 1 {
            starting[i].sort { allMentions[$0].span.length > allMentions[$1].span.length }
        }
        startingAt = starting
        self.entityStart = entityStart
        var clause = Array(repeating: 0, count: n + 1)
        var current = 0
        for i in 0..<n {
            clause[i] = current
            if barrierAt[i] { current = i + 1 }
        }
        clause[n] = current
        clauseStart = clause
        // The topic of a clause is the subject of the nearest clause before it that opens with an
        // entity mention, else the topic the sentence inherited.
        var topics = [EntityDescriptor?](repeating: nil, count: n + 1)
        var topic = sentence.incomingTopic
        var position = 0
        while position <= n {
            topics[position] = topic
            var first = position
            while first < n, SentenceView.openerTable.contains(normalized[first]) { first += 1 }
            if first < n, !SentenceView.prepositionTable.contains(normalized[first]),
                let subject = starting[first].lazy.map({ allMentions[$0] }).first(where: {
                    $0.type != Slot.postType && $0.entity != nil
                })
            {
                topic = subject.entity
            } else if let speaker = Self.speaker(in: sentence, from: first) {
                topic = speaker
            }
            guard let next = (position..<n).first(where: { barrierAt[$0] }) else { break }
            position = next + 1
        }
        topicAt = topics
        var cutterAt = Array(repeating: false, count: n + 1)
        var wordEndsAt = Array(repeating: false, count: n + 1)
        let scalars = sentence.normalized
        func has(_ word: [Unicode.Scalar], _ i: Int) -> Bool {
            guard i + word.count <= n else { return false }
            for k in 0..<word.count where scalars[i + k] != word[k] { return false }
            return true
        }
        let firstTable = cutterOrLeadFirst
        for i in 0..<n where firstTable.contains(scalars[i]) {
            for word in cutterIndex[scalars[i]] ?? [] where has(word, i) {
                cutterAt[i] = true
                wordEndsAt[i + word.count] = true
            }
            for word in leadIndex[scalars[i]] ?? [] where has(word, i) { wordEndsAt[i + word.count] = true }
        }
        self.cutterAt = cutterAt
        self.wordEndsAt = wordEndsAt
        var mentionEndsAt = Array(repeating: false, count: n + 1)
        var cut = Array(repeating: false, count: n + 1)
        var covered = Array(repeating: false, count: n + 1)
        for (index, mention) in sentence.mentions.enumerated() {
            let start = mention.span.start - base
            let end = mention.span.end - base
            guard start >= 0, end <= n, start < end else { continue }
            mentionEndsAt[end] = true
            for i in start..<end { covered[i] = true }
            if trusted[index] {
                for i in (start + 1)..<end { cut[i] = true }
            }
        }
        self.mentionEndsAt = mentionEndsAt
        self.cut = cut
        self.covered = covered
        // Where an unanchored span may begin (see `Search.isSpanStart`) and where only openers
        // stand between the clause start and the position (`Search.isClauseOpening`): every
        // rule asks at every start, so both are tables.
        var spanStartAt = Array(repeating: false, count: n + 1)
        var clauseOpeningAt = Array(repeating: false, count: n + 1)
        for p in 0...n {
            if p == 0 {
                spanStartAt[p] = true
            } else {
                let before = p - 1
                spanStartAt[p] =
                    stopAt[before] || barrierAt[before]
                    || (p < n && !text[before].isASCII && text[p].isASCII && CharClass.isAlphabetic(text[p]))
                    || mentionEndsAt[p] || wordEndsAt[p]
            }
            clauseOpeningAt[p] = clause[p] == p || (p > 0 && clauseOpeningAt[p - 1] && SentenceView.openerTable.contains(text[p - 1]))
        }
        self.spanStartAt = spanStartAt
        self.clauseOpeningAt = clauseOpeningAt
    }

    /// A clause opening with one of these opens with an adverbial, not its subject.
    static let prepositions: Set<Unicode.Scalar> = Set("以在于对向从与和将把被由据".unicodeScalars)

    static let openers: Set<Unicode.Scalar> = [" ", "“", "\"", "‘", "'", "「", "《", "("]
    static let openerTable = ScalarSet(openers)
    static let prepositionTable = ScalarSet(prepositions)
    /// Where a clause ends for the matcher (`Segmenter.isClauseBarrier`), as a table.
    static let barrierTable = ScalarSet(bmpWhere: Segmenter.isClauseBarrier)

    var count: Int { text.count }

    func isBarrier(_ i: Int) -> Bool { barrierAt[i] }

    func has(_ literal: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + literal.count <= text.count else { return false }
        for k in 0..<literal.count where text[i + k] != literal[k] { return false }
        return true
    }

    func documentSpan(_ start: Int, _ end: Int) -> TextSpan { TextSpan(base + start, base + end) }

    func originalText(_ start: Int, _ end: Int) -> String {
        makeString(original[start..<min(end, original.count)])
    }

    func fits(_ type: String, _ slot: Slot) -> Bool {
        slot.types.contains { type == $0 || vocabulary.isA(type, $0) }
    }

    /// `fits(mentions[index].type, plan.slot)` by table.
    func fits(mention index: Int, _ plan: SlotPlan) -> Bool {
        let id = mentionTypeID[index]
        return id >= 0 && id < plan.fitting.count ? plan.fitting[id] : fits(mentions[index].type, plan.slot)
    }

    /// True when a mention crosses position `i` (starts before it and ends after it).
    func isCut(_ i: Int) -> Bool { cut[i] }
}
