// Splitting a large text into independently laid-out segments, using only
// the bytes near the place being looked at.
//
// A segment is a paragraph (the bytes between two LF; a CR right before the
// LF is left out when CR LF counts as a newline), or — in a paragraph longer
// than M = `maxSegmentBytes` — a piece of one. Pieces are cut near the fixed
// byte grid G = k·M (k ≥ 1): for a grid point inside a long paragraph the
// cut is searched in the window [G − M/2, G], kept at least M/4 bytes away
// from both ends of the paragraph, and placed at the best position found
// scanning backwards from G, in this order of preference:
//   1. just before a word (after an ASCII space, before an ASCII byte);
//   2. between two ASCII bytes;
//   3. before a scalar that does not extend or join the previous one
//      (not a combining mark, variation selector, ZWJ/ZWNJ, emoji
//      modifier, tag, Hangul medial/final jamo or regional indicator, and
//      not right after a ZWJ);
//   4. before any UTF-8 lead byte;
//   5. at the window's upper end (only in bytes that are not UTF-8).
// Because every cut depends only on the bytes within M of its grid point,
// the segment around any byte offset — and the next and previous segments —
// can be found without scanning the text from its start: opening a 10 MB
// single-line text at its end costs the same as opening it at its start.
//
// Each segment is wrapped on its own, so each starts a new display line:
// in a paragraph longer than M this ends a line early about once per M
// bytes (about once every 100 lines at 80 columns with M = 8 KiB). Cases
// 3–5 can split a grapheme only in pathological input (e.g. thousands of
// combining marks in a row).

/// Stateless, local segmentation of a UTF-8 buffer. Internal.
struct Segmenter {
    /// A segment: its content bytes and where the next one starts.
    struct Segment: Hashable, Sendable {
        /// First byte of the segment.
        var start: Int
        /// End of the content (excludes the LF and a CR before it).
        var contentEnd: Int
        /// Start of the following segment; equals the buffer size at the end.
        var next: Int
        /// First segment of its paragraph.
        var startsParagraph: Bool
        /// Last segment of its paragraph.
        var endsParagraph: Bool
    }

    let buf: UnsafeBufferPointer<UInt8>
    /// M: the maximum segment size the grid is based on.
    let limit: Int
    let crlfIsNewline: Bool

    init(_ buf: UnsafeBufferPointer<UInt8>, limit: Int, crlfIsNewline: Bool) {
        self.buf = buf
        self.limit = max(256, limit)
        self.crlfIsNewline = crlfIsNewline
    }

    var count: Int { buf.count }

    // MARK: - Navigation

    /// The segment that starts at `s` (a segment start, `s < count`).
    func segment(at s: Int) -> Segment {
        let n = buf.count
        let m = limit
        let startsParagraph = s == 0 || buf[s - 1] == 0x0A
        var k = s / m + 1
        var scan = s
        while true {
            let grid = k * m
            let low = grid - m / 2
            if low > scan {
                let upto = min(low, n)
                if let lf = firstLF(scan, upto) {
                    return paragraphEnd(s, lf, startsParagraph)
                }
                scan = upto
            }
            if scan >= n || grid >= n {
                if let lf = firstLF(scan, n) {
                    return paragraphEnd(s, lf, startsParagraph)
                }
                return Segment(start: s, contentEnd: n, next: n,
                               startsParagraph: startsParagraph, endsParagraph: true)
            }
            if let c = appliedCut(k), c > s {
                if let lf = firstLF(scan, c) {
                    return paragraphEnd(s, lf, startsParagraph)
                }
                return Segment(start: s, contentEnd: c, next: c,
                               startsParagraph: startsParagraph, endsParagraph: false)
            }
            k += 1
        }
    }

    private func paragraphEnd(_ s: Int, _ lf: Int, _ startsParagraph: Bool) -> Segment {
        var end = lf
        if crlfIsNewline && lf > s && buf[lf - 1] == 0x0D { end = lf - 1 }
        return Segment(start: s, contentEnd: end, next: lf + 1,
                       startsParagraph: startsParagraph, endsParagraph: true)
    }

    /// The start of the segment that ends just before boundary `s`
    /// (`0 < s <= count`; `s` is a segment start or the end of the text).
    /// Also: `start(before: o + 1)` is the start of the segment holding
    /// byte `o` (an LF belongs to the segment it ends).
    func start(before s: Int) -> Int {
        let m = limit
        let e = buf[s - 1] == 0x0A ? s - 1 : s
        var scanHigh = e
        var k = (e - 1 + m / 2) / m
        while true {
            if k < 1 {
                if let lf = lastLF(0, scanHigh) { return lf + 1 }
                return 0
            }
            let grid = k * m
            let low = min(grid, scanHigh)
            if let lf = lastLF(low, scanHigh) { return lf + 1 }
            scanHigh = low
            if let c = appliedCut(k), c < e {
                if let lf = lastLF(c, scanHigh) { return lf + 1 }
                return c
            }
            k -= 1
        }
    }

