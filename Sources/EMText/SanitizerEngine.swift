// The sanitizer's inner loop: UTF-8 bytes in, safe glyphs out.
//
// Structure:
// 1. Printable ASCII followed by ASCII is a grapheme of its own: emitted
//    directly from a table (the overwhelmingly common case).
// 2. ASCII controls are always graphemes of their own (except CR LF):
//    emitted as line breaks, tabs or control pictures.
// 3. Everything else is decoded in "regions" that end just before an ASCII
//    byte that follows an ASCII byte (always a grapheme boundary). Invalid
//    UTF-8 in a region becomes `�` placeholders (one per maximal invalid
//    subpart); valid runs are split into grapheme clusters by the standard
//    library and each cluster is filtered scalar by scalar.

/// Streaming sanitizer over a UTF-8 buffer. Internal.
struct SanitizerEngine {
    let options: SanitizerOptions
    var esc = EscapeRecognizer()

    init(options: SanitizerOptions) {
        self.options = options
    }

    /// Sanitizes `buf`; glyph sources are `base + offset in buf`.
    mutating func run(_ buf: UnsafeBufferPointer<UInt8>, base: Int, emit: (Glyph) -> Void) {
        let n = buf.count
        var i = 0
        while i < n {
            let b = buf[i]
            if b < 0x80 {
                if b >= 0x20 && b != 0x7F {
                    if i + 1 == n || buf[i + 1] < 0x80 {
                        let role = printableRole(UInt32(b))
                        emit(Glyph(text: ScalarSafety.asciiText[Int(b)], width: 1, role: role,
                                   source: (base + i)..<(base + i + 1)))
                        i += 1
                        continue
                    }
                } else {
                    if b == 0x0D && options.crlfIsNewline && i + 1 < n && buf[i + 1] == 0x0A {
                        emitLineBreak((base + i)..<(base + i + 2), emit: emit)
                        i += 2
                    } else {
                        emitControl(UInt32(b), (base + i)..<(base + i + 1), emit: emit)
                        i += 1
                    }
                    continue
                }
            }
            // Slow path: up to the next ASCII byte that follows an ASCII byte.
            // (A CR LF pair is kept together: it is one grapheme.)
            var j = i + 1
            while j < n && !(buf[j] < 0x80 && buf[j - 1] < 0x80 && !(buf[j - 1] == 0x0D && buf[j] == 0x0A)) {
                j += 1
            }
            processRegion(buf, i, j, base: base, emit: emit)
            i = j
        }
    }

    // MARK: - Emitters

    @inline(__always)
    mutating func printableRole(_ v: UInt32) -> GlyphRole {
        guard options.styleEscapeSequences else { return .text }
        return esc.feedPrintable(v)
    }

    mutating func emitLineBreak(_ range: Range<Int>, emit: (Glyph) -> Void) {
        esc.reset()
        if options.singleLine {
            emit(Glyph(text: "\u{2424}", width: 1, role: .controlGlyph, source: range))
        } else {
            emit(Glyph(text: "", width: 0, role: .lineBreak, source: range))
        }
    }

    /// LF, TAB, and every other C0/C1/DEL control.
    mutating func emitControl(_ v: UInt32, _ range: Range<Int>, emit: (Glyph) -> Void) {
        if v == 0x0A {
            emitLineBreak(range, emit: emit)
            return
        }
        esc.feedControl(v)
        if v == 0x09 {
            emit(Glyph(text: " ", width: 1, role: .tab, source: range))
            return
        }
        let text = ScalarSafety.controlPlaceholder(v)
        emit(Glyph(text: text, width: text.unicodeScalars.count, role: .controlGlyph, source: range))
    }

    /// A non-control placeholder (bidi, invisible, unassigned …).
    mutating func emitPlaceholder(_ text: String, _ range: Range<Int>, emit: (Glyph) -> Void) {
        esc.feedOther()
        emit(Glyph(text: text, width: text.unicodeScalars.count, role: .controlGlyph, source: range))
    }

    // MARK: - Regions and validation

    /// Length of the valid UTF-8 sequence at `k` (> 0), or minus the length
    /// of the maximal invalid subpart there (< 0), per the Unicode
    /// "substitution of maximal subparts" practice.
    @inline(__always)
    static func sequenceLength(_ buf: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> Int {
        let b0 = buf[k]
        if b0 < 0x80 { return 1 }
        var need = 0
        var lo: UInt8 = 0x80
        var hi: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; lo = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: need = 2
        case 0xED: need = 2; hi = 0x9F          // no UTF-16 surrogates
        case 0xF0: need = 3; lo = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; hi = 0x8F          // nothing above U+10FFFF
        default: return -1                      // stray continuation, C0/C1 lead, F5–FF
        }
        var m = 1
        while m <= need {
            let idx = k + m
            if idx >= end { return -m }
            let c = buf[idx]
            if m == 1 {
                if c < lo || c > hi { return -m }
            } else if c < 0x80 || c > 0xBF {
                return -m
            }
            m += 1
        }
        return need + 1
    }

