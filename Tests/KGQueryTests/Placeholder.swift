import Testing

@Suite struct PlaceholderKGQueryTests {
    @Test func builds() { #expect(Bool(true)) }
}
