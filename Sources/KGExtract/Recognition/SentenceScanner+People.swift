import KGModel
import KGText

extension SentenceScanner {
    // MARK: - Posts and people

    mutating func addPostsAndPeople(_ posts: [ScalarAutomaton.Hit]) {
        for (index, hit) in posts.enumerated() {
            let start = Int(hit.start)
            let end = Int(hit.end)
            // A post inside a name (院长 in 医院院长 is fine, but not 主任 inside a longer name).
            if findings.mentions.contains(where: { $0.source != .lexicon && $0.span.start < start && $0.span.end > start }) { continue }
            // A place that starts inside the post and goes on past it (湖南省长|沙市 is 湖南省
            // 长沙市): no post.
            if findings.mentions.contains(where: { $0.source == .lexicon && $0.span.start > start && $0.span.start < end && $0.span.end > end }) { continue }
            var orgStart = start
            var org = entityMention(endingAt: start)
            if org == nil && start > 0 && text[start - 1] == "的" { org = entityMention(endingAt: start - 1) }
            // The party organ of an organisation (北京分院党组书记, 中科院党组副书记): the post is
            // at the organisation named before the organ.
            var organ = 0
            if let found = Self.partyOrgans.first(where: { start >= $0.count && text[(start - $0.count)..<start].elementsEqual($0) }),
                org == nil || org.map({ $0.span.end == start && $0.span.length > found.count + 1 }) == true
            {
                // Also when the recogniser read the organ into a name (华润置地党委): the post is at
                // the organisation, not at its party committee (read off the text below when no
                // mention names it).
                organ = found.count
                org = entityMention(endingAt: start - organ)
                // The committee's name read whole (华润置地党委) gives way to the organisation's:
                // the text names the organisation and the post, not the committee. A zone's or a
                // city's committee (长春新区党工委) governs it: a government body of its own name.
                let governs = org.map { $0.type == EntityTypeID.zone || compiled.isA($0.type, EntityTypeID.place) } ?? false
                let organNames = Set(findings.mentions.indices.filter {
                    let m = findings.mentions[$0]
                    return m.span.end == start && m.span.length > organ && m.source == .suffix && m.type == EntityTypeID.governmentBody
                })
                if !organNames.isEmpty && !governs { removeMentions(organNames) }
            }
            if org == nil, let phrase = organisationPhrase(endingAt: start - organ) {
                if let made = phrase.entity {
                    add(
                        Mention(
                            span: TextSpan(phrase.range.lowerBound, phrase.range.upperBound), type: made.type, entity: made,
                            source: .suffix, confidence: 0.75))
                    org = findings.mentions.last
                } else {
                    // 市委, 校, 院人事局: an abbreviation Discourse resolves to the document's
                    // city, university or institute; the post's span starts at it.
                    orgStart = phrase.range.lowerBound
                }
            }
            // A short name right before a post and its holder (美团CEO王兴, 转转CEO黄炜) is the
            // company the person works for; no suffix says so, the post and the person do.
            if org == nil, orgStart == start, personName(at: end) != nil, let range = nameRun(endingAt: start - organ),
                !endsLikeOffice(range), addCompanyName(range.lowerBound, range.upperBound, source: .beforePost)
            {
                org = findings.mentions.last
            }
            if let o = org {
                orgStart = o.span.start
            } else if organ > 0 && orgStart == start {
                // The organ alone (总经理、党委副书记): it belongs to the post's span, so the post
                // continues a list of posts and no gap of unmarked text follows the separator.
                orgStart = start - organ
            }
            let role = string(start - organ, end)
            add(
                Mention(
                    span: TextSpan(orgStart, end), type: EntityTypeID.post, entity: org?.entity, source: .post, role: role,
                    confidence: org == nil ? 0.7 : 0.9))
            // The person follows the last post of a chain (书记、新吴区委书记崔荣国).
            let nextPostStart = index + 1 < posts.count ? Int(posts[index + 1].start) : Int.max
            // A known person's name written before the post (习近平总书记): the dictionary tags
            // it as a person's name, and it starts with a surname.
            if org == nil, let name = words.word(at: start - 1), name.range.upperBound == start, name.range.count == 3,
                name.fromDictionary, name.pos == .personName || name.pos == .personNameOther,
                RecognitionTables.surnames.contains(text[name.range.lowerBound]),
                !findings.mentions.contains(where: { $0.span.overlaps(TextSpan(name.range.lowerBound, start)) })
            {
                addPerson(name.range.lowerBound, start, surname: 1, confidence: 0.8)
            }
            if let person = personName(at: end), person.end <= nextPostStart {
                addPerson(person.start, person.end, surname: person.surname, confidence: person.confidence)
                addListedPeople(after: person.end, before: nextPostStart)
            }
        }
    }

