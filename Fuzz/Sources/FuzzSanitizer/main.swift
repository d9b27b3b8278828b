import EMText

/// The sanitizer: whatever the bytes, no glyph it emits may contain a scalar a terminal would
/// obey (C0 except none, DEL, C1, bidi controls), in multi-line and one-line mode.
private func isControl(_ v: UInt32) -> Bool {
    v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        || v == 0x200E || v == 0x200F || v == 0x061C
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for options in [SanitizerOptions.standard, .oneLine, SanitizerOptions(maxCombiningMarks: 1, crlfIsNewline: false)] {
        Sanitizer.forEachGlyph(inUTF8: bytes, options: options) { glyph in
            switch glyph.role {
            case .lineBreak, .tab: return
            default: break
            }
            for s in glyph.text.unicodeScalars where isControl(s.value) {
                fatalError("control scalar U+\(String(s.value, radix: 16)) in a glyph: \(glyph.text.debugDescription)")
            }
        }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let line = Sanitizer.singleLineString(text)
    for s in line.unicodeScalars where isControl(s.value) {
        fatalError("control scalar U+\(String(s.value, radix: 16)) in a single-line string")
    }
    _ = Sanitizer.safeString(text)
    return 0
}
