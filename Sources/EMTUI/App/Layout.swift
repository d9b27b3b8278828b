/// Where each pane goes for a given state: computed, never stored.
///
/// ≥ 140 columns: list and detail side by side; narrower: stacked; below 80×24: a
/// "terminal too small" note replaces the layout. Within the detail area every section has
/// a one-line header; the open section takes the remaining rows.
public struct Layout: Equatable, Sendable {
    public static let minimum = Size(width: 80, height: 24)
    public static let sideBySideWidth = 140

    public var tooSmall: Bool
    public var header: Rect
    public var status: Rect
    /// The list, including its column-title row; empty when a section is zoomed.
    public var list: Rect
    /// Header line of each detail section.
    public var sectionHeaders: [Pane: Rect]
    /// The body of the open (or zoomed) section.
    public var sectionBody: Rect
    /// The section whose body is shown.
    public var openSection: Pane

    /// Number of sample rows visible in the list (without the column titles).
    public var listRows: Int { max(0, list.height - 1) }

    public init(size: Size, zoomed: Pane?, openSection: Pane) {
        let w = size.width, h = size.height
        self.openSection = zoomed ?? openSection
        tooSmall = w < Self.minimum.width || h < Self.minimum.height
        header = Rect(x: 0, y: 0, width: w, height: 1)
        status = Rect(x: 0, y: h - 1, width: w, height: 1)
        sectionHeaders = [:]
        list = Rect(x: 0, y: 1, width: 0, height: 0)
        sectionBody = Rect(x: 0, y: 1, width: 0, height: 0)
        guard !tooSmall else { return }
        let bodyTop = 1, bodyHeight = h - 2
        if let zoomed {
            sectionHeaders[zoomed] = Rect(x: 0, y: bodyTop, width: w, height: 1)
            sectionBody = Rect(x: 0, y: bodyTop + 1, width: w, height: bodyHeight - 1)
            return
        }
        let detail: Rect
        if w >= Self.sideBySideWidth {
            let listWidth = max(60, w * 9 / 20)
            list = Rect(x: 0, y: bodyTop, width: listWidth, height: bodyHeight)
            detail = Rect(x: listWidth + 1, y: bodyTop, width: w - listWidth - 1, height: bodyHeight)
        } else {
            let listHeight = max(6, bodyHeight * 2 / 5)
            list = Rect(x: 0, y: bodyTop, width: w, height: listHeight)
            detail = Rect(x: 0, y: bodyTop + listHeight, width: w, height: bodyHeight - listHeight)
        }
        var y = detail.y
        for pane in Pane.sections {
            sectionHeaders[pane] = Rect(x: detail.x, y: y, width: detail.width, height: 1)
            y += 1
            if pane == self.openSection {
                let bodyHeight = detail.height - Pane.sections.count
                sectionBody = Rect(x: detail.x, y: y, width: detail.width, height: bodyHeight)
                y += bodyHeight
            }
        }
    }

    /// The vertical divider between list and detail in the side-by-side layout, if any.
    public var divider: Rect? {
        guard !tooSmall, list.width > 0, let first = sectionHeaders[.prompt], first.x > 0 else { return nil }
        return Rect(x: list.maxX, y: list.y, width: 1, height: list.height)
    }
}
