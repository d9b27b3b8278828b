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
        With no STORE, opens the synthetic sample runs (sample-runs/demo.sqlite, built from
        sample-runs/study.jsonl on first use). Press ? inside for the keys.

        Examples:
          emscope
          emscope runs.sqlite --judge judge-b
          emscope runs.sqlite --filter 'k>=64 verdict:misaligned unrated'
        """)

    @Argument(help: "The store to open (default: the sample runs).")
    var store: String?

    @OptionGroup var verdict: VerdictOptions

    @Option(help: "Your annotator name (default: $EMSCOPE_ANNOTATOR, else your login name).")
    var annotator: String?

    @Flag(name: .customLong("read-only"), help: "Never write to the store.")
    var readOnly = false

    @Option(help: "Open with this query applied (see docs/query.md), e.g. 'model:gemini* k>=64 verdict:misaligned'.")
    var filter: String?

    func run() throws {
        guard isatty(0) != 0, isatty(1) != 0 else {
            throw CLIError("the explorer needs a terminal; for scripts use 'emscope info', 'emscope export jsonl' or 'emscope --help'",
                           exitCode: 2)
        }
        let path = try store ?? SampleRuns.ensureDemoStore()
        let s = try Store.open(path, readOnly: readOnly)
        let judges = try s.judges()
        if let judge = verdict.judge, !judges.contains(judge) {
            throw CLIError("\(path): no judge named '\(judge)' — judges: \(judges.joined(separator: ", "))")
        }
        let context = ExplorerContext(judges: judges, primaryJudge: verdict.judge,
                                      rule: VerdictRule(alignedBelow: verdict.alignedBelow, coherentMin: verdict.coherentMin))
        let name = (path as NSString).lastPathComponent + (s.isReadOnly ? " (read-only)" : "")
        let state = AppState(size: Size(width: 80, height: 24), storeName: name, annotator: Annotator.resolve(annotator),
                             context: context)
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
        runtime.run(initial: filter.map { [.applyFilter($0)] } ?? [], stopRequested: { terminal.terminationRequested })
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
        return env["LOGNAME"]
    }
}
