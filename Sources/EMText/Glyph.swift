// Glyph: the unit of sanitized, displayable text.
//
// Every Glyph produced by this module is safe to hand to a terminal: its
// `text` never contains a C0/C1 control, DEL, ESC, a bidirectional control
// or an invisible format character (see docs/text-safety.md for the full
// list). Hostile characters are replaced by visible placeholder glyphs whose
// role is `.controlGlyph`, so a renderer can draw them in their own style.

/// What a glyph stands for, so a renderer can pick a style for it.
public enum GlyphRole: Sendable, Hashable {
    /// Ordinary text copied from the source (one grapheme cluster).
    case text
    /// A visible placeholder standing in for something that must not reach
    /// the terminal: a control character (`␛`, `␀`, `⟨U+009B⟩`), an invisible
    /// or bidirectional format character (`⟨U+202E⟩`), invalid UTF-8 (`�`),
    /// dropped combining marks (`⟨+192 marks⟩`) and similar.
    case controlGlyph
    /// Printable characters that belong to a recognised terminal escape
    /// sequence, shown literally after its `␛` placeholder (for example the
    /// `[31m` of `ESC [31m`). Safe to print; renderers may dim them.
    case escapeSequence
    /// A tab. Before layout its text is a single space; after layout its
    /// text is the run of spaces that reaches the next tab stop.
    case tab
    /// A line break (only in `Sanitizer.sanitize` output of multi-line text;
    /// never appears inside a `DisplayLine`). Its text is empty.
    case lineBreak
}

/// One displayable unit: a grapheme cluster or a placeholder, with its width
/// in terminal columns and the UTF-8 byte range of the source it came from.
public struct Glyph: Sendable, Hashable {
    /// What to draw. Never contains a control, ESC, bidi or invisible
    /// format character.
    public var text: String
    /// Display width in terminal columns (0 only for `.lineBreak`).
    public var width: Int
    /// How the renderer should treat it.
    public var role: GlyphRole
    /// UTF-8 byte offsets of the source text this glyph represents. Several
    /// glyphs may share a range (a grapheme and its `⟨+N marks⟩` tag; the
    /// pieces of a long placeholder split by layout).
    public var source: Range<Int>

    /// Creates a glyph. Callers outside this module normally get glyphs from
    /// `Sanitizer`; this initializer exists for tests and custom renderers.
    public init(text: String, width: Int, role: GlyphRole, source: Range<Int>) {
        self.text = text
        self.width = width
        self.role = role
        self.source = source
    }

    /// True when this glyph is a substitute for hostile or invisible input
    /// rather than a copy of the source text.
    public var isPlaceholder: Bool { role == .controlGlyph }
}

extension Glyph: CustomStringConvertible {
    /// Debug description: the text and, for non-text roles, the role.
    public var description: String {
        switch role {
        case .text: return text
        case .controlGlyph: return "[ctl \(text)]"
        case .escapeSequence: return "[esc \(text)]"
        case .tab: return "[tab \(width)]"
        case .lineBreak: return "[nl]"
        }
    }
}
