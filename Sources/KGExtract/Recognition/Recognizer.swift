import KGModel
import KGText

/// kg's entity recogniser: lexicon names, names by suffix, posts and people, Latin names,
/// quoted titles, declared aliases and tickers, then discourse within the document (anaphora,
/// short names, topic carry-over).
public struct Recognizer: MentionRecognizer {
    let compiled: CompiledLexicon

    private static let builtInCompiled = CompiledLexicon(lexicon: .builtIn)

    /// A recogniser over `lexicon` (the built-in one unless a user lexicon is merged in).
    public init(lexicon: Lexicon = .builtIn) {
        if lexicon.entries == Lexicon.builtIn.entries {
            compiled = Self.builtInCompiled
        } else {
            compiled = CompiledLexicon(lexicon: lexicon)
        }
    }

    /// The lexicon this recogniser matches.
    public var lexicon: Lexicon { compiled.lexicon }

    /// Annotates every sentence of the document, resolving discourse across its sentences.
    public func annotate(_ document: TextDocument) -> [AnnotatedSentence] {
        var discourse = Discourse(compiled: compiled)
        var result: [AnnotatedSentence] = []
        result.reserveCapacity(document.sentences.count)
        for sentence in document.sentences {
            let normalized = Normalizer.normalize(sentence.text)
            let words = WordSegmenter.builtIn.segmentation(of: normalized)
            var scanner = SentenceScanner(compiled: compiled, text: normalized, words: words)
            let findings = scanner.scan()
            result.append(discourse.process(findings, sentence: sentence, normalized: normalized, words: words))
        }
        return result
    }

    /// The English label kg gives a name the lexicon does not know (华进半导体 → Huajin
    /// Semiconductor); the lexicon's label for a name it knows.
    public func englishLabel(for name: String) -> String {
        let scalars = Normalizer.normalize(name)
        let text = String(String.UnicodeScalarView(scalars))
        for hit in compiled.automaton.hits(in: scalars) where hit.start == 0 && Int(hit.end) == scalars.count {
            for case .entry(let e) in compiled.cues[Int(hit.pattern)] {
                if let en = compiled.lexicon.entries[Int(e)].labelEn { return en }
            }
        }
        // The longest suffix the name ends with and is longer than; the first in the table among
        // equally long ones.
        var suffix: RecognitionTables.Suffix?
        var longest = 0
        if let last = scalars.last {
            for i in compiled.suffixesByLast[last] ?? [] {
                let tail = compiled.suffixScalars[i]
                if tail.count > longest, scalars.count > tail.count, scalars.ends(with: tail) {
                    suffix = compiled.suffixes[i]
                    longest = tail.count
                }
            }
        }
        return compiled.labeler.label(name: text, suffix: suffix.map { ($0.text, $0.english) })
    }
}

/// Discourse within one document: names declared or derived earlier, anaphors resolved to the
/// nearest compatible entity, and the topic carried from clause to clause.
struct Discourse {
    let compiled: CompiledLexicon
    /// Entities mentioned so far, most recent last.
    private var history: [EntityDescriptor] = []
    /// Other names of entities seen in the document: declared aliases and derived short names.
    private var aliases: [[Unicode.Scalar]: EntityDescriptor] = [:]
    private var aliasesByFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
    /// The keys of `aliasesByFirst` as a bit set: most characters of a text start no alias, and
    /// the set answers without hashing.
    private var aliasFirsts = ScalarSet("")
    private var topic: EntityDescriptor?
    private var province: EntityDescriptor?
    private var city: EntityDescriptor?

    init(compiled: CompiledLexicon) {
        self.compiled = compiled
    }

