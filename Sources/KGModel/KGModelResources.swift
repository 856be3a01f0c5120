import KGModelData

/// The files of `schema/` that KGModel owns, compiled into the binary by `KGModelData`.
public enum KGModelResources {
    /// Every file KGModel embeds, sorted by path.
    public static let embeddedFiles: [EmbeddedFile] = {
        UnsafeBufferPointer(start: kg_model_data_files(), count: kg_model_data_count()).map {
            EmbeddedFile(path: $0.path, bytes: $0.bytes, count: $0.size)
        }
    }()

    /// `schema/predicates.tsv`: the predicates of the vocabulary.
    public static var predicatesTSV: EmbeddedFile { embeddedFiles.required("schema/predicates.tsv") }
    /// `schema/types.tsv`: the entity types of the vocabulary.
    public static var typesTSV: EmbeddedFile { embeddedFiles.required("schema/types.tsv") }
}