    /// True when `range` ends like an office, a committee or a kind of organisation (管委会,
    /// 人力资源管理中心, 24户企业) or opens with an abbreviation of the document's own body (院项目
    /// 驻点): what a post follows there is no company's short name.
    func endsLikeOffice(_ range: Range<Int>) -> Bool {
        let body = text[range]
        if Self.officeEndings.contains(text[range.upperBound - 1]) || Self.abbreviationOpeners.contains(text[range.lowerBound]) { return true }
        return Self.kindEndings.contains { body.count > $0.count && body.ends(with: $0) }
    }

    /// Words that end names of offices or kinds, not brands (管理中心, 24户企业, 会).
    static let kindEndings = ["中心", "企业", "会", "组", "团队", "小组", "项目", "单位", "机构"].map { Array($0.unicodeScalars) }

    /// True when a post's text begins a longer word of an office (委员|会, 秘书|处) or stands
    /// before 会 (常委|会, 理事|会): a body, not a post.
    func beginsOfficeWord(_ start: Int, _ end: Int) -> Bool {
        if end < text.count, text[end] == "会" { return true }
        guard let word = words.word(at: start), word.range.upperBound > end else { return false }
        return Self.officeWordEnds.contains(text[word.range.upperBound - 1])
    }

    /// Last characters of words for offices and bodies that begin with a post (委员会, 秘书处).
    static let officeWordEnds = ScalarSet("会处局部室厅组")

    /// People listed after the first one who holds a post (副总经理杨自强、戚科骏等): each name
    /// after 、 that a list goes on from or ends after (、, 等, a clause end) is a person too.
    mutating func addListedPeople(after end: Int, before limit: Int) {
        var position = end
        while position + 1 < text.count, position < limit, text[position] == "、" {
            guard let next = personName(at: position + 1), next.end <= limit, next.confidence >= 0.9 else { return }
            let after: Unicode.Scalar? = next.end < text.count ? text[next.end] : nil
            guard after == nil || "、等,;。".unicodeScalars.contains(after!) else { return }
            addPerson(next.start, next.end, surname: next.surname, confidence: 0.8)
            position = next.end
        }
    }

    /// Party organs written between an organisation and a post (党组书记, 党委副书记).
    static let partyOrgans = ["分党组", "党组", "党委", "党工委", "党总支", "纪委", "党支部"].map { Array($0.unicodeScalars) }

    /// The last characters of offices inside an organisation (组织人事处, 人事局, 办公室).
    static let officeEndings = ScalarSet("处局部室科办委院所")

    /// Abbreviations that stand for the document's own city, district, county, province,
    /// university or institute when they open the organisation before a post (市委书记,
    /// 校党委书记, 院人事局局长).
    static let abbreviationOpeners = ScalarSet("市区县省校院")

    /// The organisation written right before a post that no mention covers: back from `end` to
    /// the list separator or clause start, at most sixteen characters. An abbreviation opener
    /// gives the range alone (no entity); otherwise the text must pass the name gate and end like
    /// an organisation (人事局, 中科院高技术研究与发展局), and becomes one.
    func organisationPhrase(endingAt end: Int) -> (range: Range<Int>, entity: EntityDescriptor?)? {
        guard end > 0 else { return nil }
        var start = end
        while start > 0, end - start < 16, CharClass.isCJK(text[start - 1]), !RecognitionTables.hardStopCharacters.contains(text[start - 1]),
            !stopEndsAt[start] || start == end
        {
            start -= 1
        }
        guard start < end else { return nil }
        if Self.abbreviationOpeners.contains(text[start]) {
            return (start..<end, nil)
        }
        let office = Self.officeEndings.contains(text[end - 1])
        guard end - start >= 3, NameJudge.wordRejection(start..<end, text: text, words: words, office: office) == nil,
            NameJudge.spanRejection(text[start..<end], typedEnding: true) == nil
        else { return nil }
        let name = string(start, end)
        guard let suffix = compiled.suffixes.filter({ $0.kind == .institutional && name.hasSuffix($0.text) && name.count > $0.text.count })
            .max(by: { $0.text.count < $1.text.count })
            // A branch before a post (北京分院党组书记) is an academy's, named without it.
            ?? (name.hasSuffix("分院")
                ? RecognitionTables.Suffix(text: "分院", type: EntityTypeID.researchInstitute, english: "Branch", kind: .institute, confidence: 0.7)
                : nil)
            ?? (name.hasSuffix("局") || name.hasSuffix("处") || name.hasSuffix("院")
                ? RecognitionTables.Suffix(text: String(name.suffix(1)), type: EntityTypeID.governmentBody, english: "Office", kind: .office, confidence: 0.7)
                : nil)
        else { return nil }
        // Generic words before the ending name no organisation (科技|有限公司 after a stop).
        if compiled.isGeneric(text[start..<(end - suffix.text.unicodeScalars.count)]) { return nil }
        let entity = EntityDescriptor(
            key: .name(normalized: name), type: suffix.type, labelZh: name,
            labelEn: compiled.labeler.label(name: name, suffix: (suffix.text, suffix.english)))
        return (start..<end, entity)
    }

