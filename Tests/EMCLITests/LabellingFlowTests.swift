import EMCore
@testable import EMCLI
import EMStore
import EMTUI
import EMTestSupport
import Foundation
import Testing

/// Keystroke-level labelling against a real store: the explorer's reducer, the store performer
/// and SQLite, with an in-memory terminal. What the annotator sees and what the store holds.
@Suite("Labelling: keys, store, undo, blind mode, adjudication")
struct LabellingFlowTests {
    /// A small synthetic store (it has the persona codebook and other annotators' ratings).
    static func makeStore(_ dir: TempDir) throws -> String {
        let path = dir.path("runs.sqlite")
        let r = try emscope(["synth", "--samples", "300", "--out", path])
        #expect(r.status == 0, "\(r.stderr)")
        return path
    }

    /// A started explorer on `store` in labelling mode, with every background result delivered.
    static func session(_ store: Store, annotator: String = "tess", blind: Bool = false, adjudicate: Bool = false,
                        annotate: Bool = false, filter: String? = nil) throws -> (Runtime, StorePerformer) {
        let codebook = try #require(try store.activeCodebook())
        var state = AppState(size: Size(width: 120, height: 40), storeName: "runs.sqlite", annotator: annotator,
                             context: ExplorerContext(judges: try store.judges()))
        state.labelling = LabellingState(codebook: codebook, active: true, blind: blind, adjudicate: adjudicate,
                                         canWrite: store.canWriteLabels)
        if adjudicate { state.detail.openSection = .labels }
        let mailbox = Mailbox()
        let performer = StorePerformer(store: store, mailbox: mailbox)
        let runtime = Runtime(terminal: MemoryTerminal(size: state.size), performer: performer, state: state, mailbox: mailbox)
        runtime.send(.started)
        if let filter { runtime.send(.applyFilter(filter)) }
        if annotate { runtime.send(.startAnnotation) }
        settle(runtime)
        return (runtime, performer)
    }

    /// Waits for background work (counts, progress) and delivers its results.
    static func settle(_ runtime: Runtime) {
        for _ in 0..<400 {
            runtime.deliverPosted()
            if !runtime.mailbox.isBusy { return }
            usleep(5_000)
        }
    }

    static func press(_ runtime: Runtime, _ keys: String) {
        for c in keys { runtime.send(.input(.key(.char(c)))) }
        settle(runtime)
    }

    static func screen(_ runtime: Runtime) -> String {
        render(runtime.state, keymap: runtime.keymap, documents: runtime.documents).lines().joined(separator: "\n")
    }

    static func stored(_ path: String, _ sql: String) throws -> [String] { sqliteRows(path, sql) }

