import Dispatch
import Foundation
import KGModel
import KGStore
import KGText

/// What `kg build` did, for the summary line and for tests.
public struct BuildSummary: Sendable, Equatable {
    /// Documents read and written to the store (each part of a split file counts as one).
    public var written = 0
    /// Documents skipped because the same file is stored with the same content hash (and, when
    /// the builder has a fingerprint, was extracted by the same extractor).
    public var unchanged = 0
    /// Documents written again although their text is unchanged, because another extractor
    /// (rules, lexicon, model, kg version) extracted them; counted in `written` too.
    public var reextracted = 0
    /// Why documents were re-extracted: each reason ("rules changed") with its document count.
    public var reextractReasons: [String: Int] = [:]
    /// Documents retracted by `prune` because their files no longer exist.
    public var pruned = 0
    /// Extra documents retracted because they held a file already stored under another
    /// spelling of its path (stores written before kg kept one document per file).
    public var duplicatesRemoved = 0
    /// Entities deleted because no mention or triple was left to them after documents were
    /// replaced or retracted.
    public var entitiesRemoved = 0
    /// Files left to the other shards (`Builder.shard`).
    public var otherShards = 0
    /// Inputs that could not be read (each has an error diagnostic).
    public var failed = 0
    /// Sentences and extractions in the documents written by this run.
    public var sentences = 0
    public var extractions = 0
    /// Totals in the store after the run.
    public var store = StoreStatistics(documents: 0, sentences: 0, entities: 0, triples: 0, evidence: 0)
    public var seconds = 0.0
    /// Bytes of input planned (files, or parts of large files), for rates per MB.
    public var inputBytes = 0
    /// CPU seconds spent on the thread that holds the write transaction, doing the writer's work
    /// (not extraction, which that thread also does when `jobs` is 1): the part of a build that
    /// does not run in parallel. `inputBytes / writerCPUSeconds` is the most any number of
    /// workers can reach.
    public var writerCPUSeconds = 0.0

    public init() {}
}

/// Something the builder tells its caller while it works: progress and per-input problems.
public enum BuildEvent: Sendable {
    /// `done` of `total` units of work (files, or parts of large files) processed; `path` is the
    /// latest one.
    case progress(done: Int, total: Int, path: String)
    /// A problem with one input (or the input list); the build goes on.
    case diagnostic(Diagnostic)
}

/// Runs the pipeline: collect inputs → read, clean and segment → extract → store.
///
/// Reading and extraction are pure and run on `jobs` worker threads, which take the next unit of
/// work as soon as they finish one, so uneven documents do not leave a core idle; the calling
/// thread writes results in input order, one transaction per batch, while the workers go on with
/// the next ones. A failure or a kill loses at most the batch in flight and never leaves a
/// half-written document (SQLite rolls an interrupted transaction back).
///
/// Memory is bounded independently of the corpus: at most `bytesInFlight` bytes of input are
/// read but not yet written, and a file larger than `splitThreshold` is read in parts of about
/// `partSize` bytes, cut at paragraph boundaries (see `FileParts`). Each part is stored as a
/// document of its own named `FILE#char=START,END` (RFC 5147's fragment for plain text: START
/// and END count Unicode scalars of the file's text), whose offsets point into the part's text
/// as every stored offset points into its document's text; START + offset is the offset in the
/// file. One row per file could not hold a file beyond SQLite's 1 GB value limit, and writing
/// it would hold the whole text in memory.
///
/// A document is identified by its file, not by the spelling of its path: each input is
/// resolved to its real path (`FileIdentity`), a file reached twice in one run is read once,
/// and a file already stored under another spelling updates that document (which keeps the
/// spelling it was first stored under). With a `fingerprint`, a document whose text is
/// unchanged is still written again when another extractor extracted it.
public struct Builder: Sendable {
    public var extractor: any Extractor
    /// What `extractor` is made of; recorded with every document written. Nil (a library caller
    /// with its own extractor) records none and skips unchanged text whatever extracted it.
    public var fingerprint: ExtractorFingerprint?
    /// After building, retract the stored documents under the inputs whose files are gone.
    public var prune = false
    /// Documents per transaction (a transaction also ends after about 32 MB of input).
    public var batchSize: Int
    /// Worker threads reading and extracting; with 1, everything runs on the calling thread.
    public var jobs: Int
    /// Build only the files of one share of the inputs (`FileIdentity.shard(of:count:)`): shard
    /// `index` (0-based) of `count`. Nil builds every file.
    public var shard: (index: Int, count: Int)?
    /// Files larger than this many bytes are read in parts.
    public var splitThreshold: Int
    /// The size, in bytes, parts of a large file aim at.
    public var partSize: Int
    /// Input bytes read but not yet written, at most (one unit larger than this still runs alone).
    /// A unit's results weigh several times its text (a 1 MB part of financial news yields ten
    /// thousand extractions), so the window is what bounds memory: by default two parts per job,
    /// at least 4 MB, enough to keep every worker busy while the writer commits.
    public var bytesInFlight: Int

