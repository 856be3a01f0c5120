import Testing

@Suite struct PlaceholderKGStoreTests {
    @Test func builds() { #expect(Bool(true)) }
}
