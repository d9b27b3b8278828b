// Lazy, windowed word wrap for arbitrarily large texts.
//
// Nothing is scanned, sanitized or wrapped up front. The text is divided
// into segments (paragraphs, and pieces of paragraphs longer than
// `LayoutOptions.maxSegmentBytes`; see Segmenter.swift) that can be found
// from any byte offset by looking only at nearby bytes. When lines are
// asked for, only the segments that hold them are sanitized and wrapped.
// Laid-out segments are kept in a small LRU cache; every segment's line
// count is remembered once known.
//
// Two ways to address lines:
// - `Position` (segment start byte, line within the segment): every
//   operation touches only the segments between the old and the new
//   position, so scrolling, jumping to the end or to a byte offset (a
//   search hit) cost the same anywhere in a 10 MB text. This is what a
//   scrolling viewer should keep as its state. Positions are byte-anchored,
//   so they stay meaningful after `rewrapped(width:)` (line 0 of the same
//   segment, or use `position(containingByteOffset:)` for the exact line).
// - Global line indices (`lines(_:)`, `lineIndex(of:)`, `exactLineCount()`):
//   exact, but finding line i lays out every segment before it (once — the
//   counts are cached). `estimatedLineCount` is O(1): exact counts for the
//   segments laid out so far plus ⌈bytes ÷ width⌉ for the rest, so it
//   converges to the exact count as the reader scrolls.

import Foundation

/// Word-wrapped view of a (possibly huge) text at a fixed width that lays
/// out only the parts that are looked at. A value type; copies share one
/// thread-safe memo cache, which never changes observable results.
public struct WrappedText: Sendable {

    /// Address of a display line: the byte offset where its segment starts
    /// and the line within that segment. Compare positions to know which is
    /// further down.
    public struct Position: Hashable, Comparable, Sendable {
        /// UTF-8 offset of the first byte of the segment (equals
        /// `byteCount` only for `endSentinel`).
        public var segmentStart: Int
        /// Line within the segment (0-based).
        public var line: Int

        /// Creates a position. Prefer positions returned by `WrappedText`;
        /// others are snapped to the segment holding `segmentStart`.
        public init(segmentStart: Int, line: Int) {
            self.segmentStart = segmentStart
            self.line = line
        }

        /// Orders positions top to bottom.
        public static func < (a: Position, b: Position) -> Bool {
            return a.segmentStart != b.segmentStart ? a.segmentStart < b.segmentStart : a.line < b.line
        }
    }

    /// Wrap width in columns (at least 1).
    public let width: Int
    /// Layout settings.
    public let options: LayoutOptions
    let source: Source
    let cache: LayoutCache

    /// Prepares `text` for wrapping at `width` columns. O(1) for native
    /// strings: the text is not copied, scanned or sanitized yet.
    public init(_ text: String, width: Int, options: LayoutOptions = LayoutOptions()) {
        self.init(source: Source(text), width: width, options: options)
    }

    /// Prepares raw bytes (UTF-8, possibly invalid) for wrapping.
    public init(utf8 bytes: [UInt8], width: Int, options: LayoutOptions = LayoutOptions()) {
        self.init(source: Source(bytes), width: width, options: options)
    }

    /// Prepares raw bytes held in `Data` for wrapping (copies them once).
    public init(_ data: Data, width: Int, options: LayoutOptions = LayoutOptions()) {
        self.init(utf8: [UInt8](data), width: width, options: options)
    }

    init(source: Source, width: Int, options: LayoutOptions) {
        self.source = source
        self.width = max(1, width)
        self.options = options
        self.cache = LayoutCache(source: source, width: max(1, width), options: options)
    }

    /// The same text wrapped at another width, sharing the text (use on
    /// terminal resize; map the old top line with its `sourceRange` and
    /// `position(containingByteOffset:)`).
    public func rewrapped(width newWidth: Int) -> WrappedText {
        return WrappedText(source: source, width: newWidth, options: options)
    }

    // MARK: - Size

    /// Size of the source in UTF-8 bytes.
    public var byteCount: Int { source.count }
    /// True when there is nothing to show (empty source).
    public var isEmpty: Bool { source.count == 0 }

    /// Display-line count: exact for segments already laid out, estimated
    /// (bytes ÷ width, rounded up) for the rest. O(1). For scrollbars.
    public var estimatedLineCount: Int {
        return cache.withLock { $0.estimatedTotal }
    }

