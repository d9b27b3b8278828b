import Foundation

/// Performs effects against the outside world (the store) and reports what happened as actions.
/// Quick effects return their actions; slow ones (counts over a million rows) run elsewhere and
/// post their actions to the mailbox, so input is never blocked.
public protocol EffectPerformer: AnyObject {
    func perform(_ effect: Effect, state: AppState) -> [Action]
}

/// Actions posted from background work, drained by the runtime between input events.
public final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Action] = []
    private var outstanding = 0

    public init() {}

    /// Notes that background work started; `post` ends it.
    public func begin() {
        lock.lock(); outstanding += 1; lock.unlock()
    }

    /// Delivers the result of background work.
    public func post(_ action: Action) {
        lock.lock(); actions.append(action); outstanding -= 1; lock.unlock()
    }

    /// True while background work is running or its results wait.
    public var isBusy: Bool {
        lock.lock(); defer { lock.unlock() }
        return outstanding > 0 || !actions.isEmpty
    }

    func drain() -> [Action] {
        lock.lock(); defer { lock.unlock() }
        let out = actions
        actions = []
        return out
    }
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
    /// Where background effects deliver their actions.
    public let mailbox: Mailbox

    public init(terminal: Terminal, performer: EffectPerformer, state: AppState, keymap: Keymap = .standard,
                mailbox: Mailbox = Mailbox()) {
        self.mailbox = mailbox
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

    /// Sends the actions background work has posted; true when there were any.
    @discardableResult
    public func deliverPosted() -> Bool {
        let posted = mailbox.drain()
        for action in posted { send(action) }
        return !posted.isEmpty
    }

    /// Runs until the user quits or `stopRequested` says so (SIGTERM, SIGHUP).
    public func run(initial: [Action] = [], stopRequested: () -> Bool = { false }) {
        send(.started)
        for action in initial { send(action) }
        draw()
        while !state.shouldQuit && !stopRequested() {
            // Poll quickly while background work is pending, so its result shows at once.
            let event = terminal.nextEvent(timeoutMilliseconds: mailbox.isBusy ? 15 : 250)
            let delivered = deliverPosted()
            guard let event else {
                if delivered { draw() }
                continue
            }
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
