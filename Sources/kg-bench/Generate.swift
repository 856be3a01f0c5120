import Foundation
import KGModel
import KGStore

/// `kg-bench generate`: writes a synthetic store through the public write path
/// (`GraphStore.replaceDocument`), the same one `kg build` uses.
struct GenerateCommand {
    var db: String
    var assertions: Int
    var seed: UInt64
    var documentsPerTransaction: Int
    /// `api` writes through `GraphStore.replaceDocument`; `bulk` through `BulkWriter`.
    var writer: String

    func run() throws -> [String: Any] {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let clock = ContinuousClock()
        let started = clock.now
        var generator = CorpusGenerator(assertions: assertions, seed: seed)
        let poolSeconds = (clock.now - started).seconds
        log("pools: \(generator.entityCount) entity names in \(format(poolSeconds)) s")

        let store = try GraphStore(path: db)
        let bulk = writer == "bulk" ? try BulkWriter(store: store) : nil
        var written = 0
        var documents = 0
        var sentences = 0
        var writeSeconds = 0.0
        var generateSeconds = 0.0
        var lastReport = clock.now
        while written < assertions {
            let batchStart = clock.now
            var batch: [(TextDocument, DocumentExtraction)] = []
            var batchAssertions = 0
            while batch.count < documentsPerTransaction && written + batchAssertions < assertions {
                let item = generator.document(number: documents + batch.count + 1)
                batch.append(item)
                batchAssertions += item.1.extractions.count
            }
            let writeStart = clock.now
            generateSeconds += (writeStart - batchStart).seconds
            try store.transaction {
                for (document, extraction) in batch {
                    if let bulk {
                        try bulk.write(document, extraction)
                    } else {
                        try store.replaceDocument(document, with: extraction)
                    }
                }
            }
            writeSeconds += (clock.now - writeStart).seconds
            documents += batch.count
            sentences += batch.reduce(0) { $0 + $1.0.sentences.count }
            written += batchAssertions
            if (clock.now - lastReport).seconds > 10 {
                lastReport = clock.now
                let elapsed = (clock.now - started).seconds
                log("\(written) assertions, \(documents) documents, \(format(Double(written) / elapsed)) assertions/s")
            }
        }
        let indexStart = clock.now
        try bulk?.finish()
        let indexSeconds = (clock.now - indexStart).seconds
        let optimizeStart = clock.now
        // What `kg build` does after writing: planner statistics for the query benchmark.
        try store.optimize()
        let statRows = (try? store.connection.scalar("SELECT count(*) FROM sqlite_stat1"))??.int64 ?? 0
        let analyzeSeconds = (clock.now - optimizeStart).seconds
        let stats = try store.statistics()
        let total = (clock.now - started).seconds
        try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let bytes = (try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
        log(
            "wrote \(stats.evidence) assertions (\(stats.triples) triples, \(stats.entities) entities, \(documents) documents) in \(format(total)) s: \(format(Double(written) / total)) assertions/s"
        )
        return [
            "assertions": stats.evidence, "triples": stats.triples, "entities": stats.entities, "documents": documents,
            "sentences": sentences, "seed": Int(seed), "documents_per_transaction": documentsPerTransaction,
            "seconds_total": total, "seconds_generating_text": generateSeconds + poolSeconds,
            "seconds_writing": writeSeconds, "seconds_optimize": analyzeSeconds, "sqlite_stat1_rows": Int(statRows),
            "assertions_per_second": Double(written) / total,
            "assertions_per_second_write_only": Double(written) / writeSeconds, "store_bytes": bytes,
            "write_path": bulk == nil ? "GraphStore.replaceDocument" : "kg-bench BulkWriter (prepared inserts, secondary indexes rebuilt after)",
            "seconds_index_rebuild": indexSeconds,
        ]
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

func format(_ value: Double, digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

/// `format` for scopes where a variable named `format` hides it.
func kgFormat(_ value: Double) -> String { format(value) }

func log(_ message: String) {
    FileHandle.standardError.write(Data(("kg-bench: " + message + "\n").utf8))
}
