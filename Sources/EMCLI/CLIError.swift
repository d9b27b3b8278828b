import EMStore

/// An error for the user: one line on stderr, and an exit code (1 bad input, 2 bad usage).
public struct CLIError: Error, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }

    /// A store error as a CLI error: its one-line description, exit code 1.
    public init(_ error: StoreError) {
        self.init(error.description, exitCode: 1)
    }
}
