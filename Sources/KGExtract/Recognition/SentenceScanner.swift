import KGModel
import KGText

/// An anaphor found in a sentence, resolved later against the document's history.
struct AnaphorCandidate {
    var start: Int
    var end: Int
    var kind: AnaphorKind
}

/// A name declared in a sentence as another name of an entity (以下简称“X”, X(Innovent)).
struct AliasDeclaration {
    var alias: [Unicode.Scalar]
    var entity: EntityDescriptor
}

/// What one sentence yields before discourse: mentions with sentence-local spans, anaphors to
/// resolve, aliases declared, and the short names of full names.
struct SentenceFindings {
    var mentions: [Mention] = []
    var anaphors: [AnaphorCandidate] = []
    var declaredAliases: [AliasDeclaration] = []
    /// Names a suffix ended that the name gate turned away, with why (for `kg explain`).
    var rejectedNames: [RejectedName] = []
}

/// Finds the mentions of one normalised sentence. Spans it produces are local (0 = the
/// sentence's first scalar); the recogniser shifts them to document offsets.
struct SentenceScanner {
    let compiled: CompiledLexicon
    let text: [Unicode.Scalar]
    /// The sentence's words: where a name read off the text may start and end.
    let words: WordSegmentation
    var hits: [ScalarAutomaton.Hit] = []
    /// A stop word or stop character occupies `[i - k, i)` for some k.
    var stopEndsAt: [Bool]
    /// A weak stop word (建设) ends here: it ends a name unless the name has a legal suffix.
    var weakStopEndsAt: [Bool]
    /// A stop word, speech verb, title or post starts at i: a person's name ends before it.
    var cueStartsAt: [Bool]
    var findings = SentenceFindings()
    /// For each end offset, the indices of mentions ending there.
    var endingAt: [Int: [Int]] = [:]
    /// Ends of names made by an institutional suffix (有限公司, 大学): a later name stops there.
    var institutionalEnds = Set<Int>()
    var aliasIntroStarts = Set<Int>()
    /// An industry follower (产业, 行业) or a suffix starts here: an industry word before it goes on.
    var followerStartsAt: [Bool]
    var postEnds = Set<Int>()

    init(compiled: CompiledLexicon, text: [Unicode.Scalar], words: WordSegmentation? = nil) {
        self.compiled = compiled
        self.text = text
        self.words = words ?? WordSegmenter.builtIn.segmentation(of: text)
        stopEndsAt = Array(repeating: false, count: text.count + 1)
        weakStopEndsAt = Array(repeating: false, count: text.count + 1)
        followerStartsAt = Array(repeating: false, count: text.count + 1)
        cueStartsAt = Array(repeating: false, count: text.count + 1)
    }

