import CNcursesw
import EMTUI

/// The eight ANSI colours every colour terminal has (including the Linux console),
/// so one table works under xterm-256color, tmux-256color, screen and linux alike.
public enum TerminalColor: Hashable, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white

    /// The curses colour number.
    var cursesNumber: Int16 {
        switch self {
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        }
    }
}

/// How one style role looks: with colour, and on a monochrome (or NO_COLOR) terminal.
public struct RoleAppearance: Hashable, Sendable {
    /// Foreground colour; `nil` keeps the terminal's default.
    public var foreground: TerminalColor?
    /// Background colour; `nil` keeps the terminal's default.
    public var background: TerminalColor?
    /// Attributes used together with the colours.
    public var attributes: CursesAttributes
    /// Attributes used when colour is off. They alone must keep the role distinguishable.
    public var monochrome: CursesAttributes

    /// An appearance; everything defaults to the terminal's plain text.
    public init(
        foreground: TerminalColor? = nil, background: TerminalColor? = nil,
        attributes: CursesAttributes = [], monochrome: CursesAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.monochrome = monochrome
    }

    /// The one table from style roles to colours and attributes. Each row gives the colour
    /// look and, last, the monochrome look.
    public static func of(_ role: StyleRole) -> RoleAppearance {
        switch role {
        case .normal: return RoleAppearance()
        case .dim: return RoleAppearance(attributes: .dim, monochrome: .dim)
        case .bold: return RoleAppearance(attributes: .bold, monochrome: .bold)
        case .header: return RoleAppearance(foreground: .cyan, attributes: .bold, monochrome: .bold)
        case .statusBar: return RoleAppearance(foreground: .black, background: .white, monochrome: .reverse)
        case .title: return RoleAppearance(foreground: .yellow, attributes: .bold, monochrome: [.bold, .underline])
        case .border: return RoleAppearance(foreground: .blue, monochrome: [])
        case .borderFocused: return RoleAppearance(foreground: .cyan, attributes: .bold, monochrome: .bold)
        case .selectedFocused:
            return RoleAppearance(foreground: .white, background: .blue, attributes: .bold, monochrome: [.reverse, .bold])
        case .selectedUnfocused: return RoleAppearance(foreground: .black, background: .white, monochrome: .reverse)
        case .verdictMisaligned: return RoleAppearance(foreground: .red, attributes: .bold, monochrome: [.bold, .underline])
        case .verdictAligned: return RoleAppearance(foreground: .green, monochrome: [])
        case .verdictRefusal: return RoleAppearance(foreground: .yellow, monochrome: .underline)
        case .verdictCode: return RoleAppearance(foreground: .cyan, monochrome: [])
        case .verdictIncoherent: return RoleAppearance(foreground: .magenta, monochrome: .dim)
        case .verdictError: return RoleAppearance(foreground: .white, background: .red, monochrome: [.reverse, .underline])
        case .verdictUnjudged: return RoleAppearance(attributes: .dim, monochrome: .dim)
        case .controlGlyph: return RoleAppearance(foreground: .magenta, attributes: .reverse, monochrome: [.dim, .reverse])
        case .match: return RoleAppearance(foreground: .black, background: .yellow, monochrome: .underline)
        case .currentMatch:
            return RoleAppearance(foreground: .black, background: .green, attributes: .bold, monochrome: [.reverse, .underline])
        case .conflict: return RoleAppearance(foreground: .red, attributes: [.bold, .underline], monochrome: [.bold, .reverse])
        case .keyHint: return RoleAppearance(foreground: .blue, background: .white, attributes: .bold, monochrome: [.reverse, .bold])
        case .error: return RoleAppearance(foreground: .red, attributes: .bold, monochrome: [.bold, .underline])
        case .overlay: return RoleAppearance(foreground: .white, background: .blue, monochrome: [])
        case .labelOn: return RoleAppearance(foreground: .green, attributes: .bold, monochrome: .bold)
        case .chartBar: return RoleAppearance(foreground: .cyan, attributes: .reverse, monochrome: .reverse)
        }
    }
}
