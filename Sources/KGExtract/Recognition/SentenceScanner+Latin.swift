import KGModel

extension SentenceScanner {
    // MARK: - Latin names and tickers

    mutating func addLatinNamesAndTickers() {
        var i = 0
        let n = text.count
        var latinKnownEnd: [Int: Int] = [:]
        for hit in hits where CharClass.isLatinLetter(text[Int(hit.start)]) {
            let isKnown = compiled.cues[Int(hit.pattern)].contains { if case .entry = $0 { return true } else { return false } }
            if isKnown && latinEdges(Int(hit.start), Int(hit.end)) {
                latinKnownEnd[Int(hit.start)] = max(latinKnownEnd[Int(hit.start)] ?? 0, Int(hit.end))
            }
        }
        while i < n {
            let c = text[i]
            if CharClass.isDigit(c) {
                var j = i
                while j < n && CharClass.isDigit(text[j]) { j += 1 }
                if let end = ticker(digitsFrom: i, to: j) { i = end } else { i = j }
                continue
            }
            guard CharClass.isLatinLetter(c), i == 0 || !(CharClass.isDigit(text[i - 1]) || text[i - 1] == "." || text[i - 1] == "<") else {
                i += 1
                continue
            }
            // A Latin post (CEO) or known name is not the start of a new name.
            if let known = latinKnownEnd[i] {
                i = known
                continue
            }
            var j = i
            // Words joined by - & . ' or by a space before a capitalised word (F-Prime Capital).
            while j < n {
                let d = text[j]
                if CharClass.isLatinLetter(d) || CharClass.isDigit(d) {
                    j += 1
                } else if (d == "-" || d == "&" || d == "." || d == "'") && j + 1 < n
                    && (CharClass.isLatinLetter(text[j + 1]) || CharClass.isDigit(text[j + 1]))
                {
                    j += 1
                } else if d == " " && j + 1 < n && (0x41...0x5A).contains(text[j + 1].value) {
                    j += 1
                } else {
                    break
                }
            }
            defer { i = j }
            let word = string(i, j)
            if word.count < 2 || RecognitionTables.latinStopWords.contains(word.uppercased()) { continue }
            // Names are capitalised somewhere (Biobay, iPhone); all-lowercase runs are words or URLs.
            if !word.unicodeScalars.contains(where: { (0x41...0x5A).contains($0.value) }) { continue }
            if j < n && (text[j] == "股" || text[j] == "轮") { continue }
            if word == "NASDAQ" || word == "NYSE" || word == "Nasdaq" { continue }
            if findings.mentions.contains(where: { $0.span.start <= i && $0.span.end >= j }) { continue }
            // An English name in brackets right after a Chinese name is that name's English label.
            if i > 0 && text[i - 1] == "(" && j < n && text[j] == ")" {
                if var entity = entityMention(endingAt: i - 1)?.entity {
                    if !entity.key.isLexicon { entity.labelEn = word }
                    if !entity.aliases.contains(word) { entity.aliases.append(word) }
                    updateEntity(entity)
                    add(Mention(span: TextSpan(i, j), type: entity.type, entity: entity, source: .alias, confidence: 0.9))
                    findings.declaredAliases.append(AliasDeclaration(alias: Array(word.unicodeScalars), entity: entity))
                    continue
                }
                if var nameStart = bareNameStart(before: i - 1) {
                    // A known name the run starts inside is where it starts (国家药品监督管理局|药品
                    // 审评中心), and a government body's unit is a government body.
                    let opening = findings.mentions.first { $0.source == .lexicon && $0.span.start <= nameStart && $0.span.end > nameStart && $0.span.end < i - 1 }
                    if let opening { nameStart = opening.span.start }
                    let type = opening?.type == EntityTypeID.governmentBody ? EntityTypeID.governmentBody : EntityTypeID.organization
                    let zh = string(nameStart, i - 1)
                    let entity = EntityDescriptor(key: .name(normalized: zh), type: type, labelZh: zh, labelEn: word, aliases: [word])
                    add(Mention(span: TextSpan(nameStart, i - 1), type: type, entity: entity, source: .alias, confidence: 0.7))
                    add(Mention(span: TextSpan(i, j), type: type, entity: entity, source: .alias, confidence: 0.8))
                    findings.declaredAliases.append(AliasDeclaration(alias: Array(word.unicodeScalars), entity: entity))
                    continue
                }
            }
            let acronym = word.unicodeScalars.allSatisfy { !(0x61...0x7A).contains($0.value) } && word.count <= 5
            // Typed by context: a title or speech verb after it, or a post right before it, make
            // it a person (Bill Ackman表示, CEO Tim Cook); otherwise an organisation.
            let person = j < n && cueStartsAt[j] && hits.contains { Int($0.start) == j && compiled.cues[Int($0.pattern)].contains { $0 == .speech || $0 == .title } }
                || postEnds.contains(i) || i > 1 && text[i - 1] == " " && postEnds.contains(i - 1)
            let type = person && word.contains(" ") || person && !acronym ? EntityTypeID.person : EntityTypeID.organization
            let entity = EntityDescriptor(key: .name(normalized: word), type: type, labelZh: word, labelEn: word)
            add(Mention(span: TextSpan(i, j), type: type, entity: entity, source: .latin, confidence: acronym ? 0.5 : 0.75))
        }
    }

