import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide state shared with signal handlers and the `atexit` hook. It lives in memory
/// allocated once and never freed, holds only plain C values, and handlers touch it only with
/// async-signal-safe operations (`write`, `read`, `lseek`, `dup2`, `close`, `tcsetattr`,
/// `sigaction`, `raise`).
struct SignalSharedState {
    /// The termination signal received (SIGTERM, SIGHUP, SIGINT), or 0.
    var terminationSignal: sig_atomic_t = 0
    /// 1 while curses owns the terminal (not suspended, not shut down).
    var restoreArmed: sig_atomic_t = 0
    /// 1 while a `CursesTerminal` exists.
    var instanceExists: sig_atomic_t = 0
    /// 1 once the `atexit` hook is registered.
    var atexitRegistered: sig_atomic_t = 0
    /// The terminal descriptor and its modes before curses changed them.
    var terminalDescriptor: Int32 = -1
    var hasSavedModes: sig_atomic_t = 0
    var savedModes = termios()
    /// How many bytes of `SignalGuard.restoreBytes` to write in an emergency.
    var restoreByteCount: Int = 0
    /// While standard error is captured: the temporary file behind descriptor 2, and a
    /// duplicate of the real standard error. Both -1 otherwise.
    var capturedErrorDescriptor: Int32 = -1
    var originalErrorDescriptor: Int32 = -1
}

