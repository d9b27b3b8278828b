// Best-effort recognition of terminal escape sequences, for styling only.
//
// The sanitizer replaces ESC and every other control with a placeholder no
// matter what this recognizer thinks; its only job is to give the printable
// remainder of a sequence (the `[31m` in `ESC [31m`, the `]52;c;…` of an
// OSC 52 clipboard write) the role `.escapeSequence`, so the reader can see
// at a glance what a terminal would have swallowed. Recognised forms (ECMA-48
// / xterm): CSI (`ESC [` or U+009B) parameters, intermediates and final byte
// 0x40–0x7E; string sequences OSC (`ESC ]`, U+009D), DCS (`ESC P`, U+0090),
// SOS (`ESC X`, U+0098), PM (`ESC ^`, U+009E) and APC (`ESC _`, U+009F),
// ended by BEL, `ESC \` or U+009C; and plain escapes `ESC` intermediates*
// final (e.g. `ESC c`, `ESC ( B`). CAN/SUB abort a sequence. The state is
// reset at every line break and at the start of each laid-out segment.

/// Tiny state machine that decides which printable glyphs belong to an
/// escape sequence. Internal.
struct EscapeRecognizer {
    enum State {
        case ground
        case escape             // after ESC
        case escapeIntermediate // ESC followed by 0x20–0x2F
        case csi                // inside a control sequence
        case string             // inside OSC/DCS/SOS/PM/APC
        case stringEscape       // ESC seen inside a string (maybe ST)
    }

    var state: State = .ground

    /// Back to ground state (line breaks, segment starts).
    mutating func reset() { state = .ground }

    /// Feeds a C0/C1/DEL control (always shown as a placeholder).
    mutating func feedControl(_ v: UInt32) {
        switch v {
        case 0x1B:
            state = (state == .string || state == .stringEscape) ? .stringEscape : .escape
        case 0x9B:
            state = .csi
        case 0x9D, 0x90, 0x98, 0x9E, 0x9F:
            state = .string
        case 0x9C, 0x18, 0x1A, 0x0A:
            state = .ground
        case 0x07:
            if state == .string || state == .stringEscape { state = .ground }
        case 0x80...0x9F:
            state = .ground
        default:
            // Other C0 controls (and DEL) are executed by a terminal
            // without ending the sequence; keep the state.
            break
        }
    }

    /// Feeds any other non-printable placeholder (bidi, invisible,
    /// invalid UTF-8): it ends a CSI/escape, but not a string body.
    mutating func feedOther() {
        switch state {
        case .string: break
        case .stringEscape: state = .string
        default: state = .ground
        }
    }

    /// Feeds the first scalar of a printable glyph and returns its role.
    mutating func feedPrintable(_ v: UInt32) -> GlyphRole {
        switch state {
        case .ground:
            return .text
        case .escape:
            switch v {
            case 0x5B: state = .csi                            // [
            case 0x5D, 0x50, 0x58, 0x5E, 0x5F: state = .string // ] P X ^ _
            case 0x20...0x2F: state = .escapeIntermediate
            case 0x30...0x7E: state = .ground                  // final byte
            default:
                state = .ground
                return .text
            }
            return .escapeSequence
        case .escapeIntermediate:
            switch v {
            case 0x20...0x2F: return .escapeSequence
            case 0x30...0x7E:
                state = .ground
                return .escapeSequence
            default:
                state = .ground
                return .text
            }
        case .csi:
            switch v {
            case 0x20...0x3F: return .escapeSequence
            case 0x40...0x7E:
                state = .ground
                return .escapeSequence
            default:
                state = .ground
                return .text
            }
        case .string:
            return .escapeSequence
        case .stringEscape:
            if v == 0x5C {                                     // ESC \ = ST
                state = .ground
                return .escapeSequence
            }
            state = .escape
            return feedPrintable(v)
        }
    }
}
