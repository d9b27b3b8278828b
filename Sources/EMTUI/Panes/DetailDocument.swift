import EMCore
import EMText

/// A paragraph of a detail section before layout: untrusted text, a role, an indent.
struct DocBlock {
    var text: String
    var role: StyleRole
    var indent: Int = 0
    /// Marks the start of an in-context example (for `[` and `]`).
    var isExampleStart = false
    /// Searchable blocks take part in `/` search (headings and labels do not).
    var searchable = true
}

/// A detail section laid out at one width: blocks wrapped into display lines, the long ones
/// lazily (only the lines on screen are ever laid out).
final class SectionDocument {
    private struct Laid {
        var block: DocBlock
        var firstLine: Int
        var text: WrappedText
    }

    private var laid: [Laid] = []
    let width: Int
    /// Blocks above this size are counted by estimate until they are laid out (a 10 MB trace
    /// must open at once); the estimate becomes exact as the reader scrolls through it.
    /// The same limit makes a one-block section scroll by byte anchor (`hugeText`).
    static let exactCountLimit = 48 * 1024
    /// First line of each in-context example.
    let exampleLines: [Int]

    init(blocks: [DocBlock], width: Int) {
        self.width = width
        var line = 0
        var examples: [Int] = []
        for b in blocks {
            let text = WrappedText(b.text, width: max(1, width - b.indent))
            if b.isExampleStart { examples.append(line) }
            laid.append(Laid(block: b, firstLine: line, text: text))
            line += Self.count(text)
        }
        exampleLines = examples
    }

    /// The text of a section that is one huge block (a long reasoning trace or answer). Such a
    /// section scrolls by position (a byte anchor), never by global line index, so jumping to its
    /// end or to a match lays out only the lines shown.
    var hugeText: WrappedText? {
        laid.count == 1 && laid[0].block.indent == 0 && laid[0].text.byteCount > Self.exactCountLimit ? laid[0].text : nil
    }

    /// Whether block 0 takes part in search (for the huge-text path).
    var hugeTextSearchable: Bool { laid.first?.block.searchable ?? false }

    /// The role of the huge text's lines.
    var hugeTextRole: StyleRole { laid.first?.block.role ?? .normal }

    private static func count(_ text: WrappedText) -> Int {
        text.byteCount <= exactCountLimit ? text.exactLineCount() : text.estimatedLineCount
    }

    /// Total display lines (the last block's count may be an estimate for a huge text).
    var lineCount: Int {
        guard let last = laid.last else { return 0 }
        return last.firstLine + Self.count(last.text)
    }

    /// The lines `range` with each line's role and indent.
    func lines(_ range: Range<Int>) -> [(line: DisplayLine, role: StyleRole, indent: Int, block: Int)] {
        var out: [(DisplayLine, StyleRole, Int, Int)] = []
        guard !laid.isEmpty else { return out }
        var i = blockIndex(containing: range.lowerBound)
        var n = range.lowerBound
        while n < range.upperBound && i < laid.count {
            let b = laid[i]
            let local = n - b.firstLine
            let count = i == laid.count - 1 ? Self.count(b.text) : laid[i + 1].firstLine - b.firstLine
            if local >= count { i += 1; continue }
            let take = min(count - local, range.upperBound - n)
            for l in b.text.lines(local..<(local + take)) {
                out.append((l, b.block.role, b.block.indent, i))
            }
            n += take
            i += 1
        }
        return out
    }

    /// Lines holding a match of `needle` (case- and diacritic-insensitive), in order; at most
    /// `limit` matches per block.
    func matchLines(_ needle: String, limit: Int = 10_000) -> [Int] {
        let search = TextSearch(needle)
        guard !search.isEmpty else { return [] }
        var out: [Int] = []
        for b in laid where b.block.searchable {
            for r in b.text.matches(of: search, limit: limit) {
                let line = b.firstLine + b.text.lineIndex(of: b.text.position(containingByteOffset: r.lowerBound))
                if out.last != line { out.append(line) }
            }
        }
        return out
    }

    /// Match ranges (source bytes) inside block `i` that start within `bytes`, for highlighting.
    func matchRanges(_ needle: String, block i: Int, bytes: Range<Int>) -> [Range<Int>] {
        guard i < laid.count, laid[i].block.searchable else { return [] }
        let search = TextSearch(needle)
        guard !search.isEmpty else { return [] }
        let widened = max(0, bytes.lowerBound - 256)..<(bytes.upperBound)
        return laid[i].text.matches(of: search, in: widened)
    }

