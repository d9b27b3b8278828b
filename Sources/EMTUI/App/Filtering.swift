import Foundation
import EMCore
import EMQuery

/// Applying a query to the list: compile it under the session's judge, annotator and thresholds,
/// then restart the list. A query with an error is never run.
enum Filtering {
    /// The query context for the current session.
    static func context(_ state: AppState) -> QueryContext {
        QueryContext(primaryJudge: state.context.primaryJudge ?? "", annotator: state.annotator ?? "",
                     rule: state.context.rule, blind: state.labelling?.blind ?? false)
    }

    /// Compiles and applies `text` (empty clears the filter); on success returns the effects that
    /// reload the list, on failure leaves the state's filter unchanged.
    static func apply(_ state: inout AppState, _ text: String, record: Bool = true) -> Result<[Effect], QueryError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let sql: SQLFragment
        if trimmed.isEmpty {
            sql = .alwaysTrue
        } else {
            switch QueryLanguage.compile(trimmed, context: context(state)) {
            case .success(let s): sql = s
            case .failure(let e): return .failure(e)
            }
        }
        state.filter = AppliedFilter(text: trimmed, sql: sql)
        var effects = restartList(&state)
        if record && !trimmed.isEmpty {
            if state.history.first != trimmed {
                state.history.removeAll { $0 == trimmed }
                state.history.insert(trimmed, at: 0)
            }
            effects.append(.recordFilter(trimmed))
        }
        return .success(effects)
    }

    /// `apply`, showing the filter bar with the error when the query does not compile.
    static func applyOrShow(_ state: inout AppState, _ text: String) -> [Effect] {
        switch apply(&state, text) {
        case .success(let effects): return effects
        case .failure(let error):
            state.overlay = .filter(FilterBarState(text: text, error: error))
            return []
        }
    }

    /// Forgets the loaded rows (and the count unless `keepCount`) and asks for them again.
    /// The first page is asked for before the count: effects run in order, so the count (which
    /// runs in the background, and at a million samples takes seconds) starts only after the page
    /// query, instead of competing with it for the CPU and the disk.
    static func restartList(_ state: inout AppState, keepCount: Bool = false) -> [Effect] {
        state.generation += 1
        state.list.window = []
        state.list.windowStart = 0
        state.list.pendingWindowStart = nil
        state.list.selected = 0
        state.list.offset = 0
        state.detail.sample = nil
        state.detail.loadingID = nil
        if !keepCount { state.list.total = nil }
        return ensureWindow(&state) + (keepCount ? [] : [.loadCount])
    }
}
