import EMCore
import EMStore
import EMTUI

/// Runs the explorer's effects against a store and reports the results as actions.
/// Every store error becomes a `.failed` action: a status-bar message, never a crash.
final class StorePerformer: EffectPerformer {
    let store: Store
    var filter: SampleFilter

    init(store: Store, filter: SampleFilter = .alwaysTrue) {
        self.store = store
        self.filter = filter
    }

    func context(_ state: AppState) -> BrowseContext {
        BrowseContext(primaryJudge: state.context.primaryJudge, rule: state.context.rule, annotator: state.annotator)
    }

    func perform(_ effect: Effect, state: AppState) -> [Action] {
        do {
            switch effect {
            case .loadCount:
                return [.countLoaded(try store.sampleCount(filter))]
            case .loadRows(let start, let count):
                return [.rowsLoaded(start: start, rows: try store.samplePage(filter, offset: start, limit: count,
                                                                             context: context(state)))]
            case .loadDetail(let id):
                return [.detailLoaded(id: id, try store.sampleDetail(id: id, context: context(state)))]
            case .loadExamples(let runID):
                return [.examplesLoaded(runID: runID, try store.runExamples(runID: runID))]
            case .suspend:
                return []
            }
        } catch {
            return [.failed(error.description)]
        }
    }
}