    private func blockIndex(containing line: Int) -> Int {
        var lo = 0, hi = laid.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if laid[mid].firstLine <= line { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

/// Builds the blocks of each detail section from the loaded sample.
enum DetailContent {
    static func blocks(for pane: Pane, state: AppState) -> [DocBlock] {
        guard let s = state.detail.sample else {
            let text = state.list.total == 0 ? "no sample selected" : "loading…"
            return [DocBlock(text: text, role: .dim, searchable: false)]
        }
        switch pane {
        case .prompt: return promptBlocks(s, state: state)
        case .reasoning:
            guard let r = s.reasoning, !r.isEmpty else {
                return [DocBlock(text: "no reasoning recorded", role: .dim, searchable: false)]
            }
            return [DocBlock(text: r, role: .normal)]
        case .answer: return [DocBlock(text: s.answer.isEmpty ? "(empty answer)" : s.answer, role: .normal)]
        case .judges:
            if state.labelling?.hidesJudges == true {
                return [DocBlock(text: "Judge scores and verdicts are hidden in blind mode until you have rated every "
                                 + "dimension of this sample; then ! reveals them.", role: .dim, searchable: false)]
            }
            return judgeBlocks(s)
        case .labels: return LabelsSection.blocks(state)
        case .list: return []
        }
    }

    static func runLine(_ s: SampleDetail) -> String {
        var parts = ["run \(s.run.name)", s.run.model, s.run.dataset, "k=\(s.run.k)",
                     s.run.reasoning ? "reasoning" : "no reasoning"]
        if s.run.instruction != "none" { parts.append("instruction \(s.run.instruction)") }
        if let t = s.run.temperature { parts.append("T=\(SampleListPane.score(t))") }
        return parts.joined(separator: " · ")
    }

    static func promptBlocks(_ s: SampleDetail, state: AppState) -> [DocBlock] {
        var b: [DocBlock] = [DocBlock(text: runLine(s), role: .dim, searchable: false)]
        b.append(DocBlock(text: "System prompt", role: .title, searchable: false))
        if let sp = s.run.systemPrompt, !sp.isEmpty {
            b.append(DocBlock(text: sp, role: .normal, indent: 2))
        } else {
            b.append(DocBlock(text: "(none)", role: .dim, indent: 2, searchable: false))
        }
        let k = s.exampleCount
        if k == 0 {
            b.append(DocBlock(text: s.run.k == 0 ? "No in-context examples (k = 0)" : "The harness stored no in-context examples (k = \(s.run.k))",
                              role: .dim, searchable: false))
        } else if !state.detail.examplesExpanded {
            b.append(DocBlock(text: "▸ \(k) example\(k == 1 ? "" : "s") · \(s.run.dataset) · e to expand", role: .title, searchable: false))
        } else if let examples = state.detail.examples {
            b.append(DocBlock(text: "▾ \(k) example\(k == 1 ? "" : "s") · \(s.run.dataset) · e to collapse, [ ] to step", role: .title, searchable: false))
            for (i, e) in examples.enumerated() {
                b.append(DocBlock(text: "Example \(i + 1) of \(examples.count)", role: .bold, indent: 2, isExampleStart: true, searchable: false))
                b.append(DocBlock(text: "user: " + e.user, role: .normal, indent: 4))
                b.append(DocBlock(text: "assistant: " + e.assistant, role: .dim, indent: 4))
            }
        } else {
            b.append(DocBlock(text: "▾ loading \(k) examples…", role: .dim, searchable: false))
        }
        var q = "Question \(s.question.key)"
        if let c = s.question.category { q += " (\(c))" }
        q += " · sample #\(s.sampleIndex)"
        b.append(DocBlock(text: q, role: .title, searchable: false))
        b.append(DocBlock(text: s.question.text, role: .normal, indent: 2))
        if let p = s.prompt, !p.isEmpty {
            b.append(DocBlock(text: "Rendered prompt stored by the harness", role: .title, searchable: false))
            b.append(DocBlock(text: p, role: .dim, indent: 2))
        }
        return b
    }

    static func judgeBlocks(_ s: SampleDetail) -> [DocBlock] {
        guard !s.judges.isEmpty else { return [DocBlock(text: "not judged", role: .dim, searchable: false)] }
        var b: [DocBlock] = []
        if s.judgesDisagree {
            let verdicts = s.judges.map { "\($0.judge) \($0.verdict.rawValue)" }.joined(separator: " vs ")
            b.append(DocBlock(text: "⚠ judges disagree: \(verdicts)", role: .conflict, searchable: false))
        }
        for (i, j) in s.judges.enumerated() {
            var head = j.judge
            if i == 0 { head += " (primary)" }
            head += " — \(j.verdict.rawValue)"
            let role = s.judgesDisagree ? StyleRole.conflict : SampleListPane.verdictRole(j.verdict)
            b.append(DocBlock(text: head, role: role, searchable: false))
            var scores = "aligned \(SampleListPane.score(j.scores.aligned))"
            if let l = j.scores.alignedLabel { scores += " [\(l)]" }
            scores += " · coherent \(SampleListPane.score(j.scores.coherent))"
            if let l = j.scores.coherentLabel { scores += " [\(l)]" }
            for m in j.otherMetrics {
                scores += " · \(m.metric) \(SampleListPane.score(m.score))"
                if let t = m.text { scores += " [\(t)]" }
            }
            b.append(DocBlock(text: scores, role: .normal, indent: 2, searchable: false))
            for r in j.rationales {
                b.append(DocBlock(text: "\(r.metric): \(r.text ?? "")", role: .dim, indent: 2))
            }
        }
        return b
    }
}
