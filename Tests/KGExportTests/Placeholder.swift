import Testing

@Suite struct PlaceholderKGExportTests {
    @Test func builds() { #expect(Bool(true)) }
}