    /// Files larger than this are read in parts unless the builder says otherwise.
    public static let defaultSplitThreshold = 2 << 20
    /// The part size unless the builder says otherwise.
    public static let defaultPartSize = 1 << 20

    public init(
        extractor: any Extractor, fingerprint: ExtractorFingerprint? = nil, prune: Bool = false, batchSize: Int = 256,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, splitThreshold: Int = Builder.defaultSplitThreshold,
        partSize: Int = Builder.defaultPartSize, bytesInFlight: Int? = nil
    ) {
        self.extractor = extractor
        self.fingerprint = fingerprint
        self.prune = prune
        self.batchSize = max(1, batchSize)
        self.jobs = max(1, jobs)
        self.partSize = max(1024, partSize)
        self.splitThreshold = max(self.partSize, splitThreshold)
        self.bytesInFlight = max(1, bytesInFlight ?? max(4 << 20, 2 * self.jobs * self.partSize))
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
        try store.preferLongWrites()
        // A build killed during a bulk load left the store without some indexes: build them
        // first, since this build may replace documents, which needs them.
        try store.restoreIndexes()
        try store.transaction {
            try resolveLegacyDocuments(in: store)
            if let fingerprint { try store.recordExtractor(id: fingerprint.id, description: fingerprint.description) }
        }
        // Into an empty store every document is new: its secondary indexes are built once at
        // the end instead of row by row (`GraphStore.beginBulkLoad()`).
        let bulk = try store.beginBulkLoad()
        // With --prune, an input that is gone but has stored documents under it is only pruned:
        // naming a deleted folder to take its facts out is no failure.
        var readable = inputs
        var gone: [String] = []
        if prune {
            readable = []
            for input in inputs {
                if !FileIdentity.isStream(input), !FileIdentity.exists(input),
                    try !store.storedDocuments(under: FileIdentity.key(for: input)).isEmpty
                {
                    gone.append(input)
                } else {
                    readable.append(input)
                }
            }
        }
        let (collected, diagnostics) = InputFiles.collect(readable)
        for diagnostic in diagnostics {
            if diagnostic.severity == .error { summary.failed += 1 }
            events(.diagnostic(diagnostic))
        }
        var files = Self.oneSpellingPerFile(collected)
        if let shard {
            let all = files.count
            files = files.filter { FileIdentity.shard(of: $0.key, count: shard.count) == shard.index }
            summary.otherShards = all - files.count
        }
        let units = plan(files)
        var writer = Writer(store: store, units: units, fingerprint: fingerprint)
        let transactionBytes = 32 << 20
        let extractor = self.extractor
        let vocabulary = store.writeVocabulary
        let work: @Sendable (WorkUnit, inout PinyinKeyMaker) -> UnitResult = { unit, pinyin in
            Self.process(unit, extractor: extractor, vocabulary: vocabulary, pinyin: &pinyin)
        }

        summary.inputBytes = units.reduce(0) { $0 + $1.size }
        // With one job the calling thread extracts too; otherwise workers fill the queue and this
        // thread only writes (and waits, which costs it no CPU).
        var queue: WorkQueue?
        let group = DispatchGroup()
        if jobs > 1 {
            let shared = WorkQueue(
                sizes: units.map(\.size), maxUnits: max(2 * batchSize, 4 * jobs), maxBytes: bytesInFlight)
            for _ in 0..<jobs {
                DispatchQueue.global().async(group: group) {
                    // Each worker its own pinyin maker: it caches ICU's syllables without a lock.
                    var pinyin = PinyinKeyMaker()
                    while let next = shared.claim() { shared.finish(next, work(units[next], &pinyin)) }
                }
            }
            queue = shared
        }
        // Workers must stop and be waited for also when the store fails.
        defer {
            queue?.cancel()
            group.wait()
        }
        var pinyin = PinyinKeyMaker()
        var index = 0
        do {
            while index < units.count {
                let batchStart = index
                var bytes = 0
                let clockStart = ThreadClock.seconds()
                var extractionCPU = 0.0
                try store.transaction {
                    while index < units.count && index - batchStart < batchSize && bytes < transactionBytes {
                        let result: UnitResult
                        if let queue {
                            result = queue.take(index)
                        } else {
                            let extractionStart = ThreadClock.seconds()
                            result = work(units[index], &pinyin)
                            extractionCPU += ThreadClock.seconds() - extractionStart
                        }
                        try writer.write(result, of: index, into: &summary, events: events)
                        bytes += units[index].size
                        index += 1
                    }
                }
                summary.writerCPUSeconds += ThreadClock.seconds() - clockStart - extractionCPU
                events(.progress(done: index, total: units.count, path: units[index - 1].file))
            }
            if bulk {
                // Serial work like the inserts, so it counts as the writer's.
                let clockStart = ThreadClock.seconds()
                try store.finishBulkLoad()
                summary.writerCPUSeconds += ThreadClock.seconds() - clockStart
            }
        } catch {
            // When building them fails here too, the next command that writes does it.
            if bulk { try? store.finishBulkLoad() }
            throw error
        }
        var retracted = writer.retracted
        if prune {
            try store.transaction {
                for input in inputs where !FileIdentity.isStream(input) {
                    for document in try store.storedDocuments(under: FileIdentity.key(for: input)) {
                        guard let file = document.file, !FileIdentity.isStream(file), !FileIdentity.exists(FileIdentity.splitPart(file).file)
                        else { continue }
                        try store.removeDocument(path: document.path)
                        summary.pruned += 1
                        retracted = true
                    }
                }
            }
            for input in gone {
                events(
                    .diagnostic(
                        Diagnostic(
                            .prunedMissingInput, "path does not exist: \(input); its stored documents were pruned",
                            severity: .note, at: SourceLocation(file: input))))
            }
        }
        if retracted {
            summary.entitiesRemoved = try store.transaction { try store.removeEntitiesWithoutStatements() }
        }
        summary.store = try store.statistics()
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return summary
    }

