/// Why a `CursesTerminal` could not take over the terminal.
public enum CursesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (e.g. redirected to a file or a pipe).
    case notATerminal
    /// Another `CursesTerminal` is still active in this process.
    case alreadyActive
    /// ncurses could not set up the terminal type named by TERM (or TERM is unset).
    case unknownTerminalType(String?)

    /// A one-line message for the user.
    public var description: String {
        switch self {
        case .notATerminal: return "standard input and output must be a terminal"
        case .alreadyActive: return "another curses terminal is already active"
        case .unknownTerminalType(let name?): return "cannot use terminal type \"\(name)\" (check TERM)"
        case .unknownTerminalType(nil): return "TERM is not set"
        }
    }
}
