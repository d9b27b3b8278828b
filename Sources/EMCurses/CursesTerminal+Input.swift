import CNcursesw
import EMTUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and translating input: one `wget_wch` at a time.
extension CursesTerminal {
    /// One `wget_wch` with a timeout, translated. Nil on timeout or for input that is ignored.
    func readEvent(waitingMilliseconds: Int) -> InputEvent? {
        let window = emc_stdscr()
        wtimeout(window, Int32(waitingMilliseconds))
        var value: wint_t = 0
        let status = wget_wch(window, &value)
        switch status {
        case KEY_CODE_YES:
            switch Int32(bitPattern: UInt32(value)) {
            case KEY_RESIZE: return .resize(size)
            case KEY_MOUSE: return readMouse()
            case let code: return KeyTranslation.key(forKeyCode: code).map(InputEvent.key)
            }
        case OK:
            if value == 0x1B { return readAfterEscape() }
            return KeyTranslation.key(forCharacter: UInt32(value)).map(InputEvent.key)
        default:
            if inputHungUp() { SignalGuard.shared.pointee.terminationSignal = SIGHUP }
            return nil
        }
    }

    /// After ESC: a lone ESC is the Escape key. Bytes that are already waiting belong to an
    /// Alt-combination or to a sequence ncurses does not know; they are swallowed so they do not
    /// arrive as Escape followed by stray characters.
    func readAfterEscape() -> InputEvent? {
        let window = emc_stdscr()
        wtimeout(window, 0)
        var next: wint_t = 0
        let status = wget_wch(window, &next)
        if status == ERR { return .key(.escape) }
        if status == KEY_CODE_YES { return nil }
        switch next {
        case 0x1B:
            _ = unget_wch(0x1B)
            return .key(.escape)
        case 0x5B:  // CSI: parameters and intermediates up to a final byte.
            for _ in 0..<32 {
                guard wget_wch(window, &next) == OK, !(0x40...0x7E).contains(next) else { break }
            }
            return nil
        case 0x4F:  // SS3: one more byte.
            _ = wget_wch(window, &next)
            return nil
        default:
            return nil
        }
    }

    func readMouse() -> InputEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        return KeyTranslation.mouseEvent(buttons: event.bstate, x: Int(event.x), y: Int(event.y))
            .map(InputEvent.mouse)
    }

    /// True when standard input reports a hang-up or error (the terminal went away).
    func inputHungUp() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) == 1 else { return false }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    static func nowMilliseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
    }
}