    /// The files with their keys, each file once: the first spelling that reached it wins
    /// (`kg build corp ./corp /abs/corp` reads every file once, as `corp/…`).
    static func oneSpellingPerFile(_ files: [String]) -> [(path: String, key: String)] {
        var seen: Set<String> = []
        var result: [(path: String, key: String)] = []
        for file in files {
            let key = FileIdentity.key(for: file)
            if seen.insert(key).inserted { result.append((file, key)) }
        }
        return result
    }

    /// Gives documents stored before schema version 3 the key of the file their path names
    /// (resolved from the current folder, where relative paths were most likely typed), so that
    /// the rest of the build and `--prune` see them like any other.
    private func resolveLegacyDocuments(in store: GraphStore) throws {
        for document in try store.storedDocumentsWithoutFile() {
            try store.setFile(FileIdentity.key(forDocumentPath: document.path), ofDocument: document.id)
        }
    }

    /// The units of work: each file whole, or in parts when it is larger than `splitThreshold`.
    func plan(_ files: [(path: String, key: String)]) -> [WorkUnit] {
        var units: [WorkUnit] = []
        units.reserveCapacity(files.count)
        for (file, key) in files {
            let size = FileParts.size(of: file) ?? 0
            if size > splitThreshold && FileParts.canSplit(file), let cuts = FileParts.cuts(of: file, size: size, partSize: partSize),
                cuts.count > 1
            {
                for (part, range) in cuts.enumerated() {
                    units.append(WorkUnit(file: file, key: key, bytes: range, part: part, parts: cuts.count, size: range.count))
                }
            } else {
                units.append(WorkUnit(file: file, key: key, bytes: nil, part: 0, parts: 1, size: max(size, 1)))
            }
        }
        return units
    }

