import CNcursesw
import EMTUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ncursesw implementation of `Terminal`: the only place the app touches curses.
///
/// It draws a `CellBuffer` cell by cell (ncurses diffs on refresh), reads keys, mouse clicks,
/// the wheel and resizes, and gives the terminal back on exit, on Ctrl-Z (`suspend()`), on
/// SIGTERM/SIGHUP (via `terminationRequested`), and — as far as a signal handler can — on a
/// crash. Input is read in raw mode, so Ctrl-C and Ctrl-Z arrive as keys and the app decides.
///
/// Only one instance may be active at a time; use it from one thread.
public final class CursesTerminal: Terminal {
    /// Whether colour is used.
    public enum ColorPreference: Sendable, Equatable {
        /// Colour when the terminal has it and NO_COLOR is unset or empty (no-color.org).
        case automatic
        /// Attributes only (bold, reverse, underline, dim), e.g. for a `--no-color` flag.
        case never
    }

    /// Start-up choices.
    public struct Options: Sendable, Equatable {
        /// Whether to use colour.
        public var colors: ColorPreference
        /// Report clicks and the wheel. Off leaves the terminal's own selection alone.
        public var mouse: Bool
        /// How long ncurses waits after ESC for the rest of a key sequence.
        public var escapeDelayMilliseconds: Int

        /// Options; the defaults suit the app (automatic colour, mouse on, 25 ms escape delay).
        public init(colors: ColorPreference = .automatic, mouse: Bool = true, escapeDelayMilliseconds: Int = 25) {
            self.colors = colors
            self.mouse = mouse
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
        }
    }

    /// The role → style mapping in use (colour or monochrome).
    public let palette: CursesPalette
    /// False when no UTF-8 locale could be set: box drawing then falls back to ASCII and other
    /// non-ASCII text to a placeholder.
    public let supportsUnicode: Bool

    private let screen: OpaquePointer
    /// False for terminals without an alternate screen (e.g. TERM=linux): the frame is then
    /// cleared on the way out so it does not stay behind the shell prompt.
    private let hasAlternateScreen: Bool
    private let converter: CellConverter
    private var active = true
    private var suspended = false
    /// Longest single wait inside `nextEvent`, so a termination request is seen promptly even
    /// when a signal does not interrupt the read.
    let pollSliceMilliseconds = 100

    /// Takes over the terminal on standard input/output.
    ///
    /// Sets the locale (falling back to C.UTF-8 when the environment gives none), unblocks the
    /// signals the backend needs, installs the termination and crash handlers, and enters
    /// curses mode (raw, no echo, keypad, hidden cursor, 25 ms escape delay, mouse).
    public init(options: Options = Options()) throws(CursesError) {
        SignalGuard.prepareStorage()
        let state = SignalGuard.shared
        guard state.pointee.instanceExists == 0 else { throw .alreadyActive }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }

        SignalGuard.unblockSignals()
        supportsUnicode = TerminalLocale.configure()
        SignalGuard.saveTerminalModes(descriptor: STDIN_FILENO)
        state.pointee.terminationSignal = 0
        // Ours must be in place before newterm, so ncurses does not install its own.
        SignalGuard.installTerminationHandlers()

        guard let screen = newterm(nil, emc_stdout(), emc_stdin()) else {
            SignalGuard.restoreHandlers(for: SignalGuard.terminationSignals)
            throw .unknownTerminalType(getenv("TERM").map { String(cString: $0) })
        }
        self.screen = screen
        state.pointee.instanceExists = 1

        let window = emc_stdscr()
        _ = raw()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = meta(window, true)
        _ = intrflush(window, false)
        _ = leaveok(window, true)
        _ = scrollok(window, false)
        _ = curs_set(0)
        _ = set_escdelay(Int32(clamping: options.escapeDelayMilliseconds))
        if options.mouse {
            let wanted = EMC_BUTTON1_PRESSED | EMC_BUTTON1_RELEASED | EMC_BUTTON1_CLICKED
                | EMC_BUTTON4_PRESSED | EMC_BUTTON5_PRESSED
            _ = mousemask(wanted, nil)
            // Report presses at once instead of waiting to assemble clicks.
            _ = mouseinterval(0)
        }
        palette = Self.setUpColors(options.colors)
        converter = CellConverter.forCurrentLocale()

