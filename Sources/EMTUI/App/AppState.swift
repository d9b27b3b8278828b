import EMCore
import EMQuery

/// The focusable panes: the sample list and the five detail sections.
public enum Pane: Int, CaseIterable, Sendable, Hashable {
    case list, prompt, reasoning, answer, judges, labels

    /// The section title shown in its header line.
    public var title: String {
        switch self {
        case .list: return "Samples"
        case .prompt: return "Prompt"
        case .reasoning: return "Reasoning"
        case .answer: return "Answer"
        case .judges: return "Judges"
        case .labels: return "Labels"
        }
    }

    /// The detail sections, in display order.
    public static let sections: [Pane] = [.prompt, .reasoning, .answer, .judges, .labels]
}

/// A window onto the sample list: `selected` and `offset` over `total` rows, with only the
/// rows around the viewport loaded (`window`). A list is never loaded whole.
public struct ListState: Equatable, Sendable {
    /// Number of rows matching the filter; nil while it is being counted.
    public var total: Int?
    public var selected = 0
    /// Index of the first visible row.
    public var offset = 0
    /// Loaded rows starting at `windowStart`.
    public var window: [SampleRow] = []
    public var windowStart = 0
    /// The start of a window request in flight, to avoid asking twice.
    public var pendingWindowStart: Int?

    public init() {}

    /// The loaded row at a list position, if loaded.
    public func row(at index: Int) -> SampleRow? {
        let i = index - windowStart
        return i >= 0 && i < window.count ? window[i] : nil
    }

    /// The selected row, if loaded.
    public var selectedRow: SampleRow? { row(at: selected) }
}

/// The loaded detail of the selected sample and how each section is scrolled.
public struct DetailState: Equatable, Sendable {
    public var sample: SampleDetail?
    /// The id whose detail is being loaded.
    public var loadingID: Int64?
    /// First visible line of each section.
    public var scroll: [Pane: Int] = [:]
    /// For a section holding one huge text: the source byte where its top line starts.
    /// A byte anchor survives a resize (line numbers would not) and costs nothing to resolve.
    public var byteAnchor: [Pane: Int] = [:]
    /// Expanded in-context examples (nil while collapsed or not loaded).
    public var examples: [ExampleRecord]?
    public var examplesExpanded = false
    /// The detail section that takes the space when the list has focus.
    public var openSection: Pane = .reasoning

    public init() {}
}

/// The text search inside the focused pane (`/`, n, N).
public struct SearchState: Equatable, Sendable {
    public var needle: String
    /// Which match is current, counted over all sections in display order.
    public var current: Int = 0
    /// In a huge text: the source byte of the current match.
    public var currentByte: Int?
    public init(needle: String) { self.needle = needle }
}

/// An overlay drawn above the layout.
public enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    /// A one-line prompt at the bottom: `:` commands or `/` search.
    case prompt(kind: PromptKind, text: String)
    /// The filter bar (`f`): the query being edited.
    case filter(FilterBarState)
    /// Counts per condition and verdict for the current filter (`F`).
    case facets(FacetsState)
    /// The saved-filter picker (`:filters`).
    case savedFilters(selected: Int)
    /// The agreement report for the current filter (`A`).
    case agreement(AgreementViewState)
    /// Samples ranked by disagreement (`D`).
    case disagreements(DisagreementViewState)
    /// One question across conditions, side by side (`C`).
    case compare(CompareState)
    /// EM rates by condition, dose curves and prevalence for the current filter (`E`).
    case findings(FindingsViewState)
}

/// The filter bar being edited: its text, the position in the history, and the error of the
/// last attempt to apply it (the query is not run while it has an error).
public struct FilterBarState: Equatable, Sendable {
    public var text: String
    /// Index into `AppState.history` while recalling with ↑/↓.
    public var historyIndex: Int?
    public var error: QueryError?
    public init(text: String, historyIndex: Int? = nil, error: QueryError? = nil) {
        self.text = text
        self.historyIndex = historyIndex
        self.error = error
    }
}

/// The facets overlay: values once loaded, and which one is selected.
public struct FacetsState: Equatable, Sendable {
    public var values: [FacetValue]?
    public var selected = 0
    public init(values: [FacetValue]? = nil) { self.values = values }
}

/// The query that shapes the list: its text (as typed) and its compiled SQL.
public struct AppliedFilter: Equatable, Sendable {
    public var text: String = ""
    public var sql: SQLFragment = .alwaysTrue
    public init(text: String = "", sql: SQLFragment = .alwaysTrue) {
        self.text = text
        self.sql = sql
    }
}

/// What a bottom-line prompt is for.
public enum PromptKind: String, Equatable, Sendable {
    case command = ":"
    case search = "/"
    /// The annotator's note on the shown sample.
    case note = "note: "
}

/// A message in the status bar.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Sendable, Equatable { case info, error }
    public var text: String
    public var kind: Kind
    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// The whole explorer state: a value. `reduce` changes it; `render` draws it.
public struct AppState: Equatable, Sendable {
    public var size: Size
    /// The store's file name, for the header.
    public var storeName: String
    public var annotator: String?
    public var filter = AppliedFilter()
    public var sort: SortKey = .id
    public var descending = false
    /// Bumped whenever the filter, sort or judge changes; results of older queries are dropped.
    public var generation = 0
    /// Filters applied before in this store, newest first.
    public var history: [String] = []
    public var savedFilters: [SavedFilter] = []
    public var context: ExplorerContext
    public var list = ListState()
    public var detail = DetailState()
    public var focus: Pane = .list
    /// The section zoomed to full screen, if any.
    public var zoomed: Pane?
    public var overlay: Overlay?
    public var search: SearchState?
    public var status: StatusMessage?
    public var shouldQuit = false
    /// The disagreement review as it was left (Enter opened a sample), with the generation it was
    /// ranked for: `D` returns to it.
    public var lastReview: DisagreementViewState?
    /// Hand-labelling, when the store has a codebook.
    public var labelling: LabellingState?

    public init(size: Size, storeName: String, annotator: String? = nil, context: ExplorerContext) {
        self.size = size
        self.storeName = storeName
        self.annotator = annotator
        self.context = context
    }
}

/// Settings of the session that shape queries: judges and thresholds.
public struct ExplorerContext: Equatable, Sendable {
    public var judges: [String]
    public var primaryJudge: String?
    public var rule: VerdictRule
    /// The seed of the `shuffled` list order (`emscope annotate --order random --seed S`).
    public var shuffleSeed = 0

    public init(judges: [String], primaryJudge: String? = nil, rule: VerdictRule = .standard) {
        self.judges = judges
        self.primaryJudge = primaryJudge ?? judges.first
        self.rule = rule
    }
}
