import KGExtractData
import KGModel

// The C row type has the three fields the shared lookups read.
extension KGExtractDataFile: EmbeddedEntry {}

/// The files of `schema/` that KGExtract owns, compiled into the binary by `KGExtractData`: the
/// default rules, the lexicon and the statistical models' weights.
public enum KGExtractResources {
    /// Every file KGExtract embeds, sorted by path (copies them all; the accessors below copy only
    /// their own).
    public static var embeddedFiles: [EmbeddedFile] { table.embeddedFiles }

    /// The C target's table; a static array in the binary, so nothing is stored here.
    private static var table: UnsafeBufferPointer<KGExtractDataFile> {
        UnsafeBufferPointer(start: kg_extract_data_files(), count: kg_extract_data_count())
    }

    /// `schema/rules/*.rules`: the default rule pack, sorted by path.
    public static var ruleFiles: [EmbeddedFile] { table.required(folder: "schema/rules/", suffix: ".rules") }
    /// `schema/lexicon/*.tsv`: the built-in lexicon, sorted by path.
    public static var lexiconFiles: [EmbeddedFile] { table.required(folder: "schema/lexicon/", suffix: ".tsv") }
    /// `schema/lexicon/words/*.txt`: every word list, sorted by path (for the extractor's
    /// fingerprint: editing a list changes what the recogniser finds).
    public static var wordListFiles: [EmbeddedFile] { table.required(folder: "schema/lexicon/words/", suffix: ".txt") }
    /// `schema/lexicon/words/NAME`: one of kg's word lists (`Words`).
    public static func wordList(_ name: String) -> EmbeddedFile { table.required("schema/lexicon/words/" + name) }
    /// `schema/models/names.tsv`: the name tagger's weights.
    public static var namesModel: EmbeddedFile { table.required("schema/models/names.tsv") }
    /// `schema/models/relations.tsv`: the relation classifier's weights.
    public static var relationsModel: EmbeddedFile { table.required("schema/models/relations.tsv") }
}
