// Display width in terminal columns, computed in pure Swift.
//
// No libc `wcwidth`: the result must not depend on the process locale or
// the C library's Unicode version. Rules:
// - C0/C1 controls and DEL: 0 (they are not printable; sanitize first).
// - Nonspacing (Mn) and enclosing (Me) combining marks, format characters
//   (Cf), line/paragraph separators and the Hangul medial vowel / final
//   consonant jamo: 0.
// - East Asian Wide (W) and Fullwidth (F), and Emoji_Presentation: 2.
// - Everything else, including East Asian Ambiguous, private use and
//   unassigned code points: 1.
// - A grapheme cluster is as wide as its widest scalar, and 2 if it holds a
//   U+FE0F VARIATION SELECTOR-16 after its first scalar (emoji
//   presentation requested), e.g. "❤️".

/// Locale-independent terminal column widths of scalars, grapheme clusters
/// and strings.
public enum DisplayWidth {

    /// Columns taken by a single scalar on its own: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        return width(scalar.value, scalar)
    }

    /// Columns taken by one grapheme cluster: the widest of its scalars, or
    /// 2 when it contains VS16 (U+FE0F) after its first scalar.
    /// "e\u{301}" → 1, "😀" → 2, "❤️" → 2, "👩‍💻" → 2, "中" → 2.
    public static func of(_ character: Character) -> Int {
        return clusterWidth(character.unicodeScalars)
    }

    /// Columns taken by a string: the sum of its grapheme clusters' widths.
    /// Does not interpret tabs or newlines (they count 0); lay out sanitized
    /// glyphs instead when the text can contain them.
    public static func of(_ string: String) -> Int {
        var total = 0
        for ch in string {
            total += clusterWidth(ch.unicodeScalars)
        }
        return total
    }

    /// True when the scalar is East Asian Wide/Fullwidth or has default
    /// emoji presentation (it occupies 2 columns).
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        return of(scalar) == 2
    }

    /// True when the scalar has Emoji_Presentation=Yes in this module's
    /// table (Unicode 17).
    public static func hasEmojiPresentation(_ scalar: Unicode.Scalar) -> Bool {
        return WidthTables.contains(WidthTables.emojiPresentation, scalar.value)
    }

    // MARK: - Internals

    /// Width of a sequence of scalars forming one cluster.
    static func clusterWidth<S: Sequence>(_ scalars: S) -> Int where S.Element == Unicode.Scalar {
        var widest = 0
        var first = true
        for s in scalars {
            if !first && s.value == 0xFE0F {
                return 2
            }
            first = false
            if widest < 2 {
                let w = width(s.value, s)
                if w > widest { widest = w }
            }
        }
        return widest
    }

    /// Width of one scalar given its value (fast paths first).
    @inline(__always)
    static func width(_ v: UInt32, _ scalar: Unicode.Scalar) -> Int {
        if v < 0x7F { return v < 0x20 ? 0 : 1 }
        if v < 0xA0 { return 0 }              // DEL and C1 controls
        if v < 0x300 { return 1 }             // Latin-1, Latin Extended, IPA, spacing modifiers
        // Hot CJK / Hangul ranges without any lookup.
        if v >= 0x4E00 && v <= 0x9FFF { return 2 }
        if v >= 0xAC00 && v <= 0xD7A3 { return 2 }
        if isZeroWidth(v, scalar) { return 0 }
        if WidthTables.contains(WidthTables.wide, v) { return 2 }
        if v >= 0x1F1E6 && v <= 0x1F1FF { return 2 }   // regional indicators (emoji presentation)
        return 1
    }

    /// Zero-width scalars: combining marks, format characters, separators,
    /// Hangul medial/final jamo.
    static func isZeroWidth(_ v: UInt32, _ scalar: Unicode.Scalar) -> Bool {
        if v >= 0x1160 && v <= 0x11FF { return true }   // Hangul Jungseong/Jongseong
        if v >= 0xD7B0 && v <= 0xD7FF { return true }   // Hangul Jamo Extended-B
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .lineSeparator, .paragraphSeparator:
            return true
        default:
            return false
        }
    }
}