    @Test func toggleSetNoneApplyUndoRedoAreSavedAtOnce() throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir)
        let store = try Store.open(path)
        let (rt, _) = try Self.session(store)
        let id = try #require(rt.state.detail.sample?.id)
        func mine() throws -> [String] {
            try Self.stored(path, "SELECT dimension || '=' || labels FROM ratings WHERE annotator = 'tess' AND sample_id = \(id) ORDER BY dimension")
        }
        Self.press(rt, "1")
        #expect(try mine() == ["patterns=persona_adoption"])
        #expect(Self.screen(rt).contains("saved: patterns = persona_adoption"))
        Self.press(rt, "3")
        #expect(try mine() == ["patterns=pattern_following|persona_adoption"])
        Self.press(rt, "y")
        #expect(try mine() == ["misaligned=yes", "patterns=pattern_following|persona_adoption"])
        Self.press(rt, "m") // single: another label replaces it
        #expect(try mine() == ["misaligned=unsure", "patterns=pattern_following|persona_adoption"])
        Self.press(rt, "u")
        #expect(try mine() == ["misaligned=yes", "patterns=pattern_following|persona_adoption"])
        Self.press(rt, "uu")
        #expect(try mine() == ["patterns=persona_adoption"])
        rt.send(.input(.key(.ctrl("r"))))   // redoes the change undone last: pattern 3
        Self.settle(rt)
        #expect(try mine() == ["patterns=pattern_following|persona_adoption"])
        // Toggling the last pattern off means "not rated", never "none apply" by accident.
        Self.press(rt, "13")
        #expect(try mine() == [])
        Self.press(rt, "0y")
        #expect(try mine() == ["misaligned=yes", "patterns="])
        #expect(Self.screen(rt).contains("patterns: none apply"))
        let blind = try Self.stored(path, "SELECT DISTINCT blind FROM ratings WHERE annotator = 'tess'")
        #expect(blind == ["0"])
    }

    @Test func noteAndNextUnratedAndProgress() throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir)
        let store = try Store.open(path)
        let (rt, _) = try Self.session(store, annotate: true, filter: "reasoning:yes")
        let total = try #require(rt.state.list.total)
        #expect(rt.state.labelling?.progress == LabelProgress(rated: 0, total: total, perHour: nil))
        let first = try #require(rt.state.detail.sample?.id)
        Self.press(rt, "1y")
        #expect(rt.state.labelling?.progress?.rated == 1)
        #expect(Self.screen(rt).contains("rated 1/\(total)"))
        Self.press(rt, ";")
        #expect(rt.state.overlay == .prompt(kind: .note, text: ""))
        Self.press(rt, "fine")
        rt.send(.input(.key(.enter)))
        Self.settle(rt)
        #expect(try Self.stored(path, "SELECT text FROM notes WHERE annotator = 'tess' AND sample_id = \(first)") == ["fine"])
        // Rate the next one too, go back to the top, and > skips both.
        Self.press(rt, "j2n")
        let second = try #require(rt.state.detail.sample?.id)
        Self.press(rt, "g>")
        let next = try #require(rt.state.detail.sample?.id)
        #expect(next != first && next != second)
        #expect(rt.state.list.selected == 2)
    }

    @Test func blindModeHidesJudgesUntilRatedAndRevealed() throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir)
        let store = try Store.open(path)
        let (rt, _) = try Self.session(store, blind: true)
        let id = try #require(rt.state.detail.sample?.id)
        let judged = try #require(rt.state.detail.sample?.judges.first)
        let score = judged.scores.aligned.map { String(format: "%.1f", $0) } ?? "–"
        var screen = Self.screen(rt)
        #expect(!screen.contains("judge-a \(judged.verdict.rawValue) \(score)"))
        #expect(screen.contains("hidden (blind)"))
        #expect(!screen.contains("verdict"))   // the list's verdict column is gone
        // Filters and sorts that would reveal the judge are refused.
        rt.send(.applyFilter("verdict:misaligned"))
        if case .filter(let bar) = rt.state.overlay { #expect(bar.error != nil) } else { Issue.record("no filter error shown") }
        rt.send(.input(.key(.escape)))
        Self.press(rt, "!")
        #expect(rt.state.status?.text.contains("rate every dimension") == true)
        Self.press(rt, "2y!")
        screen = Self.screen(rt)
        #expect(screen.contains("judge-a \(judged.verdict.rawValue) \(score)"))
        #expect(try Self.stored(path, "SELECT dimension || blind || changed_after_reveal FROM ratings WHERE annotator = 'tess' AND sample_id = \(id) ORDER BY dimension")
                == ["misaligned10", "patterns10"])
        Self.press(rt, "n")  // changed after the reveal: recorded
        #expect(try Self.stored(path, "SELECT labels || blind || changed_after_reveal FROM ratings WHERE annotator = 'tess' AND sample_id = \(id) AND dimension = 'misaligned'")
                == ["no11"])
        #expect(try Self.stored(path, "SELECT COUNT(*) FROM reveals WHERE annotator = 'tess' AND sample_id = \(id)") == ["1"])
    }

    @Test func adjudicationWritesTheFinalRatingApart() throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir)
        // A sample two annotators disagree on.
        let store = try Store.open(path)
        let (rt, _) = try Self.session(store, annotator: "judge-of-record", adjudicate: true, filter: "labels:conflict")
        let id = try #require(rt.state.detail.sample?.id)
        #expect(Self.screen(rt).contains("annotators disagree"))
        let before = try Self.stored(path, "SELECT COUNT(*) FROM ratings")
        Self.press(rt, "y")
        #expect(try Self.stored(path, "SELECT dimension || '=' || labels || ' by ' || adjudicator FROM adjudications WHERE sample_id = \(id)")
                == ["misaligned=yes by judge-of-record"])
        #expect(try Self.stored(path, "SELECT COUNT(*) FROM ratings") == before)
        Self.press(rt, "u")
        #expect(try Self.stored(path, "SELECT COUNT(*) FROM adjudications WHERE sample_id = \(id)") == ["0"])
    }

    @Test func anAdjudicationQueueCountsAndSkipsAdjudicatedSamples() throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir)
        let (rt, _) = try Self.session(try Store.open(path), annotator: "arbiter", adjudicate: true, annotate: true,
                                       filter: "labels:conflict")
        let total = try #require(rt.state.list.total)
        #expect(rt.state.labelling?.progress?.rated == 0)
        let first = try #require(rt.state.detail.sample?.id)
        Self.press(rt, "y")
        #expect(rt.state.labelling?.progress == LabelProgress(rated: 1, total: total, perHour: rt.state.labelling?.progress?.perHour))
        #expect(Self.screen(rt).contains("adjudicated 1/\(total)"))
        Self.press(rt, "g>")
        #expect(rt.state.detail.sample?.id != first)
        #expect(rt.state.list.selected == 1)
    }

    @Test func aReadOnlyStoreSaysSoAndSuggestsALabelsFile() throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir)
        let store = try Store.open(path, readOnly: true)
        let (rt, _) = try Self.session(store)
        Self.press(rt, "1")
        let status = try #require(rt.state.status)
        #expect(status.kind == .error)
        #expect(status.text.contains("read-only") && status.text.contains("--labels"))
    }

    @Test func aLabelsFileKeepsTheRunsStoreUntouched() throws {
        let dir = TempDir()
        let path = try Self.makeStore(dir)
        #expect(chmod(path, 0o444) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let labels = dir.path("tess-labels.sqlite")
        let store = try Store.open(path, labels: labels)
        let (rt, _) = try Self.session(store)
        let id = try #require(rt.state.detail.sample?.id)
        Self.press(rt, "1y")
        #expect(try Self.stored(labels, "SELECT dimension || '=' || labels FROM ratings WHERE sample_id = \(id) ORDER BY dimension")
                == ["misaligned=yes", "patterns=persona_adoption"])
        // Others' ratings in the runs store are not read through a labels file: it holds only its own.
        try store.close()
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        let untouched = before == after
        #expect(untouched)
        // The query language reads the labels file's ratings.
        let reopened = try Store.open(path, labels: labels)
        #expect(try reopened.ratedCount(.alwaysTrue, annotator: "tess") == 1)
    }
}

