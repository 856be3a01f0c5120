import CSQLite
import Glibc

/// A statement was stopped because the time given to `Connection.withTimeLimit` ran out.
public struct TimeLimitExceeded: Error, Hashable, Sendable {
    /// The limit, in seconds.
    public var seconds: Double
}

/// The deadline the progress handler compares against; a class so the C callback can reach it
/// through an opaque pointer.
private final class Deadline {
    let end: UInt64
    var fired = false

    init(seconds: Double) {
        end = Deadline.now() &+ UInt64(max(0, seconds) * 1e9)
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}

extension Connection {
    /// Virtual machine instructions between two looks at the clock: often enough to stop within
    /// a millisecond or so, rare enough to cost nothing measurable.
    static let progressInterval: Int32 = 10_000

    /// Runs `body`, stopping any statement still running after `seconds`: SQLite calls the
    /// progress handler every `progressInterval` instructions
    /// (<https://www.sqlite.org/c3ref/progress_handler.html>), and a handler that returns
    /// non-zero interrupts the statement with `SQLITE_INTERRUPT`. Whatever `body` throws after
    /// the deadline passed (the interrupt itself, or an error made from it) becomes
    /// `TimeLimitExceeded`, so the caller can say what happened in its own words. With nil,
    /// `body` runs without a limit.
    public func withTimeLimit<T>(_ seconds: Double?, _ body: () throws -> T) throws -> T {
        guard let seconds else { return try body() }
        let deadline = Deadline(seconds: seconds)
        return try withExtendedLifetime(deadline) {
            sqlite3_progress_handler(
                handle, Self.progressInterval,
                { context in
                    guard let context else { return 0 }
                    let deadline = Unmanaged<Deadline>.fromOpaque(context).takeUnretainedValue()
                    if Deadline.now() >= deadline.end { deadline.fired = true }
                    return deadline.fired ? 1 : 0
                }, Unmanaged.passUnretained(deadline).toOpaque())
            defer { sqlite3_progress_handler(handle, 0, nil, nil) }
            do {
                return try body()
            } catch {
                if deadline.fired { throw TimeLimitExceeded(seconds: seconds) }
                throw error
            }
        }
    }
}