    /// Exact number of display lines. Lays out every segment not yet
    /// counted — O(size of text) the first time, cached afterwards.
    public func exactLineCount() -> Int {
        return cache.withLock { state in
            state.extendPrefix(whileLinesAtMost: Int.max)
            return state.prefixLines[state.prefixLines.count - 1]
        }
    }

    // MARK: - Positions (cheap, local)

    /// The first line.
    public var startPosition: Position { Position(segmentStart: 0, line: 0) }

    /// The position just past the last line (`lines(from:count:)` returns
    /// nothing there).
    public var endSentinel: Position { Position(segmentStart: source.count, line: 0) }

    /// The top position that shows the last `visibleRows` lines (the start
    /// if the whole text is shorter). Lays out only the last segments.
    public func endPosition(visibleRows: Int) -> Position {
        guard !isEmpty else { return startPosition }
        return cache.withLock { state in
            var need = max(1, visibleRows)
            var seg = state.previousStart(source.count)
            while true {
                let n = state.lineCount(seg)
                if n >= need { return Position(segmentStart: seg, line: n - need) }
                need -= n
                if seg == 0 { return startPosition }
                seg = state.previousStart(seg)
            }
        }
    }

    /// The position `delta` display lines after (or, if negative, before)
    /// `position`, clamped to the first and last line.
    public func position(_ position: Position, offsetBy delta: Int) -> Position {
        guard !isEmpty else { return startPosition }
        return cache.withLock { state in
            let p = state.normalize(position)
            return state.offset(p, by: delta)
        }
    }

    /// Scrolls a top-of-view position by `delta` lines and clamps it so the
    /// view never scrolls past the end: the result is between the start and
    /// `endPosition(visibleRows:)`.
    public func scrolled(_ top: Position, by delta: Int, visibleRows: Int) -> Position {
        let moved = position(top, offsetBy: delta)
        let end = endPosition(visibleRows: visibleRows)
        return moved > end ? end : moved
    }

    /// Up to `count` display lines starting at `position`.
    public func lines(from position: Position, count: Int) -> [DisplayLine] {
        guard count > 0, !isEmpty else { return [] }
        return cache.withLock { state in
            var out: [DisplayLine] = []
            out.reserveCapacity(count)
            var p = state.normalize(position)
            while out.count < count && p.segmentStart < source.count {
                let ls = state.lines(p.segmentStart)
                if p.line < ls.count {
                    let take = min(ls.count, p.line + (count - out.count))
                    out.append(contentsOf: ls[p.line..<take])
                }
                p = Position(segmentStart: state.segment(p.segmentStart).next, line: 0)
            }
            return out
        }
    }

    /// The position of the display line that shows byte `offset` of the
    /// source (an LF byte maps to the line it ends). Lays out one segment.
    public func position(containingByteOffset offset: Int) -> Position {
        guard !isEmpty else { return startPosition }
        return cache.withLock { state in
            let seg = state.startContaining(offset)
            let ls = state.lines(seg)
            var line = 0
            for (k, l) in ls.enumerated() where l.sourceRange.lowerBound <= offset {
                line = k
            }
            return Position(segmentStart: seg, line: line)
        }
    }

    /// How far through the text `position` is, 0…1, by source bytes (for a
    /// scrollbar thumb). Lays out at most the position's segment.
    public func fraction(of position: Position) -> Double {
        let total = source.count
        guard total > 0 else { return 0 }
        if position.segmentStart >= total { return 1 }
        return cache.withLock { state in
            let p = state.normalize(position)
            if p.segmentStart >= total { return 1 }
            let seg = state.segment(p.segmentStart)
            let lines = state.lineCount(p.segmentStart)
            let span = Double(seg.next - seg.start)
            let within = lines > 0 ? span * Double(min(p.line, lines)) / Double(lines) : 0
            return min(1, (Double(seg.start) + within) / Double(total))
        }
    }

    // MARK: - Global line indices (exact; may lay out a prefix)

    /// Display lines with global indices in `range` (fewer at the end).
    public func lines(_ range: Range<Int>) -> [DisplayLine] {
        guard !range.isEmpty else { return [] }
        return lines(from: position(ofLine: range.lowerBound), count: range.count)
    }

