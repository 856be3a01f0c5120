import Foundation
import KGModel
import KGText
import Testing

@testable import KGExtract

/// The Swift side of the models must predict exactly what `scripts/models/train.py` predicts
/// from the same files: the script writes its predictions for sentences of its own to
/// Fixtures/model-golden.tsv whenever it writes the models.
@Suite("Relation model")
struct ModelTests {
    static let golden: [(sentence: String, names: String, pairs: String)] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/model-golden.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (cells[0], cells.count > 1 ? cells[1] : "", cells.count > 2 ? cells[2] : "")
        }
    }()

    @Test("the golden file has the script's sentences")
    func goldenIsThere() {
        #expect(Self.golden.count >= 8)
    }

    @Test("the tagger finds the names the script found")
    func taggerMatchesScript() {
        let model = RelationModel.builtIn
        for row in Self.golden {
            let text = Normalizer.normalize(row.sentence).map(ModelText.fold)
            let names = model.tagger.names(in: text).map { "\($0.start)-\($0.end)" }.joined(separator: ",")
            #expect(names == row.names, "\(row.sentence)")
        }
    }

    @Test("the classifier gives the script's class and probability for every pair")
    func classifierMatchesScript() {
        let model = RelationModel.builtIn
        for row in Self.golden {
            let text = Normalizer.normalize(row.sentence).map(ModelText.fold)
            let names = model.tagger.names(in: text)
            var pairs: [String] = []
            for i in names.indices {
                for j in names.indices where j > i {
                    let (a, b) = (names[i], names[j])
                    guard b.start - a.end <= model.classifier.gap, !text[a.start..<a.end].elementsEqual(text[b.start..<b.end]) else {
                        continue
                    }
                    let (label, p) = model.classifier.classify(model.classifier.prepare(text), a, b, names: names)
                    pairs.append("\(a.start)-\(a.end):\(b.start)-\(b.end):\(label):\(String(format: "%.6f", p))")
                }
            }
            #expect(pairs.joined(separator: ",") == row.pairs, "\(row.sentence)")
        }
    }
}

/// The model as a stage after the rules, on sentences written for these tests.
@Suite("Relation model stage")
struct RelationModelStageTests {
    static let withModel = RuleExtractor(recognizer: RecognitionFixture.recognizer, model: .builtIn)
    static let rulesOnly = RuleExtractor(recognizer: RecognitionFixture.recognizer)

    static func triples(_ text: String, _ extractor: RuleExtractor = withModel) -> [Extraction] {
        extractor.extract(RecognitionFixture.document(text)).extractions
    }

    @Test("a relation no rule names is stated with the model's id, version and probability")
    func modelStatesWhatRulesMiss() throws {
        let text = "本报讯,金桥资本今日宣布已与南岭股份达成战略投资意向。"
        #expect(Self.triples(text, Self.rulesOnly).isEmpty)
        let found = Self.triples(text)
        let triple = try #require(found.first)
        #expect(found.count == 1)
        #expect(triple.ruleID == "model.relations")
        #expect(triple.ruleVersion == RelationModel.builtIn.version)
        #expect(triple.confidence >= RelationModel.builtIn.classifier.threshold && triple.confidence <= 1)
        #expect(Set([triple.subject.labelZh, triple.object.labelZh]) == ["金桥资本", "南岭股份"])
        let scalars = Array(text.unicodeScalars)
        let span = try #require(triple.subjectSpan)
        #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == triple.subject.labelZh)
    }

    @Test("a pair a rule already relates is left to the rule")
    func rulesComeFirst() {
        let found = Self.triples("青岚集团旗下的青岚药业昨日公布了年报。")
        #expect(found.map(\.ruleID) == ["隶属.旗下"])
        let judgements = RelationModel.builtIn.judge(
            RecognitionFixture.annotate("青岚集团旗下的青岚药业昨日公布了年报。")[0], besides: found, englishLabel: { $0 })
        #expect(judgements.contains { $0.note == "a rule already relates them" })
    }

    @Test("competition is not stated as cooperation")
    func competitionIsNotCooperation() {
        #expect(Self.triples("海川软件与北辰电子的竞争日趋激烈。").isEmpty)
    }

    @Test("a sentence without two names costs nothing and states nothing")
    func noPairNoJudgement() {
        let sentence = RecognitionFixture.annotate("今年的市场形势并不乐观。")[0]
        #expect(RelationModel.builtIn.judge(sentence, besides: [], englishLabel: { $0 }).isEmpty)
    }

