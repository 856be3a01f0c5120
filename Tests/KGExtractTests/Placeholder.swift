import Testing

@Suite struct PlaceholderKGExtractTests {
    @Test func builds() { #expect(Bool(true)) }
}
