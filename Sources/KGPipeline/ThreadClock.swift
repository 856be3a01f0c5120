import Glibc

/// CPU time of the calling thread (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, see clock_gettime(2)).
///
/// The builder's writer is the one part of a build that does not run in parallel, so its CPU
/// time bounds what any number of workers can reach: with W CPU seconds per MB on the writing
/// thread, no build goes faster than 1/W MB/s. Wall time cannot show that (the writer mostly
/// waits for workers); the thread's own CPU clock can.
enum ThreadClock {
    /// Seconds of CPU the calling thread has used since it started.
    static func seconds() -> Double {
        var time = timespec()
        // Cannot fail for CLOCK_THREAD_CPUTIME_ID on Linux; a zero reading would only report 0 s.
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