    mutating func processRegion(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                base: Int, emit: (Glyph) -> Void) {
        var k = start
        var runStart = start
        while k < end {
            if buf[k] < 0x80 {
                k += 1
                continue
            }
            let len = SanitizerEngine.sequenceLength(buf, k, end)
            if len > 0 {
                k += len
                continue
            }
            if runStart < k {
                processValid(buf, runStart, k, base: base, emit: emit)
            }
            let bad = -len
            emitPlaceholder("\u{FFFD}", (base + k)..<(base + k + bad), emit: emit)
            k += bad
            runStart = k
        }
        if runStart < end {
            processValid(buf, runStart, end, base: base, emit: emit)
        }
    }

    mutating func processValid(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                               base: Int, emit: (Glyph) -> Void) {
        let string = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self)
        var offset = base + start
        for ch in string {
            offset = processCluster(ch, start: offset, emit: emit)
        }
    }

    // MARK: - Grapheme clusters

    /// Accumulates the kept scalars of one visible glyph.
    struct Builder {
        var text = String.UnicodeScalarView()
        var start = -1
        var end = -1
        var first: UInt32 = 0
        var widest = 0
        var hasVS16 = false
        var baseIsReal = false
        var componentBase: UInt32 = 0
        var extenders = 0
        var zwjJoins = 0
        var afterZWJ = false
        var dropped = 0
        var droppedStart = 0
        var droppedEnd = 0

        var isEmpty: Bool { start < 0 }
    }

    /// Filters one grapheme cluster; returns the offset just past it.
    mutating func processCluster(_ ch: Character, start: Int, emit: (Glyph) -> Void) -> Int {
        let scalars = ch.unicodeScalars
        var b = Builder()
        var tagRun = ""
        var tagStart = -1
        var tagEnd = -1
        var crStart = -1
        var offset = start
        let cap = options.maxCombiningMarks

        var flagTagsLeft = 0
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalarIndex = index
            let s = scalars[index]
            let nextIndex = scalars.index(after: index)
            let next: Unicode.Scalar? = nextIndex == scalars.endIndex ? nil : scalars[nextIndex]
            index = nextIndex
            let v = s.value
            let len = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
            let range = offset..<(offset + len)
            offset += len

            // A run of hidden tag characters ends at the first non-tag.
            if tagStart >= 0 && !(v >= 0xE0020 && v <= 0xE007E) {
                emitPlaceholder("\u{27E8}tags \"" + tagRun + "\"\u{27E9}", tagStart..<tagEnd, emit: emit)
                tagRun = ""
                tagStart = -1
            }

            if ScalarSafety.isControl(v) {
                if v == 0x0D && options.crlfIsNewline && next?.value == 0x0A {
                    crStart = range.lowerBound
                    continue
                }
                flush(&b, emit: emit)
                if v == 0x0A && crStart >= 0 {
                    emitLineBreak(crStart..<range.upperBound, emit: emit)
                    crStart = -1
                } else {
                    emitControl(v, range, emit: emit)
                }
                continue
            }

            if v == 0x200D {
                if !b.isEmpty && !b.afterZWJ && b.zwjJoins < 3,
                   ScalarSafety.isEmojiComponentBase(Unicode.Scalar(b.componentBase)!),
                   let n = next, ScalarSafety.isEmojiComponentBase(n) {
                    b.text.append(s)
                    b.end = range.upperBound
                    b.zwjJoins += 1
                    b.afterZWJ = true
                    continue
                }
                flush(&b, emit: emit)
                emitPlaceholder(ScalarSafety.hexTag(v), range, emit: emit)
                continue
            }

            if ScalarSafety.isTag(v) {
                if flagTagsLeft > 0 {
                    // Part of a well-formed subdivision flag (checked below).
                    b.text.append(s)
                    b.end = range.upperBound
                    flagTagsLeft -= 1
                    continue
                }
                if !b.isEmpty && b.componentBase == 0x1F3F4 && !b.afterZWJ && b.extenders == 0 && tagStart < 0,
                   let n = SanitizerEngine.flagTagCount(scalars, from: scalarIndex) {
                    b.text.append(s)
                    b.end = range.upperBound
                    flagTagsLeft = n - 1
                    continue
                }
                flush(&b, emit: emit)
                if v <= 0xE007E {
                    if tagStart < 0 { tagStart = range.lowerBound }
                    tagEnd = range.upperBound
                    tagRun.unicodeScalars.append(Unicode.Scalar(v - 0xE0000)!)
                } else {
                    emitPlaceholder(ScalarSafety.hexTag(v), range, emit: emit)
                }
                continue
            }

            if let p = ScalarSafety.placeholder(v, s) {
                flush(&b, emit: emit)
                emitPlaceholder(p, range, emit: emit)
                continue
            }

            if ScalarSafety.isVariationSelector(v) {
                if b.isEmpty || b.afterZWJ {
                    flush(&b, emit: emit)
                    emitPlaceholder(ScalarSafety.hexTag(v), range, emit: emit)
                } else {
                    keepExtender(&b, s, v, range, cap: cap)
                }
                continue
            }

            // A visible scalar.
            let w = DisplayWidth.width(v, s)
            if b.isEmpty {
                b.start = range.lowerBound
                b.end = range.upperBound
                b.first = v
                b.componentBase = v
                if w == 0 {
                    // A combining mark with nothing to combine with: give it
                    // a dotted-circle base so it cannot merge with the
                    // previous cell on screen.
                    b.text.append("\u{25CC}")
                    b.widest = 1
                    b.baseIsReal = false
                } else {
                    b.widest = w
                    b.baseIsReal = true
                }
                b.text.append(s)
            } else if b.afterZWJ {
                b.text.append(s)
                b.end = range.upperBound
                b.componentBase = v
                b.extenders = 0
                b.afterZWJ = false
                if w > b.widest { b.widest = w }
            } else {
                keepExtender(&b, s, v, range, cap: cap)
            }
        }
        if tagStart >= 0 {
            emitPlaceholder("\u{27E8}tags \"" + tagRun + "\"\u{27E9}", tagStart..<tagEnd, emit: emit)
        }
        flush(&b, emit: emit)
        return offset
    }

    /// If the tag characters starting at `start` form a subdivision-flag
    /// tag sequence — 1 to 7 tags for [0-9a-z] then CANCEL TAG — the number
    /// of scalars in it (including the cancel tag); otherwise nil. Any other
    /// use of tag characters is hidden text and is shown decoded.
    static func flagTagCount(_ scalars: Character.UnicodeScalarView,
                             from start: Character.UnicodeScalarView.Index) -> Int? {
        var count = 0
        var i = start
        while i != scalars.endIndex {
            let v = scalars[i].value
            if v == 0xE007F { return count >= 1 ? count + 1 : nil }
            let isDigit = v >= 0xE0030 && v <= 0xE0039
            let isLower = v >= 0xE0061 && v <= 0xE007A
            guard isDigit || isLower, count < 7 else { return nil }
            count += 1
            i = scalars.index(after: i)
        }
        return nil
    }

    /// Keeps an extending scalar, or counts it as dropped past the cap.
    @inline(__always)
    func keepExtender(_ b: inout Builder, _ s: Unicode.Scalar, _ v: UInt32, _ range: Range<Int>, cap: Int) {
        if b.extenders < cap {
            b.text.append(s)
            b.end = range.upperBound
            b.extenders += 1
            if v == 0xFE0F {
                if b.baseIsReal { b.hasVS16 = true }
            } else {
                let w = DisplayWidth.width(v, s)
                if w > b.widest { b.widest = w }
            }
        } else {
            if b.dropped == 0 { b.droppedStart = range.lowerBound }
            b.dropped += 1
            b.droppedEnd = range.upperBound
        }
    }

    /// Emits the accumulated glyph (and its dropped-marks tag), then resets.
    mutating func flush(_ b: inout Builder, emit: (Glyph) -> Void) {
        guard !b.isEmpty else { return }
        if b.afterZWJ {
            // Cannot happen (a kept ZWJ is always followed by an emoji in
            // the same cluster), but never leave a dangling joiner.
            b.text.removeLast()
        }
        let width = b.hasVS16 ? 2 : b.widest
        let role = printableRole(b.baseIsReal ? b.first : 0x25CC)
        emit(Glyph(text: String(b.text), width: width, role: role, source: b.start..<b.end))
        if b.dropped > 0 {
            let tag = "\u{27E8}+\(b.dropped) marks\u{27E9}"
            emit(Glyph(text: tag, width: tag.unicodeScalars.count, role: .controlGlyph,
                       source: b.droppedStart..<b.droppedEnd))
        }
        b = Builder()
    }
}
