import CNcursesw

/// The width of a terminal that curses does not own (a progress line on stderr).
public enum TerminalWidth {
    /// The columns of the terminal on file descriptor `fd`, or nil when it is not a terminal.
    public static func columns(of fd: Int32) -> Int? {
        let n = Int(emc_terminal_columns(fd))
        return n > 0 ? n : nil
    }
}
