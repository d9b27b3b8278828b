// Compact Unicode range tables used by DisplayWidth.
//
// Written by hand for this module from the Unicode 15.1 character data
// (EastAsianWidth.txt values W and F; emoji-data.txt Emoji_Presentation),
// with the emoji of Unicode 16 and 17 added. Each table is a flat, sorted list of
// inclusive [first, last] pairs so it can be binary-searched without
// allocating. Tests cross-check the emoji table against the standard
// library's `Unicode.Scalar.Properties.isEmojiPresentation`.
//
// Deliberate choices:
// - East Asian Ambiguous (A) characters are narrow (1 column), as in every
//   non-CJK terminal locale.
// - The two emoji blocks that are filled with wide pictographs
//   (U+1F900–U+1F9FF from U+1F90C on, and U+1FA70–U+1FAFF) are wide as a
//   whole, so emoji added after Unicode 17 in those blocks are wide too.
//   (Unassigned code points never reach the screen anyway: the Sanitizer
//   shows them as `⟨U+XXXX⟩`.)
// - Planes 2 and 3 are wide as a whole, as EastAsianWidth.txt specifies.

/// Range tables for display-width decisions. Internal; use `DisplayWidth`.
enum WidthTables {

    /// East Asian Wide (W) and Fullwidth (F) code points.
    static let wide: [UInt32] = [
        // Hangul Jamo leading consonants (choseong) — they join with the
        // zero-width vowels/trailing consonants into one 2-column syllable.
        0x1100, 0x115F,
        // Miscellaneous Technical: watch, hourglass, angle brackets, media
        // controls with emoji presentation.
        0x231A, 0x231B,
        0x2329, 0x232A,
        0x23E9, 0x23EC,
        0x23F0, 0x23F0,
        0x23F3, 0x23F3,
        // Geometric shapes and Miscellaneous Symbols / Dingbats that have
        // default emoji presentation (☔ ☕ ♈–♓ ♿ ⚓ ⚡ ⚪ ⚽ ⛄ ⛎ ⛔ ⛪ ⛲ ⛵ ⛺ ⛽ ✅ ✊ ✨ ❌ ❎ ❓ ❗ ➕ ➰ ➿ ⬛ ⭐ ⭕).
        0x25FD, 0x25FE,
        0x2614, 0x2615,
        0x2648, 0x2653,
        0x267F, 0x267F,
        0x2693, 0x2693,
        0x26A1, 0x26A1,
        0x26AA, 0x26AB,
        0x26BD, 0x26BE,
        0x26C4, 0x26C5,
        0x26CE, 0x26CE,
        0x26D4, 0x26D4,
        0x26EA, 0x26EA,
        0x26F2, 0x26F3,
        0x26F5, 0x26F5,
        0x26FA, 0x26FA,
        0x26FD, 0x26FD,
        0x2705, 0x2705,
        0x270A, 0x270B,
        0x2728, 0x2728,
        0x274C, 0x274C,
        0x274E, 0x274E,
        0x2753, 0x2755,
        0x2757, 0x2757,
        0x2795, 0x2797,
        0x27B0, 0x27B0,
        0x27BF, 0x27BF,
        0x2B1B, 0x2B1C,
        0x2B50, 0x2B50,
        0x2B55, 0x2B55,
        // CJK Radicals Supplement, Kangxi Radicals, Ideographic Description.
        0x2E80, 0x2E99,
        0x2E9B, 0x2EF3,
        0x2F00, 0x2FD5,
        0x2FF0, 0x2FFF,
        // CJK Symbols and Punctuation (U+3000 ideographic space is F),
        // Hiragana, Katakana, Bopomofo, Hangul Compatibility Jamo, Kanbun,
        // CJK Strokes, Katakana Phonetic Extensions, Enclosed CJK Letters,
        // CJK Compatibility, CJK Unified Ideographs Extension A.
        0x3000, 0x303E,
        0x3041, 0x3096,
        0x3099, 0x30FF,
        0x3105, 0x312F,
        0x3131, 0x318E,
        0x3190, 0x31E3,
        0x31EF, 0x321E,
        0x3220, 0x3247,
        0x3250, 0x4DBF,
        // CJK Unified Ideographs, Yi Syllables and Radicals.
        0x4E00, 0xA48C,
        0xA490, 0xA4C6,
        // Hangul Jamo Extended-A, Hangul Syllables.
        0xA960, 0xA97C,
        0xAC00, 0xD7A3,
        // CJK Compatibility Ideographs.
        0xF900, 0xFAFF,
        // Vertical forms, CJK Compatibility Forms, Small Form Variants.
        0xFE10, 0xFE19,
        0xFE30, 0xFE52,
        0xFE54, 0xFE66,
        0xFE68, 0xFE6B,
        // Fullwidth ASCII variants and fullwidth brackets (F), fullwidth
        // signs (F).
        0xFF01, 0xFF60,
        0xFFE0, 0xFFE6,
        // Ideographic symbols, Tangut, Khitan, Kana supplements, Nushu.
        0x16FE0, 0x16FE4,
        0x16FF0, 0x16FF1,
        0x17000, 0x187F7,
        0x18800, 0x18CD5,
        0x18D00, 0x18D08,
        0x1AFF0, 0x1AFF3,
        0x1AFF5, 0x1AFFB,
        0x1AFFD, 0x1AFFE,
        0x1B000, 0x1B122,
        0x1B132, 0x1B132,
        0x1B150, 0x1B152,
        0x1B155, 0x1B155,
        0x1B164, 0x1B167,
        0x1B170, 0x1B2FB,
        // Mahjong / playing card emoji, enclosed alphanumerics with emoji
        // presentation, enclosed ideographic supplement.
        0x1F004, 0x1F004,
        0x1F0CF, 0x1F0CF,
        0x1F18E, 0x1F18E,
        0x1F191, 0x1F19A,
        0x1F200, 0x1F202,
        0x1F210, 0x1F23B,
        0x1F240, 0x1F248,
        0x1F250, 0x1F251,
        0x1F260, 0x1F265,
        // Miscellaneous Symbols and Pictographs, Emoticons, Transport and
        // Map Symbols, Geometric Shapes Extended: the emoji-presentation
        // subset.
        0x1F300, 0x1F320,
        0x1F32D, 0x1F335,
        0x1F337, 0x1F37C,
        0x1F37E, 0x1F393,
        0x1F3A0, 0x1F3CA,
        0x1F3CF, 0x1F3D3,
        0x1F3E0, 0x1F3F0,
        0x1F3F4, 0x1F3F4,
        0x1F3F8, 0x1F43E,
        0x1F440, 0x1F440,
        0x1F442, 0x1F4FC,
        0x1F4FF, 0x1F53D,
        0x1F54B, 0x1F54E,
        0x1F550, 0x1F567,
        0x1F57A, 0x1F57A,
        0x1F595, 0x1F596,
        0x1F5A4, 0x1F5A4,
        0x1F5FB, 0x1F64F,
        0x1F680, 0x1F6C5,
        0x1F6CC, 0x1F6CC,
        0x1F6D0, 0x1F6D2,
        0x1F6D5, 0x1F6D8,
        0x1F6DC, 0x1F6DF,
        0x1F6EB, 0x1F6EC,
        0x1F6F4, 0x1F6FC,
        0x1F7E0, 0x1F7EB,
        0x1F7F0, 0x1F7F0,
        // Supplemental Symbols and Pictographs (except the few text-style
        // symbols at 1F900–1F90B, 1F93B, 1F946) and Symbols and Pictographs
        // Extended-A, taken whole.
        0x1F90C, 0x1F93A,
        0x1F93C, 0x1F945,
        0x1F947, 0x1F9FF,
        0x1FA70, 0x1FAFF,
        // CJK Unified Ideographs Extensions B–I and compatibility
        // supplement: all of planes 2 and 3.
        0x20000, 0x2FFFD,
        0x30000, 0x3FFFD,
    ]

