import KGModel
import KGText

extension Search {
    struct Candidate {
        var fillers: [Filler]
        var end: Int
        var incomplete: Bool
    }

    /// Ways the slot can be filled at `position`, preferred first: longer lists, then longer
    /// members; with a list closer (等…) consumed before without.
    func members(
        of plan: SlotPlan, at position: Int, anchored: Bool, follow: [[Unicode.Scalar]], itemFollow: [[Unicode.Scalar]],
        itemFollowFirsts: FirstScalars, afterTrigger: Bool
    ) -> [Candidate] {
        var results: [Candidate] = []
        let firsts = items(
            of: plan, at: position, anchored: anchored, follow: itemFollow, followFirsts: itemFollowFirsts, afterTrigger: afterTrigger)
        if !plan.list {
            for item in firsts { results.append(Candidate(fillers: [item.0], end: item.1, incomplete: false)) }
            return results
        }
        var sequences: [([Filler], Int)] = []
        func extend(_ fillers: [Filler], _ end: Int) {
            sequences.append((fillers, end))
            guard fillers.count < 20 else { return }
            for separator in listSeparators where view.has(separator, at: end) {
                for item in items(
                    of: plan, at: end + separator.count, anchored: true, follow: itemFollow, followFirsts: itemFollowFirsts,
                    afterTrigger: afterTrigger)
                {
                    extend(fillers + [item.0], item.1)
                }
            }
        }
        for item in firsts { extend([item.0], item.1) }
        sequences.sort { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.1 > $1.1 }
        for (fillers, end) in sequences.prefix(64) {
            for closer in listClosers where view.has(closer, at: end) {
                results.append(Candidate(fillers: fillers, end: end + closer.count, incomplete: true))
            }
            results.append(Candidate(fillers: fillers, end: end, incomplete: false))
        }
        return results
    }

    /// Single members at `position`: mentions of a fitting type, longest first; else spans.
    func items(
        of plan: SlotPlan, at position: Int, anchored: Bool, follow: [[Unicode.Scalar]], followFirsts: FirstScalars, afterTrigger: Bool = false
    ) -> [(Filler, Int)] {
        var found: [(Filler, Int)] = []
        guard position < view.count else { return found }
        // The mentions are read in place: copying each (its strings and entity) for the checks
        // cost more than the checks.
        let mentions = view.mentions
        for index in view.startingAt[position] {
            let end = mentions[index].span.end - view.base
            if plan.isPost {
                guard view.mentionIsPost[index] else { continue }
                if !plan.slot.roles.isEmpty, !plan.slot.roles.contains(mentions[index].role ?? "") { continue }
            } else {
                guard !view.mentionIsPost[index], view.mentionHasEntity[index], view.fits(mention: index, plan) else { continue }
                // After the trigger a bare noun (成立公司) is generic, not a reference back.
                if afterTrigger, mentions[index].source == .anaphor, !Self.referential(view.text, from: position) { continue }
            }
            found.append(
                (Filler(entity: nil, range: position..<end, confidence: mentions[index].confidence, mention: Int32(index)), end))
        }
        if let maxLength = plan.span, !plan.isPost {
            // Spans come after the mentions: they are tried when the recogniser's reading fails.
            var spanned = spans(
                at: position, maxLength: maxLength, anchored: anchored, type: plan.slot.types[0], follow: follow,
                followFirsts: followFirsts, endings: plan.endings, gated: plan.gated)
            if !plan.endings.isEmpty {
                spanned = spanned.filter { item in
                    plan.endings.contains { view.text[position..<item.1].ends(with: $0) }
                }
            }
            // Most starts have no span: the merging below would then change nothing, at the
            // price of an append and three filters.
            guard !spanned.isEmpty else { return found }
            let extra = spanned.filter { item in !found.contains { $0.1 == item.1 } }
            // A lexicon name followed by more of a name (京东 + 金融) is the start of a longer
            // name: the longer reading goes first.
            let longer = extra.filter { item in
                guard let prefix = found.first(where: { $0.1 < item.1 && ($0.0.range?.lowerBound ?? -1) == item.0.range?.lowerBound }),
                    view.startingAt[position].allSatisfy({ view.mentions[$0].source != .suffix })
                else { return false }
                let body = Array(view.text[position..<item.1])
                // Not when the rest holds a word that ends names (清华大学|战略合作).
                if (prefix.1..<item.1).contains(where: { view.cutterAt[$0] }) { return false }
                return item.1 - prefix.1 <= 4 || nameHeads.contains { body.ends(with: $0) }
            }
            // A slot that names its endings (…项目, …中心) takes the span that reaches one over a
            // shorter recognised name (星河智能 | 星河智能华东总部项目).
            let reachesEnding = plan.endings.isEmpty ? [] : extra.filter { item in found.allSatisfy { $0.1 < item.1 } }
            if !reachesEnding.isEmpty {
                found = reachesEnding + found + extra.filter { item in !reachesEnding.contains { $0.1 == item.1 } }
            } else if longer.isEmpty {
                found += extra
            } else {
                // The shorter reading is then wrong: it would leave the rest of the name dangling.
                let ends = Set(longer.map(\.1))
                found = longer + extra.filter { !ends.contains($0.1) }
            }
        }
        return found
    }