    mutating func scan() -> SentenceFindings {
        hits = compiled.automaton.hits(in: text)
        var lexiconHits: [ScalarAutomaton.Hit] = []
        var postHits: [ScalarAutomaton.Hit] = []
        var suffixHits: [(hit: ScalarAutomaton.Hit, suffix: Int)] = []
        var anaphorHits: [(hit: ScalarAutomaton.Hit, kind: AnaphorKind)] = []
        var aliasIntroHits: [ScalarAutomaton.Hit] = []
        for hit in hits {
            for cue in compiled.cues[Int(hit.pattern)] {
                switch cue {
                case .entry(let e):
                    if (CharClass.isLatinLetter(text[Int(hit.start)]) || CharClass.isLatinLetter(text[Int(hit.end) - 1]))
                        && !latinEdges(Int(hit.start), Int(hit.end))
                    {
                        continue
                    }
                    if compiled.lexicon.entries[Int(e)].isPost {
                        postHits.append(hit)
                    } else {
                        lexiconHits.append(hit)
                    }
                case .suffix(let s):
                    suffixHits.append((hit, Int(s)))
                    followerStartsAt[Int(hit.start)] = true
                case .stop:
                    stopEndsAt[Int(hit.end)] = true
                    cueStartsAt[Int(hit.start)] = true
                case .speech, .title:
                    cueStartsAt[Int(hit.start)] = true
                case .aliasIntro:
                    aliasIntroHits.append(hit)
                    cueStartsAt[Int(hit.start)] = true
                case .anaphor(let kind): anaphorHits.append((hit, kind))
                case .industryFollower: followerStartsAt[Int(hit.start)] = true
                case .weakStop: weakStopEndsAt[Int(hit.end)] = true
                }
            }
        }
        // A post read across two words (广州|长期 holds 州长) is none, as with short places.
        postHits.removeAll { beginsOfficeWord(Int($0.start), Int($0.end)) || crossesWords(Int($0.start), Int($0.end)) }
        for hit in postHits {
            // A post never lies inside a name: 副董事长 ends the name before it.
            cueStartsAt[Int(hit.start)] = true
            stopEndsAt[Int(hit.end)] = true
            postEnds.insert(Int(hit.end))
        }
        addLexiconMentions(leftmostLongest(lexiconHits))
        joinPlacePrefixedZones()
        addSuffixNames(suffixHits)
        addRoads()
        addLatinNamesAndTickers()
        addTickerCompanies()
        addLabelledShortNames()
        addQuoted()
        addAliasDeclarations(aliasIntroHits)
        addBracketedAliases()
        addCompanySubjects()
        addHeadquarteredCompanies()
        addFinancedCompanies()
        addCompaniesAfterDescriptors()
        addCoordinatedCompanies()
        addPostsAndPeople(maximal(postHits))
        addMediaNames()
        addSpeakers()
        addPeopleByShape()
        addAnaphors(anaphorHits)
        return findings
    }

    // MARK: - Helpers

    func string(_ a: Int, _ b: Int) -> String {
        makeString(text[a..<b])
    }

    /// True when `word` is written at `i`.
    func has(_ word: [Unicode.Scalar], at i: Int) -> Bool {
        i + word.count <= text.count && text[i..<(i + word.count)].elementsEqual(word)
    }

    func latinEdges(_ a: Int, _ b: Int) -> Bool {
        (a == 0 || !CharClass.isLatinLetter(text[a - 1])) && (b == text.count || !CharClass.isLatinLetter(text[b]))
    }

    /// Hits not strictly inside another hit of the same list.
    func maximal(_ list: [ScalarAutomaton.Hit]) -> [ScalarAutomaton.Hit] {
        let sorted = list.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        var result: [ScalarAutomaton.Hit] = []
        var reach: Int32 = -1
        for hit in sorted {
            if hit.end <= reach { continue }
            result.append(hit)
            reach = hit.end
        }
        return result
    }

    mutating func add(_ mention: Mention) {
        endingAt[mention.span.end, default: []].append(findings.mentions.count)
        findings.mentions.append(mention)
    }

    /// Replaces the entity of every mention of it, after the text declared another name for it.
    mutating func updateEntity(_ entity: EntityDescriptor) {
        for i in findings.mentions.indices where findings.mentions[i].entity?.key == entity.key {
            findings.mentions[i].entity = entity
        }
    }

    /// The longest mention ending at `end` that names an organisation, place or zone.
    func entityMention(endingAt end: Int) -> Mention? {
        var best: Mention?
        for i in endingAt[end] ?? [] {
            let m = findings.mentions[i]
            guard m.entity != nil, m.source != .post, m.source != .person, m.source != .ticker,
                m.source != .quoted, m.type != EntityTypeID.person
            else { continue }
            if best == nil || m.span.length > best!.span.length { best = m }
        }
        return best
    }

    /// Hits kept from left to right, longest first, dropping any that overlaps one kept
    /// (北京东直门 is 北京 + 东直门, not 京东).
    func leftmostLongest(_ list: [ScalarAutomaton.Hit]) -> [ScalarAutomaton.Hit] {
        let sorted = list.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        var result: [ScalarAutomaton.Hit] = []
        var reach: Int32 = -1
        for hit in sorted {
            if hit.start < reach {
                // The same span under another entry (a surface shared by two entries) stays.
                if let last = result.last, last.start == hit.start && last.end == hit.end { result.append(hit) }
                continue
            }
            result.append(hit)
            reach = hit.end
        }
        return result
    }

}
