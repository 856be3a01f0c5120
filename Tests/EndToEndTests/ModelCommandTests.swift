import Foundation
import Testing

/// The relation model through the real binary: its triples carry their own evidence, `--no-model`
/// leaves them out, and `kg explain` shows what the model judged.
@Suite(.serialized) struct ModelCommandTests {
    static let sentence = "本报讯,金桥资本今日宣布已与南岭股份达成战略投资意向。"

    @Test func modelTriplesHaveEvidenceAndNoModelLeavesThemOut() throws {
        let tmp = try TempFolder()
        let file = try tmp.write("news.txt", Self.sentence + "\n")
        let withModel = tmp.path("m.sqlite")
        let rulesOnly = tmp.path("r.sqlite")
        #expect(try KGBinary.run(["build", file, "--db", withModel, "-q"]).status == 0)
        #expect(try KGBinary.run(["build", file, "--db", rulesOnly, "-q", "--no-model"]).status == 0)

        let evidence = try sqlite(withModel, "SELECT rule_id, confidence >= 0.5 FROM evidence")
        #expect(evidence == "model.relations|1")
        #expect(try sqlite(rulesOnly, "SELECT count(*) FROM evidence") == "0")

        let triple = try sqlite(withModel, "SELECT subject, predicate, object FROM triple_labels")
        let why = try KGBinary.run(["why", "--db", withModel] + triple.split(separator: "|").map(String.init) + ["--format", "tsv"])
        #expect(why.status == 0, "\(why.stderr)")
        #expect(why.stdout.contains("model.relations"))
    }

    @Test func explainShowsTheModelsJudgements() throws {
        let explained = try KGBinary.run(["explain", Self.sentence])
        #expect(explained.status == 0)
        #expect(explained.stdout.contains("relation model (model.relations"))
        #expect(explained.stdout.contains("“金桥资本” “南岭股份”"))
        let rulesOnly = try KGBinary.run(["explain", "--no-model", Self.sentence])
        #expect(rulesOnly.status == 0)
        #expect(!rulesOnly.stdout.contains("relation model"))
    }

    /// `--words` prints the segmentation the name gate reads, each word with its tag.
    @Test func explainShowsTheWordsOnRequest() throws {
        let explained = try KGBinary.run(["explain", "--words", "--no-model", Self.sentence])
        #expect(explained.status == 0)
        let line = try #require(explained.stdout.split(separator: "\n").first { $0.hasPrefix("words: ") })
        #expect(line.contains("宣布/v"))
        #expect(!(try KGBinary.run(["explain", "--no-model", Self.sentence]).stdout.contains("words: ")))
    }
}