    mutating func addPerson(_ a: Int, _ b: Int, surname: Int, confidence: Double) {
        if findings.mentions.contains(where: { $0.source == .person && $0.span.start == a }) { return }
        // Two characters the dictionary reads as one common word, not a person's name, are that
        // word (应当, 易主, 路测): a surname character opens many words.
        if b - a == 2, let word = words.word(at: a), word.range == a..<b, word.fromDictionary, !word.pos.isProperName, word.frequency >= 50 {
            return
        }
        let name = string(a, b)
        let entity = EntityDescriptor(
            key: .name(normalized: name), type: EntityTypeID.person, labelZh: name,
            labelEn: compiled.labeler.personLabel(name, surnameLength: surname))
        add(Mention(span: TextSpan(a, b), type: EntityTypeID.person, entity: entity, source: .person, confidence: confidence))
    }

    /// A name at `q`: a surname, then one or two characters, cut before a stop, speech verb or
    /// title (陈东博士, 张华说, 于燮康表示).
    func personName(at q: Int) -> (start: Int, end: Int, surname: Int, confidence: Double)? {
        let n = text.count
        var surname = 0
        if q + 2 <= n && compiled.compoundSurnameFirsts.contains(text[q]) && compiled.compoundSurnames.contains(Array(text[q..<(q + 2)])) {
            surname = 2
        } else if q < n && RecognitionTables.surnames.contains(text[q]) {
            surname = 1
        }
        guard surname > 0 else { return nil }
        // A conjunction that is also a surname (和, 及) before a word of the clause (负责人和|代表)
        // joins the clause; it opens no name.
        if surname == 1, RecognitionTables.softStopCharacters.contains(text[q]), let next = words.word(at: q + 1),
            next.range.lowerBound == q + 1, next.range.count > 1, next.fromDictionary, !next.pos.isProperName, next.frequency >= 100
        {
            return nil
        }
        var length = 0
        var i = q + surname
        while i < n && length < 2 {
            let c = text[i]
            // Characters that end a name elsewhere (向, 于) are common in given names (吴向东):
            // only the function characters of `notInGivenNameFunctions` end one here.
            if !CharClass.isCJK(c) || Self.notInGivenNameFunctions.contains(c) || RecognitionTables.softStopCharacters.contains(c)
                || Self.notInGivenNames.contains(c)
            {
                break
            }
            if length > 0 && cueStartsAt[i] { break }
            length += 1
            i += 1
        }
        // A two-character given name whose second character starts a longer word (林涛|主持,
        // 郑华|作报告) is a one-character name before that word.
        if length == 2, let word = words.word(at: q + surname + 1), word.range.lowerBound == q + surname + 1,
            word.range.count > 1, word.fromDictionary, !word.pos.isProperName
        {
            length = 1
        }
        // 向 or 入 closing the name that the segmenter reads as a word of its own (彭军|向|记者
        // 表示) is the preposition after a two-character name; in 吴向东 it starts a word.
        if length == 2, "向入".unicodeScalars.contains(text[q + surname + 1]), let word = words.word(at: q + surname + 1),
            word.range == (q + surname + 1)..<(q + surname + 2), word.pos.isFunctionWord
        {
            length = 1
        }
        // A doubled character is a word (殷殷, 冉冉), not a surname and a given name.
        if length == 1, surname == 1, text[q + 1] == text[q] { return nil }
        guard length > 0 else { return nil }
        let end = q + surname + length
        let clean = end == n || !CharClass.isCJK(text[end]) || cueStartsAt[end]
            || RecognitionTables.hardStopCharacters.contains(text[end]) || RecognitionTables.softStopCharacters.contains(text[end])
        return (q, end, surname, clean ? 0.9 : 0.6)
    }

