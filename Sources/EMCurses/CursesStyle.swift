import CNcursesw

/// Video attributes a cell can carry, independent of curses' bit values.
public struct CursesAttributes: OptionSet, Hashable, Sendable {
    /// The attribute bits (this type's own, not curses').
    public let rawValue: UInt8
    /// Attributes from their bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold (on 8-colour terminals also the bright variant of the colour).
    public static let bold = CursesAttributes(rawValue: 1 << 0)
    /// Dim (half bright).
    public static let dim = CursesAttributes(rawValue: 1 << 1)
    /// Reverse video: foreground and background swapped.
    public static let reverse = CursesAttributes(rawValue: 1 << 2)
    /// Underlined.
    public static let underline = CursesAttributes(rawValue: 1 << 3)
    /// Italic, where the terminal has it.
    public static let italic = CursesAttributes(rawValue: 1 << 4)

    /// The curses `attr_t` bits for these attributes.
    var cursesBits: attr_t {
        var bits = EMC_A_NORMAL
        if contains(.bold) { bits |= EMC_A_BOLD }
        if contains(.dim) { bits |= EMC_A_DIM }
        if contains(.reverse) { bits |= EMC_A_REVERSE }
        if contains(.underline) { bits |= EMC_A_UNDERLINE }
        if contains(.italic) { bits |= EMC_A_ITALIC }
        return bits
    }
}

/// What curses is told about a cell's look: attributes plus a colour-pair number (0 = default).
public struct CursesStyle: Hashable, Sendable {
    /// Video attributes.
    public var attributes: CursesAttributes
    /// The colour pair (0 = the terminal's default colours).
    public var colorPair: Int16

    /// A style from attributes and a pair number.
    public init(attributes: CursesAttributes = [], colorPair: Int16 = 0) {
        self.attributes = attributes
        self.colorPair = colorPair
    }
}