    /// The start of a run of name characters ending at `end`, bounded by stops (2–12 characters).
    func bareNameStart(before end: Int) -> Int? {
        var p = end
        while p > 0 && end - p < 12 {
            if stopEndsAt[p] { break }
            let c = text[p - 1]
            if !CharClass.isCJK(c) || RecognitionTables.hardStopCharacters.contains(c)
                || RecognitionTables.softStopCharacters.contains(c)
            {
                break
            }
            p -= 1
        }
        return end - p >= 2 ? p : nil
    }

    /// A ticker such as 600267.SH, 000001.SZ or 06160.HK starting with digits `[a, b)`.
    mutating func ticker(digitsFrom a: Int, to b: Int) -> Int? {
        let n = text.count
        guard a == 0 || !CharClass.isLatinLetter(text[a - 1]) && !CharClass.isDigit(text[a - 1]) else { return nil }
        guard b + 3 <= n, text[b] == "." else { return nil }
        let code = string(b + 1, b + 3).uppercased()
        if b + 3 < n && CharClass.isLatinLetter(text[b + 3]) { return nil }
        let digits = b - a
        let exchange: String
        switch code {
        case "SH", "SS": exchange = "sse"
        case "SZ": exchange = "szse"
        case "BJ": exchange = "bse"
        case "HK": exchange = "hkex"
        default: return nil
        }
        if code == "HK" ? !(4...5).contains(digits) : digits != 6 { return nil }
        guard let e = compiled.entry(id: exchange) else { return nil }
        let entity = compiled.descriptors[e]
        let ticker = string(a, b) + "." + code
        add(Mention(span: TextSpan(a, b + 3), type: entity.type, entity: entity, source: .ticker, role: ticker, confidence: 0.95))
        return b + 3
    }

    // MARK: - Quoted titles

    mutating func addQuoted() {
        let pairs: [(Unicode.Scalar, Unicode.Scalar)] = [("“", "”"), ("《", "》"), ("「", "」"), ("\"", "\"")]
        for (open, close) in pairs {
            var i = 0
            while i < text.count {
                guard text[i] == open else {
                    i += 1
                    continue
                }
                var j = i + 1
                while j < text.count && j - i <= 41 && text[j] != close && text[j] != open && text[j] != "。" { j += 1 }
                guard j < text.count, text[j] == close, j - i >= 2 else {
                    i += 1
                    continue
                }
                let content = string(i + 1, j)
                // A newspaper or magazine in book-title marks (《星城日报》) is the organisation
                // that publishes it.
                if open == "《", j - i - 1 <= 10, j - i - 1 > 2, RecognitionTables.mediaEndings.contains(where: { content.hasSuffix($0) }) {
                    // Names inside the title (科创板 of 科创板日报) are part of it.
                    addFoundName((i + 1)..<j, type: EntityTypeID.organization, source: .media) { $0.span.start > i && $0.span.end <= j }
                    i = j + 1
                    continue
                }
                let isTitle = open != "《" && RecognitionTables.titleEndings.contains { content.hasSuffix($0) }
                let entity = EntityDescriptor(
                    key: .name(normalized: content), type: EntityTypeID.title, labelZh: content,
                    labelEn: compiled.labeler.label(name: content, suffix: nil))
                add(
                    Mention(
                        span: TextSpan(i + 1, j), type: isTitle ? EntityTypeID.title : "Quoted", entity: entity, source: .quoted,
                        confidence: isTitle ? 0.85 : 0.6))
                i = j + 1
            }
        }
    }

