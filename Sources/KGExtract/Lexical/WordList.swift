import KGModel

/// One of kg's word lists (`schema/lexicon/words/*.txt`): words in file order, each with the
/// tags that say which stage reads it.
///
/// The lists are data so that one file holds one kind of word (words a name does not contain,
/// generic nouns, speech verbs…) for every stage that needs it; a stage asks for the words with
/// its tag. File order is kept: where a stage tries words in turn, the file says the order.
struct WordList: Sendable {
    struct Entry: Sendable, Hashable {
        var word: String
        var tags: [String]
    }

    let file: String
    let entries: [Entry]

    /// Parses a list: `word` or `word<TAB>tag,tag` a line; `#` starts a comment line.
    /// Returns every malformed line as a diagnostic with its `file:line:col`.
    static func parse(_ text: String, file: String) -> (WordList, [Diagnostic]) {
        var entries: [Entry] = []
        var problems: [Diagnostic] = []
        var seen = Set<String>()
        for (index, raw) in text.textLines().enumerated() {
            let line = String(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let location = SourceLocation(file: file, line: index + 1, column: 1)
            let word = columns[0]
            if word.isEmpty || word.contains(" ") || columns.count > 2 {
                problems.append(
                    Diagnostic(
                        .wordListLine, "expected a word, then optionally a tab and comma-separated tags",
                        at: location, sourceLine: line))
                continue
            }
            if !seen.insert(word).inserted {
                problems.append(
                    Diagnostic(.wordListLine, "\(word) is listed twice; give it both tags on one line", at: location, sourceLine: line))
                continue
            }
            let tags = columns.count == 2 ? columns[1].split(separator: ",").map { String($0) } : []
            entries.append(Entry(word: word, tags: tags))
        }
        return (WordList(file: file, entries: entries), problems)
    }

    init(file: String, entries: [Entry]) {
        self.file = file
        self.entries = entries
    }

    /// The built-in list `schema/lexicon/words/NAME`; a malformed built-in list is a defect of
    /// kg itself, so it stops the program with every problem listed.
    static func builtIn(_ name: String) -> WordList {
        let file = KGExtractResources.wordList(name)
        let (list, problems) = parse(file.text, file: file.path)
        precondition(problems.isEmpty, "the built-in word list does not parse:\n" + problems.map(\.description).joined(separator: "\n"))
        return list
    }

    /// The words with `tag` (every word when nil), in file order.
    func words(_ tag: String? = nil) -> [String] {
        guard let tag else { return entries.map(\.word) }
        let words = entries.filter { $0.tags.contains(tag) }.map(\.word)
        precondition(!words.isEmpty, "\(file) has no word tagged \(tag)")
        return words
    }

    /// `words(tag)` as scalar arrays, as the matchers compare them.
    func scalars(_ tag: String? = nil) -> [[Unicode.Scalar]] {
        words(tag).map { Array($0.unicodeScalars) }
    }
}

/// kg's built-in word lists, each read once.
enum Words {
    static let nameStops = WordList.builtIn("name-stops.txt")
    static let spanLeads = WordList.builtIn("span-leads.txt")
    static let badStarts = WordList.builtIn("bad-starts.txt")
    static let generic = WordList.builtIn("generic.txt")
    static let speechVerbs = WordList.builtIn("speech-verbs.txt")
    static let nameEndings = WordList.builtIn("name-endings.txt")
    static let shortNameTails = WordList.builtIn("short-name-tails.txt")
    static let descriptors = WordList.builtIn("descriptors.txt")
    static let lists = WordList.builtIn("lists.txt")
    static let guards = WordList.builtIn("guards.txt")
    static let personTitles = WordList.builtIn("person-titles.txt")
    static let aliasIntroducers = WordList.builtIn("alias-introducers.txt")
    static let industryFollowers = WordList.builtIn("industry-followers.txt")
    static let compoundSurnames = WordList.builtIn("compound-surnames.txt")
    static let companyVerbs = WordList.builtIn("company-verbs.txt")

    /// Every built-in list, for the test that each parses.
    static let all: [String] = [
        "name-stops.txt", "span-leads.txt", "bad-starts.txt", "generic.txt", "speech-verbs.txt", "name-endings.txt",
        "short-name-tails.txt", "descriptors.txt", "lists.txt", "guards.txt", "person-titles.txt", "alias-introducers.txt",
        "industry-followers.txt", "compound-surnames.txt", "company-verbs.txt",
    ]
}