    /// Emoji_Presentation=Yes code points (Unicode 17): shown as 2-column
    /// colour emoji by default, even without U+FE0F. Almost all are also in
    /// `wide`; the regional indicators (flags) are the notable exception.
    static let emojiPresentation: [UInt32] = [
        0x231A, 0x231B,
        0x23E9, 0x23EC,
        0x23F0, 0x23F0,
        0x23F3, 0x23F3,
        0x25FD, 0x25FE,
        0x2614, 0x2615,
        0x2648, 0x2653,
        0x267F, 0x267F,
        0x2693, 0x2693,
        0x26A1, 0x26A1,
        0x26AA, 0x26AB,
        0x26BD, 0x26BE,
        0x26C4, 0x26C5,
        0x26CE, 0x26CE,
        0x26D4, 0x26D4,
        0x26EA, 0x26EA,
        0x26F2, 0x26F3,
        0x26F5, 0x26F5,
        0x26FA, 0x26FA,
        0x26FD, 0x26FD,
        0x2705, 0x2705,
        0x270A, 0x270B,
        0x2728, 0x2728,
        0x274C, 0x274C,
        0x274E, 0x274E,
        0x2753, 0x2755,
        0x2757, 0x2757,
        0x2795, 0x2797,
        0x27B0, 0x27B0,
        0x27BF, 0x27BF,
        0x2B1B, 0x2B1C,
        0x2B50, 0x2B50,
        0x2B55, 0x2B55,
        0x1F004, 0x1F004,
        0x1F0CF, 0x1F0CF,
        0x1F18E, 0x1F18E,
        0x1F191, 0x1F19A,
        // Regional indicator symbols: pairs form flags.
        0x1F1E6, 0x1F1FF,
        0x1F201, 0x1F201,
        0x1F21A, 0x1F21A,
        0x1F22F, 0x1F22F,
        0x1F232, 0x1F236,
        0x1F238, 0x1F23A,
        0x1F250, 0x1F251,
        0x1F300, 0x1F320,
        0x1F32D, 0x1F335,
        0x1F337, 0x1F37C,
        0x1F37E, 0x1F393,
        0x1F3A0, 0x1F3CA,
        0x1F3CF, 0x1F3D3,
        0x1F3E0, 0x1F3F0,
        0x1F3F4, 0x1F3F4,
        0x1F3F8, 0x1F43E,
        0x1F440, 0x1F440,
        0x1F442, 0x1F4FC,
        0x1F4FF, 0x1F53D,
        0x1F54B, 0x1F54E,
        0x1F550, 0x1F567,
        0x1F57A, 0x1F57A,
        0x1F595, 0x1F596,
        0x1F5A4, 0x1F5A4,
        0x1F5FB, 0x1F64F,
        0x1F680, 0x1F6C5,
        0x1F6CC, 0x1F6CC,
        0x1F6D0, 0x1F6D2,
        0x1F6D5, 0x1F6D8,
        0x1F6DC, 0x1F6DF,
        0x1F6EB, 0x1F6EC,
        0x1F6F4, 0x1F6FC,
        0x1F7E0, 0x1F7EB,
        0x1F7F0, 0x1F7F0,
        0x1F90C, 0x1F93A,
        0x1F93C, 0x1F945,
        0x1F947, 0x1F9FF,
        0x1FA70, 0x1FA7C,
        0x1FA80, 0x1FA8A,
        0x1FA8E, 0x1FAC6,
        0x1FAC8, 0x1FAC8,
        0x1FACD, 0x1FADC,
        0x1FADF, 0x1FAEA,
        0x1FAEF, 0x1FAF8,
    ]

    /// Binary search in a flat table of inclusive [first, last] pairs.
    @inline(__always)
    static func contains(_ table: [UInt32], _ value: UInt32) -> Bool {
        return table.withUnsafeBufferPointer { t -> Bool in
            let pairs = t.count / 2
            guard pairs > 0, value >= t[0], value <= t[t.count - 1] else { return false }
            var lo = 0
            var hi = pairs - 1
            while lo <= hi {
                let mid = (lo + hi) / 2
                if value < t[2 * mid] {
                    hi = mid - 1
                } else if value > t[2 * mid + 1] {
                    lo = mid + 1
                } else {
                    return true
                }
            }
            return false
        }
    }
}
