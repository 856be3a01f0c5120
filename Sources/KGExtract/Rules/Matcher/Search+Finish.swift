import KGModel
import KGText

extension Search {
    // MARK: After the pattern

    /// Fills `also` slots, applies the guards and builds the triples; nil when a check fails.
    mutating func finish(_ matched: SearchState) -> RuleMatch? {
        var state = matched
        let end = rule.pattern.count
        guard let trigger = state.trigger else { return nil }
        for index in state.bindings.indices {
            guard var binding = state.bindings[index] else { continue }
            binding.fillers = binding.fillers.map(resolved)
            state.bindings[index] = binding
        }
        let matchEnd = state.position
        for slot in rule.elsewhere {
            if let parent = slot.named {
                guard let fillers = namedAfter(parent, slot: slot, state: state), !fillers.isEmpty else {
                    note(end, trigger.lowerBound, "no name elsewhere in the sentence starts with \(parent)'s name")
                    return nil
                }
                state.bind(tables.bindingIndex[slot.name]!, Binding(fillers: fillers, incomplete: false), count: tables.bindingIndex.count)
                continue
            }
            let outside = view.mentions.filter { mention in
                let start = mention.span.start - view.base
                let stop = mention.span.end - view.base
                guard stop <= state.start || start >= matchEnd else { return false }
                if slot.isPost { return mention.type == Slot.postType && mention.entity != nil }
                return mention.type != Slot.postType && mention.entity != nil && view.fits(mention.type, slot)
            }
            var chosen: [Mention] = []
            if slot.list {
                var keys = Set<EntityKey>()
                for mention in outside where keys.insert(mention.entity!.key).inserted { chosen.append(mention) }
            } else if let nearest = outside.min(by: {
                abs($0.span.start - view.base - trigger.lowerBound) < abs($1.span.start - view.base - trigger.lowerBound)
            }) {
                chosen = [nearest]
            }
            guard !chosen.isEmpty else {
                note(end, trigger.lowerBound, "no \(slot.types.joined(separator: "|")) mention elsewhere in the sentence for \(slot.name)")
                return nil
            }
            state.bind(
                tables.bindingIndex[slot.name]!,
                Binding(
                    fillers: chosen.map {
                        Filler(entity: $0.entity, range: ($0.span.start - view.base)..<($0.span.end - view.base), role: $0.role,
                            confidence: $0.confidence * 0.9)
                    }, incomplete: false),
                count: tables.bindingIndex.count)
        }
        // The topic fills a slot only when the clause names no organisation before the trigger.
        let filled = state.bindings.compactMap { $0 }.flatMap(\.fillers).compactMap(\.range)
        // A filler's bracketed aside (星河资本有限公司(星河资本)) is part of it here.
        let bound = filled + filled.compactMap { range in afterAside(range.upperBound).first.map { range.upperBound..<$0 } }
        // Trigger text inside a recognised name (联合 in 新光维医疗联合创始人) is part of that name.
        if case .literal = rule.trigger, let host = view.mentions.first(where: { mention in
            let range = (mention.span.start - view.base)..<(mention.span.end - view.base)
            // A name read off its suffix may have swallowed the verb (中石油控股|克拉玛依…).
            return mention.source != .suffix && range.lowerBound <= trigger.lowerBound && trigger.upperBound <= range.upperBound
                && range != trigger && !bound.contains(range)
        }) {
            note(end, trigger.lowerBound, "the trigger lies inside the name “\(view.originalText(host.span.start - view.base, host.span.end - view.base))”")
            return nil
        }
        for (name, index) in tables.bindingIndex.sorted(by: { $0.value < $1.value }) {
            guard let binding = state.binding(index), binding.fillers.first?.range == nil else { continue }
            let clause = view.clauseStart[trigger.lowerBound]
            if (clause..<trigger.lowerBound).contains(where: { p in view.entityStart[p] && !bound.contains { $0.contains(p) } }) {
                note(end, clause, "the clause names its own subject, so the topic does not fill \(name)")
                return nil
            }
        }
        // Guards look at the clause before the trigger, from a little before the match start.
        let window = max(view.clauseStart[trigger.lowerBound], min(state.start, trigger.lowerBound - 8) - 4)..<trigger.lowerBound
        if rule.negation == .block, let word = find(negators, in: window, excluding: notNegations) {
            note(end, trigger.lowerBound, "negation \(word) before the trigger")
            return nil
        }
        var planned = false
        if rule.modality != .ignore, let word = find(modals, in: window, excluding: notModal) {
            if rule.modality == .block {
                note(end, trigger.lowerBound, "modal word \(word) before the trigger (modality block)")
                return nil
            }
            planned = true
        }
        var extractions: [Extraction] = []
        for emit in rule.emits {
            guard let subjects = binding(emit.subject, in: state), let objects = binding(emit.object, in: state),
                let predicate = view.vocabulary.predicate(emit.predicate)
            else { continue }
            for (si, s) in subjects.fillers.enumerated() {
                for (oi, o) in objects.fillers.enumerated() {
                    guard let subject = s.entity, let object = o.entity, !Self.sameCompany(subject, object) else { continue }
                    // Members of one list cooperating: each unordered pair once.
                    if emit.subject == emit.object, predicate.symmetric, si > oi { continue }
                    guard predicate.domain.contains(where: { view.vocabulary.isA(subject.type, $0) }),
                        predicate.range.contains(where: { view.vocabulary.isA(object.type, $0) })
                    else {
                        note(end, trigger.lowerBound, "\(subject.type) \(emit.predicate) \(object.type) is outside the predicate's domain or range")
                        continue
                    }
                    var qualifiers: [Qualifier] = []
                    for template in emit.qualifiers {
                        var value = template.value
                        if value.hasSuffix(".role") {
                            let name = String(value.dropLast(5))
                            let role = name == emit.subject ? s.role : name == emit.object ? o.role : binding(name, in: state)?.fillers.first?.role
                            guard let role else { continue }
                            value = role
                        }
                        qualifiers.append(Qualifier(template.key, value))
                    }
                    if subjects.incomplete || objects.incomplete { qualifiers.append(Qualifier("list", "incomplete")) }
                    if planned { qualifiers.append(Qualifier("status", "planned")) }
                    extractions.append(
                        Extraction(
                            subject: subject, predicate: emit.predicate, object: object, sentenceIndex: view.sentence.sentence.index,
                            subjectSpan: s.range.map { view.documentSpan($0.lowerBound, $0.upperBound) },
                            objectSpan: o.range.map { view.documentSpan($0.lowerBound, $0.upperBound) },
                            triggerSpan: view.documentSpan(trigger.lowerBound, trigger.upperBound), ruleID: rule.id,
                            ruleVersion: rule.version, confidence: rule.confidence * min(s.confidence, o.confidence),
                            qualifiers: qualifiers))
                }
            }
        }
        guard !extractions.isEmpty else { return nil }
        return RuleMatch(
            ruleID: rule.id, span: view.documentSpan(state.start, matchEnd),
            trigger: view.documentSpan(trigger.lowerBound, trigger.upperBound), extractions: extractions)
    }