    /// Characters after which a bare 园区 or 公司 is an anaphor (在园区, 该公司).
    static let anaphorPredecessors = ScalarSet("该本全在入驻到于的为与和及对向从由是让将把被整其")

    /// Characters that start the word after a name rather than end the name (马云仅, 高层), or
    /// end the name of a site, newspaper or agency (雷峰网, 新京报, 新华社).
    static let notInGivenNames = ScalarSet("仅分级层集称宣表助理名总副氏网报社")

    /// The hard stops that never stand in a given name: all but 向 and 入, which do (吴向东).
    static let notInGivenNameFunctions = ScalarSet(RecognitionTables.hardStops.unicodeScalars.filter { !"向入".unicodeScalars.contains($0) })

    /// Names before a speech verb at a clause start, without a post (王明表示).
    mutating func addSpeakers() {
        for hit in hits where compiled.cues[Int(hit.pattern)].contains(.speech) {
            var v = Int(hit.start)
            // A title between the name and the verb (陈东博士说).
            for t in hits where Int(t.end) == v && compiled.cues[Int(t.pattern)].contains(.title) {
                v = Int(t.start)
                break
            }
            for length in [3, 2, 4] {
                let a = v - length
                guard a >= 0 else { continue }
                let boundary = a == 0 || !CharClass.isCJK(text[a - 1]) || stopEndsAt[a]
                    || findings.mentions.contains { $0.span.end == a && ($0.source == .post) }
                guard boundary, RecognitionTables.commonSurnames.contains(text[a]) || length == 4,
                    let p = personName(at: a), p.end == v,
                    !findings.mentions.contains(where: { $0.span.overlaps(TextSpan(a, v)) }),
                    !compiled.isGeneric(text[a..<v])
                else { continue }
                addPerson(a, v, surname: p.surname, confidence: 0.7)
                break
            }
        }
    }

    // MARK: - Anaphors

    mutating func addAnaphors(_ list: [(hit: ScalarAutomaton.Hit, kind: AnaphorKind)]) {
        let sorted = list.sorted { ($0.hit.start, -$0.hit.end) < ($1.hit.start, -$1.hit.end) }
        var reach = -1
        for (hit, kind) in sorted {
            let a = Int(hit.start)
            let b = Int(hit.end)
            if b <= reach { continue }
            if findings.mentions.contains(where: { $0.source != .quoted && $0.span.start <= a && $0.span.end >= b }) { continue }
            let previous: Unicode.Scalar? = a > 0 ? text[a - 1] : nil
            let word = string(a, b)
            let clauseStart = previous == nil || !CharClass.isCJK(previous!)
            let afterClauseStart = clauseStart || stopEndsAt[a]
            switch kind {
            case .zone where word == "园区", .company where word == "公司" || word == "集团":
                let allowed = Self.anaphorPredecessors
                guard afterClauseStart || allowed.contains(previous!) else { continue }
                if kind == .company && !(clauseStart || previous == "该" || previous == "本") { continue }
            case .pronoun:
                let next: Unicode.Scalar? = b < text.count ? text[b] : nil
                if let next, "中他它余次实一".unicodeScalars.contains(next) { continue }
                if let previous, "尤极与何".unicodeScalars.contains(previous) { continue }
            default: break
            }
            reach = b
            findings.anaphors.append(AnaphorCandidate(start: a, end: b, kind: kind))
        }
    }

    // MARK: - People by the shape of their names

    /// What joins the members of a list of people (刘立中、王聚辰和陈忠强).
    static let listJoiners = ScalarSet("、和与及")

