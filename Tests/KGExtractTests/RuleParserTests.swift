import Foundation
import KGModel
import Testing

@testable import KGExtract

@Suite struct RuleParserTests {
    /// Several mistakes in one file are all reported, each at its exact line and column.
    @Test func everyErrorInAFileIsReportedWithItsPosition() {
        let text = """
            # 收购
            rule 收购.甲
              match {买方:Compny} … 收购 {标的:Organization}
              emit 买方 aquires 标的
              example [甲公司:Company]收购[乙公司:Company] => 甲公司 acquires 乙公司
            priorty 3
            rule 收购.乙
              match {买方:Organization … 收购
              example 甲收购乙 => 甲 acquires 乙
              colour blue
            """
        let (_, diagnostics) = RuleParser().parse(file: "rules/bad.rules", text: text)
        let found = diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code)" }
        #expect(found.contains("3:13 R003"), "unknown type at the type's column: \(found)")
        #expect(found.contains("4:8 R002"), "unknown predicate: \(found)")
        #expect(found.contains("8:9 R007"), "unclosed slot brace: \(found)")
        #expect(found.contains("10:3 R001"), "unknown directive: \(found)")
        #expect(!found.contains("7:1 R004"), "a broken match line is reported once, not again as missing: \(found)")
        #expect(found.contains("7:1 R005"), "rule 收购.乙 emits nothing: \(found)")
        // `priorty` sits inside rule 收购.甲 (indentation does not end a rule): an unknown directive.
        #expect(found.contains("6:1 R001"), "\(found)")
        #expect(diagnostics.count >= 6)
        let rendered = diagnostics.first { $0.code.rawValue == "R003" }!.rendered
        #expect(rendered.hasPrefix("rules/bad.rules:3:13: error[R003]: unknown entity type 'Compny'"))
        #expect(rendered.contains("  match {买方:Compny} … 收购 {标的:Organization}"))
        // The caret pads by display width: 2 spaces, `match {` (7), 买方 (4 columns), `:` (1).
        #expect(rendered.contains("  | " + String(repeating: " ", count: 14) + "^"))
    }

    @Test func outsideARuleAndDuplicatesAndMissingParts() {
        let text = """
            match 收购
            rule 甲
              match {a:Company} 收购 {b:Company}
              example 甲收购乙 => 甲 acquires 乙
            rule 甲
              match {a:Company} 收购 {a:Company}
              emit a acquires b
              example 甲收购乙 => 甲 acquires 乙
            rule 丙
              match [了]
              emit x acquires y
            """
        let (_, diagnostics) = RuleParser().parse(file: "x.rules", text: text)
        let codes = Set(diagnostics.map(\.code.rawValue))
        for code in ["R012", "R005", "R009", "R013", "R006", "R010", "R015"] {
            #expect(codes.contains(code), "\(code) missing from \(diagnostics.map(\.description))")
        }
    }

    @Test func typesAndPredicatesAreCheckedAgainstTheVocabulary() {
        let text = """
            rule 人物.公司
              match {人:Person} 担任 {公司:Company}
              emit 人 listedOn 公司
              example 张三担任甲公司 => 张三 listedOn 甲公司
            """
        let (_, diagnostics) = RuleParser().parse(file: "x.rules", text: text)
        #expect(diagnostics.contains { $0.code.rawValue == "R016" && $0.message.contains("slot `人` has type Person") })
    }

    @Test func chineseTypeLabelsAndOptionsParse() throws {
        let text = """
            rule 引进
              match {主体:园区 topic} …6 (引进|吸引) [了] {对象:机构 list span=12} !(人才)
              also {板块:交易所}
              emit 主体 introduced 对象
              modality planned
              negation allow
              priority 7
              confidence 0.9
              example [甲园区:Zone]引进了乙公司 => 甲园区 introduced 乙公司
              nothing [甲园区:Zone]引进了人才
            """
        let (rules, diagnostics) = RuleParser().parse(file: "x.rules", text: text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let rule = try #require(rules.first)
        #expect(rule.pattern.count == 6)
        guard case .slot(let subject) = rule.pattern[0], case .slot(let object) = rule.pattern[4] else {
            Issue.record("slots expected")
            return
        }
        #expect(subject.types == ["Zone"] && subject.topic)
        #expect(object.types == ["Organization"] && object.list && object.span == 12)
        #expect(rule.pattern[1] == .gap(max: 6))
        #expect(rule.pattern[3] == .literal(alternatives: ["了"], optional: true))
        #expect(rule.pattern[5] == .absent(alternatives: ["人才"]))
        #expect(rule.elsewhere.map(\.types) == [["Exchange"]])
        #expect(rule.trigger == .literal(alternatives: ["引进", "吸引"], optional: false))
        #expect(rule.modality == .planned && rule.negation == .allow && rule.priority == 7 && rule.confidence == 0.9)
        #expect(rule.examples.count == 2 && rule.examples[0].marked.count == 1 && rule.examples[1].expected.isEmpty)
    }

    /// The version is a hash of the rule's own text: it changes with the text and nothing else.
    @Test func ruleVersionFollowsItsText() throws {
        let a = """
            rule 收购
              match {a:Company} 收购 {b:Company}
              emit a acquires b
              example 甲收购乙 => 甲 acquires 乙
            """
        let b = a.replacingOccurrences(of: "收购 {b", with: "并购 {b")
        let va = try #require(RuleParser().parse(file: "a.rules", text: a).rules.first?.version)
        let vb = try #require(RuleParser().parse(file: "a.rules", text: b).rules.first?.version)
        let vOther = try #require(RuleParser().parse(file: "b.rules", text: "# a comment first\n" + a).rules.first?.version)
        #expect(va != vb)
        #expect(va == vOther, "moving a rule or renaming its file keeps its version")
        #expect(va.count == 16 && va.allSatisfy(\.isHexDigit))
        #expect(fnv1a64("") == "cbf29ce484222325")
    }

    @Test func builtInPackHasNoErrorsAndEveryRuleHasAnExample() {
        let pack = RulePack.builtIn
        #expect(pack.diagnostics.isEmpty, "\(pack.diagnostics.map(\.rendered))")
        #expect(pack.rules.count >= 40)
        for rule in pack.rules {
            #expect(rule.examples.contains { !$0.expected.isEmpty }, "\(rule.id) has no example")
        }
    }

    /// `kg rules test` on the built-in pack: every inline example holds with the real recogniser.
    @Test func builtInExamplesPass() {
        let (count, failures) = RuleTester(pack: .builtIn, recognizer: Recognizer()).run()
        #expect(count >= 80)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }
}
