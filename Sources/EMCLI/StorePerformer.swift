import Dispatch
import EMCore
import EMStore
import EMTUI

/// Runs the explorer's effects against a store and reports the results as actions.
/// Every store error becomes a `.failed` action: a status-bar message, never a crash.
/// Counts run on a background queue (a filtered count over a million rows can take a while);
/// results of superseded queries are dropped by generation.
final class StorePerformer: EffectPerformer {
    let store: Store
    let mailbox: Mailbox
    private let background = DispatchQueue(label: "emscope.counts", qos: .userInitiated)
    private let indexing = DispatchQueue(label: "emscope.search-index", qos: .utility)

    /// Brings the text-search index up to date in the background (batches of 1,000 samples, each
    /// its own transaction, so the explorer keeps reading meanwhile). Text filters cover only the
    /// samples indexed so far until the notice says the index is ready.
    func startIndexing() {
        let store = self.store, mailbox = self.mailbox
        let pending = store.searchIndexStatus().pending
        guard pending > 0 else { return }
        mailbox.begin()
        indexing.async {
            do {
                try store.updateSearchIndex()
                mailbox.post(.notice("search index ready: text search covers all samples"))
            } catch {
                mailbox.post(.failed("search index: \(error)"))
            }
        }
    }

    private let counter: CountReader

    init(store: Store, mailbox: Mailbox) {
        self.store = store
        self.mailbox = mailbox
        counter = CountReader(store: store)
    }

    func context(_ state: AppState) -> BrowseContext {
        BrowseContext(primaryJudge: state.context.primaryJudge, rule: state.context.rule, annotator: state.annotator)
    }

    func perform(_ effect: Effect, state: AppState) -> [Action] {
        let generation = state.generation
        do {
            switch effect {
            case .loadCount:
                // A newer query cancels the count still running for an older one.
                let counter = self.counter, mailbox = self.mailbox, filter = state.filter.sql
                counter.cancel()
                mailbox.begin()
                background.async {
                    do {
                        mailbox.post(.countLoaded(try counter.count(filter), generation: generation))
                    } catch let error as StoreError where error.kind == .interrupted {
                        mailbox.post(.countLoaded(-1, generation: -1)) // superseded: dropped by generation
                    } catch {
                        mailbox.post(.failed("\(error)"))
                    }
                }
                return []
            case .loadRows(let start, let count):
                let rows = try store.samplePage(state.filter.sql, order: state.sort, descending: state.descending,
                                                offset: start, limit: count, total: state.list.total, context: context(state))
                return [.rowsLoaded(start: start, rows: rows, generation: generation)]
            case .loadDetail(let id):
                return [.detailLoaded(id: id, try store.sampleDetail(id: id, context: context(state)))]
            case .loadExamples(let runID):
                return [.examplesLoaded(runID: runID, try store.runExamples(runID: runID))]
            case .loadFacets:
                // Grouping a million rows takes seconds: off the input loop, like counts.
                let store = self.store, mailbox = self.mailbox, filter = state.filter.sql, browse = context(state)
                mailbox.begin()
                background.async {
                    do {
                        mailbox.post(.facetsLoaded(try store.facets(filter, context: browse), generation: generation))
                    } catch {
                        mailbox.post(.failed("\(error)"))
                    }
                }
                return []
            case .loadHistory:
                return [.historyLoaded(try store.filterHistory())]
            case .recordFilter(let query):
                try store.recordFilter(query)
                return []
            case .loadSavedFilters:
                return [.savedFiltersLoaded(try store.savedFilters())]
            case .saveFilter(let name, let query):
                try store.saveFilter(name: name, query: query)
                return [.savedFiltersLoaded(try store.savedFilters()), .notice("saved filter '\(name)' — :load \(name) applies it")]
            case .suspend:
                return []
            }
        } catch {
            return [.failed("\(error)")]
        }
    }
}
