import EMCore
import EMText

/// The one-line prompt at the bottom of the screen: `:` commands and `/` search.
enum PromptLine {
    static func reduce(_ state: inout AppState, _ key: Key, _ env: ReduceEnvironment) -> [Effect] {
        guard case .prompt(let kind, var text) = state.overlay else { return [] }
        switch key {
        case .escape, .ctrl("c"):
            state.overlay = nil
            return []
        case .backspace:
            if text.isEmpty { state.overlay = nil; return [] }
            text.removeLast()
        case .ctrl("u"):
            text = ""
        case .enter:
            state.overlay = nil
            switch kind {
            case .command: return runCommand(&state, text, env)
            case .search: return startSearch(&state, text, env)
            case .note:
                guard let id = state.labelling?.labels?.sampleID else { return [] }
                return [.saveNote(sampleID: id, text: text.trimmingCharacters(in: .whitespaces))]
            }
        case .char(let c):
            text.append(c)
        default:
            return []
        }
        state.overlay = .prompt(kind: kind, text: text)
        return []
    }

    /// The `:` commands, with their help lines (also listed in the help overlay).
    static let commands: [(name: String, help: String)] = [
        (":q, :quit", "Quit"),
        (":help", "Show the keys"),
        (":N, :goto N", "Go to row N of the list"),
        (":judge NAME", "Make NAME the primary judge"),
        (":top, :bottom", "Go to the first or last row"),
        (":save NAME", "Save the current filter under NAME"),
        (":load NAME", "Apply the saved filter NAME"),
        (":filters", "Pick a saved filter"),
        (":sort KEY [desc]", "Sort by id, model, dataset, k, question, aligned or coherent"),
        (":agreement", "Agreement statistics for the current filter (also A)"),
        (":disagreements", "Samples ranked by disagreement (also D)"),
        (":compare [models]", "This question across k, or across models (also C)"),
        (":findings", "EM rates by condition, dose curves, prevalence (also E)"),
    ]

    static func runCommand(_ state: inout AppState, _ text: String, _ env: ReduceEnvironment) -> [Effect] {
        let words = text.split(separator: " ").map(String.init)
        guard let name = words.first else { return [] }
        switch name {
        case "q", "quit", "q!":
            state.shouldQuit = true
            return []
        case "help", "h":
            state.overlay = .help(scroll: 0)
            return []
        case "top":
            return perform(&state, .top, env)
        case "bottom":
            return perform(&state, .bottom, env)
        case "goto" where words.count == 2:
            return goto(&state, words[1])
        case "judge":
            guard words.count == 2 else {
                state.status = StatusMessage("judges: \(state.context.judges.joined(separator: ", ")) — :judge NAME picks one")
                return []
            }
            guard state.context.judges.contains(words[1]) else {
                state.status = StatusMessage("no judge '\(words[1])' — judges: \(state.context.judges.joined(separator: ", "))", kind: .error)
                return []
            }
            state.context.primaryJudge = words[1]
            // Verdict and score terms refer to the primary judge: compile the filter again.
            let effects = (try? Filtering.apply(&state, state.filter.text, record: false).get()) ?? Filtering.restartList(&state)
            state.status = StatusMessage("primary judge: \(words[1])")
            return effects
        case "save":
            guard words.count == 2 else {
                state.status = StatusMessage(":save NAME saves the current filter", kind: .error)
                return []
            }
            guard !state.filter.text.isEmpty else {
                state.status = StatusMessage("no filter to save — f sets one", kind: .error)
                return []
            }
            return [.saveFilter(name: words[1], query: state.filter.text)]
        case "load":
            guard words.count == 2, let saved = state.savedFilters.first(where: { $0.name == words[1] }) else {
                let names = state.savedFilters.map(\.name).joined(separator: ", ")
                state.status = StatusMessage("no saved filter '\(words.dropFirst().joined(separator: " "))'"
                                             + (names.isEmpty ? "" : " — saved: \(names)"), kind: .error)
                return []
            }
            return Filtering.applyOrShow(&state, saved.query)
        case "agreement":
            return perform(&state, .agreement, env)
        case "disagreements", "disagree":
            return perform(&state, .disagreements, env)
        case "findings":
            return perform(&state, .findings, env)
        case "compare":
            let effects = perform(&state, .compare, env)
            if words.count > 1, words[1].hasPrefix("model"), case .compare(var view) = state.overlay {
                view.axis = .model
                state.overlay = .compare(view)
                return [.loadCompare(anchor: view.anchor, axis: .model)]
            }
            return effects
        case "filters":
            state.overlay = .savedFilters(selected: 0)
            return [.loadSavedFilters]
        case "sort":
            guard words.count >= 2, let key = SortKey(rawValue: words[1]) else {
                state.status = StatusMessage(":sort takes one of \(SortKey.allCases.map(\.rawValue).joined(separator: ", "))", kind: .error)
                return []
            }
            if state.labelling?.blind == true && key.revealsJudges {
                state.status = StatusMessage("blind mode hides judge scores, so the list cannot be sorted by \(key.rawValue)", kind: .error)
                return []
            }
            state.sort = key
            state.descending = words.count > 2 && words[2].hasPrefix("desc")
            return Filtering.restartList(&state, keepCount: true)
        default:
            if Int(name) != nil, words.count == 1 { return goto(&state, name) }
            state.status = StatusMessage("unknown command ':\(text)' — try :help", kind: .error)
            return []
        }
    }