    /// People named with no post or speech verb beside them (韩旭目前担任…, 于德翔与屈东明…,
    /// 刘立中、王聚辰和陈忠强): a common surname and one or two characters, standing alone as
    /// words (single characters or a person's name in the dictionary, never a longer word such
    /// as 王府井 or 高新区), after a clause start, a list separator or a connective, and before a
    /// verb, an adverb, a function word, a separator or punctuation.
    mutating func addPeopleByShape() {
        let byline = bylinePositions()
        // The tables as locals: this loop visits every character of every sentence.
        let allSurnames = RecognitionTables.surnames, commonSurnames = RecognitionTables.commonSurnames
        let listJoiners = Self.listJoiners
        var i = 0
        while i < text.count {
            defer { i += 1 }
            if byline[i] { continue }
            let before: Unicode.Scalar? = i > 0 ? text[i - 1] : nil
            // In a list any surname will do; elsewhere only the common ones.
            let inList = before.map { listJoiners.contains($0) } ?? false
            let surnames = inList ? allSurnames : commonSurnames
            // A rarer surname (左, 居) elsewhere when the name is appointed to a post (左良任…所长).
            let rare = !surnames.contains(text[i]) && allSurnames.contains(text[i])
            guard surnames.contains(text[i]) || rare
                || (i + 2 <= text.count && compiled.compoundSurnameFirsts.contains(text[i]) && compiled.compoundSurnames.contains(Array(text[i..<(i + 2)]))),
                words.isBoundary(at: i), !findings.mentions.contains(where: { $0.span.start <= i && $0.span.end > i })
            else { continue }
            // After a word (老同事|刘立中, 同意|杜鹏飞) a name needs what follows to say it is one:
            // an appointment or a list of people.
            let afterBoundary = Self.personMayStart(after: before)
            guard let name = personName(at: i), name.end - name.start >= 2 else { continue }
            // Longest first: a two-character given name, else one.
            for end in stride(from: name.end, through: name.start + name.surname + 1, by: -1)
            where rare
                ? appointmentFollows(end) || listOfPeopleFollows(end)
                : looksLikeName(i..<end) && (afterBoundary || appointmentFollows(end) || listOfPeopleFollows(end)) {
                addPerson(i, end, surname: name.surname, confidence: 0.6)
                i = end - 1
                break
            }
        }
    }

    /// Words that open a byline (记者 李明, 通讯员 张华 王芳, 作者:赵军): the names after them are the
    /// page's authors, page furniture rather than people the text is about.
    static let bylineCues = ["记者", "通讯员", "作者", "编辑", "责编", "摄影", "实习生"].map { Array($0.unicodeScalars) }
    static let bylineCueFirsts = FirstScalars(bylineCues)

    /// For each position, whether it lies in a byline: after a byline cue and a space or colon,
    /// up to a closing bracket, a clause's end or twelve characters on.
    func bylinePositions() -> [Bool] {
        var inside = Array(repeating: false, count: text.count + 1)
        for p in text.indices where Self.bylineCueFirsts.mayStart(text, at: p) {
            guard let cue = Self.bylineCues.first(where: { has($0, at: p) }) else { continue }
            var q = p + cue.count
            guard q < text.count, text[q] == " " || text[q] == ":" || text[q] == "：" else { continue }
            q += 1
            let limit = min(text.count, q + 12)
            while q < limit, text[q] != ")", text[q] != "）", !RecognitionTables.hardStopCharacters.contains(text[q]) || text[q] == " " {
                inside[q] = true
                q += 1
            }
        }
        return inside
    }

    /// True when an appointment verb and then a post follow `end` in the clause (任金属所所长,
    /// 担任星河研究所副所长).
    func appointmentFollows(_ end: Int) -> Bool {
        guard let verb = Self.appointmentVerbs.first(where: { has($0, at: end) })
        else { return false }
        var limit = end + verb.count
        while limit < text.count, limit < end + verb.count + 20, !RecognitionTables.hardStopCharacters.contains(text[limit]) { limit += 1 }
        return findings.mentions.contains { $0.source == .post && $0.span.start >= end + verb.count && $0.span.end <= limit }
    }

    /// True when 、 (与, 和, 及) and a person's name follow `end` (居琦、倪宏…; 康小强与赖寿鹏): the
    /// first of a list of people.
    func listOfPeopleFollows(_ end: Int) -> Bool {
        guard end + 1 < text.count, "、与和及".unicodeScalars.contains(text[end]), RecognitionTables.surnames.contains(text[end + 1]),
            let next = personName(at: end + 1)
        else { return false }
        return next.end - next.start >= 2 && looksLikeName(next.start..<next.end)
    }

    static let appointmentVerbs = ["不再担任", "担任", "出任", "兼任", "升任", "任"].map { Array($0.unicodeScalars) }

