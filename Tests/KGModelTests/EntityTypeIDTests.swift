import KGModel
import Testing

/// The type ids kg's code names exist in `schema/types.tsv`.
@Suite struct EntityTypeIDTests {
    @Test(arguments: EntityTypeID.all)
    func isDefinedInTypesTSV(id: String) {
        #expect(Vocabulary.builtIn.type(id) != nil, "\(id) is not in schema/types.tsv")
    }

    @Test func postIsNotAnEntityType() {
        #expect(Vocabulary.builtIn.type(EntityTypeID.post) == nil)
    }
}