    mutating func process(
        _ findings: SentenceFindings, sentence: Sentence, normalized: [Unicode.Scalar], words: WordSegmentation? = nil
    ) -> AnnotatedSentence {
        let earlier = history
        var mentions = findings.mentions
        for declaration in findings.declaredAliases { register(declaration.alias, declaration.entity) }
        deriveShortNames(&mentions)
        applyKnownAliases(&mentions, in: normalized)
        // Names found by their place in the text (a company verb's subject, a member of a list
        // of companies, a name before its stock code) are known for the rest of the document
        // (文远知行 in every later sentence).
        for mention in mentions where mention.source == .companySubject || mention.source == .coordinated || mention.source == .beforeTicker
            || mention.source == .beforePost
        {
            guard let entity = mention.entity else { continue }
            register(Array(normalized[mention.span.start..<mention.span.end]), entity)
        }

        // Walk mentions and anaphors in text order so an anaphor sees only what came before it;
        // mentions by their end, an enclosing name after the names inside it, so that the most
        // recent entity is the whole (华润医药集团, not 华润).
        let byEnd = mentions.sorted { ($0.span.end, -$0.span.start) < ($1.span.end, -$1.span.start) }
        var resolved: [Mention] = []
        var m = 0
        for anaphor in findings.anaphors.sorted(by: { $0.start < $1.start }) {
            while m < byEnd.count && byEnd[m].span.end <= anaphor.start {
                remember(byEnd[m])
                m += 1
            }
            for entity in resolve(anaphor.kind) {
                let mention = Mention(
                    span: TextSpan(anaphor.start, anaphor.end), type: entity.type, entity: entity, source: .anaphor,
                    confidence: 0.8)
                resolved.append(mention)
                remember(mention)
            }
        }
        while m < byEnd.count {
            remember(byEnd[m])
            m += 1
        }
        mentions += resolved
        mentions.sort { ($0.span.start, -$0.span.length) < ($1.span.start, -$1.span.length) }
        // In text order (a list of posts carries its organisation forward); a post may take in
        // the name before it, so the order is restored after.
        resolveImplicitOrganisations(&mentions, text: normalized, earlier: earlier)
        mentions.sort { ($0.span.start, -$0.span.length) < ($1.span.start, -$1.span.length) }

        let base = sentence.span.start
        let incoming = topic
        let clauses = sentence.clauses.isEmpty ? [sentence.span] : sentence.clauses
        for clause in clauses {
            let a = clause.start - base
            let b = clause.end - base
            if let subject = subject(of: mentions, from: a, to: b, text: normalized) { topic = subject }
        }
        labelAsWritten(&mentions, sentence: sentence, normalized: normalized)
        for i in mentions.indices { mentions[i].span = mentions[i].span.shifted(by: base) }
        var annotated = AnnotatedSentence(sentence: sentence, normalized: normalized, mentions: mentions, incomingTopic: incoming, words: words)
        annotated.rejectedNames = findings.rejectedNames.map {
            RejectedName(span: $0.span.shifted(by: base), source: $0.source, reason: $0.reason)
        }
        return annotated
    }

    // MARK: - Aliases and short names

    private mutating func register(_ alias: [Unicode.Scalar], _ entity: EntityDescriptor) {
        guard alias.count >= 2, let first = alias.first else { return }
        if aliases[alias] == nil {
            aliasesByFirst[first, default: []].append(alias)
            aliasFirsts.insert(first)
        }
        aliases[alias] = entity
    }

