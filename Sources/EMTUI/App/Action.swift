import EMCore
import EMFindings

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
    /// The labels of a sample (loaded with its detail, or after a refresh).
    case labelsLoaded(SampleLabels)
    /// A group of label writes was committed; `labels` is the sample's labels as now stored.
    case labelsSaved(LabelWriteGroup, origin: LabelWriteOrigin, labels: SampleLabels)
    /// The annotator's progress through the queue.
    case progressLoaded(LabelProgress)
    /// The agreement report's lines for the filter of `generation`.
    case agreementLoaded([String], generation: Int)
    /// The disagreement review's items for the filter of `generation`.
    case disagreementsLoaded([DisagreementItem], generation: Int)
    /// The compare view's samples, anchored on `anchor`.
    case compareLoaded(anchor: Int64, [SampleDetail])
    /// The compare view moved to another question: the new anchor (nil: none in that direction).
    case compareMoved(Int64?)
    /// The Findings view's data for the filter of `generation`.
    case findingsLoaded(FindingsData, generation: Int)
    /// An annotation session starts: count progress and go to the first unrated sample.
    case startAnnotation
    /// Move the selection to a list position (next unrated).
    case jumpTo(Int)
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
    /// Commit label changes (each write its own transaction), then report `labelsSaved`.
    case writeLabels(LabelWriteGroup, origin: LabelWriteOrigin)
    case saveNote(sampleID: Int64, text: String)
    case reveal(sampleID: Int64)
    /// The annotator is now looking at this sample (nil: at none): time on the previous one is recorded.
    case visit(Int64?)
    /// Find the next sample after a list position that the annotator has not rated.
    case findNextUnrated(after: Int)
    case loadProgress
    /// Compute the agreement report for the current filter (in the background).
    case loadAgreement
    /// Rank the current filter's samples by disagreement (in the background).
    case loadDisagreements
    /// Count verdicts per condition, and prevalence, for the current filter (in the background).
    case loadFindings
    /// Load one question across conditions, anchored on a sample.
    case loadCompare(anchor: Int64, axis: CompareAxis)
    /// Find the same condition's next (or previous) question for the compare view.
    case stepCompare(from: Int64, forward: Bool)
    case suspend
}
