import Foundation
import Testing
@testable import KGExtract

@Suite struct RecognitionDebugTests {
    @Test func dump() {
        guard let text = ProcessInfo.processInfo.environment["KG_NER_DUMP"] else { return }
        for line in RecognitionFixture.describe(text) { print(line) }
        for s in RecognitionFixture.annotate(text) { print("topic<-", s.incomingTopic?.labelZh ?? "nil") }
    }
}