    /// Later mentions of a name declared or derived earlier get that entity.
    private func applyKnownAliases(_ mentions: inout [Mention], in text: [Unicode.Scalar]) {
        guard !aliases.isEmpty else { return }
        var i = 0
        while i < text.count {
            guard aliasFirsts.contains(text[i]), let candidates = aliasesByFirst[text[i]] else {
                i += 1
                continue
            }
            var best: [Unicode.Scalar]?
            for alias in candidates where alias.count > (best?.count ?? 0) && i + alias.count <= text.count {
                if text[i..<(i + alias.count)].elementsEqual(alias) { best = alias }
            }
            guard let alias = best, let entity = aliases[alias] else {
                i += 1
                continue
            }
            // A name derived in this sentence applies only after the full name (紫光古汉 comes
            // before 紫光集团 and is another company).
            if let firstFull = mentions.first(where: { $0.entity?.key == entity.key && $0.source != .alias })?.span,
                firstFull.start > i
            {
                i += 1
                continue
            }
            let span = TextSpan(i, i + alias.count)
            if mentions.contains(where: { $0.span == span && $0.entity?.key == entity.key }) {
                i += alias.count
                continue
            }
            if let same = mentions.firstIndex(where: {
                $0.span == span && $0.source != .person && $0.source != .post && $0.source != .quoted
            }) {
                if mentions[same].entity?.key.isLexicon != true {
                    mentions[same].entity = entity
                    mentions[same].type = entity.type
                    mentions[same].source = .alias
                }
            } else if !mentions.contains(where: { $0.span.contains(span) && $0.source != .quoted }) {
                mentions.append(Mention(span: span, type: entity.type, entity: entity, source: .alias, confidence: 0.85))
            }
            i += alias.count
        }
        // A post names its organisation by the same short name (新光维医疗联合创始人): the post
        // is held at the entity that name stands for, not at a new entity of the short name.
        for j in mentions.indices where mentions[j].source == .post {
            guard let org = mentions[j].entity, org.key.isName,
                let entity = aliases[Normalizer.normalize(org.labelZh)], entity.key != org.key
            else { continue }
            mentions[j].entity = entity
        }
    }

    /// Short names of full company names (新光维医疗科技(苏州)股份有限公司 → 新光维医疗科技,
    /// 新光维医疗, 新光维), added to the entity's aliases and remembered for later sentences.
    private mutating func deriveShortNames(_ mentions: inout [Mention]) {
        for i in mentions.indices where mentions[i].source == .suffix {
            let type = mentions[i].type
            let institute = compiled.isA(type, EntityTypeID.researchInstitute)
            guard type == EntityTypeID.company || institute, var entity = mentions[i].entity, entity.key.isName else { continue }
            let full = Normalizer.normalize(entity.labelZh)
            let names = institute ? instituteShortNames(of: full) : shortNames(of: full)
            guard !names.isEmpty else { continue }
            for name in names {
                let text = String(String.UnicodeScalarView(name))
                if !entity.aliases.contains(text) { entity.aliases.append(text) }
            }
            for name in names where aliases[name] == nil { register(name, entity) }
            // Keep what other mentions of the entity declared (an English name in brackets).
            for j in mentions.indices where mentions[j].entity?.key == entity.key {
                var merged = mentions[j].entity ?? entity
                for alias in entity.aliases where !merged.aliases.contains(alias) { merged.aliases.append(alias) }
                mentions[j].entity = merged
            }
        }
    }

    /// Short names of an institute under a parent (中国科学院金属研究所 → 金属研究所, 金属所):
    /// the parent and places before it dropped, then 研究所 → 所 and 研究院 → 院, as the
    /// institute's own staff write it.
    private func instituteShortNames(of full: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var core = full[...]
        // The longest known place or organisation at the start, again and again (中国科学院 before
        // 中国; 江苏省 then 苏州市).
        while let end = leadingNameEnds(Array(core), before: core.count - 3, where: {
            compiled.isA($0, EntityTypeID.place) || compiled.isA($0, EntityTypeID.organization)
        }).max() {
            core = core.dropFirst(end)
        }
        guard core.count < full.count else { return [] }
        var result: [[Unicode.Scalar]] = []
        for (long, short) in Self.instituteEndings where core.count >= long.count + 2 && core.suffix(long.count).elementsEqual(long) {
            let stem = Array(core.dropLast(long.count))
            // A stem that is a generic word (研究所 of 技术研究所) names no institute alone.
            guard !compiled.isGeneric(stem[...]) else { break }
            result.append(Array(core))
            result.append(stem + short)
            break
        }
        // Already written short (中科院声学所 → 声学所).
        if result.isEmpty, core.count >= 3, core.last == "所", !compiled.isGeneric(core.dropLast()) { result.append(Array(core)) }
        return result
    }

