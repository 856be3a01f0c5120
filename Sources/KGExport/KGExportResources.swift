import KGExportData
import KGModel

// The C row type has the three fields the shared lookups read.
extension KGExportDataFile: EmbeddedEntry {}

/// The files of `schema/` that KGExport owns, compiled into the binary by `KGExportData`.
public enum KGExportResources {
    /// Every file KGExport embeds, sorted by path (copies them all; the accessors below copy only
    /// their own).
    public static var embeddedFiles: [EmbeddedFile] { table.embeddedFiles }

    /// The C target's table; a static array in the binary, so nothing is stored here.
    private static var table: UnsafeBufferPointer<KGExportDataFile> {
        UnsafeBufferPointer(start: kg_export_data_files(), count: kg_export_data_count())
    }

    /// `schema/context.jsonld`: the JSON-LD context the JSON-LD export names its terms with.
    public static var contextJSONLD: EmbeddedFile { table.required("schema/context.jsonld") }
}