    /// Names the recogniser did not mark: the natural run (ended by a stop character, a word that
    /// does not belong to names, a mention or the end of the sentence), and shorter spans only
    /// where what follows in the pattern (`follow`) is found.
    func spans(
        at position: Int, maxLength: Int, anchored: Bool, type: String, follow: [[Unicode.Scalar]],
        followFirsts: FirstScalars? = nil, endings: [[Unicode.Scalar]] = [], gated: Bool? = nil
    ) -> [(Filler, Int)] {
        let text = view.text
        if !anchored, !isSpanStart(position) { return [] }
        if position > 0, countUnitTable.contains(text[position]),
            ("0"..."9").contains(text[position - 1]) || text[position - 1] == ">"
        {
            return []
        }
        if view.isCut(position) { return [] }
        if view.cutterAt[position] { return [] }
        let run = view.spanRun(at: position, maxLength: maxLength)
        let end = run.end
        let natural = run.natural
        let nameStart = run.nameStart
        var ends: [Int] = natural ? [end] : []
        var followed = Set<Int>()
        if !endings.isEmpty {
            // A typed name (…中心, …产业集群) may run past stop words; it ends at its suffix.
            var run = position
            while run < text.count, run - position < maxLength, !view.isBarrier(run),
                !view.stopAt[run] || text[run] == "和" || text[run] == "及" || CharClass.isLatinSpace(text, run, from: position)
            {
                run += 1
            }
            ends = stride(from: run, through: position + 2, by: -1).filter { stop in
                endings.contains { stop - $0.count >= position && view.has($0, at: stop - $0.count) }
            }
        }
        if !follow.isEmpty {
            let followFirsts = followFirsts ?? FirstScalars(follow)
            for stop in stride(from: end - 1, through: position + 2, by: -1)
            where followFirsts.mayStart(text, at: stop) && follow.contains(where: { view.has($0, at: stop) }) {
                ends.append(stop)
                followed.insert(stop)
            }
        }
        // A name ends before its bracketed aside (…结构调整基金(国调基金)): the pattern may go on
        // after the aside (`afterAside`).
        if natural || !follow.isEmpty {
            for stop in (nameStart + 2)..<max(end, nameStart + 2) where text[stop] == "(" && !ends.contains(stop) {
                ends.append(stop)
                followed.insert(stop)
            }
        }
        // Asked of a set of strings, this cost a tenth of the search; a slot plan knows it.
        let gated = gated ?? !SentenceView.commonWordTypes.contains(type)
        var found: [(Filler, Int)] = []
        var longestMention = position
        for index in view.startingAt[position] where view.mentions[index].source != .suffix && view.trusted[index] {
            longestMention = max(longestMention, view.mentions[index].span.end - view.base)
        }
        stops: for stop in ends where stop - nameStart >= 2 && stop > longestMention {
            // What the pattern expects next may start inside a recognised name (天平车险|股份).
            if view.isCut(stop), !followed.contains(stop) { continue }
            switch view.spanVerdict(nameStart, stop, typed: !endings.isEmpty, gated: gated) {
            case .badStart: break stops
            case .rejected: continue
            case .accepted: found.append((Filler(entity: nil, range: nameStart..<stop, confidence: 0.85, spanType: type), stop))
            }
        }
        return found
    }

    /// The entity of a span name from `nameStart` to `stop` (see `spans`).
    func spanEntity(_ nameStart: Int, _ stop: Int, type: String) -> EntityDescriptor {
        let body = view.text[nameStart..<stop]
        var label = view.originalText(nameStart, stop)
        var key = makeString(body)
        // 宝能系, 复星系: the group around a company, named by the company.
        if body.count >= 3, body.last == "系" {
            label = String(label.dropLast())
            key = String(key.dropLast())
        }
        // A risk-warning prefix (ST, *ST, S*ST) marks the stock, not the company's name.
        for prefix in ["S*ST", "*ST", "SST", "ST"]
        where (body.first == "S" || body.first == "*") && key.hasPrefix(prefix) && key.unicodeScalars.count > prefix.count + 1 {
            key = String(key.dropFirst(prefix.count))
            label = String(label.dropFirst(prefix.count))
            break
        }
        return EntityDescriptor(key: .name(normalized: key), type: type, labelZh: label)
    }

    /// `filler` with its entity: a recognised name's (with its role), or one made when it is a span
    /// name.
    func resolved(_ filler: Filler) -> Filler {
        if filler.mention >= 0 {
            let mention = view.mentions[Int(filler.mention)]
            return Filler(entity: mention.entity, range: filler.range, role: mention.role, confidence: filler.confidence)
        }
        guard filler.entity == nil, let type = filler.spanType, let range = filler.range else { return filler }
        return Filler(
            entity: spanEntity(range.lowerBound, range.upperBound, type: type), range: range, role: filler.role,
            confidence: filler.confidence)
    }

    /// Where an unanchored span may begin: the sentence start, after a stop character or a
    /// mention, or after a word that cannot end a name (此前, 公告, 同时…).
    /// (A Latin name may follow Chinese text directly: 自主亿门级FinFET FPGA.) A table lookup, see
    /// `SentenceView.spanStartAt`.
    func isSpanStart(_ position: Int) -> Bool {
        view.spanStartAt[position]
    }

    /// True when the anaphor at `position` points back (该公司, 其, 双方), not a bare noun (公司).
    static func referential(_ text: [Unicode.Scalar], from position: Int) -> Bool {
        position < text.count && "该其本这此双三两".unicodeScalars.contains(text[position])
    }
}