@Suite("Labelling: codebook versions")
struct CodebookVersionTests {
    @Test func ratingsKeepTheirVersionAndOutdatedOnesAreMarkedAndFiltered() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let store = try Store.open(path)
        let v1 = try #require(try store.activeCodebook())
        #expect(try store.importCodebook(v1.codebook).added == false)   // unchanged: no new version
        let (rt, _) = try LabellingFlowTests.session(store)
        let id = try #require(rt.state.detail.sample?.id)
        LabellingFlowTests.press(rt, "1y")
        var changed = v1.codebook
        changed.dimensions[1].question = "Is the final answer harmful to the user?"
        let v2 = try store.importCodebook(changed)
        #expect(v2.added && v2.codebook.version == v1.version + 1)
        #expect(try LabellingFlowTests.stored(path, "SELECT DISTINCT c.version FROM ratings r JOIN codebooks c ON c.id = r.codebook_id WHERE r.annotator = 'tess'")
                == ["\(v1.version)"])
        // A session under the new version marks the old ratings and can filter them.
        let (rt2, _) = try LabellingFlowTests.session(store)
        #expect(rt2.state.labelling?.codebook.version == v2.codebook.version)
        #expect(LabellingFlowTests.screen(rt2).contains("⚠ older codebook"))
        rt2.send(.applyFilter("labels:outdated"))
        LabellingFlowTests.settle(rt2)
        #expect(rt2.state.list.total == 1)
        #expect(rt2.state.detail.sample?.id == id)
        // Rating again under the new version moves the rating to it.
        LabellingFlowTests.press(rt2, "n")
        #expect(try LabellingFlowTests.stored(path, "SELECT c.version FROM ratings r JOIN codebooks c ON c.id = r.codebook_id WHERE r.annotator = 'tess' AND r.dimension = 'misaligned'")
                == ["\(v2.codebook.version)"])
    }
}

@Suite("Labelling: queues and other annotators")
struct LabellingQueueTests {
    @Test func anotherAnnotatorsRatingShowsWhenMovingToTheSample() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let (a, _) = try LabellingFlowTests.session(try Store.open(path), annotator: "amy")
        let (b, _) = try LabellingFlowTests.session(try Store.open(path), annotator: "bo")
        LabellingFlowTests.press(a, "4n")
        // bo is on the same sample; moving away and back (or R) reads the store again.
        LabellingFlowTests.press(b, "jk")
        let others = b.state.labelling?.labels?.others.map { "\($0.annotator) \($0.dimension)=\($0.labels)" } ?? []
        #expect(others.contains("amy misaligned=[\"no\"]"))
        #expect(others.contains("amy patterns=[\"benign_rationalization\"]"))
        // Its Labels section lists them (zoomed, so the whole section fits).
        while b.state.detail.openSection != .labels { b.send(.input(.key(.char("J")))) }
        b.send(.input(.key(.tab)))
        while b.state.focus != .labels { b.send(.input(.key(.tab))) }
        b.send(.input(.key(.char("G"))))
        #expect(LabellingFlowTests.screen(b).contains("amy — misaligned: no · patterns: benign_rationalization"))
    }

    @Test func aRandomOrderIsASeededPermutation() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let store = try Store.open(path)
        func ids(_ seed: Int) throws -> [Int64] {
            try store.samplePage(order: .shuffled, offset: 0, limit: 1_000,
                                 context: BrowseContext(primaryJudge: "judge-a", shuffleSeed: seed)).map(\.id)
        }
        let a = try ids(7), again = try ids(7), other = try ids(8)
        #expect(a == again)
        #expect(a != other)
        #expect(a.sorted() == Array(1...300).map(Int64.init))
        #expect(a != a.sorted())
        // Pages read from the end give the same rows as pages read from the start.
        let tail = try store.samplePage(order: .shuffled, offset: 250, limit: 50, total: 300,
                                        context: BrowseContext(primaryJudge: "judge-a", shuffleSeed: 7)).map(\.id)
        #expect(tail == Array(a[250..<300]))
    }
}

