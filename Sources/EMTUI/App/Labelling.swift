import EMCore

/// Hand-labelling in the explorer: the codebook, the shown sample's labels, the session's undo
/// history and the annotation-queue progress.
public struct LabellingState: Equatable, Sendable {
    public var codebook: StoredCodebook
    /// Labelling mode: the codebook's shortcuts come before the explorer's keys (`L` toggles it;
    /// `emscope annotate` starts in it).
    public var active: Bool
    /// Judge results and other annotators' ratings stay hidden until the sample is rated and revealed.
    public var blind: Bool
    /// The shortcuts set the adjudicated final rating instead of the annotator's own.
    public var adjudicate: Bool
    /// False when the store cannot take labels (read-only without `--labels`).
    public var canWrite: Bool
    /// The labels of the shown sample (nil while loading).
    public var labels: SampleLabels?
    /// This session's changes, newest last.
    public var undo: [LabelWriteGroup] = []
    public var redo: [LabelWriteGroup] = []
    /// Progress of the annotation queue (the samples matching the filter).
    public var progress: LabelProgress?

    public init(codebook: StoredCodebook, active: Bool = false, blind: Bool = false, adjudicate: Bool = false,
                canWrite: Bool = true) {
        self.codebook = codebook
        self.active = active
        self.blind = blind
        self.adjudicate = adjudicate
        self.canWrite = canWrite
    }

    /// True when judge results and other ratings of the shown sample must stay hidden.
    public var hidesJudges: Bool { blind && !(labels?.revealed ?? false) }

    /// The dimension and label a shortcut stands for.
    public func label(forShortcut c: Character) -> (dimension: CodebookDimension, label: CodebookLabel)? {
        for d in codebook.codebook.dimensions {
            if let l = d.labels.first(where: { $0.shortcut == String(c) }) { return (d, l) }
        }
        return nil
    }
}

/// Where a label write goes: the annotator's own rating, or the adjudicated final one.
public enum LabelTarget: String, Equatable, Sendable {
    case mine, adjudication
}

/// One label-set change on one dimension of one sample: what it was and what it becomes
/// (nil: no rating). Undo writes `before` back.
public struct LabelWrite: Equatable, Sendable {
    public var sampleID: Int64
    public var dimension: String
    public var before: [String]?
    public var after: [String]?
    public var target: LabelTarget

    public init(sampleID: Int64, dimension: String, before: [String]?, after: [String]?, target: LabelTarget) {
        self.sampleID = sampleID
        self.dimension = dimension
        self.before = before
        self.after = after
        self.target = target
    }

    /// The write that takes this one back.
    public var inverse: LabelWrite { LabelWrite(sampleID: sampleID, dimension: dimension, before: after, after: before, target: target) }
}

/// The writes of one keystroke (none-apply touches every `multi` dimension at once), undone together.
public struct LabelWriteGroup: Equatable, Sendable {
    public var writes: [LabelWrite]
    public init(_ writes: [LabelWrite]) { self.writes = writes }
    public var inverse: LabelWriteGroup { LabelWriteGroup(writes.reversed().map(\.inverse)) }
}

/// Why a group is written: a new change, an undo or a redo (decides which history it joins).
public enum LabelWriteOrigin: String, Equatable, Sendable {
    case edit, undo, redo
}

/// The annotation queue's progress: samples rated by the annotator among those matching the
/// filter, and their pace this session.
public struct LabelProgress: Equatable, Sendable {
    public var rated: Int
    public var total: Int
    /// Samples newly rated per hour this session (nil until there is enough to say).
    public var perHour: Double?
    public init(rated: Int, total: Int, perHour: Double?) {
        self.rated = rated
        self.total = total
        self.perHour = perHour
    }
}

/// The labelling commands and shortcuts, as reducer steps.
enum Labelling {
    /// A codebook shortcut in labelling mode: toggle a `multi` label, set a `single`/`ordinal` one.
    static func shortcut(_ state: inout AppState, _ c: Character) -> [Effect]? {
        guard let lab = state.labelling, lab.active, let (dimension, label) = lab.label(forShortcut: c) else { return nil }
        guard let ready = ready(&state) else { return [] }
        let current = current(ready.labels, dimension.key, lab)
        let after = LabelEdit.apply(label.key, kind: dimension.kind, to: current)
        if after == current && current != nil {
            state.status = StatusMessage("\(dimension.key) is already \(label.key) — u undoes")
            return []
        }
        let write = LabelWrite(sampleID: ready.labels.sampleID, dimension: dimension.key, before: current, after: after,
                               target: lab.adjudicate ? .adjudication : .mine)
        return [.writeLabels(LabelWriteGroup([write]), origin: .edit)]
    }

    /// The labels currently on a dimension for the session's target.
    static func current(_ labels: SampleLabels, _ dimension: String, _ lab: LabellingState) -> [String]? {
        lab.adjudicate ? labels.adjudicated[dimension] : labels.mine[dimension]?.labels
    }