    // MARK: - Declared aliases

    mutating func addAliasDeclarations(_ list: [ScalarAutomaton.Hit]) {
        for hit in list { aliasIntroStarts.insert(Int(hit.start)) }
        for hit in maximal(list) {
            let a = Int(hit.start)
            var q = Int(hit.end)
            // The full name ends right before the introducer, or before "(" / "," / ";".
            var nameEnd = a
            while nameEnd > 0 && ["(", ",", ";", " ", "，"].contains(text[nameEnd - 1]) { nameEnd -= 1 }
            guard let full = entityMention(endingAt: nameEnd)?.entity else { continue }
            while q < text.count && ["为", ":", " "].contains(text[q]) { q += 1 }
            var quoted = false
            if q < text.count && (text[q] == "“" || text[q] == "\"" || text[q] == "「") {
                quoted = true
                q += 1
            }
            var r = q
            while r < text.count && r - q < 16 {
                let c = text[r]
                if c == "”" || c == "\"" || c == "」" || c == ")" || c == "," || c == "。" || c == ";" || c == "、" { break }
                if !quoted && !CharClass.isNameChar(c) { break }
                r += 1
            }
            guard r > q else { continue }
            let alias = Array(text[q..<r])
            var entity = full
            let aliasText = string(q, r)
            if !entity.aliases.contains(aliasText) { entity.aliases.append(aliasText) }
            updateEntity(entity)
            add(Mention(span: TextSpan(q, r), type: entity.type, entity: entity, source: .alias, confidence: 0.95))
            findings.declaredAliases.append(AliasDeclaration(alias: alias, entity: entity))
        }
    }

    /// A short Chinese name in brackets right after a name is another name of it
    /// (中国科学院上海药物研究所(上海药物所)); a place in brackets is not (…科技(苏州)…).
    mutating func addBracketedAliases() {
        var i = 1
        while i < text.count {
            guard text[i] == "(" else {
                i += 1
                continue
            }
            var j = i + 1
            while j < text.count && j - i <= 13 && (CharClass.isCJK(text[j]) || CharClass.isLatinLetter(text[j])) { j += 1 }
            defer { i = j }
            guard j < text.count, text[j] == ")", j - i - 1 >= 2, CharClass.isCJK(text[i + 1]) else { continue }
            guard var entity = entityMention(endingAt: i)?.entity, compiled.isA(entity.type, EntityTypeID.organization) else { continue }
            // Inside a longer name, or a known name of its own (a place, another company): no alias.
            if findings.mentions.contains(where: { $0.span.start < i && $0.span.end > j }) { continue }
            if findings.mentions.contains(where: { $0.span.start == i + 1 && $0.span.end == j && $0.source == .lexicon }) { continue }
            if cueStartsAt[i + 1] || aliasIntroStarts.contains(i + 1) { continue }
            let alias = string(i + 1, j)
            if !entity.aliases.contains(alias) { entity.aliases.append(alias) }
            updateEntity(entity)
            add(Mention(span: TextSpan(i + 1, j), type: entity.type, entity: entity, source: .alias, confidence: 0.8))
            findings.declaredAliases.append(AliasDeclaration(alias: Array(text[(i + 1)..<j]), entity: entity))
        }
    }

}
