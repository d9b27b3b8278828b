// Public entry points for turning hostile text into safe display glyphs.
//
// Safety never depends on parsing: every scalar is judged on its own (with
// its grapheme cluster as context for emoji joiners), so a truncated,
// malformed or adversarial escape sequence cannot smuggle anything through.
// Escape-sequence recognition exists only to *style* the printable body of a
// sequence (role `.escapeSequence`). See docs/text-safety.md.

import Foundation

/// Knobs for `Sanitizer`. The defaults are what the viewer uses.
public struct SanitizerOptions: Sendable, Hashable {
    /// Maximum number of extending scalars (combining marks, variation
    /// selectors, skin-tone modifiers, conjoining jamo …) kept per grapheme
    /// component. The rest are dropped and announced by one
    /// `⟨+N marks⟩` placeholder after the grapheme. Minimum 1.
    public var maxCombiningMarks: Int
    /// When true, CR LF is an ordinary line break (the CR is not shown).
    /// A CR anywhere else is always shown as `␍`.
    public var crlfIsNewline: Bool
    /// When true, line breaks are shown as a `␤` placeholder instead of
    /// producing `.lineBreak` glyphs (for one-line contexts such as list
    /// columns). Tabs are single-column `.tab` glyphs in both modes.
    public var singleLine: Bool
    /// When true, the printable characters that follow an ESC (or 8-bit
    /// CSI/OSC/DCS …) and belong to the same escape sequence get role
    /// `.escapeSequence` instead of `.text`. Purely cosmetic.
    public var styleEscapeSequences: Bool

    /// Creates options; every parameter has the viewer's default.
    public init(
        maxCombiningMarks: Int = 8,
        crlfIsNewline: Bool = true,
        singleLine: Bool = false,
        styleEscapeSequences: Bool = true
    ) {
        self.maxCombiningMarks = max(1, maxCombiningMarks)
        self.crlfIsNewline = crlfIsNewline
        self.singleLine = singleLine
        self.styleEscapeSequences = styleEscapeSequences
    }

    /// Defaults for multi-line text (line breaks become `.lineBreak` glyphs).
    public static let standard = SanitizerOptions()
    /// Defaults for one-line contexts (line breaks become `␤` placeholders).
    public static let oneLine = SanitizerOptions(singleLine: true)
}

/// Converts untrusted text (a String, or bytes that may not be UTF-8) into
/// glyphs that are safe to draw on a terminal.
///
/// Output guarantees, for every glyph: `text` contains no C0 control
/// (including LF and TAB), no DEL, no C1 control, no bidirectional control
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), no invisible
/// format or default-ignorable character (U+00AD, U+180E, U+200B–U+200D,
/// U+2060–U+2064, U+FEFF, tags, …) except a ZWJ/VS16/tag that is part of an
/// emoji sequence, no line/paragraph separator, no private-use, unassigned
/// or noncharacter code point. Line breaks are `.lineBreak` glyphs with
/// empty text, tabs are `.tab` glyphs whose text is a space.
public enum Sanitizer {

    /// Sanitizes a string. Glyph `source` ranges are UTF-8 byte offsets into
    /// `text`.
    public static func sanitize(_ text: String, options: SanitizerOptions = .standard) -> [Glyph] {
        var out: [Glyph] = []
        out.reserveCapacity(text.utf8.count)
        forEachGlyph(in: text, options: options) { out.append($0) }
        return out
    }

    /// Sanitizes raw bytes that should be UTF-8 but may not be. Each maximal
    /// invalid subsequence becomes one `�` placeholder (role
    /// `.controlGlyph`); a literal U+FFFD in valid input stays `.text`.
    public static func sanitize(utf8 bytes: [UInt8], options: SanitizerOptions = .standard) -> [Glyph] {
        var out: [Glyph] = []
        out.reserveCapacity(bytes.count)
        forEachGlyph(inUTF8: bytes, options: options) { out.append($0) }
        return out
    }

    /// Sanitizes raw bytes held in `Data` (see `sanitize(utf8:options:)`).
    public static func sanitize(_ data: Data, options: SanitizerOptions = .standard) -> [Glyph] {
        return sanitize(utf8: [UInt8](data), options: options)
    }

    /// Streams the glyphs of `text` to `body` without building an array —
    /// for very large inputs. Produces exactly what `sanitize(_:)` returns.
    public static func forEachGlyph(in text: String, options: SanitizerOptions = .standard, _ body: (Glyph) -> Void) {
        var copy = text
        copy.withUTF8 { buf in
            var engine = SanitizerEngine(options: options)
            engine.run(buf, base: 0, emit: body)
        }
    }

    /// Streams the glyphs of raw bytes to `body` without building an array.
    /// Produces exactly what `sanitize(utf8:)` returns.
    public static func forEachGlyph(inUTF8 bytes: [UInt8], options: SanitizerOptions = .standard, _ body: (Glyph) -> Void) {
        bytes.withUnsafeBufferPointer { buf in
            var engine = SanitizerEngine(options: options)
            engine.run(buf, base: 0, emit: body)
        }
    }

    /// A plain string that is safe to print: the glyph texts joined, with
    /// line breaks as "\n" and tabs as "\t" (the only control characters
    /// that can appear in the result). For logs and non-curses output.
    public static func safeString(_ text: String, options: SanitizerOptions = .standard) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        forEachGlyph(in: text, options: options) { g in
            switch g.role {
            case .lineBreak: out.append("\n")
            case .tab: out.append("\t")
            default: out.append(g.text)
            }
        }
        return out
    }

    /// A one-line safe string: like `safeString` with `SanitizerOptions.oneLine`
    /// (line breaks shown as `␤`, tabs as a single space). Contains no
    /// control characters at all.
    public static func singleLineString(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        forEachGlyph(in: text, options: .oneLine) { out.append($0.text) }
        return out
    }

    /// The placeholder text shown for a scalar that is never displayed as
    /// itself (controls, bidi and invisible format characters, separators,
    /// private-use, unassigned), or nil when the scalar may be shown. LF and
    /// TAB return nil (layout handles them). ZWJ, variation selectors and
    /// tag characters return their placeholder as used when they are *not*
    /// part of an emoji sequence.
    public static func placeholder(for scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        if v == 0x0A || v == 0x09 { return nil }
        if let p = ScalarSafety.placeholder(v, scalar) { return p }
        if ScalarSafety.isVariationSelector(v) || v == 0x200D || ScalarSafety.isTag(v) {
            return ScalarSafety.hexTag(v)
        }
        return nil
    }
}
