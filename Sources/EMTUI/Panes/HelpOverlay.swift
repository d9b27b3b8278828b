import EMCore

/// The help overlay, generated from the keymap and the `:` commands.
enum HelpOverlay {
    static func lines(keymap: Keymap, codebook: Codebook? = nil) -> [(text: String, role: StyleRole)] {
        var out: [(String, StyleRole)] = [("emscope keys — q, Esc or ? closes, j/k scroll", .title), ("", .overlay)]
        if let codebook {
            out.append(("Labelling (L turns it on; its keys then come before the others)", .bold))
            for d in codebook.dimensions {
                out.append(("  \(d.key) (\(d.kind.rawValue)): \(d.question)", .overlay))
                for l in d.labels {
                    out.append(("    " + l.shortcut.padding(toLength: 16, withPad: " ", startingAt: 0) + l.name, .overlay))
                }
            }
            out.append(("", .overlay))
        }
        for section in keymap.helpSections() {
            out.append((section.title, .bold))
            for line in section.lines {
                out.append(("  " + line.keys.padding(toLength: 18, withPad: " ", startingAt: 0) + line.help, .overlay))
            }
            out.append(("", .overlay))
        }
        out.append(("Commands (:)", .bold))
        for c in PromptLine.commands {
            out.append(("  " + c.name.padding(toLength: 18, withPad: " ", startingAt: 0) + c.help, .overlay))
        }
        out.append(("", .overlay))
        out.append(("Mouse: click selects a row or focuses a section; the wheel scrolls.", .overlay))
        return out
    }

    static func reduce(_ state: inout AppState, _ key: Key, _ env: ReduceEnvironment) -> [Effect] {
        guard case .help(var scroll) = state.overlay else { return [] }
        let total = lines(keymap: env.keymap, codebook: state.labelling?.codebook.codebook).count
        let height = max(1, state.size.height - 4)
        switch key {
        case .char("q"), .escape, .char("?"), .enter: state.overlay = nil; return []
        case .ctrl("c"): state.shouldQuit = true; return []
        case .char("j"), .down: scroll += 1
        case .char("k"), .up: scroll -= 1
        case .pageDown, .char(" "): scroll += height
        case .pageUp, .char("b"): scroll -= height
        case .char("g"), .home: scroll = 0
        case .char("G"), .end: scroll = total
        default: return []
        }
        state.overlay = .help(scroll: max(0, min(scroll, max(0, total - height))))
        return []
    }

    static func render(keymap: Keymap, codebook: Codebook?, scroll: Int, size: Size, into buf: inout CellBuffer) {
        let all = lines(keymap: keymap, codebook: codebook)
        let width = min(size.width - 4, 76)
        let height = min(size.height - 2, all.count + 2)
        let rect = Rect(x: (size.width - width) / 2, y: (size.height - height) / 2, width: width, height: height)
        buf.fill(rect, role: .overlay)
        // Border.
        for x in rect.x..<rect.maxX {
            buf.set(x: x, y: rect.y, Cell(text: "─", width: 1, role: .borderFocused))
            buf.set(x: x, y: rect.maxY - 1, Cell(text: "─", width: 1, role: .borderFocused))
        }
        for y in rect.y..<rect.maxY {
            buf.set(x: rect.x, y: y, Cell(text: "│", width: 1, role: .borderFocused))
            buf.set(x: rect.maxX - 1, y: y, Cell(text: "│", width: 1, role: .borderFocused))
        }
        for (x, y, c) in [(rect.x, rect.y, "┌"), (rect.maxX - 1, rect.y, "┐"), (rect.x, rect.maxY - 1, "└"), (rect.maxX - 1, rect.maxY - 1, "┘")] {
            buf.set(x: x, y: y, Cell(text: c, width: 1, role: .borderFocused))
        }
        let inner = rect.inset(1)
        for (i, line) in all.dropFirst(scroll).prefix(inner.height).enumerated() {
            buf.put(line.text, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 2, role: line.role)
        }
    }
}
