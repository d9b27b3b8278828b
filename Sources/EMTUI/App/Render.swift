import EMCore

/// Draws the whole frame for a state. Pure with respect to the state: it reads, never writes.
public func render(_ state: AppState, keymap: Keymap = .standard, documents: DocumentCache) -> CellBuffer {
    var buf = CellBuffer(size: state.size)
    let l = layout(state)
    if l.tooSmall {
        TooSmallNote.render(state.size, into: &buf)
        return buf
    }
    HeaderBar.render(state, rect: l.header, into: &buf)
    if state.zoomed == nil {
        SampleListPane.render(state, rect: l.list, focused: state.focus == .list, into: &buf)
        if let d = l.divider {
            for y in d.y..<d.maxY { buf.set(x: d.x, y: y, Cell(text: "│", width: 1, role: .border)) }
        }
    }
    DetailSections.render(state, layout: l, documents: documents, into: &buf)
    StatusBar.render(state, keymap: keymap, rect: l.status, into: &buf)
    switch state.overlay {
    case .help(let scroll): HelpOverlay.render(keymap: keymap, codebook: state.labelling?.codebook.codebook, scroll: scroll,
                                                         size: state.size, into: &buf)
    case .filter(let bar): FilterBar.render(bar, size: state.size, into: &buf)
    case .facets(let facets): FacetsOverlay.render(facets, state: state, into: &buf)
    case .savedFilters(let selected): SavedFilterPicker.render(selected: selected, state: state, into: &buf)
    case .agreement(let view): AgreementView.render(view, state: state, into: &buf)
    case .disagreements(let view): DisagreementView.render(view, state: state, into: &buf)
    case .compare(let view): CompareView.render(view, state: state, into: &buf)
    case .findings(let view): FindingsView.render(view, state: state, into: &buf)
    case .prompt, nil: break
    }
    return buf
}

/// The centred note that replaces the layout below 80×24.
enum TooSmallNote {
    static func render(_ size: Size, into buf: inout CellBuffer) {
        let lines = ["terminal too small (needs \(Layout.minimum.width)×\(Layout.minimum.height))",
                     "now \(size.width)×\(size.height) · q quits"]
        let top = max(0, size.height / 2 - 1)
        for (i, text) in lines.enumerated() where top + i < size.height {
            let w = min(size.width, text.count)
            buf.put(text, x: max(0, (size.width - w) / 2), y: top + i, maxWidth: size.width, role: i == 0 ? .bold : .dim)
        }
    }
}
