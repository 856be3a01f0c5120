import KGExtractData
import KGModel

/// The files of `schema/` that KGExtract owns, compiled into the binary by `KGExtractData`: the
/// default rules, the lexicon and the statistical models' weights.
public enum KGExtractResources {
    /// Every file KGExtract embeds, sorted by path.
    public static let embeddedFiles: [EmbeddedFile] = {
        UnsafeBufferPointer(start: kg_extract_data_files(), count: kg_extract_data_count()).map {
            EmbeddedFile(path: $0.path, bytes: $0.bytes, count: $0.size)
        }
    }()

    /// `schema/rules/*.rules`: the default rule pack, sorted by path.
    public static var ruleFiles: [EmbeddedFile] { embeddedFiles.required(folder: "schema/rules/", suffix: ".rules") }
    /// `schema/lexicon/*.tsv`: the built-in lexicon, sorted by path.
    public static var lexiconFiles: [EmbeddedFile] { embeddedFiles.required(folder: "schema/lexicon/", suffix: ".tsv") }
    /// `schema/models/names.tsv`: the name tagger's weights.
    public static var namesModel: EmbeddedFile { embeddedFiles.required("schema/models/names.tsv") }
    /// `schema/models/relations.tsv`: the relation classifier's weights.
    public static var relationsModel: EmbeddedFile { embeddedFiles.required("schema/models/relations.tsv") }
}
