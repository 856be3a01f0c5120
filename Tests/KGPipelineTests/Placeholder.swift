import Testing

@Suite struct PlaceholderKGPipelineTests {
    @Test func builds() { #expect(Bool(true)) }
}
