// Per-scalar safety classification and placeholder texts.
//
// Placeholder alphabet (all narrow, all printable, none of them a control):
//   C0 U+0000–U+001F  → Control Pictures U+2400–U+241F (␀ … ␛ … ␟)
//   DEL U+007F        → ␡ (U+2421)
//   C1 U+0080–U+009F  → ⟨U+0080⟩ … ⟨U+009F⟩
//   everything else that must not be shown raw → ⟨U+XXXX⟩
// The angle brackets are U+27E8/U+27E9 (East Asian Width: Na), so every
// placeholder is exactly as many columns as it has characters.

/// Internal classification helpers shared by the sanitizer engine.
enum ScalarSafety {

    /// Single-character strings for every ASCII byte (printables only are
    /// used), so the hot path never builds a String from scratch.
    static let asciiText: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }

    /// Control Pictures for C0 (index = code) and DEL (index 32).
    static let controlPictures: [String] = (0..<33).map { i -> String in
        let v: UInt32 = i == 32 ? 0x2421 : 0x2400 + UInt32(i)
        return String(Unicode.Scalar(v)!)
    }

    /// `⟨U+XXXX⟩` for any code point (at least four hex digits).
    static func hexTag(_ v: UInt32) -> String {
        var hex = String(v, radix: 16, uppercase: true)
        if hex.count < 4 { hex = String(repeating: "0", count: 4 - hex.count) + hex }
        return "\u{27E8}U+" + hex + "\u{27E9}"
    }

    /// Text shown for a C0 control, DEL or C1 control.
    static func controlPlaceholder(_ v: UInt32) -> String {
        if v < 0x20 { return controlPictures[Int(v)] }
        if v == 0x7F { return controlPictures[32] }
        return hexTag(v)
    }

    /// True for C0, DEL and C1.
    @inline(__always)
    static func isControl(_ v: UInt32) -> Bool {
        return v < 0x20 || (v >= 0x7F && v <= 0x9F)
    }

    /// Variation selectors that legitimately extend a base character:
    /// VS1–VS16, VS17–VS256 and the Mongolian free variation selectors.
    @inline(__always)
    static func isVariationSelector(_ v: UInt32) -> Bool {
        return (v >= 0xFE00 && v <= 0xFE0F)
            || (v >= 0xE0100 && v <= 0xE01EF)
            || (v >= 0x180B && v <= 0x180D) || v == 0x180F
    }

    /// Tag characters U+E0020–U+E007F (invisible; used in emoji flag
    /// sequences and in "ASCII smuggling").
    @inline(__always)
    static func isTag(_ v: UInt32) -> Bool {
        return v >= 0xE0020 && v <= 0xE007F
    }

    /// Bidirectional formatting characters (also covered by the general
    /// rule below; listed for documentation and tests).
    static func isBidiControl(_ v: UInt32) -> Bool {
        return v == 0x061C || v == 0x200E || v == 0x200F
            || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
    }

    /// A scalar that could plausibly be joined in an emoji ZWJ sequence.
    @inline(__always)
    static func isEmojiComponentBase(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0xA9 { return false }
        return scalar.properties.isEmoji
    }

    /// The placeholder for a scalar that may never be shown as itself, or
    /// nil when it may be (subject to the cluster rules in the engine:
    /// ZWJ, variation selectors and tags are decided there, never here,
    /// and return nil).
    ///
    /// Hidden: C0/C1/DEL (LF and TAB included — callers special-case them
    /// first), Cf format characters (bidi controls, zero-width space,
    /// word joiner, BOM, soft hyphen, Mongolian vowel separator, prepended
    /// concatenation marks …), Zl/Zp separators, private-use, unassigned
    /// and noncharacters, and any other Default_Ignorable_Code_Point
    /// (Hangul fillers, combining grapheme joiner, Khmer inherent vowels …).
    static func placeholder(_ v: UInt32, _ scalar: Unicode.Scalar) -> String? {
        if v < 0x300 {
            if v < 0x20 || (v >= 0x7F && v <= 0x9F) { return controlPlaceholder(v) }
            if v == 0xAD { return hexTag(v) }
            return nil
        }
        // Hot ranges that are entirely assigned, visible letters.
        if v >= 0x4E00 && v <= 0x9FFF { return nil }
        if v >= 0xAC00 && v <= 0xD7A3 { return nil }
        if v == 0x200D || isVariationSelector(v) || isTag(v) { return nil }
        let props = scalar.properties
        switch props.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator,
             .privateUse, .surrogate, .unassigned:
            return hexTag(v)
        default:
            return props.isDefaultIgnorableCodePoint ? hexTag(v) : nil
        }
    }
}