    /// Reads and extracts one unit and prepares its rows for `vocabulary`'s store (on a worker
    /// thread; the writer only inserts what this returns).
    static func process(
        _ unit: WorkUnit, extractor: any Extractor, vocabulary: WriteVocabulary, pinyin: inout PinyinKeyMaker
    ) -> UnitResult {
        do throws(Diagnostic) {
            let document: TextDocument
            if let range = unit.bytes {
                let bytes = try FileParts.read(unit.file, range: range)
                document = try DocumentReader().read(bytes: bytes, path: unit.file)
            } else {
                document = try DocumentReader().read(path: unit.file)
            }
            let length = unit.bytes == nil ? 0 : document.original.unicodeScalars.count
            let extraction = extractor.extract(document)
            return .success(
                UnitOutput(
                    document: PreparedDocument(document, extraction, vocabulary: vocabulary, pinyin: &pinyin),
                    notes: document.notes, length: length))
        } catch {
            return .failure(error)
        }
    }
}

/// A file, or a byte range of one, to read and extract as one document.
struct WorkUnit: Sendable {
    /// The path as given (or found walking a folder given), for reading and display.
    var file: String
    /// The file's key (`FileIdentity.key(for:)`).
    var key: String
    /// The part's bytes, or nil for the whole file.
    var bytes: Range<Int>?
    var part: Int
    var parts: Int
    /// Bytes to read, for the memory bound.
    var size: Int
}

struct UnitOutput: Sendable {
    var document: PreparedDocument
    /// What reading the file noticed (a GB18030 decoding, NUL bytes removed), reported in order.
    var notes: [Diagnostic]
    /// Unicode scalars in the part's text (parts only), for the next part's START.
    var length: Int
}

typealias UnitResult = Result<UnitOutput, Diagnostic>

/// Writes unit results in order; owns what must be known across the parts of one file.
private struct Writer {
    let store: GraphStore
    let units: [WorkUnit]
    let fingerprint: ExtractorFingerprint?
    /// Scalar offset of the next part of the file being written, its metadata (from its first
    /// part, where the page header is) and the keys of the parts written so far.
    private var partStart = 0
    private var partMetadata = PreparedMetadata(DocumentMetadata())
    private var partKeys: Set<String> = []
    private var partFailed = false
    /// True once a stored document was replaced or removed: entities may be left without
    /// statements.
    private(set) var retracted = false
    /// Why documents extracted by a stored fingerprint must be extracted again, by its id.
    private var reasonsByFingerprint: [String?: [String]] = [:]

    init(store: GraphStore, units: [WorkUnit], fingerprint: ExtractorFingerprint?) {
        self.store = store
        self.units = units
        self.fingerprint = fingerprint
    }

    mutating func write(
        _ result: UnitResult, of index: Int, into summary: inout BuildSummary, events: (BuildEvent) -> Void
    ) throws {
        let unit = units[index]
        if unit.part == 0 {
            partStart = 0
            partKeys = []
            partFailed = false
        }
        // Later parts of a file with a part that could not be read have no known offsets.
        if unit.part > 0 && partFailed { return }
        switch result {
        case .failure(let diagnostic):
            summary.failed += 1
            partFailed = true
            events(.diagnostic(diagnostic))
        case .success(let output):
            var document = output.document
            for note in output.notes where unit.part == 0 || note.code != .decodedAsGB18030 { events(.diagnostic(note)) }
            var key = unit.key
            if unit.bytes != nil {
                let fragment = "\(FileIdentity.partMarker)\(partStart),\(partStart + output.length)"
                document.path = unit.file + fragment
                key += fragment
                partStart += output.length
                if unit.part == 0 { partMetadata = document.metadata } else { document.metadata = partMetadata }
                partKeys.insert(key)
            }
            if !(try write(&document, key: key, output: output, into: &summary, events: events)) {
                partFailed = true
            }
        }
        if unit.part == unit.parts - 1 && !partFailed {
            try removeStaleParts(of: unit)
        }
    }

