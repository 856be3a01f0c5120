import KGExportData
import KGModel

/// The files of `schema/` that KGExport owns, compiled into the binary by `KGExportData`.
public enum KGExportResources {
    /// Every file KGExport embeds, sorted by path.
    public static let embeddedFiles: [EmbeddedFile] = {
        UnsafeBufferPointer(start: kg_export_data_files(), count: kg_export_data_count()).map {
            EmbeddedFile(path: $0.path, bytes: $0.bytes, count: $0.size)
        }
    }()

    /// `schema/context.jsonld`: the JSON-LD context the JSON-LD export names its terms with.
    public static var contextJSONLD: EmbeddedFile { embeddedFiles.required("schema/context.jsonld") }
}