    /// The shown sample's labels when a write can go ahead; otherwise a status message says why.
    private static func ready(_ state: inout AppState) -> (lab: LabellingState, labels: SampleLabels)? {
        guard let lab = state.labelling else {
            state.status = StatusMessage("no codebook in this store — emscope codebook import STORE sample-runs/persona-codebook.yaml",
                                         kind: .error)
            return nil
        }
        guard state.annotator != nil else {
            state.status = StatusMessage("no annotator name — start with --annotator NAME or set EMSCOPE_ANNOTATOR", kind: .error)
            return nil
        }
        guard lab.canWrite else {
            state.status = StatusMessage("\(state.storeName) is read-only — to label it, keep labels in a separate file: --labels FILE",
                                         kind: .error)
            return nil
        }
        guard let sample = state.detail.sample, let labels = lab.labels, labels.sampleID == sample.id else {
            state.status = StatusMessage("the sample is still loading")
            return nil
        }
        return (lab, labels)
    }

    static func perform(_ state: inout AppState, _ command: Command) -> [Effect] {
        switch command {
        case .toggleLabelling:
            guard var lab = state.labelling else {
                _ = ready(&state)
                return []
            }
            lab.active.toggle()
            state.labelling = lab
            state.status = StatusMessage(lab.active
                ? "labelling: codebook keys \(shortcutSummary(lab.codebook.codebook)) · 0 none apply · u undo · L stops"
                : "labelling off: keys browse again")
            if lab.active { state.detail.openSection = state.detail.openSection == .judges && lab.hidesJudges ? .reasoning : state.detail.openSection }
            return lab.active ? [.visit(state.detail.sample?.id)] : [.visit(nil)]
        case .noneApply:
            guard let ready = ready(&state) else { return [] }
            let lab = ready.lab
            var writes: [LabelWrite] = []
            for d in lab.codebook.codebook.dimensions where d.kind == .multi {
                let before = current(ready.labels, d.key, lab)
                if before == [] { continue }
                writes.append(LabelWrite(sampleID: ready.labels.sampleID, dimension: d.key, before: before, after: [],
                                         target: lab.adjudicate ? .adjudication : .mine))
            }
            guard !writes.isEmpty else {
                state.status = StatusMessage("already marked: none apply")
                return []
            }
            return [.writeLabels(LabelWriteGroup(writes), origin: .edit)]
        case .undo, .redo:
            guard var lab = state.labelling else { return [] }
            let isUndo = command == .undo
            guard let group = isUndo ? lab.undo.popLast() : lab.redo.popLast() else {
                state.status = StatusMessage(isUndo ? "nothing to undo" : "nothing to redo")
                return []
            }
            state.labelling = lab
            return [.writeLabels(isUndo ? group.inverse : group, origin: isUndo ? .undo : .redo)]
        case .reveal:
            guard let ready = ready(&state) else { return [] }
            guard ready.lab.blind else {
                state.status = StatusMessage("nothing is hidden: this is not a blind session")
                return []
            }
            guard !ready.labels.revealed else {
                state.status = StatusMessage("already revealed")
                return []
            }
            let missing = ready.lab.codebook.codebook.dimensions.filter { ready.labels.mine[$0.key] == nil }.map(\.key)
            guard missing.isEmpty else {
                state.status = StatusMessage("rate every dimension before revealing — not rated yet: \(missing.joined(separator: ", "))",
                                             kind: .error)
                return []
            }
            return [.reveal(sampleID: ready.labels.sampleID)]
        case .note:
            guard let ready = ready(&state) else { return [] }
            state.overlay = .prompt(kind: .note, text: ready.labels.note)
            return []
        case .nextUnrated:
            guard state.labelling != nil, state.annotator != nil else { _ = ready(&state); return [] }
            return [.findNextUnrated(after: state.list.selected)]
        default:
            return []
        }
    }

    /// `1-8 patterns · y/n/m misaligned` for the status line.
    static func shortcutSummary(_ c: Codebook) -> String {
        c.dimensions.map { d in
            let keys = d.labels.map(\.shortcut)
            let digits = keys.allSatisfy { $0.count == 1 && ($0.first?.isNumber ?? false) }
            let shown: String
            if digits, keys.count > 2, let first = keys.first, let last = keys.last {
                shown = "\(first)-\(last)"
            } else {
                shown = keys.joined(separator: "/")
            }
            return "\(shown) \(d.key)"
        }.joined(separator: " · ")
    }

    /// A group was committed: show it, and file it in the undo or redo history.
    static func saved(_ state: inout AppState, _ group: LabelWriteGroup, origin: LabelWriteOrigin, labels: SampleLabels) {
        guard var lab = state.labelling else { return }
        if lab.labels?.sampleID == labels.sampleID { lab.labels = labels }
        switch origin {
        case .edit:
            lab.undo.append(group)
            lab.redo.removeAll()
        case .undo:
            lab.redo.append(group.inverse)
        case .redo:
            lab.undo.append(group)
        }
        if lab.undo.count > 500 { lab.undo.removeFirst(lab.undo.count - 500) }
        state.labelling = lab
        let verb = origin == .undo ? "undone" : "saved"
        let parts = group.writes.map { w in "\(w.dimension) = \(describe(w.after))" }
        var text = "\(verb): " + parts.joined(separator: " · ")
        if let first = group.writes.first, first.sampleID != state.detail.sample?.id { text += " (sample \(first.sampleID))" }
        state.status = StatusMessage(text)
        // The list's label column for this sample changes: reload the visible rows.
        state.list.pendingWindowStart = nil
    }

    static func describe(_ labels: [String]?) -> String {
        guard let labels else { return "not rated" }
        return labels.isEmpty ? "none apply" : labels.joined(separator: ", ")
    }
}

extension SortKey {
    /// True for the columns that show a judge's scores (not allowed in blind mode).
    var revealsJudges: Bool { self == .aligned || self == .coherent }
}
