/// Performs effects against the outside world (the store) and reports what happened as actions.
public protocol EffectPerformer: AnyObject {
    func perform(_ effect: Effect, state: AppState) -> [Action]
}

/// The event loop: terminal input → actions → `reduce` → effects → performer → actions, then
/// one `render` and one `draw` per batch. It is handed its terminal; it never creates one.
public final class Runtime {
    public private(set) var state: AppState
    public let keymap: Keymap
    public let documents = DocumentCache()
    private let terminal: Terminal
    private let performer: EffectPerformer
    private let env: ReduceEnvironment

    public init(terminal: Terminal, performer: EffectPerformer, state: AppState, keymap: Keymap = .standard) {
        self.terminal = terminal
        self.performer = performer
        self.keymap = keymap
        var s = state
        s.size = terminal.size
        self.state = s
        env = documents.environment(keymap: keymap)
    }

    /// Sends one action through the reducer and runs the effects it returns (and theirs).
    public func send(_ action: Action) {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            let effects = reduce(&state, next, env)
            for effect in effects {
                if case .suspend = effect {
                    terminal.suspend()
                    terminal.resume()
                    continue
                }
                queue += performer.perform(effect, state: state)
            }
        }
    }

    /// Renders the current state and draws it.
    public func draw() {
        terminal.draw(render(state, keymap: keymap, documents: documents))
    }

    /// Runs until the user quits or `stopRequested` says so (SIGTERM, SIGHUP).
    public func run(stopRequested: () -> Bool = { false }) {
        send(.started)
        draw()
        while !state.shouldQuit && !stopRequested() {
            guard let event = terminal.nextEvent(timeoutMilliseconds: 250) else { continue }
            send(.input(event))
            // Drain keys that are already waiting (held-down j) before drawing again.
            var drained = 0
            while drained < 64, !state.shouldQuit, let more = terminal.nextEvent(timeoutMilliseconds: 0) {
                send(.input(more))
                drained += 1
            }
            draw()
        }
    }
}