    /// The position of global display line `index` (`endSentinel` if past
    /// the end). Lays out the segments before it once.
    public func position(ofLine index: Int) -> Position {
        guard !isEmpty else { return endSentinel }
        return cache.withLock { state in
            let target = max(0, index)
            state.extendPrefix(whileLinesAtMost: target)
            // Last prefix segment whose first line is <= target.
            var lo = 0
            var hi = state.prefixStarts.count - 1
            guard hi >= 0 else { return endSentinel }
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if state.prefixLines[mid] <= target { lo = mid } else { hi = mid - 1 }
            }
            let line = target - state.prefixLines[lo]
            let start = state.prefixStarts[lo]
            if line >= state.lineCount(start) { return endSentinel }
            return Position(segmentStart: start, line: line)
        }
    }

    /// The global display-line index of `position`. Lays out the segments
    /// before it once.
    public func lineIndex(of position: Position) -> Int {
        guard !isEmpty else { return 0 }
        return cache.withLock { state in
            let p = state.normalize(position)
            state.extendPrefix(throughStart: p.segmentStart)
            if p.segmentStart >= source.count {
                return state.prefixLines[state.prefixLines.count - 1]
            }
            var lo = 0
            var hi = state.prefixStarts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if state.prefixStarts[mid] <= p.segmentStart { lo = mid } else { hi = mid - 1 }
            }
            return state.prefixLines[lo] + p.line
        }
    }

    // MARK: - Search

    /// Source byte ranges of matches of `search` (see TextSearch), in
    /// order, restricted to those that start inside `byteRange` if given.
    /// Sanitizes the segments it looks at; cost grows with the range.
    public func matches(of search: TextSearch, in byteRange: Range<Int>? = nil, limit: Int = Int.max) -> [Range<Int>] {
        guard !search.isEmpty, !isEmpty, limit > 0 else { return [] }
        let range = byteRange ?? 0..<source.count
        var out: [Range<Int>] = []
        var seg = cache.withLock { $0.startContaining(range.lowerBound) }
        while seg < source.count && seg < range.upperBound {
            for m in segmentMatches(search, seg) where range.contains(m.lowerBound) {
                out.append(m)
                if out.count >= limit { return out }
            }
            seg = cache.withLock { $0.segment(seg).next }
        }
        return out
    }

    /// The first match that starts at or after byte `offset`, searching
    /// forward segment by segment (and wrapping around to the start when
    /// `wrap` is true).
    public func nextMatch(of search: TextSearch, from offset: Int, wrap: Bool = true) -> Range<Int>? {
        guard !search.isEmpty, !isEmpty else { return nil }
        let first = cache.withLock { $0.startContaining(offset) }
        var seg = first
        while seg < source.count {
            if let m = segmentMatches(search, seg).first(where: { $0.lowerBound >= offset }) { return m }
            seg = cache.withLock { $0.segment(seg).next }
        }
        guard wrap else { return nil }
        seg = 0
        while seg <= first && seg < source.count {
            if let m = segmentMatches(search, seg).first { return m }
            seg = cache.withLock { $0.segment(seg).next }
        }
        return nil
    }

    /// The last match that starts before byte `offset`, searching backward
    /// (and wrapping around to the end when `wrap` is true).
    public func previousMatch(of search: TextSearch, before offset: Int, wrap: Bool = true) -> Range<Int>? {
        guard !search.isEmpty, !isEmpty else { return nil }
        let first = cache.withLock { $0.startContaining(offset) }
        var seg = first
        while true {
            if let m = segmentMatches(search, seg).last(where: { $0.lowerBound < offset }) { return m }
            if seg == 0 { break }
            seg = cache.withLock { $0.previousStart(seg) }
        }
        guard wrap else { return nil }
        seg = cache.withLock { $0.previousStart(source.count) }
        while seg >= first {
            if let m = segmentMatches(search, seg).last { return m }
            if seg == 0 { break }
            seg = cache.withLock { $0.previousStart(seg) }
        }
        return nil
    }

    /// Matches starting in the segment at `start`, including those that run
    /// into the next segment of the same paragraph.
    func segmentMatches(_ search: TextSearch, _ start: Int) -> [Range<Int>] {
        let seg = cache.withLock { $0.segment(start) }
        var glyphs = source.glyphs(seg.start..<seg.contentEnd, options: options.sanitizer)
        let own = glyphs.count
        if !seg.endsParagraph {
            let next = cache.withLock { $0.segment(seg.next) }
            let lookahead = min(next.contentEnd, next.start + 64 + 64 * search.foldedCount)
            glyphs += source.glyphs(next.start..<lookahead, options: options.sanitizer)
        }
        return search.glyphRanges(in: glyphs)
            .filter { $0.lowerBound < own }
            .map { glyphs[$0.lowerBound].source.lowerBound..<glyphs[$0.upperBound - 1].source.upperBound }
    }

    // MARK: - Introspection (tests)

    /// Every segment start, in order (walks the whole text). Internal.
    func allSegmentStarts() -> [Int] {
        return cache.withLock { state in
            var out: [Int] = []
            var s = 0
            while s < source.count {
                out.append(s)
                s = state.segment(s).next
            }
            return out
        }
    }
}

