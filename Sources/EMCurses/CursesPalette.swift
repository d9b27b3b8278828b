import EMTUI

/// A colour pair the backend must define with `init_pair` before drawing.
public struct ColorPairDefinition: Hashable, Sendable {
    /// The pair number (1…, 0 is the terminal's default pair).
    public var number: Int16
    /// Foreground colour; nil is the terminal's default.
    public var foreground: TerminalColor?
    /// Background colour; nil is the terminal's default.
    public var background: TerminalColor?
}

/// The resolved role → style mapping for one colour mode.
public struct CursesPalette: Hashable, Sendable {
    /// Whether the palette uses colour pairs or attributes only.
    public enum Mode: Hashable, Sendable { case color, monochrome }

    /// Colour or monochrome.
    public let mode: Mode
    private let styles: [CursesStyle]
    /// The pairs to define (empty in monochrome mode).
    public let pairs: [ColorPairDefinition]

    /// Builds the palette from `RoleAppearance.of(_:)`. In colour mode every role with a
    /// colour gets its own pair, numbered from 1 in the order of `StyleRole.allCases`.
    public init(mode: Mode) {
        self.mode = mode
        let slots = Int(StyleRole.allCases.map(\.rawValue).max() ?? 0) + 1
        var styles = Array(repeating: CursesStyle(), count: slots)
        var pairs: [ColorPairDefinition] = []
        for role in StyleRole.allCases {
            let look = RoleAppearance.of(role)
            switch mode {
            case .monochrome:
                styles[Int(role.rawValue)] = CursesStyle(attributes: look.monochrome)
            case .color:
                var pair: Int16 = 0
                if look.foreground != nil || look.background != nil {
                    pair = Int16(pairs.count + 1)
                    pairs.append(ColorPairDefinition(number: pair, foreground: look.foreground, background: look.background))
                }
                styles[Int(role.rawValue)] = CursesStyle(attributes: look.attributes, colorPair: pair)
            }
        }
        self.styles = styles
        self.pairs = pairs
    }

    /// The style for a role.
    public func style(for role: StyleRole) -> CursesStyle {
        styles[Int(role.rawValue)]
    }
}