    @Test("classes map to kg's predicates and directions")
    func classMapping() throws {
        let a = EntityDescriptor(key: .name(normalized: "甲"), type: "Organization", labelZh: "甲")
        let b = EntityDescriptor(key: .name(normalized: "乙"), type: "Organization", labelZh: "乙")
        func render(_ label: String) throws -> String {
            let (s, p, o, reversed) = try #require(RelationModel.statement(label, a, b))
            return "\(s.labelZh) \(p) \(o.labelZh)\(reversed ? " reversed" : "")"
        }
        #expect(try render("coop_f") == "甲 cooperatesWith 乙")
        #expect(try render("acq_f") == "甲 acquires 乙")
        #expect(try render("acq_b") == "乙 acquires 甲 reversed")
        #expect(try render("inv_b") == "乙 investsIn 甲 reversed")
        #expect(try render("est_f") == "甲 established 乙")
        #expect(try render("own_f") == "乙 partOf 甲 reversed")
        #expect(try render("own_b") == "甲 partOf 乙")
        #expect(RelationModel.statement("none", a, b) == nil)
    }

    @Test("a malformed model file is reported with file, line and column")
    func malformedFile() {
        let text = "# comment\ntags\tB\tI\tO\nu0=甲\t1\t2\t3\nu0=乙\t1\tx\t3\nu0=丙\t1\t2\n"
        #expect {
            _ = try NameTagger(file: "names.tsv", text: text)
        } throws: { error in
            let rendered = (error as? DiagnosticList)?.items.map(\.description) ?? []
            return rendered == [
                "names.tsv:4:8: error[R071]: `x` is not an integer weight",
                "names.tsv:5:1: error[R070]: a weight row needs a feature and 3 weights, found 2",
            ]
        }
    }
}

/// The `cues` row of the relation classifier: a class stated only where the sentence has one of
/// its words, on a model written for the test whose classifier always says coop_f.
@Suite struct ModelCueTests {
    static let model: RelationModel = {
        let relations = """
            threshold\t0.5
            gap\t80
            rest\t0.3
            cues\tcoop=合作|签约
            classes\tcoop_f\tnone
            intercept\t50000\t0

            """
        return try! RelationModel(namesFile: "n.tsv", namesText: "tags\tB\tI\tO\n", relationsFile: "r.tsv", relationsText: relations)
    }()

    static func judgements(_ text: String) -> [RelationModel.Judgement] {
        model.judge(RecognitionFixture.annotate(text)[0], besides: [], englishLabel: { $0 })
    }

    @Test func cooperationNeedsAWordOfCooperation() throws {
        let without = Self.judgements("海川软件有限公司、北辰电子有限公司今年业绩均有增长。")
        let judged = try #require(without.first)
        #expect(judged.extraction == nil)
        #expect(judged.note?.hasPrefix("no word the model needs for cooperatesWith") == true)
        let with = Self.judgements("海川软件有限公司与北辰电子有限公司的合作进展顺利。")
        #expect(with.compactMap(\.extraction).map(\.predicate) == ["cooperatesWith"])
    }

    @Test func aClassThresholdRaisesTheBarForThatClassAlone() throws {
        let relations = "threshold\t0.5\nthresholds\tacq=0.999\ngap\t80\nrest\t0.3\nclasses\tacq_f\tnone\nintercept\t50000\t0\n"
        let classifier = try RelationClassifier(file: "r.tsv", text: relations)
        #expect(classifier.threshold(for: "acq_f") == 0.999)
        #expect(classifier.threshold(for: "coop_f") == 0.5)
        let model = try RelationModel(namesFile: "n.tsv", namesText: "tags\tB\tI\tO\n", relationsFile: "r.tsv", relationsText: relations)
        let judged = try #require(
            model.judge(RecognitionFixture.annotate("海川软件有限公司收购北辰电子有限公司。")[0], besides: [], englishLabel: { $0 }).first)
        #expect(judged.probability < 0.999 && judged.probability > 0.5)
        #expect(judged.extraction == nil)
        #expect(judged.note == "below the threshold 0.999")
        #expect(throws: DiagnosticList.self) {
            try RelationClassifier(file: "m.tsv", text: relations.replacingOccurrences(of: "acq=0.999", with: "acq"))
        }
    }

    @Test func aMalformedCueCellIsReportedWithItsLine() {
        let text = "threshold\t0.5\ngap\t80\nrest\t0.3\ncues\tcoop\nclasses\tcoop_f\tnone\nintercept\t1\t0\n"
        #expect(throws: DiagnosticList.self) { try RelationClassifier(file: "m.tsv", text: text) }
    }
}
