/// Words that stop a span slot: a name does not contain them (the price: a few real names are
/// cut, which `span` accepts for not swallowing whole clauses).
let spanStops: Set<Unicode.Scalar> = Set("则前后因近即他她它再之使令至的了在和与及是将已等对从向把被也就于以并而或且其该这那由着过还又拟未不没让给跟、“”\"‘’'《》<>[]【】「」,;:。!?，；：！？… \t\n".unicodeScalars)

/// Openings a name does not start with: quantities, demonstratives, pronouns.
let spanBadStarts = Words.badStarts.scalars()

/// True when `body` starts with one of `spanBadStarts`, looking only at those with its first
/// character.
func startsWithBadStart(_ body: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = body.first, let words = spanBadStartIndex[first] else { return false }
    return words.contains { body.starts(with: $0) }
}

let spanBadStartIndex = Dictionary(grouping: spanBadStarts, by: { $0[0] })
/// `spanCutters` by first character.
let spanCutterIndex = Dictionary(grouping: spanCutters, by: { $0[0] })
/// Coordinators: a mention holding one may be two names run together.
let coordinatorTable = ScalarSet("与和及、")

/// A digit before one of these makes a date or a time, not a name (2018年, 3月后).
let dateUnitTable = ScalarSet("年月日后")
/// After a digit these make a date or a count (2018年, 3个), where no name starts.
let countUnitTable = ScalarSet("年月日个天周")
/// A span does not end with these.
let spanBadEndTable = ScalarSet("-.·元亿万%")
/// Before a final 股 these make a count of shares.
let countBeforeShareTable = ScalarSet("0123456789万亿千百十两")

/// Spans that are generic nouns, never a name.
let spanGeneric = Set<String>(Words.generic.words("whole"))

/// `spanGeneric.contains(string)`, where `scalars` are the string's: compared scalar by scalar
/// (hashing a Chinese string normalises it first, which cost more than the rest of the checks).
/// Every generic word is made of unified ideographs, so only a text with a compatibility
/// ideograph (which decomposes to one) can equal one without being the same scalars.
func isGenericSpan(_ scalars: ArraySlice<Unicode.Scalar>, _ string: @autoclosure () -> String) -> Bool {
    if scalars.contains(where: { (0xF900...0xFAFF).contains($0.value) || (0x2F800...0x2FA1F).contains($0.value) }) {
        return spanGeneric.contains(string())
    }
    guard let first = scalars.first, let words = spanGenericIndex[first] else { return false }
    return words.contains { $0.elementsEqual(scalars) }
}

let spanGenericIndex = Dictionary(grouping: spanGeneric.map { Array($0.unicodeScalars) }, by: { $0[0] })

/// The longest generic noun, in scalars.
let spanGenericMaxScalars = spanGeneric.map(\.unicodeScalars.count).max() ?? 0

/// Words a span stops before: what follows a name in news sentences, not part of it.
let spanCutters = Words.nameStops.scalars("span")

/// Words that bring in another participant (与, 向, 对, 被…): a gap never skips them, so a
/// rule cannot silently pass over a second party.
let gapBlockers: Set<Unicode.Scalar> = Set("与向对被把由给跟".unicodeScalars)

/// Openers a name may follow directly: time and discourse adverbs.
let spanLeads = Words.spanLeads.scalars()

/// Cutters and leads by first character, so a sentence is scanned once.
let cutterIndex = Dictionary(grouping: spanCutters + spanLeads.filter { $0.count > 1 }, by: { $0[0] })
let leadIndex = Dictionary(grouping: spanLeads, by: { $0[0] })
/// The first characters of `cutterIndex` and `leadIndex`: most characters start neither.
let cutterOrLeadFirst = ScalarSet(Set(cutterIndex.keys).union(leadIndex.keys))
let spanStopTable = ScalarSet(spanStops)
let gapBlockerTable = ScalarSet(gapBlockers)

/// Organisation suffixes: a name running past one ends at the last.
let orgSuffixes = Words.nameEndings.scalars("org-suffix")
/// Their first and last characters: a span run asks at every position whether a suffix starts
/// or ends there, and most characters begin and end none.
let orgSuffixFirsts = ScalarSet(orgSuffixes.compactMap(\.first))
let orgSuffixLasts = ScalarSet(orgSuffixes.compactMap(\.last))

/// Legal forms of a company name, longest first.
let legalForms = Words.nameEndings.scalars("legal")

/// Endings that let a span name run past eight characters.
let nameHeads = Words.nameEndings.scalars("head")

/// Words that stop a span but may sit inside a suffixed full name.
let weakCutters = Words.nameStops.scalars("span-weak")

/// Stops that close a name before a list goes on (建信股权、, 星河资产等) and are otherwise a
/// word after it (持有星河股权).
let nameListClosers = Words.nameStops.scalars("span-list")

let weakCutterFirsts = ScalarSet(weakCutters.map { $0[0] })

/// Descriptors placed before a name in apposition; the name starts after them.
let descriptors = Words.descriptors.scalars()

/// Verbs of announcing that follow a company named as the subject of a clause.
let speechVerbs = Words.speechVerbs.scalars("announce")

let listSeparators = Words.lists.scalars("separator")
let listClosers = Words.lists.scalars("closer")
let negators = Words.guards.scalars("negator")
/// `不` inside these words is not a negation.
let notNegations = Words.guards.scalars("not-negation")
/// `将` taking an object (将其所持股份转让) is the 把 construction, not a plan.
let notModal = Words.guards.scalars("not-modal")
let modals = Words.guards.scalars("modal")
