import Testing

@Suite struct PlaceholderEndToEndTests {
    @Test func builds() { #expect(Bool(true)) }
}
