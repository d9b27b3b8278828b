import EMText

/// Shared helpers for the EMText tests.
enum TestSupport {

    /// Scalars that must never appear in sanitized glyph text, defined here
    /// independently of the implementation: C0 (including LF and TAB), DEL,
    /// C1, bidi controls, invisible format characters, separators, fillers,
    /// private use and noncharacters.
    static let invisible: Set<UInt32> = [
        0xAD, 0x34F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x200B, 0x200C,
        0x2028, 0x2029, 0x3164, 0xFEFF, 0xFFA0, 0x6DD, 0x70F,
    ]

    static func isForbidden(_ v: UInt32) -> Bool {
        if v >= 0x20 && v < 0x7F { return false }
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        if v == 0x061C || v == 0x200E || v == 0x200F { return true }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        if invisible.contains(v) { return true }
        if (0x600...0x605).contains(v) { return true }
        if (0x2060...0x2064).contains(v) || (0x206A...0x206F).contains(v) { return true }
        if (0xFFF9...0xFFFB).contains(v) { return true }
        if (0xE000...0xF8FF).contains(v) || v >= 0xF0000 { return true }
        if (0xFDD0...0xFDEF).contains(v) || (v & 0xFFFE) == 0xFFFE { return true }
        if v == 0xE0001 || (0xE0080...0xE00FF).contains(v) { return true }
        return false
    }

    static func isEmojiScalar(_ s: Unicode.Scalar) -> Bool {
        return s.value > 0xFF && s.properties.isEmoji
    }

    /// Problems with one glyph (empty when it is safe and well-formed).
    static func problems(_ g: Glyph) -> [String] {
        // Fast path: one printable ASCII byte of ordinary text.
        if g.role == .text || g.role == .escapeSequence, g.text.utf8.count == 1, let b = g.text.utf8.first,
           b >= 0x20 && b < 0x7F, g.width == 1, !g.source.isEmpty {
            return []
        }
        var out: [String] = []
        let scalars = Array(g.text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            let v = s.value
            if isForbidden(v) {
                out.append("forbidden U+\(String(v, radix: 16)) in \(g.text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            if v == 0x200D {
                let ok = i > 0 && i + 1 < scalars.count && isEmojiScalar(scalars[i + 1])
                if !ok { out.append("ZWJ outside an emoji sequence") }
            }
            if (0xE0020...0xE007F).contains(v) && scalars.first?.value != 0x1F3F4 {
                out.append("tag character outside an emoji flag")
            }
            if i == 0 && ((0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)) {
                out.append("variation selector without a base")
            }
        }
        switch g.role {
        case .lineBreak:
            if !g.text.isEmpty || g.width != 0 { out.append("bad line break glyph") }
        case .tab:
            if g.text.contains(where: { $0 != " " }) { out.append("tab text not spaces") }
        case .controlGlyph:
            if g.width != scalars.count && g.text != "?" { out.append("placeholder width \(g.width) != \(scalars.count)") }
        case .text, .escapeSequence:
            if g.width < 1 || g.width > 2 { out.append("text glyph width \(g.width)") }
        }
        if g.source.isEmpty && g.role != .lineBreak { out.append("empty source range") }
        return out
    }

    /// Glyph texts joined, line breaks as "\n".
    static func shown(_ glyphs: [Glyph]) -> String {
        var s = ""
        for g in glyphs {
            s += g.role == .lineBreak ? "\n" : g.text
        }
        return s
    }

    static func shown(_ text: String) -> String {
        return shown(Sanitizer.sanitize(text))
    }

    static func wrap(_ text: String, _ width: Int) -> [String] {
        return TextLayout.wrap(text, width: width).map(\.text)
    }
}