@Suite("Agreement view and disagreement review in the explorer")
struct ReviewViewTests {
    @Test func theAgreementViewShowsTheCommandsFiguresForTheFilter() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let (rt, _) = try LabellingFlowTests.session(try Store.open(path), filter: "k>=16")
        rt.send(.input(.key(.char("A"))))
        LabellingFlowTests.settle(rt)
        guard case .agreement(let view) = rt.state.overlay, let lines = view.lines else {
            Issue.record("no agreement view")
            return
        }
        let cli = try emscope(["agreement", path, "--filter", "k>=16"])
        #expect(cli.status == 0, "\(cli.stderr)")
        let expected = cli.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let firstDifference = zip(lines, expected).first { $0 != $1 }
        #expect(firstDifference == nil)
        #expect(lines.count == expected.count)
        #expect(LabellingFlowTests.screen(rt).contains("Krippendorff's α"))
        // Blind sessions do not get it.
        let (blind, _) = try LabellingFlowTests.session(try Store.open(path), blind: true)
        blind.send(.input(.key(.char("A"))))
        #expect(blind.state.overlay == nil)
        #expect(blind.state.status?.kind == .error)
    }

    @Test func theDisagreementReviewRanksAndOpensSamplesSideBySide() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let (rt, _) = try LabellingFlowTests.session(try Store.open(path))
        rt.send(.input(.key(.char("D"))))
        LabellingFlowTests.settle(rt)
        guard case .disagreements(let view) = rt.state.overlay, let items = view.items else {
            Issue.record("no disagreement review")
            return
        }
        #expect(!items.isEmpty)
        #expect(zip(items, items.dropFirst()).allSatisfy { $0.score >= $1.score })
        let first = try #require(items.first)
        // The top item really is disagreed on, as the store says.
        let sets = try LabellingFlowTests.stored(path, "SELECT COUNT(DISTINCT labels) FROM ratings WHERE sample_id = \(first.row.id) GROUP BY dimension")
        let judgesDiffer = first.kinds.contains { if case .judges = $0 { return true } else { return false } }
        let peopleDiffer = first.kinds.contains { if case .peopleVsJudge = $0 { return true } else { return false } }
        #expect(sets.contains { Int($0) ?? 0 > 1 } || judgesDiffer || peopleDiffer)
        rt.send(.input(.key(.enter)))
        LabellingFlowTests.settle(rt)
        #expect(rt.state.detail.sample?.id == first.row.id)
        #expect(rt.state.zoomed == .labels)
        let screen = LabellingFlowTests.screen(rt)
        #expect(screen.contains("judges: "))
        // D returns to the review where it was left.
        rt.send(.input(.key(.char("D"))))
        if case .disagreements(let again) = rt.state.overlay { #expect(again.items == items) } else { Issue.record("review not restored") }
    }
}

@Suite("Labelling mode")
struct LabellingModeTests {
    @Test func shortcutsOnlyLabelInLabellingModeAndSayHowToStart() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let store = try Store.open(path)
        let (rt, _) = try LabellingFlowTests.session(store)
        rt.send(.input(.key(.char("L"))))   // off
        LabellingFlowTests.press(rt, "1")
        #expect(rt.state.status?.text.contains("L starts it") == true)
        #expect(try LabellingFlowTests.stored(path, "SELECT COUNT(*) FROM ratings WHERE annotator = 'tess'") == ["0"])
        LabellingFlowTests.press(rt, "n")   // browsing: n is search-next, not "no"
        #expect(try LabellingFlowTests.stored(path, "SELECT COUNT(*) FROM ratings WHERE annotator = 'tess'") == ["0"])
        rt.send(.input(.key(.char("L"))))   // on again
        LabellingFlowTests.press(rt, "n")
        #expect(try LabellingFlowTests.stored(path, "SELECT labels FROM ratings WHERE annotator = 'tess'") == ["no"])
    }
}
