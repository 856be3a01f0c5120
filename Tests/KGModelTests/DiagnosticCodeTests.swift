import KGModel
import Testing

@Suite struct DiagnosticCodeTests {
    /// Users look codes up: one code, one meaning. (The compiler rejects equal raw values too;
    /// this says so in the test report.)
    @Test func codesAreUnique() {
        let codes = DiagnosticCode.allCases.map(\.rawValue)
        let repeated = Dictionary(grouping: codes, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated.isEmpty, "codes used twice: \(repeated)")
    }

    @Test func codesAreALetterOfAKnownAreaAndThreeDigits() {
        for code in DiagnosticCode.allCases {
            let text = code.rawValue
            #expect(text.count == 4 && "IRSEQ".contains(text.first!) && text.dropFirst().allSatisfy(\.isNumber), "\(text)")
        }
    }

    @Test func aDiagnosticPrintsItsCode() {
        let diagnostic = Diagnostic(.decodedAsGB18030, "decoded as GB18030", severity: .note, at: SourceLocation(file: "a.txt"))
        #expect(diagnostic.description == "a.txt: note[I007]: decoded as GB18030")
        #expect(Diagnostic(.noTextInputs, "nothing").code.rawValue == "I008")
    }
}

@Suite struct VocabularyLoadingTests {
    static let types = "# id\tparent\ten\tzh\tschema\nOrganization\t-\tOrganization\t组织\t-\nCompany\tOrganization\tCompany\t公司\t-\n"

    /// Every problem in both files is reported in one run, each at `file:line:col`.
    @Test func everyErrorIsReportedWithItsPosition() {
        let types = Self.types + "Broken\t-\n"
        let predicates = """
            acquires\tacquires\t收购\tCompany\tCompny\t-\tno\t-\t收购
            short\tx
            invests\tinvests\t投资\tPersn\tCompany|Plant\t-\tno\t-\t投资

            """
        #expect {
            try Vocabulary(predicatesTSV: predicates, typesTSV: types)
        } throws: { error in
            let found = (error as? DiagnosticList)?.items.map { "\($0.location!) \($0.code)" } ?? []
            return found == [
                "schema/types.tsv:4:1 R020",
                "schema/predicates.tsv:1:30 R003",
                "schema/predicates.tsv:2:1 R021",
                "schema/predicates.tsv:3:20 R003",
                "schema/predicates.tsv:3:26 R003",
            ]
        }
    }

    @Test func theBuiltInVocabularyLoads() {
        #expect(Vocabulary.builtIn.predicate("acquires") != nil)
    }
}
