import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Start-up helpers: colours and the terminfo strings for an emergency restore.
extension CursesTerminal {
    /// Chooses the palette and defines its colour pairs.
    static func setUpColors(_ preference: ColorPreference) -> CursesPalette {
        guard preference == .automatic, !noColorRequested(), has_colors(), start_color() == OK else {
            return CursesPalette(mode: .monochrome)
        }
        let palette = CursesPalette(mode: .color)
        guard Int(emc_color_pairs()) > palette.pairs.count else { return CursesPalette(mode: .monochrome) }
        let terminalDefaults = use_default_colors() == OK
        for pair in palette.pairs {
            let foreground = pair.foreground?.cursesNumber ?? (terminalDefaults ? -1 : Int16(COLOR_WHITE))
            let background = pair.background?.cursesNumber ?? (terminalDefaults ? -1 : Int16(COLOR_BLACK))
            _ = init_pair(pair.number, foreground, background)
        }
        return palette
    }

    /// NO_COLOR set to a non-empty value disables colour (https://no-color.org).
    static func noColorRequested() -> Bool {
        guard let value = getenv("NO_COLOR") else { return false }
        return value.pointee != 0
    }

    /// The bytes that undo curses mode without curses: leave the alternate screen, show the
    /// cursor, reset attributes and keypad mode, and turn off mouse reporting.
    static func restoreSequence(mouse: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let value = stringCapability(capability) { bytes += value }
        }
        if mouse, stringCapability("kmous") != nil {
            bytes += Array("\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l".utf8)
        }
        return bytes
    }

    /// A terminfo string capability with padding (`$<…>`) removed, or nil if absent.
    static func stringCapability(_ name: String) -> [UInt8]? {
        guard let pointer = name.withCString({ tigetstr($0) }),
              Int(bitPattern: pointer) != -1 else { return nil }
        var bytes: [UInt8] = []
        var inPadding = false
        var index = 0
        while pointer[index] != 0 {
            let byte = UInt8(bitPattern: pointer[index])
            if inPadding {
                if byte == UInt8(ascii: ">") { inPadding = false }
            } else if byte == UInt8(ascii: "$"), pointer[index + 1] == CChar(UInt8(ascii: "<")) {
                inPadding = true
                index += 1
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return bytes.isEmpty ? nil : bytes
    }
}
