import KGModel
import KGText
import Testing

@testable import KGExtract

/// The matcher's step budget (`Search.stepBudget`) on a sentence built to exhaust it.
@Suite struct StepBudgetTests {
    /// A list of companies that the far gap and the list slot can split in very many ways,
    /// ending in text the pattern never finds: the search tries every split until its budget
    /// runs out.
    static let pack = RuleFixture.pack(
        """
        rule 列举.合作
          match {甲:Company list span} …… 与 {乙:Company list span} …… 签署战略合作
          emit 甲 cooperatesWith 乙
          example [甲:Company]与[乙:Company]签署战略合作 => 甲 cooperatesWith 乙
        """)

    static func longList(_ count: Int) -> String {
        (0..<count).map { "[星河\($0)科技:Company]" }.joined(separator: "、") + "与"
            + (0..<count).map { "[蓝山\($0)制药:Company]" }.joined(separator: "和") + "签署合作意向"
    }

    @Test func aPathologicalSentenceSpendsTheWholeBudgetAndStops() throws {
        let sentence = RuleFixture.sentence(Self.longList(120))
        let rule = try #require(Self.pack.rules.first)
        let view = SentenceView(sentence, vocabulary: .builtIn, typeIDs: Self.pack.matcher.typeIDs)
        var search = Search(rule: rule, tables: Self.pack.matcher.tables[0], view: view)
        let clock = ContinuousClock()
        let started = clock.now
        let matches = search.run(complete: true)
        #expect(matches.isEmpty)
        #expect(search.budget < 0, "the search stopped before its budget ran out: the sentence is not pathological")
        #expect(clock.now - started < .seconds(5))
    }

    @Test func aShortSentenceMatchesWellWithinTheBudget() throws {
        let sentence = RuleFixture.sentence("[星河科技:Company]、[云海科技:Company]与[蓝山制药:Company]签署战略合作")
        let rule = try #require(Self.pack.rules.first)
        let view = SentenceView(sentence, vocabulary: .builtIn, typeIDs: Self.pack.matcher.typeIDs)
        var search = Search(rule: rule, tables: Self.pack.matcher.tables[0], view: view)
        let matches = search.run(complete: true)
        // One match per start: the list from 星河科技 and from 云海科技.
        #expect(matches.count == 2)
        #expect(search.budget > Search.stepBudget / 2)
    }

    @Test func theBudgetIsWhatTheMatcherDocuments() {
        #expect(Search.stepBudget == 20_000)
    }
}