// MARK: - Storage

/// The text's bytes, shared by all widths and never copied for native
/// strings. Internal.
final class Source: Sendable {
    private enum Storage {
        case string(String)
        case bytes([UInt8])
    }

    private let storage: Storage
    let count: Int

    init(_ text: String) {
        var s = text
        s.makeContiguousUTF8()
        storage = .string(s)
        count = s.utf8.count
    }

    init(_ bytes: [UInt8]) {
        storage = .bytes(bytes)
        count = bytes.count
    }

    /// Runs `body` on the UTF-8 bytes.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch storage {
        case .bytes(let b):
            return b.withUnsafeBufferPointer(body)
        case .string(let s):
            if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
            return Array(s.utf8).withUnsafeBufferPointer(body)   // not reached: made contiguous
        }
    }

    /// Sanitized glyphs of a byte range (escape styling restarts at its
    /// start). Glyph sources are absolute byte offsets.
    func glyphs(_ range: Range<Int>, options: SanitizerOptions = .standard) -> [Glyph] {
        var out: [Glyph] = []
        out.reserveCapacity(range.count)
        withBytes { buf in
            var engine = SanitizerEngine(options: options)
            engine.run(UnsafeBufferPointer(rebasing: buf[range]), base: range.lowerBound) { out.append($0) }
        }
        return out
    }
}

/// Memo cache for one width, guarded by a lock. Internal.
final class LayoutCache: @unchecked Sendable {
    struct State {
        let source: Source
        let width: Int
        let options: LayoutOptions
        /// Segment boundaries by start offset.
        var segments: [Int: Segmenter.Segment] = [:]
        /// Previous segment start by segment start.
        var previous: [Int: Int] = [:]
        /// Line counts by segment start.
        var counts: [Int: Int] = [:]
        var countedBytes = 0
        var countedLines = 0
        /// Segments from the start of the text in order, with the number
        /// of lines before each (`prefixLines` has one more entry: the
        /// total so far).
        var prefixStarts: [Int] = []
        var prefixLines: [Int] = [0]
        /// Most recently used laid-out segments, newest last.
        var recent: [(start: Int, lines: [DisplayLine])] = []

        init(source: Source, width: Int, options: LayoutOptions) {
            self.source = source
            self.width = width
            self.options = options
        }

        func segmenter<R>(_ body: (Segmenter) -> R) -> R {
            let limit = options.maxSegmentBytes
            let crlf = options.sanitizer.crlfIsNewline
            return source.withBytes { body(Segmenter($0, limit: limit, crlfIsNewline: crlf)) }
        }

        var estimatedTotal: Int {
            let rest = max(0, source.count - countedBytes)
            return countedLines + (rest + width - 1) / width
        }

        /// Boundaries of the segment starting at `start`.
        mutating func segment(_ start: Int) -> Segmenter.Segment {
            if let s = segments[start] { return s }
            let s = segmenter { $0.segment(at: start) }
            segments[start] = s
            if s.next < source.count && previous[s.next] == nil { previous[s.next] = start }
            return s
        }

        /// Start of the segment before the one at `start` (start > 0).
        mutating func previousStart(_ start: Int) -> Int {
            if let p = previous[start] { return p }
            let p = segmenter { $0.start(before: start) }
            previous[start] = p
            return p
        }

        /// Start of the segment holding byte `offset`.
        func startContaining(_ offset: Int) -> Int {
            return segmenter { $0.start(containing: offset) }
        }

