import Dispatch
import Foundation
import KGModel
import KGStore
import KGText

/// What `kg build` did, for the summary line and for tests.
public struct BuildSummary: Sendable, Equatable {
    /// Documents read and written to the store.
    public var written = 0
    /// Documents skipped because their content hash is already stored for the same path.
    public var unchanged = 0
    /// Inputs that could not be read (each has an error diagnostic).
    public var failed = 0
    /// Sentences and extractions in the documents written by this run.
    public var sentences = 0
    public var extractions = 0
    /// Totals in the store after the run.
    public var store = StoreStatistics(documents: 0, sentences: 0, entities: 0, triples: 0, evidence: 0)
    public var seconds = 0.0

    public init() {}
}

/// Something the builder tells its caller while it works: progress and per-input problems.
public enum BuildEvent: Sendable {
    /// `done` of `total` inputs processed; `path` is the latest one.
    case progress(done: Int, total: Int, path: String)
    /// A problem with one input (or the input list); the build goes on.
    case diagnostic(Diagnostic)
}

/// Runs the pipeline: collect inputs → read, clean and segment → extract → store.
///
/// Reading and extraction are pure and run in parallel over a batch of documents; writes are
/// serial, one transaction per batch, so a failure or a kill loses at most the batch in flight
/// and never leaves a half-written document (SQLite rolls an interrupted transaction back).
public struct Builder: Sendable {
    public var extractor: any Extractor
    /// Documents per transaction.
    public var batchSize: Int
    /// Documents read and extracted at once.
    public var jobs: Int

    public init(extractor: any Extractor, batchSize: Int = 64, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.extractor = extractor
        self.batchSize = max(1, batchSize)
        self.jobs = max(1, jobs)
    }

    /// Builds `inputs` (files and folders) into `store`.
    ///
    /// Throws only when the store itself fails (it cannot be written, it is locked); problems
    /// with single inputs are reported through `events` and counted in `BuildSummary.failed`.
    public func build(
        _ inputs: [String], into store: GraphStore, events: (BuildEvent) -> Void = { _ in }
    ) throws -> BuildSummary {
        let start = DispatchTime.now()
        var summary = BuildSummary()
        let (files, diagnostics) = InputFiles.collect(inputs)
        for diagnostic in diagnostics {
            if diagnostic.severity == .error { summary.failed += 1 }
            events(.diagnostic(diagnostic))
        }
        var done = 0
        for batchStart in stride(from: 0, to: files.count, by: batchSize) {
            let batch = Array(files[batchStart..<min(batchStart + batchSize, files.count)])
            let results = process(batch)
            try store.transaction {
                for (path, result) in zip(batch, results) {
                    switch result {
                    case .failure(let diagnostic):
                        summary.failed += 1
                        events(.diagnostic(diagnostic))
                    case .success(let (document, extraction)):
                        for note in document.notes { events(.diagnostic(note)) }
                        if try store.documentHash(path: path) == document.contentHash {
                            summary.unchanged += 1
                        } else {
                            try store.replaceDocument(document, with: extraction)
                            summary.written += 1
                            summary.sentences += document.sentences.count
                            summary.extractions += extraction.extractions.count
                        }
                    }
                }
            }
            done += batch.count
            events(.progress(done: done, total: files.count, path: batch.last ?? ""))
        }
        summary.store = try store.statistics()
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return summary
    }

    /// Reads and extracts a batch, `jobs` documents at a time; results keep the batch's order.
    private func process(_ paths: [String]) -> [Result<(TextDocument, DocumentExtraction), Diagnostic>] {
        let results = ResultSlots<Result<(TextDocument, DocumentExtraction), Diagnostic>>(count: paths.count)
        let extractor = self.extractor
        let work: @Sendable (Int) -> Void = { index in
            do throws(Diagnostic) {
                let document = try DocumentReader().read(path: paths[index])
                results[index] = .success((document, extractor.extract(document)))
            } catch {
                results[index] = .failure(error)
            }
        }
        let workers = min(jobs, paths.count)
        if workers <= 1 {
            for index in paths.indices { work(index) }
        } else {
            // `workers` threads, each taking every workers-th document, so --jobs is honoured.
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: paths.count, by: workers) { work(index) }
            }
        }
        return results.values.map { $0! }
    }
}

/// Fixed slots that parallel workers fill, one slot each.
///
/// `@unchecked Sendable`: every index is written by exactly one worker and read only after
/// `concurrentPerform` returns, which orders the writes before the reads; the lock guards the
/// array's storage itself against concurrent copy-on-write.
private final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { storage } }
}