    /// Names elsewhere in the sentence that begin with the text of slot `parent` and go on
    /// (华润 → 华润燃气, 中国科学院 → 中国科学院苏州纳米所): a recognised name, else a span.
    func namedAfter(_ parent: String, slot: Slot, state: SearchState) -> [Filler]? {
        guard let filler = binding(parent, in: state)?.fillers.first, let range = filler.range, let parentKey = filler.entity?.key else {
            return nil
        }
        // The parent's own name, not a short form of it (网易 for 网易传媒 would take in 网易新闻).
        guard let label = filler.entity?.labelZh else { return nil }
        let base = Normalizer.normalize(label)
        guard base.count >= 2, Array(view.text[range]) == base, base.contains(where: { $0.value >= 0x4E00 }) else { return nil }
        var result: [Filler] = []
        var keys = Set([parentKey])
        var position = 0
        while position + base.count < view.count {
            defer { position += 1 }
            guard !range.contains(position), view.has(base, at: position), !view.isCut(position) else { continue }
            if position > 0, !isSpanStart(position) { continue }
            var found = view.startingAt[position].map { view.mentions[$0] }.filter {
                $0.type != Slot.postType && $0.entity != nil && $0.span.length >= base.count + 2 && view.fits($0.type, slot)
            }.map { Filler(entity: $0.entity, range: ($0.span.start - view.base)..<($0.span.end - view.base), confidence: $0.confidence) }
            if found.isEmpty, let maxLength = slot.span {
                found = spans(at: position, maxLength: maxLength, anchored: true, type: slot.types[0], follow: []).map { resolved($0.0) }.filter {
                    ($0.range?.count ?? 0) >= base.count + 2 && $0.range?.lowerBound == position
                }
            }
            if let first = found.first, let entity = first.entity, let childRange = first.range,
                !Self.isLegalForm(Array(view.text[(childRange.lowerBound + base.count)..<childRange.upperBound])),
                keys.insert(entity.key).inserted
            {
                result.append(first)
            }
        }
        return result
    }

    /// True when two descriptors name one company: one key, or one name is the other plus a legal
    /// form (平安 / 平安集团, TCL / TCL集团). Declared short names are not trusted here: a listed
    /// company's name is often its parent group's name shortened (华鲁恒升 / 山东华鲁恒升集团).
    static func sameCompany(_ a: EntityDescriptor, _ b: EntityDescriptor) -> Bool {
        if a.key == b.key { return true }
        let la = Normalizer.normalize(a.labelZh)
        let lb = Normalizer.normalize(b.labelZh)
        let (short, long) = la.count <= lb.count ? (la, lb) : (lb, la)
        guard short.count >= 2, long.starts(with: short) else { return false }
        return isLegalForm(Array(long[short.count...]))
    }

    /// True when what follows a parent's name only states a legal form (集团, 股份有限公司,
    /// 保险股份有限公司): the same company under its full name, not a part of it.
    static func isLegalForm(_ tail: [Unicode.Scalar]) -> Bool {
        var rest = tail
        var stripped = false
        while let form = legalForms.first(where: { rest.ends(with: $0) }) {
            rest.removeLast(form.count)
            stripped = true
        }
        return rest.isEmpty || (stripped && rest.count <= 2)
    }

    /// The first of `words` in the window, skipping occurrences that begin one of `excluding`.
    func find(_ words: [[Unicode.Scalar]], in window: Range<Int>, excluding: [[Unicode.Scalar]]) -> String? {
        for position in window where !view.covered[position] {
            for word in words where view.has(word, at: position) && position + word.count <= window.upperBound {
                if excluding.contains(where: { view.has($0, at: position) }) { continue }
                return String(String.UnicodeScalarView(word))
            }
        }
        return nil
    }
}
