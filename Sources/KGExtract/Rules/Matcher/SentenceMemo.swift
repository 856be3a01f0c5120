/// What a `SentenceView` remembers as rules ask (span runs, span verdicts), kept in raw memory:
/// a class's `var` properties are checked for exclusive access at every read and write, and on
/// these lookups, made hundreds of times a sentence, the checks cost more than the lookups.
/// Only the view's thread touches it (a view lives inside one `RuleMatcher.match` call).
final class SentenceMemo {
    /// Positions per table: the sentence's length plus one.
    let positions: Int
    /// Span runs: up to `runLimits` length limits (0: free), each with a table by position
    /// whose `end` is -1 where not computed yet; allocated when a limit is first asked for.
    static let runLimits = 4
    private let limits: UnsafeMutablePointer<Int>
    private let runs: UnsafeMutablePointer<UnsafeMutablePointer<SentenceView.SpanRun>?>
    private let verdicts: UnsafeMutablePointer<[Int: SentenceView.SpanVerdict]>

    init(positions: Int) {
        self.positions = positions
        limits = .allocate(capacity: Self.runLimits)
        limits.initialize(repeating: 0, count: Self.runLimits)
        runs = .allocate(capacity: Self.runLimits)
        runs.initialize(repeating: nil, count: Self.runLimits)
        verdicts = .allocate(capacity: 1)
        verdicts.initialize(to: [:])
    }

    deinit {
        for k in 0..<Self.runLimits {
            runs[k]?.deallocate()
        }
        runs.deallocate()
        limits.deallocate()
        verdicts.deinitialize(count: 1)
        verdicts.deallocate()
    }

    /// The run at `position` under `maxLength`, computed by `compute` the first time. A pack with
    /// more than `runLimits` limits computes the others every time (the same result).
    @inline(__always)
    func spanRun(at position: Int, maxLength: Int, _ compute: () -> SentenceView.SpanRun) -> SentenceView.SpanRun {
        var k = 0
        while k < Self.runLimits, limits[k] != maxLength, limits[k] != 0 { k += 1 }
        guard k < Self.runLimits, maxLength != 0 else { return compute() }
        if limits[k] == 0 {
            limits[k] = maxLength
            let table = UnsafeMutablePointer<SentenceView.SpanRun>.allocate(capacity: positions)
            table.initialize(repeating: SentenceView.SpanRun(end: -1, natural: false, nameStart: 0), count: positions)
            runs[k] = table
        }
        let table = runs[k]!
        if table[position].end >= 0 { return table[position] }
        let run = compute()
        table[position] = run
        return run
    }

    /// The verdict under `key`, judged by `judge` the first time.
    @inline(__always)
    func spanVerdict(_ key: Int, _ judge: () -> SentenceView.SpanVerdict) -> SentenceView.SpanVerdict {
        if let known = verdicts.pointee[key] { return known }
        let verdict = judge()
        verdicts.pointee[key] = verdict
        return verdict
    }
}
