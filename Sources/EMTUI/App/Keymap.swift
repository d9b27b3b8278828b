/// Where a binding applies. Lookups try the focused scope first, then `global`.
public enum KeyScope: String, Sendable, Hashable, CaseIterable {
    case global, list, detail, prompt, zoomed
}

/// One key bound to one command in one scope.
public struct KeyBinding: Sendable, Hashable {
    public var key: Key
    public var command: Command
    public var scope: KeyScope
    /// Shown in the status bar for this scope.
    public var showsHint: Bool

    public init(_ key: Key, _ command: Command, _ scope: KeyScope = .global, hint: Bool = false) {
        self.key = key
        self.command = command
        self.scope = scope
        showsHint = hint
    }
}

/// The key bindings, as data. No default key is one that tmux or screen capture (Ctrl-b, Ctrl-a).
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// The command bound to a key, looking in `scopes` in order, then in `global`.
    public func command(for key: Key, in scopes: [KeyScope]) -> Command? {
        for scope in scopes + [.global] {
            if let b = bindings.first(where: { $0.scope == scope && $0.key == key }) { return b.command }
        }
        return nil
    }

    /// Keys bound to a command in a scope (or globally), in binding order.
    public func keys(for command: Command, in scope: KeyScope? = nil) -> [Key] {
        bindings.filter { $0.command == command && (scope == nil || $0.scope == scope || $0.scope == .global) }.map(\.key)
    }

    /// Hints for the status bar: `key hint` pairs for the focused scopes and global.
    public func hints(for scopes: [KeyScope]) -> [(key: String, hint: String)] {
        var seen = Set<Command>()
        var out: [(String, String)] = []
        for scope in scopes + [.global] {
            for b in bindings where b.scope == scope && b.showsHint && !seen.contains(b.command) {
                seen.insert(b.command)
                out.append((b.key.displayName, b.command.hint))
            }
        }
        return out
    }

    /// Help lines grouped by scope: each command once, with all its keys.
    public func helpSections() -> [(title: String, lines: [(keys: String, help: String)])] {
        KeyScope.allCases.compactMap { scope in
            var order: [Command] = []
            var keys: [Command: [String]] = [:]
            for b in bindings where b.scope == scope {
                if keys[b.command] == nil { order.append(b.command) }
                keys[b.command, default: []].append(b.key.displayName)
            }
            guard !order.isEmpty else { return nil }
            let title: String
            switch scope {
            case .global: title = "Everywhere"
            case .list: title = "Sample list"
            case .detail: title = "Detail sections"
            case .prompt: title = "Prompt section"
            case .zoomed: title = "Zoomed section"
            }
            return (title, order.map { (keys[$0, default: []].joined(separator: " "), $0.help) })
        }
    }

    /// The default keymap: less/vim/tig conventions.
    public static let standard = Keymap(bindings: [
        KeyBinding(.char("j"), .moveDown), KeyBinding(.down, .moveDown),
        KeyBinding(.char("k"), .moveUp), KeyBinding(.up, .moveUp),
        KeyBinding(.pageDown, .pageDown), KeyBinding(.char(" "), .pageDown), KeyBinding(.ctrl("f"), .pageDown),
        KeyBinding(.pageUp, .pageUp), KeyBinding(.char("b"), .pageUp),
        KeyBinding(.ctrl("d"), .halfPageDown), KeyBinding(.ctrl("u"), .halfPageUp),
        KeyBinding(.char("g"), .top), KeyBinding(.home, .top),
        KeyBinding(.char("G"), .bottom), KeyBinding(.end, .bottom),
        KeyBinding(.tab, .nextPane, hint: true), KeyBinding(.backTab, .previousPane),
        KeyBinding(.enter, .zoom, hint: true),
        KeyBinding(.escape, .back),
        KeyBinding(.char("q"), .quit, hint: true),
        KeyBinding(.ctrl("c"), .forceQuit),
        KeyBinding(.char("?"), .help, hint: true), KeyBinding(.function(1), .help),
        KeyBinding(.char(":"), .commandLine),
        KeyBinding(.char("/"), .search, hint: true),
        KeyBinding(.char("n"), .searchNext), KeyBinding(.char("N"), .searchPrevious),
        KeyBinding(.char("J"), .nextSection), KeyBinding(.char("K"), .previousSection),
        KeyBinding(.char("e"), .toggleExamples, .prompt, hint: true),
        KeyBinding(.char("]"), .nextExample, .prompt), KeyBinding(.char("["), .previousExample, .prompt),
        KeyBinding(.char("R"), .refresh), KeyBinding(.ctrl("l"), .refresh),
        KeyBinding(.ctrl("z"), .suspend),
        KeyBinding(.char("f"), .filter, hint: true), KeyBinding(.char("F"), .facets),
        KeyBinding(.char("s"), .sort, .list), KeyBinding(.char("S"), .reverseSort, .list),
        KeyBinding(.char("L"), .toggleLabelling, hint: true),
        KeyBinding(.char("0"), .noneApply), KeyBinding(.char("u"), .undo), KeyBinding(.ctrl("r"), .redo),
        KeyBinding(.char(">"), .nextUnrated), KeyBinding(.char("!"), .reveal), KeyBinding(.char(";"), .note),
        KeyBinding(.char("A"), .agreement), KeyBinding(.char("D"), .disagreements), KeyBinding(.char("C"), .compare),
        KeyBinding(.char("E"), .findings),
    ])
}
