import KGModel
import KGTextData

// The C row type has the three fields the shared lookups read.
extension KGTextDataFile: EmbeddedEntry {}

/// The files of `schema/` that KGText owns, compiled into the binary by `KGTextData`: the word
/// segmenter's dictionary and the pinyin table.
public enum KGTextResources {
    /// Every file KGText embeds, sorted by path.
    public static var embeddedFiles: [EmbeddedFile] { table.embeddedFiles }

    private static var table: UnsafeBufferPointer<KGTextDataFile> {
        UnsafeBufferPointer(start: kg_text_data_files(), count: kg_text_data_count())
    }

    /// `schema/dictionary/words.tsv`: the segmenter's dictionary (word, frequency, part of speech).
    public static var dictionary: EmbeddedFile { table.required("schema/dictionary/words.tsv") }

    /// `schema/pinyin/pinyin.tsv`: Mandarin readings by character (see `HanPinyin`).
    public static var pinyin: EmbeddedFile { table.required("schema/pinyin/pinyin.tsv") }

    /// The dictionary's bytes, copied once straight from the binary (not through a String: the
    /// segmenter reads bytes, and a second 4 MB copy raised the peak memory of every build).
    static var dictionaryBytes: [UInt8] {
        let path = "schema/dictionary/words.tsv"
        guard let entry = table.first(where: { String(cString: $0.path) == path }) else {
            preconditionFailure("\(path) is not embedded; run scripts/embed-schema.py and rebuild")
        }
        return Array(UnsafeBufferPointer(start: entry.bytes, count: entry.size))
    }
}
