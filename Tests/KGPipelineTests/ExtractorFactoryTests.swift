import KGModel
import Testing

import KGPipeline

/// A library user builds kg's own extractor through KGPipeline, as the CLI does.
@Suite struct ExtractorFactoryTests {
    @Test func theDefaultExtractorHasTheBuiltInRulesAndModel() throws {
        let extractor = try ExtractorFactory.make()
        #expect(!extractor.rules.rules.isEmpty)
        #expect(extractor.model != nil)
        #expect(try ExtractorFactory.make(model: false).model == nil)
    }

    @Test func everyProblemInTheUsersFilesIsThrownAtOnce() {
        #expect {
            try ExtractorFactory.make(ruleFolders: ["/nonexistent/rules"], lexiconFiles: ["/nonexistent/lexicon.tsv"])
        } throws: { error in
            (error as? DiagnosticList)?.items.map(\.code) == [.lexiconUnreadable, .rulesFolderNotFound]
        }
    }
}
