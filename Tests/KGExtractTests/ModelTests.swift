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

    @Test func aRoundsInvestorIsNotTheOneInvestedIn() throws {
        // A model that reads every pair as "the first invests in the second".
        let relations = "threshold\t0.5\ngap\t80\nrest\t0.3\nclasses\tinv_f\tnone\nintercept\t50000\t0\n"
        let model = try RelationModel(namesFile: "n.tsv", namesText: "tags\tB\tI\tO\n", relationsFile: "r.tsv", relationsText: relations)
        let text = "蓝岸科技完成A轮融资，由星河资本领投，青松资本跟投。"
        let rules = RelationModelStageTests.triples(text, RelationModelStageTests.rulesOnly)
        let investors = Set(rules.filter { $0.predicate == "investsIn" }.map(\.subject.labelZh))
        #expect(investors == ["星河资本", "青松资本"])
        let judged = model.judge(RecognitionFixture.annotate(text)[0], besides: rules, englishLabel: { $0 })
        #expect(!judged.isEmpty)
        #expect(judged.compactMap(\.extraction).allSatisfy { !investors.contains($0.object.labelZh) })
        // 蓝岸科技 → 星河资本 is the rules' pair; 星河资本 → 青松资本 is the one turned away.
        #expect(judged.contains { $0.note == "the rules make 青松资本 the subject of investsIn here, not its object" })
    }

    @Test func aGovernmentBodyInAnOfficialsPostIsNoParty() {
        let sentence = RecognitionFixture.annotate("青川县委书记王立新出席，星河科技与蓝岸电子有限公司签约。")[0]
        let names = NameFinder.organisations(in: sentence, tagged: [], vocabulary: .builtIn)
        let text = Array(sentence.sentence.text.unicodeScalars)
        let written = names.map { String(String.UnicodeScalarView(text[$0.span.start..<$0.span.end])) }
        #expect(written.contains("星河科技"))
        #expect(!written.contains { $0.hasPrefix("青川") })
    }

    @Test func aMalformedCueCellIsReportedWithItsLine() {
        let text = "threshold\t0.5\ngap\t80\nrest\t0.3\ncues\tcoop\nclasses\tcoop_f\tnone\nintercept\t1\t0\n"
        #expect(throws: DiagnosticList.self) { try RelationClassifier(file: "m.tsv", text: text) }
    }
}

/// The tagger reads its weights from tables grouped by character, pair and triple
/// (`NameTagger.Grouped`); they must score every position as the model file's features looked
/// up one by one do, which is how the script and earlier builds score it.
@Suite("Name tagger tables")
struct NameTaggerTableTests {
    /// The tags of the file's features looked up one at a time by their hashes: the tagger as it
    /// was before its grouped tables, kept here as the reference.
    static func referenceTags(_ tagger: NameTagger, _ text: [Unicode.Scalar]) -> [UInt8] {
        let n = text.count
        func at(_ i: Int) -> Unicode.Scalar { i >= 0 && i < n ? text[i] : ModelText.boundary }
        var tags: [UInt8] = []
        var previous = 2
        for i in 0..<n {
            var score = [0, 0, 0]
            func add(_ feature: [Unicode.Scalar], _ prefix: String) {
                var hash = FeatureHash(prefix)
                for c in feature { hash.add(c) }
                guard let offset = tagger.table.offset(of: hash.value) else { return }
                for t in 0..<3 { score[t] += Int(tagger.table.weights[offset + t]) }
            }
            for (k, template) in NameTagger.unigramTemplates.enumerated() { add([at(i + k - 2)], template) }
            for (k, template) in NameTagger.bigramTemplates.enumerated() { add([at(i + k - 2), at(i + k - 1)], template) }
            add([at(i - 1), at(i), at(i + 1)], "t=")
            add((-1...1).map { ModelText.characterClass(at(i + $0)) }, "k=")
            add([NameTagger.tags[previous]], "p=")
            add([NameTagger.tags[previous], at(i)], "pu=")
            add([], "bias=")
            var best = 0
            if previous != 2 && score[1] > score[0] { best = 1 }
            if score[2] > (best == 0 ? score[0] : score[1]) { best = 2 }
            tags.append(UInt8(best))
            previous = best
        }
        return tags
    }

    static func names(_ tags: [UInt8], _ text: [Unicode.Scalar]) -> [TextSpan] {
        var spans: [TextSpan] = []
        var i = 0
        while i < tags.count {
            guard tags[i] == 0 else {
                i += 1
                continue
            }
            var j = i + 1
            while j < tags.count && tags[j] == 1 { j += 1 }
            if j - i >= 2 && (i..<j).contains(where: { "HL".unicodeScalars.contains(ModelText.characterClass(text[$0])) }) {
                spans.append(TextSpan(i, j))
            }
            i = j
        }
        return spans
    }

    @Test("the built-in tagger's tables find what its features find, on the golden sentences")
    func builtInAgrees() {
        let tagger = RelationModel.builtIn.tagger
        for row in ModelTests.golden {
            let text = Normalizer.normalize(row.sentence).map(ModelText.fold)
            #expect(tagger.names(in: text) == Self.names(Self.referenceTags(tagger, text), text), "\(row.sentence)")
        }
    }

    /// A small model whose features cover the cases the grouping must get right: every
    /// template, the boundary beyond the sentence, a pair known to only some bigram templates,
    /// an escaped tab, a repeated row (the last wins) and a character known only after a tag.
    static let smallModel = """
        tags\tB\tI\tO
        bias=\t0\t0\t5
        p=B\t0\t40\t-10
        p=I\t0\t30\t0
        p=O\t0\t-50\t0
        k=PHH\t20\t0\t0
        k=HH_\t0\t25\t0
        k=_HH\t30\t0\t-5
        u-2=甲\t3\t0\t0
        u-1=甲\t0\t4\t0
        u0=甲\t25\t2\t0
        u1=乙\t0\t15\t0
        u2=\u{2400}\t0\t0\t9
        u0=\\t\t0\t0\t60
        b-2=甲乙\t1\t2\t3
        b0=乙丙\t0\t30\t0
        b1=丙丁\t0\t0\t7
        b-1=\u{2400}甲\t12\t0\t0
        b0=乙丙\t0\t31\t0
        t=甲乙丙\t0\t20\t0
        t=乙丙丁\t0\t0\t40
        pu=B乙\t0\t35\t0
        pu=I戊\t0\t10\t-3
        pu=O戊\t8\t0\t0

        """

    @Test("a small model's tables find what its features find, on every short text over its characters")
    func smallModelAgrees() throws {
        let tagger = try NameTagger(file: "small.tsv", text: Self.smallModel)
        let alphabet: [Unicode.Scalar] = ["甲", "乙", "丙", "丁", "戊", "\t", "a", "0"]
        var checked = 0
        // Every text of up to four characters, and longer ones made by a fixed walk.
        var texts: [[Unicode.Scalar]] = [[]]
        var frontier: [[Unicode.Scalar]] = [[]]
        for _ in 1...4 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + [$0] } }
            texts += frontier
        }
        var state: UInt64 = 20_261_204
        for length in 5...40 {
            var text: [Unicode.Scalar] = []
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            texts.append(text)
        }
        for text in texts {
            let expected = Self.names(Self.referenceTags(tagger, text), text)
            #expect(tagger.names(in: text) == expected, "\(String(String.UnicodeScalarView(text)))")
            checked += expected.isEmpty ? 0 : 1
        }
        // The model must find names at all, or agreeing would prove little.
        #expect(checked > 100)
    }
}
