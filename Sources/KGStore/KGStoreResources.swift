import KGModel
import KGStoreData

// The C row type has the three fields the shared lookups read.
extension KGStoreDataFile: EmbeddedEntry {}

/// The files of `schema/` that KGStore owns, compiled into the binary by `KGStoreData`.
public enum KGStoreResources {
    /// Every file KGStore embeds, sorted by path (copies them all; the accessors below copy only
    /// their own).
    public static var embeddedFiles: [EmbeddedFile] { table.embeddedFiles }

    /// The C target's table; a static array in the binary, so nothing is stored here.
    private static var table: UnsafeBufferPointer<KGStoreDataFile> {
        UnsafeBufferPointer(start: kg_store_data_files(), count: kg_store_data_count())
    }

    /// `schema/graph.sql`: the store's tables, migration 1.
    public static var graphSQL: EmbeddedFile { table.required("schema/graph.sql") }
    /// `schema/migrations/0002-pinyin.sql`: migration 2, the pinyin search column.
    public static var pinyinMigrationSQL: EmbeddedFile { table.required("schema/migrations/0002-pinyin.sql") }
    /// `schema/migrations/0003-document-identity.sql`: migration 3, a document's file key and
    /// the fingerprint of what extracted it.
    public static var documentIdentityMigrationSQL: EmbeddedFile {
        table.required("schema/migrations/0003-document-identity.sql")
    }
}
