import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Stops a child process and removes a temporary file when kg is stopped by SIGTERM, SIGINT or
/// SIGHUP while it waits for the child: without this, `kill` on `kg render` left Graphviz
/// running and the temporary DOT file behind. After cleaning up, kg dies of the same signal, so
/// its parent sees the usual status.
///
/// A plain `sigaction` handler rather than a dispatch signal source: libdispatch on Linux reads
/// signals through a signalfd, which sees a signal only when every thread blocks it, and the
/// main thread does not, so the source never fired. The handler does only async-signal-safe
/// work (`kill`, `unlink`, `signal`, `raise`) on state prepared before it can run.
final class SignalCleanup {
    private static let signals: [Int32] = [SIGTERM, SIGINT, SIGHUP]

    /// What the handler acts on. `nonisolated(unsafe)`: written by the main thread while the
    /// handler may read; an aligned Int32 and a pointer are read whole, and the path is
    /// allocated before the handler is installed and freed after it is removed.
    nonisolated(unsafe) private static var child: Int32 = 0
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

    init(removing path: String) {
        Self.child = 0
        Self.path = strdup(path)
        for number in Self.signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                if SignalCleanup.child > 0 { kill(SignalCleanup.child, SIGTERM) }
                if let path = SignalCleanup.path { unlink(path) }
                signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
        // A process started from a thread that blocks signals (a dispatch worker does, so a job
        // runner written with Foundation's Process may) inherits the mask, and a blocked SIGTERM
        // would wait until Graphviz finished. Unblock them in this thread while the handler is in.
        var set = sigset_t()
        sigemptyset(&set)
        for number in Self.signals { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, &previousMask)
    }

    /// The calling thread's signal mask before `init`, restored by `disarm`.
    private var previousMask = sigset_t()

    /// Remembers the child to stop (pass as the renderer's `onStart`).
    func watch(_ pid: Int32) {
        Self.child = pid
    }

    /// The work is over: signals act as before again.
    func disarm() {
        for number in Self.signals { signal(number, SIG_DFL) }
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        Self.child = 0
        free(Self.path)
        Self.path = nil
    }
}
