// Case- and diacritic-insensitive search over sanitized glyphs.
//
// Matching is done on what the reader sees: the sanitized glyph texts.
// So a placeholder is searchable by its visible text ("U+202E" finds every
// `⟨U+202E⟩`, "␛[" finds every CSI), invisible characters cannot hide or
// split a word from search any more than from the eye, and a needle is
// sanitized the same way before matching (typing or pasting a raw U+202E
// searches for `⟨U+202E⟩`). Each glyph is folded with Foundation's
// locale-independent case + diacritic folding ("É" → "e", "ß" → "ss",
// "e\u{301}" → "e"); a tab matches a space; a match never crosses a line
// break. Matches are non-overlapping, leftmost first, and are reported as
// glyph index ranges or as source byte ranges (for `DisplayLine.
// highlightedColumns(for:)`). A match that covers part of a glyph's folded
// text (e.g. "s" in "ß") highlights the whole glyph.

import Foundation

/// A prepared search needle. Create once per query and reuse.
public struct TextSearch: Sendable, Hashable {
    /// The needle as typed.
    public let needle: String
    /// Folded needle scalars.
    let folded: [UInt32]

    /// Prepares `needle` (sanitized as one line, then folded).
    public init(_ needle: String) {
        self.needle = needle
        var cache: [String: [UInt32]] = [:]
        var f: [UInt32] = []
        Sanitizer.forEachGlyph(in: needle, options: .oneLine) { g in
            f += TextSearch.fold(g, &cache)
        }
        folded = f
    }

    /// True when the needle folds to nothing (never matches).
    public var isEmpty: Bool { folded.isEmpty }

    var foldedCount: Int { folded.count }

    /// Ranges of glyph indices (into `glyphs`) covered by each match.
    public func glyphRanges(in glyphs: [Glyph]) -> [Range<Int>] {
        guard !folded.isEmpty, !glyphs.isEmpty else { return [] }
        var cache: [String: [UInt32]] = [:]
        var hay: [UInt32] = []
        var owner: [Int] = []
        hay.reserveCapacity(glyphs.count)
        owner.reserveCapacity(glyphs.count)
        for (i, g) in glyphs.enumerated() {
            for x in TextSearch.fold(g, &cache) {
                hay.append(x)
                owner.append(i)
            }
        }
        let m = folded.count
        var out: [Range<Int>] = []
        let first = folded[0]
        var i = 0
        while i + m <= hay.count {
            if hay[i] == first {
                var k = 1
                while k < m && hay[i + k] == folded[k] { k += 1 }
                if k == m {
                    out.append(owner[i]..<(owner[i + m - 1] + 1))
                    i += m
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// Source byte ranges covered by each match in `glyphs`.
    public func sourceRanges(in glyphs: [Glyph]) -> [Range<Int>] {
        return glyphRanges(in: glyphs).map {
            glyphs[$0.lowerBound].source.lowerBound..<glyphs[$0.upperBound - 1].source.upperBound
        }
    }

    /// Sanitizes `text` and returns the UTF-8 byte ranges of the matches
    /// in it. For large texts use `WrappedText.matches(of:in:limit:)`.
    public func matches(in text: String) -> [Range<Int>] {
        return sourceRanges(in: Sanitizer.sanitize(text))
    }

    /// The folded scalars of one glyph.
    static func fold(_ g: Glyph, _ cache: inout [String: [UInt32]]) -> [UInt32] {
        switch g.role {
        case .lineBreak: return [UInt32.max]      // matches nothing
        case .tab: return [0x20]
        default: break
        }
        let utf8 = g.text.utf8
        if utf8.count == 1, let b = utf8.first, b < 0x80 {
            return [(b >= 0x41 && b <= 0x5A) ? UInt32(b) + 0x20 : UInt32(b)]
        }
        if let hit = cache[g.text] { return hit }
        let f = g.text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let scalars = f.unicodeScalars.map(\.value)
        cache[g.text] = scalars
        return scalars
    }
}
