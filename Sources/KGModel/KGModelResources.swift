import KGModelData

// The C row type has the three fields the shared lookups read.
extension KGModelDataFile: EmbeddedEntry {}

/// The files of `schema/` that KGModel owns, compiled into the binary by `KGModelData`.
public enum KGModelResources {
    /// Every file KGModel embeds, sorted by path (copies them all; the accessors below copy only
    /// their own).
    public static var embeddedFiles: [EmbeddedFile] { table.embeddedFiles }

    /// The C target's table; a static array in the binary, so nothing is stored here.
    private static var table: UnsafeBufferPointer<KGModelDataFile> {
        UnsafeBufferPointer(start: kg_model_data_files(), count: kg_model_data_count())
    }

    /// `schema/predicates.tsv`: the predicates of the vocabulary.
    public static var predicatesTSV: EmbeddedFile { table.required("schema/predicates.tsv") }
    /// `schema/types.tsv`: the entity types of the vocabulary.
    public static var typesTSV: EmbeddedFile { table.required("schema/types.tsv") }
}
