/// Every command the explorer understands. Keys bind to commands (see `Keymap`); the help
/// overlay and the status-bar hints are generated from these names and help lines.
public enum Command: String, CaseIterable, Sendable, Hashable {
    case moveDown, moveUp, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case nextPane, previousPane, zoom, back, quit, forceQuit, help, commandLine
    case search, searchNext, searchPrevious
    case toggleExamples, nextExample, previousExample
    case nextSection, previousSection
    case refresh, suspend
    case filter, facets, sort, reverseSort
    case toggleLabelling, noneApply, undo, redo, nextUnrated, reveal, note
    case agreement, disagreements, compare, findings

    /// A one-line description for the help overlay.
    public var help: String {
        switch self {
        case .moveDown: return "Move down one row or line"
        case .moveUp: return "Move up one row or line"
        case .pageDown: return "Page down"
        case .pageUp: return "Page up"
        case .halfPageDown: return "Half a page down"
        case .halfPageUp: return "Half a page up"
        case .top: return "Go to the first row or line"
        case .bottom: return "Go to the last row or line"
        case .nextPane: return "Focus the next pane"
        case .previousPane: return "Focus the previous pane"
        case .zoom: return "Zoom the focused section to full screen"
        case .back: return "Close the overlay or zoom"
        case .quit: return "Close the overlay or zoom; quit from the top"
        case .forceQuit: return "Quit at once"
        case .help: return "Show this help"
        case .commandLine: return "Command line (:q, :goto N, :judge NAME, :help)"
        case .search: return "Search the focused text"
        case .searchNext: return "Next match"
        case .searchPrevious: return "Previous match"
        case .toggleExamples: return "Expand or collapse the in-context examples"
        case .nextExample: return "Jump to the next in-context example"
        case .previousExample: return "Jump to the previous in-context example"
        case .nextSection: return "Show the next detail section"
        case .previousSection: return "Show the previous detail section"
        case .refresh: return "Reload from the store"
        case .suspend: return "Suspend emscope (fg to return)"
        case .filter: return "Filter the samples (query language; ↑/↓ history)"
        case .facets: return "Counts per model, dataset, k, reasoning, instruction, verdict"
        case .sort: return "Sort by the next column"
        case .reverseSort: return "Reverse the sort order"
        case .toggleLabelling: return "Labelling mode on/off (the codebook's keys label)"
        case .noneApply: return "Reviewed — none apply (multi-label dimensions)"
        case .undo: return "Undo this session's last label change"
        case .redo: return "Redo the last undone label change"
        case .nextUnrated: return "Go to the next sample you have not rated"
        case .reveal: return "Blind: reveal judges and others' labels, once rated"
        case .note: return "Write a note on this sample"
        case .agreement: return "Agreement statistics for the current filter"
        case .disagreements: return "Disagreement review: samples most disagreed on"
        case .compare: return "Compare this question across k or models"
        case .findings: return "Findings: EM rates by condition, dose curves, prevalence"
        }
    }

    /// A short label for status-bar hints.
    public var hint: String {
        switch self {
        case .help: return "help"
        case .quit: return "quit"
        case .zoom: return "zoom"
        case .nextPane: return "pane"
        case .search: return "search"
        case .toggleExamples: return "examples"
        case .commandLine: return "cmd"
        case .searchNext: return "next match"
        case .back: return "back"
        case .filter: return "filter"
        case .facets: return "facets"
        case .toggleLabelling: return "label"
        case .noneApply: return "none apply"
        case .nextUnrated: return "next unrated"
        case .reveal: return "reveal"
        default: return rawValue
        }
    }
}
