/// Everything that can go wrong with a store file, each with a one-line message that names the
/// file, says what is wrong and what to do. Never a trap: every caller turns these into a line
/// on stderr (CLI) or a status-bar message (explorer).
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure, for tests and for choosing an exit code.
    public enum Kind: String, Sendable, Equatable {
        case missing, isDirectory, empty, notSQLite, corrupt, notAStore, newerSchema, readOnly, locked, diskFull
        case badInput, io, interrupted
    }

    public var kind: Kind
    /// The store or input file the message is about (as the user typed it).
    public var file: String
    /// What is wrong.
    public var problem: String
    /// What the user can do about it.
    public var remedy: String

    public init(_ kind: Kind, file: String, problem: String, remedy: String) {
        self.kind = kind
        self.file = file
        self.problem = problem
        self.remedy = remedy
    }

    /// `FILE: problem — remedy`, one line.
    public var description: String {
        remedy.isEmpty ? "\(file): \(problem)" : "\(file): \(problem) — \(remedy)"
    }
}
