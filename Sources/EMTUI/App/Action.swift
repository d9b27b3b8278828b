import EMCore

/// Something that happened: user input or the result of an effect. Actions say what happened;
/// the reducer decides what it means.
public enum Action: Equatable, Sendable {
    /// The explorer opened: load the count and the first rows.
    case started
    case input(InputEvent)
    case countLoaded(Int)
    case rowsLoaded(start: Int, rows: [SampleRow])
    case detailLoaded(id: Int64, SampleDetail?)
    case examplesLoaded(runID: Int64, [ExampleRecord])
    /// An effect failed; the message is one line for the status bar.
    case failed(String)
}

/// Work for the runtime: store reads, terminal control. Effects are values; the reducer never
/// performs them itself.
public enum Effect: Equatable, Sendable {
    case loadCount
    case loadRows(start: Int, count: Int)
    case loadDetail(id: Int64)
    case loadExamples(runID: Int64)
    case suspend
}
