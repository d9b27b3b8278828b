/// What a cell *means*, not how it looks: the backend maps roles to colours and attributes,
/// so NO_COLOR and monochrome terminals are one mapping away.
public enum StyleRole: UInt8, CaseIterable, Sendable, Hashable {
    case normal
    case dim
    case bold
    case header
    case statusBar
    case title
    case border
    case borderFocused
    case selectedFocused
    case selectedUnfocused
    case verdictMisaligned
    case verdictAligned
    case verdictRefusal
    case verdictCode
    case verdictIncoherent
    case verdictError
    case verdictUnjudged
    /// A visible placeholder for a control character or other hostile text.
    case controlGlyph
    case match
    case currentMatch
    case conflict
    case keyHint
    case error
    case overlay
    case labelOn
    case chartBar
}