    /// The start of the segment holding byte `offset` (clamped to the text).
    func start(containing offset: Int) -> Int {
        let n = buf.count
        guard n > 0 else { return 0 }
        if offset >= n { return start(before: n) }
        return start(before: max(0, offset) + 1)
    }

    /// The cut made near grid point k·M, if that point lies inside a
    /// paragraph longer than M and the cut window is not empty.
    func appliedCut(_ k: Int) -> Int? {
        let n = buf.count
        let m = limit
        let grid = k * m
        guard k >= 1, grid < n else { return nil }
        var ps: Int? = nil
        if let lf = lastLF(max(0, grid - m), grid) {
            ps = lf + 1
        } else if grid - m <= 0 {
            ps = 0
        }
        var pe: Int? = nil
        if let lf = firstLF(grid, min(n, grid + m)) {
            pe = lf
        } else if grid + m >= n {
            pe = n
        }
        if let ps = ps, let pe = pe, pe - ps <= m { return nil }
        let floor = max(grid - m / 2, (ps ?? 0) + m / 4, 1)
        let ceiling = min(grid, (pe ?? n) - m / 4)
        guard floor <= ceiling else { return nil }
        return Segmenter.findCut(buf, floor: floor, ceiling: ceiling)
    }

    // MARK: - Newline search (eight bytes at a time)

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let pattern: UInt64 = 0x0A0A_0A0A_0A0A_0A0A

    /// First LF in `a..<b`.
    func firstLF(_ a: Int, _ b: Int) -> Int? {
        var i = a
        guard i < b, let base = buf.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        while i + 8 <= b {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ Segmenter.pattern
            let found = (x &- Segmenter.ones) & ~x & Segmenter.highs
            if found != 0 {
                // The lowest flagged byte is always a true match.
                return i + found.trailingZeroBitCount / 8
            }
            i += 8
        }
        while i < b {
            if buf[i] == 0x0A { return i }
            i += 1
        }
        return nil
    }

    /// Last LF in `a..<b`.
    func lastLF(_ a: Int, _ b: Int) -> Int? {
        var i = b
        guard a < b, let base = buf.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        while i - 8 >= a {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i - 8, as: UInt64.self)) ^ Segmenter.pattern
            let found = (x &- Segmenter.ones) & ~x & Segmenter.highs
            if found != 0 {
                // Higher flags may be false positives: check bytewise.
                var j = i - 1
                while j >= i - 8 {
                    if buf[j] == 0x0A { return j }
                    j -= 1
                }
            }
            i -= 8
        }
        while i > a {
            i -= 1
            if buf[i] == 0x0A { return i }
        }
        return nil
    }

    // MARK: - Choosing a cut

    /// Best cut position in `floor...ceiling` (see the file comment);
    /// `floor >= 1`, `ceiling < count`.
    static func findCut(_ buf: UnsafeBufferPointer<UInt8>, floor: Int, ceiling: Int) -> Int {
        var asciiPair = -1
        var leadByte = -1
        var c = ceiling
        while c >= floor {
            let prev = buf[c - 1]
            let cur = buf[c]
            if cur < 0x80 && prev < 0x80 {
                if prev == 0x20 && cur != 0x20 { return c }
                if asciiPair < 0 { asciiPair = c }
            } else if leadByte < 0 && cur & 0xC0 != 0x80 {
                leadByte = c
            }
            c -= 1
        }
        if asciiPair >= 0 { return asciiPair }
        c = ceiling
        while c >= floor {
            if buf[c] & 0xC0 != 0x80 && startsIndependentScalar(buf, at: c) { return c }
            c -= 1
        }
        return leadByte >= 0 ? leadByte : ceiling
    }

    /// True when a valid scalar starts at `c`, it does not extend or join
    /// the previous scalar, and the previous scalar is not a ZWJ.
    static func startsIndependentScalar(_ buf: UnsafeBufferPointer<UInt8>, at c: Int) -> Bool {
        let len = SanitizerEngine.sequenceLength(buf, c, buf.count)
        guard len > 0 else { return false }
        if c >= 3 && buf[c - 3] == 0xE2 && buf[c - 2] == 0x80 && buf[c - 1] == 0x8D { return false }
        var v = UInt32(buf[c])
        if len > 1 {
            v &= UInt32(0xFF) >> (len + 1)
            for k in 1..<len { v = (v << 6) | UInt32(buf[c + k] & 0x3F) }
        }
        guard let s = Unicode.Scalar(v) else { return false }
        if v == 0x200C || v == 0x200D || ScalarSafety.isVariationSelector(v) || ScalarSafety.isTag(v) { return false }
        if (v >= 0x1F3FB && v <= 0x1F3FF) || (v >= 0x1F1E6 && v <= 0x1F1FF) { return false }
        if (v >= 0x1160 && v <= 0x11FF) || (v >= 0xD7B0 && v <= 0xD7FF) { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: return true
        }
    }
}
