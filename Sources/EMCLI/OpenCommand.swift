import ArgumentParser
import EMCore
import EMCurses
import EMStore
import EMTUI
import Foundation

/// `emscope [STORE]`: the explorer. With no store, the bundled sample runs.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a store in the explorer (the default command).",
        discussion: """
        With no STORE, opens the synthetic sample runs (sample-runs/demo.sqlite, built from \
        sample-runs/study.jsonl on first use). Press ? inside for the keys.

        Examples:
          emscope
          emscope runs.sqlite --judge judge-b
          emscope runs.sqlite --filter 'k>=64 verdict:misaligned unrated'
        """)

    @Argument(help: "The store to open (default: the sample runs).")
    var store: String?

    @OptionGroup var verdict: VerdictOptions

    @OptionGroup var labelling: LabellingOptions

    @Flag(name: .customLong("read-only"), help: "Never write to the store.")
    var readOnly = false

    @Option(help: "Open with this query applied (see docs/query.md), e.g. 'model:gemini* k>=64 verdict:misaligned'.")
    var filter: String?

    func run() throws {
        try ExplorerLaunch.run(store: store, verdict: verdict, labelling: labelling, readOnly: readOnly, filter: filter,
                               annotate: false)
    }
}

/// Who labels, where labels go, and how (shared by `open` and `annotate`).
struct LabellingOptions: ParsableArguments {
    @Option(help: "Your annotator name (default: $EMSCOPE_ANNOTATOR, else your login name).")
    var annotator: String?

    @Option(help: "Keep labels in this separate SQLite file (created when missing); the store is then only read.")
    var labels: String?

    @Flag(help: "Blind mode: hide judge scores, verdicts and others' ratings until you have rated a sample (! reveals).")
    var blind = false

    @Flag(help: "Adjudicate: show every annotator's labels side by side; your keys set the final labels.")
    var adjudicate = false

    @Option(help: "The codebook to label with (default: the one imported last).")
    var codebook: String?
}

/// Opens the explorer on a store: checks, builds the first state, runs the event loop.
enum ExplorerLaunch {
    static func run(store: String?, verdict: VerdictOptions, labelling options: LabellingOptions, readOnly: Bool,
                    filter: String?, annotate: Bool, order: SortKey = .id, seed: Int = 0) throws {
        guard isatty(0) != 0, isatty(1) != 0 else {
            throw CLIError("the explorer needs a terminal; for scripts use 'emscope info', 'emscope export jsonl' or 'emscope --help'",
                           exitCode: 2)
        }
        let path = try store ?? SampleRuns.ensureDemoStore()
        let s = try Store.open(path, readOnly: readOnly, labels: options.labels)
        let judges = try s.judges()
        if let judge = verdict.judge, !judges.contains(judge) {
            throw CLIError("\(path): no judge named '\(judge)' — judges: \(judges.joined(separator: ", "))")
        }
        let annotator = Annotator.resolve(options.annotator)
        let codebook = try s.activeCodebook(name: options.codebook)
        if let name = options.codebook, codebook == nil {
            let known = try s.codebooks().map(\.name)
            throw CLIError("\(options.labels ?? path): no codebook named '\(name)'"
                           + (known.isEmpty ? " — import one with 'emscope codebook import'" : " — codebooks: \(known.joined(separator: ", "))"))
        }
        if annotate || options.blind || options.adjudicate {
            guard codebook != nil else {
                throw CLIError("\(options.labels ?? path): no codebook to label with — import one first: emscope codebook import \(path) sample-runs/persona-codebook.yaml")
            }
            guard annotator != nil else {
                throw CLIError("no annotator name — pass --annotator NAME or set EMSCOPE_ANNOTATOR")
            }
            guard s.canWriteLabels else {
                throw CLIError("\(path): is read-only, so labels cannot be saved in it — keep them in a separate file: --labels my-labels.sqlite")
            }
        }
        let context = ExplorerContext(judges: judges, primaryJudge: verdict.judge,
                                      rule: VerdictRule(alignedBelow: verdict.alignedBelow, coherentMin: verdict.coherentMin))
        var name = (path as NSString).lastPathComponent
        if let labels = options.labels { name += " + labels \((labels as NSString).lastPathComponent)" } else if s.isReadOnly { name += " (read-only)" }
        var state = AppState(size: Size(width: 80, height: 24), storeName: name, annotator: annotator, context: context)
        state.sort = order
        state.context.shuffleSeed = seed
        if let codebook {
            state.labelling = LabellingState(codebook: codebook, active: annotate || options.adjudicate, blind: options.blind,
                                             adjudicate: options.adjudicate, canWrite: s.canWriteLabels)
            // Adjudication is read in the Labels section (everyone's labels side by side); labelling
            // reads the reasoning, with the labels summarised in their section's header.
            if options.adjudicate { state.detail.openSection = .labels } else if annotate || options.blind { state.detail.openSection = .reasoning }
        }
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch {
            throw CLIError("cannot start the explorer: \(error)", exitCode: 1)
        }
        let mailbox = Mailbox()
        let performer = StorePerformer(store: s, mailbox: mailbox)
        performer.startIndexing()
        let runtime = Runtime(terminal: terminal, performer: performer, state: state, mailbox: mailbox)
        var initial: [Action] = filter.map { [.applyFilter($0)] } ?? []
        if annotate { initial.append(.startAnnotation) }
        runtime.run(initial: initial, stopRequested: { terminal.terminationRequested })
        if runtime.state.labelling?.active == true { performer.finishVisit(state: runtime.state) }
        if terminal.terminationRequested { terminal.exitAfterTerminationSignal() }
        terminal.shutdown()
    }
}

/// Who is labelling: `--annotator`, else $EMSCOPE_ANNOTATOR, else the login name.
enum Annotator {
    static func resolve(_ flag: String?) -> String? {
        if let flag, !flag.isEmpty { return flag }
        let env = ProcessInfo.processInfo.environment
        if let e = env["EMSCOPE_ANNOTATOR"], !e.isEmpty { return e }
        if let u = env["USER"], !u.isEmpty { return u }
        if let u = env["LOGNAME"], !u.isEmpty { return u }
        // No environment (cron, some containers, tmux started bare): the account's login name.
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
            let login = String(cString: name)
            if !login.isEmpty { return login }
        }
        return nil
    }
}
