import KGModel
import Testing

@testable import KGExtract

/// Loaders report every problem of a file at once, each at `file:line:col`, with distinct codes
/// for distinct mistakes.
@Suite struct LoaderDiagnosticsTests {
    @Test func everyBadModelSettingIsReported() {
        let text = "# a model\ngap\teighty\nclasses\tnone\tacq_f\nintercept\t1\t2\nab\t1\t2\n"
        #expect {
            try RelationClassifier(file: "m.tsv", text: text)
        } throws: { error in
            let found = (error as? DiagnosticList)?.items.map { "\($0.location!) \($0.code)" } ?? []
            return found == ["m.tsv R072", "m.tsv:2:5 R072", "m.tsv R072"]
        }
    }

    @Test func bothModelFilesAreCheckedInOneRun() {
        #expect {
            try RelationModel(namesFile: "n.tsv", namesText: "tags\tB\tI\tO\nx\t1\n", relationsFile: "r.tsv", relationsText: "")
        } throws: { error in
            let files = Set((error as? DiagnosticList)?.items.compactMap(\.location?.file) ?? [])
            return files == ["n.tsv", "r.tsv"]
        }
    }

    @Test(arguments: [
        ("rule a b", "R017"),
        ("rule a\n  match 收购\n  match 并购", "R018"),
        ("rule a\n  match 收购\n  also 公司", "R019"),
        ("rule a\n  match 收购\n  emit 甲", "R022"),
        ("rule a\n  match {甲:Company}收购{乙:Company}\n  emit 甲 acquires 乙 when", "R023"),
        ("rule a\n  match {甲:Post|Company}收购", "R024"),
        ("rule a\n  match {甲:Company", "R007"),
    ])
    func ruleSyntaxMistakesHaveTheirOwnCodes(text: String, code: String) {
        let (_, diagnostics) = RuleParser().parse(file: "x.rules", text: text)
        #expect(diagnostics.contains { $0.code.rawValue == code }, "\(diagnostics.map(\.description))")
    }
}
