import EMCore

/// The Labels section: each dimension of the codebook with its labels, descriptions and shortcut
/// keys, the annotator's choices marked; the note; other annotators' ratings (hidden in blind mode
/// until revealed); in adjudication, everyone's labels side by side with the final choice.
enum LabelsSection {
    /// The one-line summary in the section header.
    static func summary(_ state: AppState) -> (text: String, role: StyleRole?) {
        guard let lab = state.labelling else { return ("no codebook", .dim) }
        guard state.annotator != nil else { return ("no annotator name — start with --annotator NAME", .dim) }
        guard let labels = lab.labels else { return ("loading…", .dim) }
        let dims = lab.codebook.codebook.dimensions
        let source: [String: [String]] = lab.adjudicate
            ? labels.adjudicated
            : labels.mine.mapValues(\.labels)
        var text: String
        if dims.allSatisfy({ source[$0.key] == nil }) {
            text = lab.adjudicate ? "not adjudicated" : "not rated"
            if !lab.active { text += " — L to label" }
            return (text, .dim)
        }
        text = dims.map { d in "\(d.key): \(source[d.key].map(Labelling.describe) ?? "–")" }.joined(separator: " · ")
        if lab.adjudicate { text = "final · " + text }
        if !lab.adjudicate, outdated(labels, lab) { return ("⚠ older codebook · " + text, .conflict) }
        if !lab.hidesJudges && !lab.adjudicate && conflicts(labels, lab, me: state.annotator ?? "") {
            return ("≠ " + text, .conflict)
        }
        return (text, nil)
    }

    /// True when one of the annotator's ratings was made under an older codebook version.
    static func outdated(_ labels: SampleLabels, _ lab: LabellingState) -> Bool {
        labels.mine.values.contains { r in
            r.codebookName == lab.codebook.name && (r.codebookVersion ?? lab.codebook.version) < lab.codebook.version
        }
    }

    /// True when annotators' label sets differ on some dimension.
    static func conflicts(_ labels: SampleLabels, _ lab: LabellingState, me: String) -> Bool {
        lab.codebook.codebook.dimensions.contains { d in Set(labels.all(d.key, me: me).map(\.labels)).count > 1 }
    }

    static func blocks(_ state: AppState) -> [DocBlock] {
        guard let lab = state.labelling else {
            return [DocBlock(text: "No codebook in this store. Import one to label samples:", role: .dim, searchable: false),
                    DocBlock(text: "emscope codebook import STORE sample-runs/persona-codebook.yaml", role: .normal, indent: 2,
                             searchable: false)]
        }
        guard state.annotator != nil else {
            return [DocBlock(text: "No annotator name: start emscope with --annotator NAME (or set EMSCOPE_ANNOTATOR) to see and "
                             + "make labels.", role: .dim, searchable: false)]
        }
        guard let labels = lab.labels else { return [DocBlock(text: "loading…", role: .dim, searchable: false)] }
        let me = state.annotator ?? "?"
        var b: [DocBlock] = []
        var head = "\(lab.codebook.name) v\(lab.codebook.version) · \(me)"
        if lab.blind { head += labels.revealed ? " · blind, revealed" : " · blind" }
        if lab.adjudicate { head += " · adjudicating: keys set the final labels" }
        head += lab.active ? " · labelling (L stops)" : " · L to start labelling"
        b.append(DocBlock(text: head, role: .dim, searchable: false))
        if !lab.hidesJudges, let sample = state.detail.sample, !sample.judges.isEmpty {
            let text = sample.judges.map { "\($0.judge) \($0.verdict.rawValue) \(SampleListPane.score($0.scores.aligned))" }
                .joined(separator: " · ")
            b.append(DocBlock(text: (sample.judgesDisagree ? "⚠ judges: " : "judges: ") + text,
                              role: sample.judgesDisagree ? .conflict : .dim, searchable: false))
        }
        if !lab.canWrite {
            b.append(DocBlock(text: "read-only store: labels need a separate file — reopen with --labels FILE", role: .error,
                              searchable: false))
        }
        if lab.adjudicate {
            b += comparisonBlocks(labels, lab, me: me, final: true)
        } else {
            // Reviewing a disagreement: everyone's labels first, then your own.
            if !lab.hidesJudges && !labels.others.isEmpty {
                b.append(DocBlock(text: "Everyone's labels side by side", role: .title, searchable: false))
                b += comparisonBlocks(labels, lab, me: me, final: false)
                b.append(DocBlock(text: "Your labels", role: .title, searchable: false))
            }
            b += ownBlocks(labels, lab)
        }
        b.append(DocBlock(text: "Note (;)", role: .title, searchable: false))
        b.append(labels.note.isEmpty
            ? DocBlock(text: "(none)", role: .dim, indent: 2, searchable: false)
            : DocBlock(text: labels.note, role: .normal, indent: 2))
        if !lab.adjudicate {
            b += otherBlocks(labels, lab, me: me)
        }
        if labels.seconds > 0 {
            b.append(DocBlock(text: "Your time on this sample: \(duration(labels.seconds))", role: .dim, searchable: false))
        }
        return b
    }

