import EMCore

/// Something that happened: user input or the result of an effect. Actions say what happened;
/// the reducer decides what it means.
public enum Action: Equatable, Sendable {
    /// The explorer opened: load the count and the first rows.
    case started
    /// Apply a query from the command line (`--filter`) as if typed in the filter bar.
    case applyFilter(String)
    case input(InputEvent)
    case countLoaded(Int, generation: Int)
    case rowsLoaded(start: Int, rows: [SampleRow], generation: Int)
    case facetsLoaded([FacetValue], generation: Int)
    case historyLoaded([String])
    case savedFiltersLoaded([SavedFilter])
    case detailLoaded(id: Int64, SampleDetail?)
    case examplesLoaded(runID: Int64, [ExampleRecord])
    /// An effect failed; the message is one line for the status bar.
    case failed(String)
    /// An effect succeeded with something to tell the user.
    case notice(String)
}

/// Work for the runtime: store reads, terminal control. Effects are values; the reducer never
/// performs them itself.
public enum Effect: Equatable, Sendable {
    case loadCount
    case loadRows(start: Int, count: Int)
    case loadDetail(id: Int64)
    case loadExamples(runID: Int64)
    case loadFacets
    case loadHistory
    case recordFilter(String)
    case loadSavedFilters
    case saveFilter(name: String, query: String)
    case suspend
}