    private static func goto(_ state: inout AppState, _ number: String) -> [Effect] {
        guard let n = Int(number), n >= 1 else {
            state.status = StatusMessage("':goto \(number)' needs a row number from 1", kind: .error)
            return []
        }
        state.focus = .list
        state.zoomed = nil
        state.list.selected = n - 1
        clampList(&state)
        return ensureWindow(&state) + ensureDetail(&state)
    }

    private static func startSearch(_ state: inout AppState, _ text: String, _ env: ReduceEnvironment) -> [Effect] {
        guard !text.isEmpty else {
            state.search = nil
            return []
        }
        state.search = SearchState(needle: text)
        return SearchNavigation.step(&state, forward: true, env, fromCurrent: true)
    }
}

/// n / N: move between search matches across the detail sections, in display order.
enum SearchNavigation {
    /// In a section holding one huge text: find the next match from the top line, scanning only
    /// as far as the match (never the whole text), and put it near the top.
    static func stepHuge(_ state: inout AppState, _ huge: WrappedText, pane: Pane, needle: String, forward: Bool,
                         fromCurrent: Bool) -> [Effect] {
        let search = TextSearch(needle)
        let anchor = state.detail.byteAnchor[pane] ?? 0
        let current = state.search?.currentByte ?? (fromCurrent ? anchor - 1 : anchor)
        let found = forward ? huge.nextMatch(of: search, from: current + 1) : huge.previousMatch(of: search, before: current)
        guard let match = found else {
            state.status = StatusMessage("no match for '\(needle)'", kind: .error)
            return []
        }
        state.search?.currentByte = match.lowerBound
        let position = huge.position(huge.position(containingByteOffset: match.lowerBound), offsetBy: -2)
        state.detail.byteAnchor[pane] = huge.lines(from: position, count: 1).first?.sourceRange.lowerBound ?? 0
        state.status = StatusMessage("match at byte \(match.lowerBound) of \(huge.byteCount) for '\(needle)' — n/N for more")
        return []
    }

    static func step(_ state: inout AppState, forward: Bool, _ env: ReduceEnvironment, fromCurrent: Bool = false) -> [Effect] {
        guard let search = state.search else {
            state.status = StatusMessage("/ starts a search")
            return []
        }
        if let huge = env.hugeText(state, openSection(state)) {
            return stepHuge(&state, huge, pane: openSection(state), needle: search.needle, forward: forward, fromCurrent: fromCurrent)
        }
        let matches = env.matchLines(state)
        guard !matches.isEmpty else {
            state.status = StatusMessage("no match for '\(search.needle)'", kind: .error)
            return []
        }
        let order = Pane.sections
        func key(_ m: (Pane, Int)) -> (Int, Int) { (order.firstIndex(of: m.0) ?? 0, m.1) }
        let here: (Int, Int)
        if fromCurrent {
            here = (order.firstIndex(of: openSection(state)) ?? 0, (state.detail.scroll[openSection(state)] ?? 0) - 1)
        } else if search.current < matches.count {
            here = key(matches[search.current])
        } else {
            here = (0, -1)
        }
        var index: Int
        if forward {
            index = matches.firstIndex { key($0) > here } ?? 0
        } else {
            index = matches.lastIndex { key($0) < here } ?? matches.count - 1
        }
        index = max(0, min(index, matches.count - 1))
        let (pane, line) = matches[index]
        state.search?.current = index
        if state.focus != .list || state.zoomed != nil { state.focus = pane }
        state.detail.openSection = pane
        if state.zoomed != nil { state.zoomed = pane }
        state.detail.scroll[pane] = max(0, line - 2)
        clampScroll(&state, env)
        state.status = StatusMessage("match \(index + 1) of \(matches.count) for '\(search.needle)'")
        return []
    }
}