    /// Where the lexicon's names at the start of `text` end, in the automaton's order: those
    /// ending before `limit` with an entry whose type `accept` takes (the places and parents a
    /// short name drops).
    private func leadingNameEnds(_ text: [Unicode.Scalar], before limit: Int, where accept: (String) -> Bool) -> [Int] {
        compiled.automaton.hits(in: text).compactMap { hit in
            guard hit.start == 0, Int(hit.end) < limit else { return nil }
            for case .entry(let e) in compiled.cues[Int(hit.pattern)] where accept(compiled.lexicon.entries[Int(e)].type) {
                return Int(hit.end)
            }
            return nil
        }
    }

    private static let instituteEndings: [([Unicode.Scalar], [Unicode.Scalar])] = [
        (Array("研究所".unicodeScalars), Array("所".unicodeScalars)), (Array("研究院".unicodeScalars), Array("院".unicodeScalars)),
    ]

    private static let legalForms = Words.nameEndings.scalars("short-name")
    private static let genericTails = Words.shortNameTails.scalars()

    private func shortNames(of full: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var core = full
        for suffix in Self.legalForms where core.count > suffix.count && core.suffix(suffix.count).elementsEqual(suffix) {
            core.removeLast(suffix.count)
            break
        }
        // Drop bracketed parts (苏州) and leading places.
        var unbracketed: [Unicode.Scalar] = []
        var depth = 0
        for c in core {
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) } else if depth == 0 { unbracketed.append(c) }
        }
        core = unbracketed
        while let end = leadingNameEnds(core, before: core.count - 1, where: { compiled.isA($0, EntityTypeID.place) }).first {
            core.removeFirst(end)
        }
        var result: [[Unicode.Scalar]] = []
        func keep(_ name: [Unicode.Scalar]) {
            if name.count >= 2 && name != full && !result.contains(name) && !compiled.isGeneric(name[...]) { result.append(name) }
        }
        keep(core)
        var changed = true
        while changed {
            changed = false
            for tail in Self.genericTails where core.count > tail.count + 1 && core.suffix(tail.count).elementsEqual(tail) {
                core.removeLast(tail.count)
                keep(core)
                changed = true
            }
        }
        // An industry word at the end gives the shortest form (新光维医疗 → 新光维).
        for tail in RecognitionTables.industryWords {
            if core.count >= tail.count + 2 && core.suffix(tail.count).elementsEqual(tail) {
                keep(Array(core.dropLast(tail.count)))
                break
            }
        }
        return result
    }

    // MARK: - Anaphora

    private mutating func remember(_ mention: Mention) {
        guard let entity = mention.entity, mention.source != .post, mention.source != .quoted, mention.source != .ticker
        else { return }
        // Provinces and cities are lexicon entries: a name read off the text (its key hashed
        // character by character) is neither.
        if entity.key.isLexicon {
            if compiled.provinceKeys.contains(entity.key) { province = entity }
            if compiled.cityKeys.contains(entity.key) { city = entity }
        }
        if let last = history.last, last.key == entity.key { return }
        history.append(entity)
        if history.count > 64 { history.removeFirst(history.count - 64) }
    }

    private func resolve(_ kind: AnaphorKind) -> [EntityDescriptor] {
        func nearest(_ accept: (EntityDescriptor) -> Bool) -> [EntityDescriptor] {
            history.last(where: accept).map { [$0] } ?? []
        }
        switch kind {
        case .zone:
            return nearest { compiled.isA($0.type, EntityTypeID.zone) }
        case .district:
            return nearest { compiled.isA($0.type, EntityTypeID.zone) || ($0.type == EntityTypeID.place && $0.labelZh.hasSuffix("区")) }
        case .company:
            return nearest { compiled.isA($0.type, EntityTypeID.company) }
        case .pronoun:
            return nearest { compiled.isA($0.type, EntityTypeID.organization) }
        case .parties(let count):
            var found: [EntityDescriptor] = []
            for entity in history.reversed() where compiled.isA(entity.type, EntityTypeID.organization) {
                if !found.contains(where: { $0.key == entity.key }) { found.append(entity) }
                if found.count == count { break }
            }
            return found.count == count ? found.reversed() : []
        case .here:
            return nearest { compiled.isA($0.type, EntityTypeID.place) }
        case .province:
            if let province { return [province] }
            return nearest { $0.type == EntityTypeID.place && $0.labelZh.hasSuffix("省") }
        case .city:
            if let city { return [city] }
            return nearest { $0.type == EntityTypeID.place && $0.labelZh.hasSuffix("市") }
        case .country:
            return compiled.entry(id: "cn").map { [compiled.descriptors[$0]] } ?? []
        }
    }

    /// A name read off the text is labelled as the text writes it: a page in traditional script
    /// names 微創光電, not the 微创光电 its key is normalised to (the key still unites both). A
    /// lexicon entry keeps its own label and gains the traditional form as an alias
    /// (新三板精選層 for 新三板精选层), so the graph answers to the name as that page wrote it.
    private func labelAsWritten(_ mentions: inout [Mention], sentence: Sentence, normalized: [Unicode.Scalar]) {
        let original = Array(sentence.text.unicodeScalars)
        guard original.count == normalized.count, original != normalized else { return }
        for i in mentions.indices {
            guard var entity = mentions[i].entity, mentions[i].source != .anaphor, mentions[i].source != .post else { continue }
            let span = mentions[i].span
            guard span.start >= 0, span.end <= original.count, !original[span.start..<span.end].elementsEqual(normalized[span.start..<span.end])
            else { continue }
            let written = String(String.UnicodeScalarView(original[span.start..<span.end]))
            if entity.key.isLexicon {
                guard mentions[i].source == .lexicon, !entity.aliases.contains(written) else { continue }
                entity.aliases.append(written)
            } else {
                guard entity.key.isName, entity.labelZh.unicodeScalars.elementsEqual(normalized[span.start..<span.end]) else { continue }
                entity.labelZh = written
            }
            mentions[i].entity = entity
        }
    }

    // MARK: - Posts whose organisation the text leaves implicit

    /// Gives a post without a named organisation the one the text means: in a list of posts
    /// with the organisation said once (晋陵集团董事长王伟明、总经理高轶), the list's; after 校,
    /// 市, 区, 省 or 公司 (校党委书记, 公司副总裁) or for a post that names its kind (校长, 市长),
    /// the nearest university, city, district, province or company of the document.
    private func resolveImplicitOrganisations(_ mentions: inout [Mention], text: [Unicode.Scalar], earlier: [EntityDescriptor]) {
        let posts = mentions.indices.filter { mentions[$0].source == .post }
        var previous: Int?
        for i in posts {
            defer { previous = i }
            guard mentions[i].entity == nil else { continue }
            let start = mentions[i].span.start
            let role = mentions[i].role ?? ""
            // An abbreviation that opens the post (院直属机关纪委书记 after 人事局局长孙晓明)
            // names its organisation itself; the list's organisation does not carry over to it.
            let opensWithAbbreviation = mentions[i].span.length > role.unicodeScalars.count
                && SentenceScanner.abbreviationOpeners.contains(text[start])
            // A post that names its kind (市长, 校长) is at the document's city or university, not
            // at the organisation of the post listed before it (…董事长陈华元,市长崔永辉).
            let namesItsKind = Self.universityPosts.contains(role) || Self.cityPosts.contains(role)
                || Self.districtPosts.contains(role) || Self.provincePosts.contains(role)
            if !opensWithAbbreviation, !namesItsKind, let p = previous, let org = mentions[p].entity,
                continuesPostList(from: mentions[p].span.end, to: start, mentions, text)
            {
                mentions[i].entity = org
                mentions[i].confidence = 0.85
                continue
            }
            // A name of the document written right before the post (or its party organ) that the
            // recogniser read into a longer name or did not mark (金属所党委副书记, 金属所所长).
            // The role's text ends the span (党委副书记), whether or not the span holds all of it.
            if let (org, nameStart) = knownName(endingAt: min(start, mentions[i].span.end - role.unicodeScalars.count), in: text) {
                // The post's span takes the name in, as when the recogniser found it (金属所所长).
                mentions[i].entity = org
                mentions[i].span = TextSpan(nameStart, mentions[i].span.end)
                mentions[i].confidence = 0.85
                continue
            }
            // What the text named before the post: this sentence's names, nearest first, then
            // the document's.
            let before = mentions.filter { $0.span.end <= start && $0.source != .post && $0.entity != nil }
                .sorted { $0.span.end < $1.span.end }.compactMap(\.entity)
            // The abbreviation that opens the post's span (市委书记, 院人事局局长), else the
            // character before it (校长 after 校…).
            let opener: Unicode.Scalar? = mentions[i].span.length > role.unicodeScalars.count ? text[start] : (start > 0 ? text[start - 1] : nil)
            if let org = implicitOrganisation(role: role, opener: opener, text: text, before: start, named: earlier + before) {
                mentions[i].entity = org
                mentions[i].confidence = 0.8
            }
        }
    }

    /// The entity of a declared or derived alias of the document that ends at `end`, longest
    /// first, and where the alias starts.
    private func knownName(endingAt end: Int, in text: [Unicode.Scalar]) -> (EntityDescriptor, start: Int)? {
        guard !aliases.isEmpty else { return nil }
        for length in stride(from: min(end, 16), through: 2, by: -1) {
            if let entity = aliases[Array(text[(end - length)..<end])] { return (entity, end - length) }
        }
        return nil
    }

    /// True when only people and list separators stand between two posts (董事长王伟明、总经理),
    /// or only 、 or 兼 between two posts of one person (总经理、党委副书记; 董事长兼总经理).
    private func continuesPostList(from end: Int, to start: Int, _ mentions: [Mention], _ text: [Unicode.Scalar]) -> Bool {
        if start == end + 1 && (text[end] == "、" || text[end] == "兼") { return true }
        var p = end
        var people = 0
        while p < start {
            if let person = mentions.first(where: { $0.source == .person && $0.span.start == p && $0.span.end <= start }) {
                p = person.span.end
                people += 1
            } else if "、,，".unicodeScalars.contains(text[p]) {
                p += 1
            } else {
                return false
            }
        }
        return people > 0
    }

    private static let universityPosts: Set<String> = ["校长", "副校长"]
    /// Posts only companies have (韩旭目前担任创始人兼CEO): without an organisation they are at
    /// the company named last.
    private static let companyPosts: Set<String> = [
        "创始人", "联合创始人", "创办人", "联合创办人", "首席执行官", "CEO", "联席CEO", "首席技术官", "CTO", "首席财务官", "CFO",
        "首席运营官", "COO", "总裁", "联席总裁",
    ]
    private static let cityPosts: Set<String> = ["市长", "副市长", "常务副市长"]
    private static let districtPosts: Set<String> = ["区长", "副区长", "常务副区长"]
    private static let provincePosts: Set<String> = ["省长", "副省长"]

    /// The organisation a post without one means, from the names before it (`named`, oldest
    /// first).
    private func implicitOrganisation(
        role: String, opener previous: Unicode.Scalar?, text: [Unicode.Scalar], before start: Int, named: [EntityDescriptor]
    ) -> EntityDescriptor? {
        func nearest(_ accept: (EntityDescriptor) -> Bool) -> EntityDescriptor? { named.last(where: accept) }
        let afterCompanyWord = start >= 2 && (text[(start - 2)..<start].elementsEqual("公司".unicodeScalars) || text[(start - 2)..<start].elementsEqual("集团".unicodeScalars))
        if previous == "校" || Self.universityPosts.contains(role) {
            // A university before one of its colleges (青岛科技大学 … 艺术学院): 校 is the university.
            return nearest { compiled.isA($0.type, EntityTypeID.university) && $0.labelZh.hasSuffix("大学") }
                ?? nearest { compiled.isA($0.type, EntityTypeID.university) }
        }
        if afterCompanyWord { return nearest { compiled.isA($0.type, EntityTypeID.company) } }
        // A company's post after a verb or a separator (担任创始人兼CEO), not after text that may
        // be a name the recogniser missed (转转CEO).
        if Self.companyPosts.contains(role), previous.map({ !CharClass.isCJK($0) || "任兼、为是和与及".unicodeScalars.contains($0) }) ?? true {
            return nearest { compiled.isA($0.type, EntityTypeID.company) }
        }
        if previous == "市" || Self.cityPosts.contains(role) {
            return nearest { compiled.cityKeys.contains($0.key) || ($0.type == EntityTypeID.place && $0.labelZh.hasSuffix("市")) }
        }
        if previous == "区" || Self.districtPosts.contains(role) {
            return nearest { compiled.isA($0.type, EntityTypeID.zone) || ($0.type == EntityTypeID.place && $0.labelZh.hasSuffix("区")) }
        }
        if previous == "县" {
            // The county, else its government named as such (道县人民政府, 道县县委).
            return nearest { $0.type == EntityTypeID.place && $0.labelZh.hasSuffix("县") }
                ?? nearest { $0.type == EntityTypeID.governmentBody && ($0.labelZh.hasSuffix("县人民政府") || $0.labelZh.hasSuffix("县政府")) }
        }
        if previous == "院" {
            return nearest { compiled.isA($0.type, EntityTypeID.researchInstitute) }
        }
        if previous == "省" || Self.provincePosts.contains(role) {
            return nearest { compiled.provinceKeys.contains($0.key) || ($0.type == EntityTypeID.place && $0.labelZh.hasSuffix("省")) }
        }
        return nil
    }

    // MARK: - Topic

    private static let leadingConnectives: Set<GenericKey> = Set(leadingConnectiveWords.map { word in
        var key = GenericKey()
        for c in word.unicodeScalars { key.append(c) }
        return key
    })
    private static let leadingConnectiveWords: [String] = [
        "", "同时", "此外", "另外", "目前", "其中", "并", "还", "也", "而", "但", "且", "近日", "日前", "今年", "去年",
        "随后", "据悉", "据了解", "当前", "如今", "近年来", "与此同时", "对此", "“", "\"", "同年", "此后", "之后", "最终",
        "首先", "其次", "然后", "再次", "最后", "截至目前", "未来", "近年", "今后",
    ]

    /// The subject of a clause: the first mention near its start (a person after a post), or nil.
    private func subject(of mentions: [Mention], from a: Int, to b: Int, text: [Unicode.Scalar]) -> EntityDescriptor? {
        for (i, m) in mentions.enumerated() where m.span.start >= a && m.span.start < b {
            // Only connectives may come before a subject (同时, 此外); after 与 or 在 the name is
            // an object or a place, and the clause keeps the topic it had.
            var leadStart = a
            var leadEnd = m.span.start
            while leadStart < leadEnd && text[leadStart] == " " { leadStart += 1 }
            while leadEnd > leadStart && text[leadEnd - 1] == " " { leadEnd -= 1 }
            guard leadEnd - leadStart <= GenericKey.capacity else { return nil }
            var lead = GenericKey()
            for c in text[leadStart..<leadEnd] { lead.append(c) }
            guard Self.leadingConnectives.contains(lead) else { return nil }
            if m.source == .quoted || m.source == .ticker { continue }
            if m.source == .post {
                // The person after the post (or after a chain of posts) is the subject.
                let postEnds = Set(mentions.filter { $0.source == .post && $0.span.start < b }.map(\.span.end))
                if let person = mentions[(i + 1)...].first(where: { $0.source == .person && postEnds.contains($0.span.start) && $0.span.start < b }) {
                    return person.entity
                }
                return m.entity
            }
            if let entity = m.entity { return entity }
        }
        return nil
    }
}
