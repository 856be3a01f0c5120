import Foundation
import KGExport
import KGModel
import KGStore

/// `kg-bench export`: writes the store in each format to a temporary folder, in this process,
/// timing each and reading the peak resident memory the format added. `scripts/bench-graph.sh`
/// measures the real `kg export` under `/usr/bin/time -v` instead; this is the quick check.
struct ExportCommand {
    var db: String
    var formats: [ExportFormat]
    var folder: String

    func run() throws -> [String: Any] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var results: [String: Any] = [:]
        let clock = ContinuousClock()
        for format in formats {
            let store = try GraphStore(path: db)
            resetPeakMemory()
            let started = clock.now
            let target = folder + "/graph." + (format.isFolder ? "csv.d" : format.fileExtension)
            var bytes = 0
            if format == .csv {
                try CSVExporter(table: .nodes).writeFolder(store, to: URL(fileURLWithPath: target))
                bytes = folderSize(target)
            } else {
                _ = FileManager.default.createFile(atPath: target, contents: nil)
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
                let sink = TextSink(handle: handle)
                if format == .dot {
                    _ = try DOTExporter(options: DOTOptions()).write(store, to: sink)
                } else {
                    try format.exporter().export(store, to: sink)
                }
                try sink.flush()
                try handle.close()
                bytes = sink.byteCount
            }
            let seconds = (clock.now - started).seconds
            let peak = peakMemoryKB()
            log("\(format.rawValue): \(kgFormat(seconds)) s, \(kgFormat(Double(bytes) / 1e6)) MB, peak RSS \(peak / 1024) MB")
            results[format.rawValue] = ["seconds": seconds, "bytes": bytes, "peak_rss_kb_in_process": peak]
            try? FileManager.default.removeItem(atPath: target)
        }
        return ["formats": results, "measured": "in process; peak RSS reset through /proc/self/clear_refs before each format"]
    }
}

/// Resets the kernel's high-water mark of this process's resident memory (Linux 4.0+,
/// `echo 5 > /proc/self/clear_refs`), so each format's peak is its own.
func resetPeakMemory() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// The peak resident memory of this process since the last reset, in KiB (`VmHWM`).
func peakMemoryKB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
    return 0
}

func folderSize(_ path: String) -> Int {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return files.reduce(0) { total, name in
        total + ((try? FileManager.default.attributesOfItem(atPath: path + "/" + name)[.size] as? Int) ?? 0)
    }
}