        /// Laid-out lines of the segment at `start` (cached).
        mutating func lines(_ start: Int) -> [DisplayLine] {
            if let k = recent.lastIndex(where: { $0.start == start }) {
                let entry = recent.remove(at: k)
                recent.append(entry)
                return entry.lines
            }
            let seg = segment(start)
            var out: [DisplayLine] = []
            TextLayout.wrapParagraph(source.glyphs(seg.start..<seg.contentEnd, options: options.sanitizer),
                                     width: width, tabWidth: options.tabWidth,
                                     startsParagraph: seg.startsParagraph, endsParagraph: seg.endsParagraph,
                                     source: seg.start..<seg.contentEnd, into: &out)
            if counts[start] == nil {
                counts[start] = out.count
                countedLines += out.count
                countedBytes += seg.next - seg.start
            }
            recent.append((start, out))
            if recent.count > options.cachedSegments { recent.removeFirst() }
            return out
        }

        /// Line count of the segment at `start` (lays it out if unknown).
        mutating func lineCount(_ start: Int) -> Int {
            if let c = counts[start] { return c }
            return lines(start).count
        }

        /// A position snapped onto a real segment start, with a line past
        /// the segment's end carried into the following segments.
        mutating func normalize(_ p: WrappedText.Position) -> WrappedText.Position {
            let n = source.count
            if p.segmentStart >= n { return WrappedText.Position(segmentStart: n, line: 0) }
            var start = max(0, p.segmentStart)
            var line = max(0, p.line)
            if segments[start] == nil && counts[start] == nil {
                let snapped = startContaining(start)
                if snapped != start {
                    start = snapped
                    line = 0
                }
            }
            while start < n {
                let c = lineCount(start)
                if line < c { return WrappedText.Position(segmentStart: start, line: line) }
                line -= c
                start = segment(start).next
            }
            return WrappedText.Position(segmentStart: n, line: 0)
        }

        /// Extends the prefix walk while its line total is <= `target`.
        mutating func extendPrefix(whileLinesAtMost target: Int) {
            let n = source.count
            while prefixLines[prefixLines.count - 1] <= target {
                let next = prefixStarts.last.map { segment($0).next } ?? 0
                if next >= n { return }
                prefixStarts.append(next)
                prefixLines.append(prefixLines[prefixLines.count - 1] + lineCount(next))
            }
        }

        /// Extends the prefix walk until it includes segment `start` (or the
        /// end of the text).
        mutating func extendPrefix(throughStart start: Int) {
            let n = source.count
            while (prefixStarts.last ?? -1) < start {
                let next = prefixStarts.last.map { segment($0).next } ?? 0
                if next >= n { return }
                prefixStarts.append(next)
                prefixLines.append(prefixLines[prefixLines.count - 1] + lineCount(next))
            }
        }

        /// `p` (normalized) moved by `delta` lines, clamped to the first
        /// and last line.
        mutating func offset(_ p: WrappedText.Position, by delta: Int) -> WrappedText.Position {
            let n = source.count
            var start = p.segmentStart
            var line = p.line
            var remaining = delta
            if start >= n {
                // From the end sentinel: the last line is one step back.
                start = previousStart(n)
                line = lineCount(start) - 1
                if remaining >= 0 { return WrappedText.Position(segmentStart: start, line: line) }
                remaining += 1
            }
            if remaining >= 0 {
                while true {
                    let c = lineCount(start)
                    if line + remaining < c { return WrappedText.Position(segmentStart: start, line: line + remaining) }
                    let next = segment(start).next
                    if next >= n { return WrappedText.Position(segmentStart: start, line: c - 1) }
                    remaining -= c - line
                    start = next
                    line = 0
                }
            } else {
                remaining = -remaining
                while true {
                    if line - remaining >= 0 { return WrappedText.Position(segmentStart: start, line: line - remaining) }
                    if start == 0 { return WrappedText.Position(segmentStart: 0, line: 0) }
                    remaining -= line + 1
                    start = previousStart(start)
                    line = lineCount(start) - 1
                }
            }
        }
    }

    private let lock = NSLock()
    private var state: State

    init(source: Source, width: Int, options: LayoutOptions) {
        state = State(source: source, width: width, options: options)
    }

    /// Runs `body` with exclusive access to the cache state.
    func withLock<T>(_ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }
}
