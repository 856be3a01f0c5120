import Testing

@Suite struct PlaceholderKGTextTests {
    @Test func builds() { #expect(Bool(true)) }
}