        hasAlternateScreen = Self.stringCapability("smcup") != nil
        SignalGuard.storeRestoreSequence(Self.restoreSequence(mouse: options.mouse))
        SignalGuard.beginErrorCapture()
        state.pointee.restoreArmed = 1
        SignalGuard.installCrashHandlers()
        SignalGuard.registerExitHook()
        _ = wrefresh(window)
    }

    deinit {
        shutdown()
        delscreen(screen)
    }

    // MARK: Terminal

    /// The current screen size in cells.
    public var size: Size {
        let window = emc_stdscr()
        return Size(width: Int(max(0, getmaxx(window))), height: Int(max(0, getmaxy(window))))
    }

    /// Draws a whole frame: every cell at its absolute position, then one refresh (ncurses
    /// sends only what changed). Parts of the buffer outside the screen are clipped; screen
    /// areas the buffer does not cover are blanked.
    public func draw(_ buffer: CellBuffer) {
        guard active, !suspended else { return }
        let window = emc_stdscr()
        let screenSize = size
        if buffer.size != screenSize { _ = werase(window) }
        var characters = [wchar_t](repeating: 0, count: CellConverter.maximumScalarsPerCell + 1)
        var cell = cchar_t()
        for glyph in converter.glyphs(for: buffer, screen: screenSize, palette: palette) {
            var count = 0
            for scalar in glyph.scalars.prefix(CellConverter.maximumScalarsPerCell) {
                characters[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            characters[count] = 0
            _ = setcchar(&cell, characters, glyph.style.attributes.cursesBits, glyph.style.colorPair, nil)
            // Absolute position for every cell. With scrollok off, the bottom-right cell is
            // stored without scrolling (the cursor advance past it fails harmlessly).
            _ = mvwadd_wch(window, Int32(glyph.row), Int32(glyph.column), &cell)
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    /// Waits up to `timeoutMilliseconds` (negative = forever) for a key, mouse or resize event.
    /// Returns nil on timeout, and at once when a termination signal has arrived
    /// (see `terminationRequested`), while suspended, or after `shutdown()`.
    /// Input the app must not see (mouse releases, Alt-combinations, unknown sequences,
    /// control characters without a key) is dropped and the wait goes on.
    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard active, !suspended else { return nil }
        let deadline = timeoutMilliseconds < 0 ? nil : Self.nowMilliseconds() + UInt64(timeoutMilliseconds)
        while !terminationRequested {
            var slice = pollSliceMilliseconds
            if let deadline {
                let now = Self.nowMilliseconds()
                slice = now >= deadline ? 0 : min(slice, Int(deadline - now))
            }
            if let event = readEvent(waitingMilliseconds: slice) { return event }
            if let deadline, Self.nowMilliseconds() >= deadline { return nil }
        }
        return nil
    }

    /// Gives the terminal back to the shell and stops the process (as Ctrl-Z would in a cooked
    /// terminal). Returns once the shell continues it (`fg`); then call `resume()`.
    public func suspend() {
        guard active, !suspended else { return }
        suspended = true
        leaveScreen()
        // Stops here until SIGCONT. (A process whose group has no shell to come back to, e.g.
        // the first process of a tmux pane, is not stopped by the kernel; it just goes on.)
        SignalGuard.raiseWithDefaultAction(SIGTSTP)
    }

    /// Takes the terminal again after `suspend()` and repaints the whole screen.
    public func resume() {
        guard active, suspended else { return }
        suspended = false
        let window = emc_stdscr()
        _ = clearok(emc_curscr(), true)
        _ = wrefresh(window)
        _ = curs_set(0)
        SignalGuard.beginErrorCapture()
        SignalGuard.shared.pointee.restoreArmed = 1
    }

    // MARK: Termination

    /// True once SIGTERM, SIGHUP or SIGINT arrived, or the terminal hung up. The app should
    /// then save what it must, call `shutdown()` (or `exitAfterTerminationSignal()`) and exit.
    public var terminationRequested: Bool { SignalGuard.shared.pointee.terminationSignal != 0 }

    /// The signal behind `terminationRequested`, if any.
    public var terminationSignal: Int32? {
        let signal = SignalGuard.shared.pointee.terminationSignal
        return signal == 0 ? nil : signal
    }

    /// Ends curses mode and restores the terminal and the previous signal handlers.
    /// Safe to call more than once; the terminal draws nothing afterwards.
    public func shutdown() {
        guard active else { return }
        active = false
        let state = SignalGuard.shared
        SignalGuard.restoreHandlers(for: SignalGuard.crashSignals)
        if !suspended { leaveScreen() }
        SignalGuard.restoreHandlers(for: SignalGuard.terminationSignals)
        state.pointee.instanceExists = 0
    }

    /// Leaves curses mode: clears the frame where there is no alternate screen, restores the
    /// terminal modes, then lets standard error through again (showing what it held back).
    private func leaveScreen() {
        SignalGuard.shared.pointee.restoreArmed = 0
        if !hasAlternateScreen {
            let window = emc_stdscr()
            _ = werase(window)
            _ = wrefresh(window)
        }
        _ = endwin()
        SignalGuard.endErrorCapture()
    }

    /// Shuts down, then ends the process the way the pending termination signal would have
    /// (so a parent sees "terminated by SIGTERM"); exits with status 1 if there is none.
    public func exitAfterTerminationSignal() -> Never {
        let signal = terminationSignal
        shutdown()
        if let signal {
            SignalGuard.resetToDefault(signal)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, signal)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            raise(signal)
            exit(128 + signal)
        }
        exit(1)
    }
}
