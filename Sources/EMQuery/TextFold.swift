import Foundation

/// The text folding shared by the search indexer and the query compiler.
///
/// `fold` removes case, diacritics and width distinctions so that a search for `creme` finds `Crème`,
/// `STRASSE` finds `straße` and `ａｂｃ` finds `abc`. The store folds question, reasoning and answer text
/// with it before writing them into `sample_fts`; the compiler folds search needles with it. Both sides
/// must use the same function, so a store records ``version`` and rebuilds its index when it changes.
///
/// Definition (version 1): Foundation's
/// `folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)`,
/// then `lowercased()`. Notes:
/// - Diacritic folding also strips combining marks in other scripts (Japanese dakuten: `が` → `か`),
///   which can only add matches, never lose them.
/// - Folding may change the length of a string (`ß` → `ss`, `ﬁ` → `fi`).
/// - Han, kana and hangul are otherwise unchanged; half-width katakana become full-width.
public enum TextFold {
    /// Bumped whenever ``fold(_:)`` changes; a store whose index was built with another version rebuilds it.
    public static let version = 1

    /// Case-, diacritic- and width-folded, lowercased text (see the type's documentation).
    public static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    /// Lowercases ASCII `A`–`Z` only, exactly like SQLite's built-in `lower()` and `NOCASE` collation.
    ///
    /// Used for values compared against SQLite's own case folding (name globs, the short-needle fallback).
    public static func asciiLowercased(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            if u.value >= 0x41, u.value <= 0x5A, let lower = Unicode.Scalar(u.value + 0x20) {
                scalars.append(lower)
            } else {
                scalars.append(u)
            }
        }
        return String(scalars)
    }
}