    /// Stores one document under `key` unless it is stored already, extracted as it would be
    /// now. False when it could not be stored (its diagnostic is reported).
    private mutating func write(
        _ document: inout PreparedDocument, key: String, output: UnitOutput, into summary: inout BuildSummary,
        events: (BuildEvent) -> Void
    ) throws -> Bool {
        let stored = try store.storedDocuments(file: key)
        // Several documents for one file: spellings an older kg stored separately. One stays.
        for duplicate in stored.dropFirst() {
            try store.removeDocument(path: duplicate.path)
            summary.duplicatesRemoved += 1
            retracted = true
        }
        var existing = stored.first
        if let existing {
            // The file keeps the spelling it was first stored under.
            document.path = existing.path
        } else if let clash = try store.storedDocument(path: document.path) {
            // The same spelling names another file now. When that file is gone (a moved or
            // renamed folder), this is the same document moved: it takes the row over, and an
            // unchanged text is not extracted again. When it still exists (typed in another
            // folder, a link pointing elsewhere), both stay, this one under its real path.
            if clash.file.map({ !FileIdentity.exists(FileIdentity.splitPart($0).file) }) ?? true {
                existing = clash
            } else if try store.storedDocument(path: key) == nil {
                document.path = key
            } else {
                summary.failed += 1
                events(
                    .diagnostic(
                        Diagnostic(
                            .documentPathTaken,
                            "cannot store \(document.path) (\(key)): both names are taken by other stored documents",
                            at: SourceLocation(file: document.path),
                            hint: "kg remove the stale document named \(document.path), or build into another --db")))
                return false
            }
        }
        if let existing, existing.contentHash == document.contentHash {
            guard let fingerprint, existing.extractedBy != fingerprint.id else {
                summary.unchanged += 1
                if existing.file != key { try store.setFile(key, ofDocument: existing.id) }
                return true
            }
            summary.reextracted += 1
            for reason in try reasons(for: existing.extractedBy, comparedTo: fingerprint) {
                summary.reextractReasons[reason, default: 0] += 1
            }
        }
        if existing != nil { retracted = true }
        try store.replaceDocument(document, file: key, extractedBy: fingerprint?.id)
        summary.written += 1
        summary.sentences += document.sentences.count
        summary.extractions += document.extractionCount
        return true
    }

    private mutating func reasons(for stored: String?, comparedTo fingerprint: ExtractorFingerprint) throws -> [String] {
        if let known = reasonsByFingerprint[stored] { return known }
        let description = try stored.flatMap { try store.extractorDescription(id: $0) }
        var reasons = fingerprint.reasons(comparedTo: description)
        if reasons.isEmpty { reasons = ["extractor changed"] }
        reasonsByFingerprint[stored] = reasons
        return reasons
    }

    /// A file stored whole before and in parts now (or the other way round, or cut elsewhere
    /// after an edit) leaves documents under names this build no longer writes.
    private mutating func removeStaleParts(of unit: WorkUnit) throws {
        var stale = try store.storedDocuments(fileWithPrefix: unit.key + FileIdentity.partMarker)
            .filter { !partKeys.contains($0.file ?? "") }
        if unit.bytes != nil { stale += try store.storedDocuments(file: unit.key) }
        for document in stale { try store.removeDocument(path: document.path) }
        if !stale.isEmpty { retracted = true }
    }
}

/// Hands units to workers in order and their results to the writer in order, keeping at most
/// `maxUnits` units and about `maxBytes` input bytes between a worker's claim and the writer's take.
///
/// `@unchecked Sendable`: every field is read and written only with `condition` locked.
private final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let sizes: [Int]
    private let maxUnits: Int
    private let maxBytes: Int
    private var next = 0
    private var taken = 0
    private var bytesInFlight = 0
    private var results: [Int: UnitResult] = [:]
    private var cancelled = false

    init(sizes: [Int], maxUnits: Int, maxBytes: Int) {
        self.sizes = sizes
        self.maxUnits = maxUnits
        self.maxBytes = maxBytes
    }

    /// The next unit for a worker, waiting while the window is full; nil when all are handed out.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancelled || next >= sizes.count { return nil }
            // The unit the writer waits for always fits, so a unit larger than maxBytes still runs.
            let fits = next == taken || (next - taken < maxUnits && bytesInFlight + sizes[next] <= maxBytes)
            if fits {
                bytesInFlight += sizes[next]
                next += 1
                return next - 1
            }
            condition.wait()
        }
    }

    func finish(_ index: Int, _ result: UnitResult) {
        condition.lock()
        results[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// The result of unit `index`, waiting for it; units must be taken in order.
    func take(_ index: Int) -> UnitResult {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        let result = results.removeValue(forKey: index)!
        taken = index + 1
        bytesInFlight -= sizes[index]
        condition.broadcast()
        return result
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