    private static func ownBlocks(_ labels: SampleLabels, _ lab: LabellingState) -> [DocBlock] {
        var b: [DocBlock] = []
        for d in lab.codebook.codebook.dimensions {
            let rating = labels.mine[d.key]
            var title = "\(d.question)  [\(d.key) · \(d.kind.rawValue)]"
            if let r = rating {
                if r.labels.isEmpty { title += " · none apply" }
                if r.codebookName == lab.codebook.name, let v = r.codebookVersion, v < lab.codebook.version {
                    title += " · ⚠ rated under v\(v)"
                }
                if r.changedAfterReveal { title += " · changed after reveal" }
            } else {
                title += " · not rated"
            }
            b.append(DocBlock(text: title, role: .title, searchable: false))
            b += labelLines(d, chosen: rating?.labels)
        }
        b.append(DocBlock(text: "0 marks “reviewed — none apply” · u undo · ^R redo · ; note · > next unrated",
                          role: .dim, searchable: false))
        return b
    }

    /// One line per label: a mark, the shortcut, the name and the description.
    private static func labelLines(_ d: CodebookDimension, chosen: [String]?) -> [DocBlock] {
        d.labels.map { l in
            let on = chosen?.contains(l.key) ?? false
            let mark = d.kind == .multi ? (on ? "[x]" : "[ ]") : (on ? "(•)" : "( )")
            return DocBlock(text: "\(mark) \(l.shortcut)  \(l.name) — \(l.description)", role: on ? .bold : .normal, indent: 2,
                            searchable: false)
        }
    }

    private static func otherBlocks(_ labels: SampleLabels, _ lab: LabellingState, me: String) -> [DocBlock] {
        guard !labels.others.isEmpty || !labels.adjudicated.isEmpty else { return [] }
        if lab.hidesJudges {
            return [DocBlock(text: "Other annotators' ratings are hidden until you rate every dimension and reveal (!)",
                             role: .dim, searchable: false)]
        }
        var b: [DocBlock] = [DocBlock(text: "Other annotators", role: .title, searchable: false)]
        let byAnnotator = Dictionary(grouping: labels.others, by: \.annotator)
        for annotator in byAnnotator.keys.sorted() {
            let ratings = byAnnotator[annotator] ?? []
            let text = ratings.map { "\($0.dimension): \(Labelling.describe($0.labels))" }.joined(separator: " · ")
            b.append(DocBlock(text: "\(annotator) — \(text)", role: .normal, indent: 2, searchable: false))
        }
        if !labels.adjudicated.isEmpty {
            let text = labels.adjudicated.keys.sorted().map { "\($0): \(Labelling.describe(labels.adjudicated[$0]))" }
                .joined(separator: " · ")
            b.append(DocBlock(text: "final (\(labels.adjudicator ?? "?")) — \(text)", role: .bold, indent: 2, searchable: false))
        }
        return b
    }

    /// Per dimension, a table of labels × annotators (with the final choice when adjudicating); rows
    /// where annotators disagree are marked ≠.
    private static func comparisonBlocks(_ labels: SampleLabels, _ lab: LabellingState, me: String, final showFinal: Bool) -> [DocBlock] {
        var b: [DocBlock] = []
        for d in lab.codebook.codebook.dimensions {
            let raters = labels.all(d.key, me: me)
            let final = labels.adjudicated[d.key]
            var title = "\(d.question)  [\(d.key)]"
            if raters.isEmpty { title += " · nobody rated it" }
            if Set(raters.map(\.labels)).count > 1 { title += " · ≠ annotators disagree" }
            b.append(DocBlock(text: title, role: .title, searchable: false))
            let column = min(14, max(6, (raters.map(\.annotator.count).max() ?? 0) + 1))
            let names = raters.map { String($0.annotator.prefix(column - 1)) }
            let header = pad("", 26) + names.map { pad($0, column) }.joined() + (showFinal ? "final" : "")
            b.append(DocBlock(text: header, role: .dim, indent: 2, searchable: false))
            for l in d.labels {
                let marks = raters.map { $0.labels.contains(l.key) }
                let split = marks.contains(true) && marks.contains(false)
                let cells = marks.map { pad($0 ? "✓" : "·", column) }.joined()
                let chosen = final?.contains(l.key) ?? false
                let line = (split ? "≠ " : "  ") + pad("\(l.shortcut) \(l.name)", 24) + cells + (showFinal ? (chosen ? "✓" : "·") : "")
                b.append(DocBlock(text: line, role: split ? .conflict : (chosen ? .bold : .normal), indent: 2, searchable: false))
            }
            let noneRow = raters.map { $0.labels.isEmpty ? pad("none", column) : pad("", column) }.joined()
            if d.kind == .multi, raters.contains(where: { $0.labels.isEmpty }) || final == [] {
                b.append(DocBlock(text: "  " + pad("0 none apply", 24) + noneRow + (showFinal ? (final == [] ? "✓" : "·") : ""), role: .dim, indent: 2,
                                  searchable: false))
            }
        }
        return b
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? String(s.prefix(width - 1)) + " " : s + String(repeating: " ", count: width - s.count)
    }

    /// 83 → "1m 23s".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m \(s % 60)s" }
        return "\(s / 3600)h \(s % 3600 / 60)m"
    }
}
