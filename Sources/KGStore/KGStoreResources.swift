import KGModel
import KGStoreData

/// The files of `schema/` that KGStore owns, compiled into the binary by `KGStoreData`.
public enum KGStoreResources {
    /// Every file KGStore embeds, sorted by path.
    public static let embeddedFiles: [EmbeddedFile] = {
        UnsafeBufferPointer(start: kg_store_data_files(), count: kg_store_data_count()).map {
            EmbeddedFile(path: $0.path, bytes: $0.bytes, count: $0.size)
        }
    }()

    /// `schema/graph.sql`: the store's tables, migration 1.
    public static var graphSQL: EmbeddedFile { embeddedFiles.required("schema/graph.sql") }
    /// `schema/migrations/0002-pinyin.sql`: migration 2, the pinyin search column.
    public static var pinyinMigrationSQL: EmbeddedFile { embeddedFiles.required("schema/migrations/0002-pinyin.sql") }
}