    /// Parts of speech a two-character given name that is also a word may have (立新, 建国).
    static func mayBeGivenName(_ word: Word) -> Bool {
        let pos = word.pos
        // The dictionary tags some given names as adverbs (立新): only common adverbs count.
        if pos.isAdverb { return word.frequency < 500 }
        // A verb in common use is read as a verb (应当), a rare one may be a given name (立新).
        if pos == .verb && word.frequency >= 2000 { return false }
        return !(pos == .timeWord || pos.isFunctionWord || pos.isNumeral || pos.isClassifier || pos == .direction || pos == .pronoun)
    }

    /// Characters after which a person's name may start: none (clause start), punctuation,
    /// a list separator or a connective.
    static func personMayStart(after c: Unicode.Scalar?) -> Bool {
        guard let c else { return true }
        // Not after a digit or letter: 100余人 is a count, not 余人.
        if CharClass.isDigit(c) || CharClass.isLatinLetter(c) { return false }
        return !CharClass.isCJK(c) || "、和与及由是的为向对给同跟".unicodeScalars.contains(c)
    }

    /// True when `range` reads as a person's name among the sentence's words: it aligns with
    /// words that are single characters, unknown or a dictionary person name, and the word after
    /// it is a verb, an adverb, a function word, a separator or punctuation.
    func looksLikeName(_ range: Range<Int>) -> Bool {
        guard words.isBoundary(at: range.lowerBound), words.isBoundary(at: range.upperBound) else { return false }
        // An organisation's suffix inside it (利|资本 of 和利资本) ends a company, not a person.
        if range.dropFirst().contains(where: { followerStartsAt[$0] }) { return false }
        let inside = words.words(in: range)
        // Single characters, unknown runs or a person's name; or a surname then a two-character
        // word, since given names are often words (何|立新, 王|建国).
        // (Not a time word, adverb, verb or function word: 于|近日 is no name.)
        let givenNameWord = inside.count == 2 && inside[inside.startIndex].range.count == 1 && inside[inside.startIndex + 1].range.count == 2
            && Self.mayBeGivenName(inside[inside.startIndex + 1])
        guard givenNameWord || inside.allSatisfy({ $0.range.count == 1 || !$0.fromDictionary || $0.pos == .personName || $0.pos == .personNameOther }),
            inside.count >= 1
        else { return false }
        // A name of single characters that the dictionary reads as common words (王府, 高新)
        // is checked by what follows.
        guard range.upperBound < text.count else { return true }
        if let next = words.word(at: range.upperBound) {
            if next.pos == .punctuation { return true }
            if "、和与及等".unicodeScalars.contains(text[range.upperBound]) && next.range.count == 1 { return true }
            // A head count after a list of people (陈忠强和常美华5人).
            if next.pos.isNumeral, let unit = (range.upperBound..<min(text.count, range.upperBound + 4)).first(where: { !Self.numerals.contains(text[$0]) }),
                "人位名".unicodeScalars.contains(text[unit])
            {
                return true
            }
            return next.pos.isVerb || next.pos.isAdverb || next.pos.isFunctionWord || next.pos == .pronoun
                || next.pos == .demonstrativePronoun || cueStartsAt[range.upperBound]
        }
        return false
    }
}

extension SentenceScanner {
    // MARK: - Newspapers, sites and agencies

    /// Words a newspaper, site or agency is the subject or source of: 新京报记者, 据第一财经报道,
    /// 据投资界消息. (X消息 opening a text is its dateline's source tag, not a name in it.)
    static let mediaCues = ["记者", "报道", "报导", "消息"].map { Array($0.unicodeScalars) }
    static let mediaCueFirsts = FirstScalars(mediaCues)

    /// Names of newspapers, sites and agencies found by what they do: a short name right before
    /// 记者, or between 据 and 报道 or 消息 (据第一财经报道). The name gate must pass it and it
    /// must not read as a person (据张华消息).
    mutating func addMediaNames() {
        for p in 2..<max(2, text.count) where Self.mediaCueFirsts.mayStart(text, at: p) {
            guard let cue = Self.mediaCues.first(where: { has($0, at: p) }), words.isBoundary(at: p),
                !findings.mentions.contains(where: { $0.span.end == p && $0.entity != nil }),
                let run = nameRun(endingAt: p, longest: 6)
            else { continue }
            let start = run.lowerBound
            let after据 = start > 0 && text[start - 1] == "据"
            guard cue.first == "记" || after据 else { continue }
            if let person = personName(at: start), person.end == p, person.confidence >= 0.9 { continue }
            addFoundName(run, type: EntityTypeID.organization, source: .media)
        }
    }
}
