import Dispatch
import Foundation
import EMCore
import EMFindings
import EMQuery
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
    /// The sample being looked at while labelling, and since when (for time per item).
    private var visiting: (id: Int64, since: Double)?
    /// Samples this session rated, and when the session started (for the pace).
    private var ratedThisSession = Set<Int64>()
    private let sessionStart = StorePerformer.now()
    /// A visit longer than this counts as this long: the annotator probably walked away.
    static let maxVisitSeconds = 300.0

    static func now() -> Double { Date().timeIntervalSinceReferenceDate }

    /// Samples newly rated per hour this session (nil before the first, or in the first minute).
    func pace() -> Double? {
        let hours = (Self.now() - sessionStart) / 3600
        guard !ratedThisSession.isEmpty, hours > 1.0 / 60 else { return nil }
        return Double(ratedThisSession.count) / hours
    }

    /// Ends the current visit (recording its time, capped) and starts one on `id`. The time is
    /// written on its own queue: moving to the next sample must not wait out another program's
    /// write lock (up to the 10 s busy timeout) for a figure the annotator never sees.
    private func recordVisit(_ id: Int64?, state: AppState) {
        let now = Self.now()
        if let v = visiting, let annotator = state.annotator, state.labelling?.canWrite == true, v.id != id {
            let store = self.store, mailbox = self.mailbox, seconds = min(now - v.since, Self.maxVisitSeconds)
            timing.async {
                do {
                    try store.addAnnotationTime(sampleID: v.id, annotator: annotator, seconds: seconds)
                } catch {
                    mailbox.begin()
                    mailbox.post(.failed("time on sample: \(error)"))
                }
            }
        }
        if visiting?.id != id { visiting = id.map { ($0, now) } }
    }

    private let timing = DispatchQueue(label: "emscope.annotation-time", qos: .utility)

    /// The Findings view's data: verdict counts per condition (all five fields), the pivot, the dose
    /// panels with at least two k values, and prevalence of the `patterns` labels among the
    /// misaligned samples (the same computation as `emscope summary` and `emscope prevalence`).
    static func findings(_ store: Store, state: AppState, context: BrowseContext) throws -> FindingsData {
        let counts = try store.conditionCounts(by: GroupField.allCases, filter: state.filter.sql, context: context)
        let rows = ConditionRow.rows(counts)
        let panels = (DoseCurves.panels(rows, seriesBy: .model) ?? []).filter { $0.ks.count >= 2 }
        let input = FindingsInput(store: store, storeName: store.path, judge: state.context.primaryJudge,
                                  rule: state.context.rule, filterText: state.filter.text, filter: state.filter.sql)
        // The annotators' majority, then each annotator alone (at most 8), split by model and k.
        var prevalence: [PrevalenceChoice] = []
        let who: [String?] = [nil] + (try store.ratingAnnotators()).prefix(8).map { Optional($0) }
        for annotator in who {
            do {
                let report = try PrevalenceRequest(dimension: "patterns", annotator: annotator, by: [.model, .k]).compute(input)
                prevalence.append(PrevalenceChoice(who: annotator ?? "the annotators' majority",
                                                   lines: PrevalenceOutput.textLines(report, by: [.model, .k], display: .terminal)))
            } catch let error as CLIError {
                prevalence.append(PrevalenceChoice(who: annotator ?? "the annotators' majority",
                                                   lines: ["No prevalence: \(error.message)"]))
                break
            }
        }
        return FindingsData(pivot: PivotTable(rows), panels: panels, prevalence: prevalence)
    }

    /// The rated samples of the filter (up to 5,000) and samples whose judges disagree (up to 2,000),
    /// ranked by disagreement.
    static func disagreements(_ store: Store, state: AppState, context: BrowseContext) throws -> [DisagreementItem] {
        var ids = try store.ratedSampleIDs(state.filter.sql, limit: 5_000)
        let judges = state.context.judges
        if judges.count > 1 {
            let query = QueryContext(primaryJudge: state.context.primaryJudge ?? "", annotator: state.annotator ?? "",
                                     rule: state.context.rule)
            if case .success(let disagree) = QueryLanguage.compile("judges:disagree", context: query) {
                let both = SampleFilter(sql: "(\(state.filter.sql.sql)) AND (\(disagree.sql))",
                                        arguments: state.filter.sql.arguments + disagree.arguments)
                ids += try store.sampleIDs(both, limit: 2_000)
            }
        }
        let rows = try store.sampleRows(ids: ids, context: context)
        let ratings = try store.ratings(sampleIDs: ids)
        let scores = try store.judgeScores(judges: judges, sampleIDs: ids)
        return Disagreements.rank(rows: rows, ratings: ratings, scores: scores, judges: judges, rule: state.context.rule)
    }

    /// Records the time on the sample being looked at when the session ends.
    func finishVisit(state: AppState) {
        recordVisit(nil, state: state)
        timing.sync {}
    }

    /// Commits each write of a group in its own transaction, then reports the sample's labels as stored.
    private func writeLabels(_ group: LabelWriteGroup, origin: LabelWriteOrigin, state: AppState) throws -> [Action] {
        guard let annotator = state.annotator, let lab = state.labelling else { return [] }
        for w in group.writes {
            switch w.target {
            case .mine:
                try store.setRating(RatingChange(sampleID: w.sampleID, annotator: annotator, dimension: w.dimension, labels: w.after,
                                                 codebookID: lab.codebook.id, blindSession: lab.blind))
            case .adjudication:
                try store.setAdjudication(sampleID: w.sampleID, dimension: w.dimension, labels: w.after, adjudicator: annotator,
                                          codebookID: lab.codebook.id)
            }
            if w.after != nil { ratedThisSession.insert(w.sampleID) }
        }
        guard let id = group.writes.first?.sampleID else { return [] }
        return [.labelsSaved(group, origin: origin, labels: try store.sampleLabels(sampleID: id, annotator: annotator))]
    }

    init(store: Store, mailbox: Mailbox) {
        self.store = store
        self.mailbox = mailbox
        counter = CountReader(store: store)
    }

    func context(_ state: AppState) -> BrowseContext {
        BrowseContext(primaryJudge: state.context.primaryJudge, rule: state.context.rule, annotator: state.annotator,
                      shuffleSeed: state.context.shuffleSeed)
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
                var actions: [Action] = [.detailLoaded(id: id, try store.sampleDetail(id: id, context: context(state)))]
                // Labels come with the detail, so moving to a sample shows the others' latest ratings.
                if state.labelling != nil, let annotator = state.annotator {
                    actions.insert(.labelsLoaded(try store.sampleLabels(sampleID: id, annotator: annotator)), at: 0)
                }
                return actions
            case .writeLabels(let group, let origin):
                return try writeLabels(group, origin: origin, state: state)
            case .saveNote(let id, let text):
                guard let annotator = state.annotator else { return [] }
                try store.setNote(sampleID: id, annotator: annotator, text: text)
                return [.labelsLoaded(try store.sampleLabels(sampleID: id, annotator: annotator)),
                        .notice(text.isEmpty ? "note removed" : "note saved")]
            case .reveal(let id):
                guard let annotator = state.annotator else { return [] }
                try store.reveal(sampleID: id, annotator: annotator)
                return [.labelsLoaded(try store.sampleLabels(sampleID: id, annotator: annotator)),
                        .notice("revealed: judges and other annotators' ratings are shown; changes from now on are marked")]
            case .visit(let id):
                recordVisit(id, state: state)
                return []
            case .findNextUnrated(let position):
                guard let annotator = state.annotator else { return [] }
                let adjudicating = state.labelling?.adjudicate == true
                if let next = try store.nextUnrated(state.filter.sql, order: state.sort, descending: state.descending,
                                                    after: position, annotator: annotator, adjudication: adjudicating,
                                                    context: context(state)) {
                    return [.jumpTo(next)]
                }
                return [.notice("no \(adjudicating ? "unadjudicated" : "unrated") sample after this one"
                                + (position > 0 ? " — g goes to the top" : ""))]
            case .loadAgreement:
                let store = self.store, mailbox = self.mailbox, state = state
                mailbox.begin()
                background.async {
                    do {
                        let rule = state.context.rule
                        let output = try AgreementOutput.compute(
                            store: store, name: store.path, dimension: nil, annotators: nil, filter: state.filter.sql,
                            filterText: state.filter.text.isEmpty ? nil : state.filter.text, blindOnly: false,
                            bootstrap: 0, seed: nil, judge: nil, rule: rule,
                            alignedBelow: rule.alignedBelow, coherentMin: rule.coherentMin)
                        let lines = AgreementText.render(output).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                        mailbox.post(.agreementLoaded(lines, generation: generation))
                    } catch {
                        mailbox.post(.failed("agreement: \(error)"))
                    }
                }
                return []
            case .loadDisagreements:
                let store = self.store, mailbox = self.mailbox, state = state, browse = context(state)
                mailbox.begin()
                background.async {
                    do {
                        mailbox.post(.disagreementsLoaded(try Self.disagreements(store, state: state, context: browse),
                                                          generation: generation))
                    } catch {
                        mailbox.post(.failed("disagreements: \(error)"))
                    }
                }
                return []
            case .loadFindings:
                let store = self.store, mailbox = self.mailbox, state = state, browse = context(state)
                mailbox.begin()
                background.async {
                    do {
                        mailbox.post(.findingsLoaded(try Self.findings(store, state: state, context: browse), generation: generation))
                    } catch {
                        mailbox.post(.failed("findings: \(error)"))
                    }
                }
                return []
            case .loadCompare(let anchor, let axis):
                return [.compareLoaded(anchor: anchor, try store.compareDetails(of: anchor, axis: axis, context: context(state)))]
            case .stepCompare(let from, let forward):
                return [.compareMoved(try store.neighbourQuestion(of: from, forward: forward))]
            case .loadProgress:
                guard let annotator = state.annotator else { return [] }
                let store = self.store, mailbox = self.mailbox, filter = state.filter.sql
                let adjudicating = state.labelling?.adjudicate == true
                let pace = self.pace()
                mailbox.begin()
                background.async {
                    do {
                        let total = try store.sampleCount(filter)
                        let rated = try store.ratedCount(filter, annotator: annotator, adjudication: adjudicating)
                        mailbox.post(.progressLoaded(LabelProgress(rated: rated, total: total, perHour: pace)))
                    } catch {
                        mailbox.post(.failed("\(error)"))
                    }
                }
                return []
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