/// Installs and removes the backend's signal handlers, and restores the terminal on fatal paths.
///
/// - SIGTERM, SIGHUP and SIGINT only record the signal; `CursesTerminal.nextEvent` then returns
///   at once so the app can shut down cleanly. A second such signal while the first is still
///   pending (the app is stuck) restores the terminal modes in the handler and dies of it
///   (not for SIGHUP, which a closing terminal may send twice).
/// - SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP restore the terminal modes, put back
///   the previous handler (e.g. the Swift runtime's backtracer) and re-raise the signal.
/// - An `atexit` hook calls `endwin()` if the process exits while curses is active.
/// - Standard error is captured while curses owns the screen and replayed when it gives the
///   screen back, on every one of these paths.
enum SignalGuard {
    static let terminationSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]
    /// Signals unblocked at start-up: a parent (e.g. a test harness thread) may have blocked them.
    static let unblockedSignals: [Int32] = [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT]

    static let restoreCapacity = 256
    static let copyBufferCapacity = 4096
    static let actionSlots = 65

    nonisolated(unsafe) static let shared: UnsafeMutablePointer<SignalSharedState> = {
        let pointer = UnsafeMutablePointer<SignalSharedState>.allocate(capacity: 1)
        pointer.initialize(to: SignalSharedState())
        return pointer
    }()

    nonisolated(unsafe) static let restoreBytes: UnsafeMutablePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: restoreCapacity)
        pointer.initialize(repeating: 0, count: restoreCapacity)
        return pointer
    }()

    /// Scratch space for copying captured standard error, usable inside a signal handler.
    nonisolated(unsafe) static let copyBuffer: UnsafeMutablePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: copyBufferCapacity)
        pointer.initialize(repeating: 0, count: copyBufferCapacity)
        return pointer
    }()

    /// The handlers that were in place before ours, indexed by signal number.
    nonisolated(unsafe) static let previousActions: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: actionSlots)
        pointer.initialize(repeating: sigaction(), count: actionSlots)
        return pointer
    }()

    /// Makes sure the shared storage exists before any handler can run.
    static func prepareStorage() {
        _ = shared
        _ = restoreBytes
        _ = copyBuffer
        _ = previousActions
    }

    /// Unblocks the signals the backend relies on in the calling thread.
    static func unblockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in unblockedSignals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Remembers the terminal modes so a fatal path can put them back without curses.
    static func saveTerminalModes(descriptor: Int32) {
        shared.pointee.terminalDescriptor = descriptor
        shared.pointee.hasSavedModes = tcgetattr(descriptor, &shared.pointee.savedModes) == 0 ? 1 : 0
    }

    /// Stores the bytes that leave the alternate screen and reset cursor, attributes, keypad and
    /// mouse, taken from terminfo (writes them only in an emergency).
    static func storeRestoreSequence(_ bytes: [UInt8]) {
        let count = min(bytes.count, restoreCapacity)
        for i in 0..<count { restoreBytes[i] = bytes[i] }
        shared.pointee.restoreByteCount = count
    }

    static func installTerminationHandlers() {
        let handler: @convention(c) (Int32) -> Void = { signal in
            let state = SignalGuard.shared
            // A second SIGTERM/SIGINT means the app did not react: restore and die. A second
            // SIGHUP is usual when a terminal closes, so it does not cut the app's clean exit short.
            if state.pointee.terminationSignal != 0, signal != SIGHUP {
                SignalGuard.emergencyRestore()
                SignalGuard.resetToDefault(signal)
                raise(signal)
                return
            }
            state.pointee.terminationSignal = signal
        }
        // No SA_RESTART: a blocking read returns early so the event loop sees the request.
        for signal in terminationSignals { install(handler, for: signal, flags: 0) }
    }

    static func installCrashHandlers() {
        let handler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
            signal, info, _ in
            SignalGuard.emergencyRestore()
            // Put back whatever handled this signal before us (e.g. the Swift runtime's
            // backtracer, or the default action) and let it see the signal.
            if signal > 0, Int(signal) < SignalGuard.actionSlots {
                sigaction(signal, SignalGuard.previousActions.advanced(by: Int(signal)), nil)
            }
            // A fault raised by the CPU happens again when the faulting instruction re-runs
            // after we return; a signal sent by kill/raise/abort must be sent again (it stays
            // blocked, hence pending, until this handler returns).
            let sentByProcess = (info?.pointee.si_code ?? 0) <= 0
            if sentByProcess || signal == SIGABRT || signal == SIGTRAP { raise(signal) }
        }
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        action.sa_flags = Int32(SA_SIGINFO) | Int32(SA_ONSTACK)
        #if os(Linux)
        action.__sigaction_handler.sa_sigaction = handler
        #else
        action.__sigaction_u.__sa_sigaction = handler
        #endif
        for signal in crashSignals {
            sigaction(signal, &action, previousActions.advanced(by: Int(signal)))
        }
    }

    /// Puts back the handlers that were there before `install…Handlers`.
    static func restoreHandlers(for signals: [Int32]) {
        for signal in signals where Int(signal) < actionSlots {
            sigaction(signal, previousActions.advanced(by: Int(signal)), nil)
        }
    }

    /// Registers (once per process) an exit hook that ends curses if it is still active.
    static func registerExitHook() {
        guard shared.pointee.atexitRegistered == 0 else { return }
        shared.pointee.atexitRegistered = 1
        atexit {
            if SignalGuard.shared.pointee.restoreArmed != 0 {
                SignalGuard.shared.pointee.restoreArmed = 0
                _ = endwin()
                SignalGuard.endErrorCapture()
            }
        }
    }

    /// Async-signal-safe restore: terminal modes via `tcsetattr`, then the stored sequence.
    static func emergencyRestore() {
        let state = shared
        guard state.pointee.restoreArmed != 0 else { return }
        state.pointee.restoreArmed = 0
        let descriptor = state.pointee.terminalDescriptor
        guard descriptor >= 0 else { return }
        if state.pointee.hasSavedModes != 0 {
            _ = tcsetattr(descriptor, TCSANOW, &state.pointee.savedModes)
        }
        let count = state.pointee.restoreByteCount
        if count > 0 { _ = write(STDOUT_FILENO, restoreBytes, count) }
        endErrorCapture()
    }

    /// Raises `signal` with its default action in place (e.g. SIGTSTP stops the process), then
    /// puts the previous handler back once the call returns.
    static func raiseWithDefaultAction(_ signal: Int32) {
        guard Int(signal) < actionSlots else { return }
        var previous = sigaction()
        sigaction(signal, nil, &previous)
        resetToDefault(signal)
        raise(signal)
        sigaction(signal, &previous, nil)
    }

    /// Sets a signal's disposition back to the default.
    static func resetToDefault(_ signal: Int32) {
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        #if os(Linux)
        action.__sigaction_handler.sa_handler = SIG_DFL
        #else
        action.__sigaction_u.__sa_handler = SIG_DFL
        #endif
        sigaction(signal, &action, nil)
    }

    private static func install(_ handler: @convention(c) (Int32) -> Void, for signal: Int32, flags: Int32) {
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        #if os(Linux)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigaction(signal, &action, previousActions.advanced(by: Int(signal)))
    }
}
