import EMCore

/// Remembers laid-out detail sections, so the reducer (for scroll limits) and the renderer
/// share one layout per sample, section, width and expansion state. A memo, not state:
/// the same state always yields the same documents.
public final class DocumentCache {
    private struct Key: Hashable {
        var sample: Int64?
        var loading: Bool
        var pane: Pane
        var width: Int
        var expanded: Bool
        var examplesLoaded: Bool
        var judge: String?
        /// What the Labels and Judges sections depend on besides the sample (nil for other sections).
        var labels: LabelsKey?
    }

    private struct LabelsKey: Hashable {
        var labels: SampleLabels?
        var active, blind, adjudicate, canWrite: Bool
        var codebook: Int64
        var annotator: String?
    }

    private var documents: [Key: SectionDocument] = [:]
    private var wordCounts: [String: String] = [:]

    /// The word count shown in a section header, counted once per sample and section rather than
    /// on every frame (a 10 MB trace would otherwise be scanned at each key).
    func wordCount(of text: String, sample: Int64, pane: Pane) -> String {
        let key = "\(sample):\(pane.rawValue)"
        if let n = wordCounts[key] { return n }
        if wordCounts.count > 64 { wordCounts.removeAll(keepingCapacity: true) }
        let n = DetailSections.wordCount(text)
        wordCounts[key] = n
        return n
    }

    public init() {}

    /// The text width of a section body at the current layout (one margin column each side).
    static func textWidth(_ state: AppState) -> Int { max(1, layout(state).sectionBody.width - 2) }

    func document(_ state: AppState, _ pane: Pane) -> SectionDocument {
        let key = Key(sample: state.detail.sample?.id, loading: state.detail.sample == nil, pane: pane,
                      width: Self.textWidth(state), expanded: state.detail.examplesExpanded,
                      examplesLoaded: state.detail.examples != nil, judge: state.context.primaryJudge,
                      labels: Self.labelsKey(state, pane))
        if let d = documents[key] { return d }
        if documents.count > 24 { documents.removeAll(keepingCapacity: true) }
        let d = SectionDocument(blocks: DetailContent.blocks(for: pane, state: state), width: key.width)
        documents[key] = d
        return d
    }

    private static func labelsKey(_ state: AppState, _ pane: Pane) -> LabelsKey? {
        guard pane == .labels || pane == .judges, let lab = state.labelling else { return nil }
        return LabelsKey(labels: lab.labels, active: lab.active, blind: lab.blind, adjudicate: lab.adjudicate,
                         canWrite: lab.canWrite, codebook: lab.codebook.id, annotator: state.annotator)
    }

    /// The reducer's view of the documents.
    public func environment(keymap: Keymap = .standard) -> ReduceEnvironment {
        ReduceEnvironment(
            keymap: keymap,
            lineCount: { [unowned self] state, pane in self.document(state, pane).lineCount },
            exampleLines: { [unowned self] state in self.document(state, .prompt).exampleLines },
            matchLines: { [unowned self] state in
                guard let needle = state.search?.needle else { return [] }
                // Huge texts are searched incrementally (`SearchNavigation`), not listed.
                return Pane.sections.flatMap { pane -> [(Pane, Int)] in
                    let doc = self.document(state, pane)
                    return doc.hugeText != nil ? [] : doc.matchLines(needle).map { (pane, $0) }
                }
            },
            hugeText: { [unowned self] state, pane in self.document(state, pane).hugeText })
    }
}
