import EMTUI
import Testing
@testable import EMCurses

/// A fixed width table, so the tests do not depend on the machine's locale.
private let widths: @Sendable (Unicode.Scalar) -> Int = { scalar in
    switch scalar.value {
    case 0x300...0x36F, 0x200D, 0xFE00...0xFE0F, 0xE0000...0xE007F: return 0
    case 0x4E00...0x9FFF, 0x1F300...0x1FAFF: return 2
    case 0x20...0x7E, 0xA0...0x2FF, 0x2190...0x27BF, 0x2500...0x259F, 0xFFFD: return 1
    default: return -1
    }
}

private let converter = CellConverter(placeholder: "\u{FFFD}", scalarWidth: widths)
private let mono = CursesPalette(mode: .monochrome)

/// A one-row buffer from (text, width) cells, continuation cells added after wide ones.
private func row(_ cells: [(String, UInt8)], role: StyleRole = .normal) -> CellBuffer {
    let total = cells.reduce(0) { $0 + max(1, Int($1.1)) }
    var buffer = CellBuffer(size: Size(width: total, height: 1))
    var x = 0
    for (text, width) in cells {
        buffer.set(x: x, y: 0, Cell(text: text, width: width, role: role))
        if width == 2 { buffer.set(x: x + 1, y: 0, Cell(text: "", width: 0, role: role)) }
        x += max(1, Int(width))
    }
    return buffer
}

private func drawn(_ buffer: CellBuffer, screen: Size? = nil) -> [String] {
    converter.glyphs(for: buffer, screen: screen ?? buffer.size, palette: mono).map { "\($0.column):\($0.text)" }
}

@Suite struct CellConverterTests {
    @Test func plainCellsAtAbsolutePositionsSkippingContinuations() {
        #expect(drawn(row([("a", 1), ("中", 2), ("b", 1)])) == ["0:a", "1:中", "3:b"])
    }

    @Test func controlsNeverReachCurses() {
        let hostile = ["\u{1B}", "\u{1B}]2;pwned\u{07}", "\u{7F}", "\u{9B}", "\u{85}", "\u{202E}", "\u{2066}",
                       "\u{2069}", "\u{200F}", "\u{2028}", "a\u{0}", "\u{8}", "\r"]
        let glyphs = converter.glyphs(for: row(hostile.map { ($0, 1) }), screen: Size(width: 99, height: 1), palette: mono)
        #expect(glyphs.count == hostile.count)
        for glyph in glyphs {
            #expect(glyph.scalars == ["\u{FFFD}"])
            #expect(glyph.style == mono.style(for: .controlGlyph))
        }
    }

    @Test func everyEmittedScalarIsSafe() {
        var buffer = CellBuffer(size: Size(width: 64, height: 4))
        for y in 0..<4 {
            for x in 0..<64 {
                let scalar = Unicode.Scalar(UInt32(y * 64 + x)) ?? " "
                buffer.set(x: x, y: y, Cell(text: String(Character(scalar)), width: 1, role: .normal))
            }
        }
        let glyphs = converter.glyphs(for: buffer, screen: buffer.size, palette: mono)
        #expect(glyphs.count == 256)
        #expect(glyphs.allSatisfy { $0.scalars.allSatisfy { !CellConverter.isUnsafe($0) } })
    }

    @Test func wideControlKeepsItsColumns() {
        #expect(drawn(row([("\u{1B}", 2), ("x", 1)])) == ["0:\u{FFFD}", "1: ", "2:x"])
    }

    @Test func combiningMarksStayJoinersAndWhatFollowsAreDropped() {
        #expect(drawn(row([("e\u{301}", 1)])) == ["0:e\u{301}"])
        // 👩‍💻: curses would stop at the second emoji anyway; the joiner must not dangle.
        #expect(drawn(row([("👩\u{200D}💻", 2)])) == ["0:👩"])
        // Tag characters (invisible text) are not passed on.
        #expect(drawn(row([("a\u{E0041}\u{E0042}", 1)])) == ["0:a"])
        // At most five scalars per cell.
        let marks = "a" + String(repeating: "\u{301}", count: 8)
        #expect(converter.glyphs(for: row([(marks, 1)]), screen: Size(width: 1, height: 1), palette: mono)[0].scalars.count == 5)
    }

    @Test func emojiPresentationOnNarrowBaseIsPadded() {
        // ❤️ is two columns in the buffer but U+2764 is one for wcwidth: draw ❤ and a blank.
        #expect(drawn(row([("❤\u{FE0F}", 2), ("|", 1)])) == ["0:❤", "1: ", "2:|"])
        #expect(drawn(row([("😀", 2), ("|", 1)])) == ["0:😀", "2:|"])
    }

    @Test func wideGlyphInOneColumnCellBecomesPlaceholder() {
        #expect(drawn(row([("中", 1), ("x", 1)])) == ["0:\u{FFFD}", "1:x"])
    }

    @Test func wideGlyphAtTheRightEdgeIsBlanked() {
        // Buffer wider than the screen: 中 would start in the last screen column.
        #expect(drawn(row([("a", 1), ("中", 2)]), screen: Size(width: 2, height: 1)) == ["0:a", "1: "])
    }

    @Test func unprintableScalarsBecomePlaceholdersInTheirRole() {
        let glyphs = converter.glyphs(for: row([("\u{E000}", 1)], role: .header), screen: Size(width: 1, height: 1), palette: mono)
        #expect(glyphs.map(\.text) == ["\u{FFFD}"])
        #expect(glyphs[0].style == mono.style(for: .header))
    }

    @Test func boxDrawingFallsBackToASCIIWithoutUnicodeLocale() {
        let ascii = CellConverter(placeholder: "?", scalarWidth: { $0.value < 0x80 ? 1 : -1 })
        let glyphs = ascii.glyphs(for: row([("┌", 1), ("─", 1), ("│", 1), ("█", 1), ("é", 1)]),
                                  screen: Size(width: 5, height: 1), palette: mono)
        #expect(glyphs.map(\.text) == ["+", "-", "|", "#", "?"])
    }

    @Test func clipsToTheScreen() {
        let buffer = CellBuffer(size: Size(width: 4, height: 3))
        let glyphs = converter.glyphs(for: buffer, screen: Size(width: 2, height: 2), palette: mono)
        #expect(glyphs.map { "\($0.row),\($0.column)" } == ["0,0", "0,1", "1,0", "1,1"])
    }

    @Test func orphanedContinuationIsBlanked() {
        var buffer = CellBuffer(size: Size(width: 3, height: 1))
        buffer[1, 0] = Cell(text: "", width: 0, role: .normal)  // no wide glyph before it
        #expect(drawn(buffer) == ["0: ", "1: ", "2: "])
    }

    @Test func emptyTextIsABlank() {
        #expect(drawn(row([("", 1)])) == ["0: "])
    }
}

@Suite struct PaletteTests {
    @Test func monochromeUsesAttributesOnly() {
        for role in StyleRole.allCases { #expect(mono.style(for: role).colorPair == 0) }
        #expect(mono.style(for: .selectedFocused).attributes.contains(.reverse))
        #expect(mono.style(for: .header).attributes.contains(.bold))
        #expect(mono.style(for: .verdictMisaligned).attributes == [.bold, .underline])
        #expect(mono.style(for: .controlGlyph).attributes == [.dim, .reverse])
        #expect(mono.style(for: .match).attributes.contains(.underline))
        #expect(mono.pairs.isEmpty)
    }

    @Test func colorPairsAreDistinctAndFitEightColourTerminals() {
        let color = CursesPalette(mode: .color)
        let numbers = color.pairs.map(\.number)
        #expect(Set(numbers).count == numbers.count)
        #expect(numbers.allSatisfy { $0 >= 1 && $0 < 64 })
        #expect(color.style(for: .normal).colorPair == 0)
        #expect(color.style(for: .verdictMisaligned).colorPair != 0)
    }
}

@Suite struct KeyTranslationTests {
    @Test func controlBytes() {
        #expect(KeyTranslation.key(forCharacter: 0x7F) == .backspace)
        #expect(KeyTranslation.key(forCharacter: 0x08) == .backspace)
        #expect(KeyTranslation.key(forCharacter: 0x0D) == .enter)
        #expect(KeyTranslation.key(forCharacter: 0x0A) == .enter)
        #expect(KeyTranslation.key(forCharacter: 0x09) == .tab)
        #expect(KeyTranslation.key(forCharacter: 0x1B) == .escape)
        #expect(KeyTranslation.key(forCharacter: 0x03) == .ctrl("c"))
        #expect(KeyTranslation.key(forCharacter: 0x1A) == .ctrl("z"))
        #expect(KeyTranslation.key(forCharacter: 0x00) == nil)
        #expect(KeyTranslation.key(forCharacter: 0x1C) == nil)
        #expect(KeyTranslation.key(forCharacter: 0x9B) == nil)
        #expect(KeyTranslation.key(forCharacter: 0x202E) == nil)
        #expect(KeyTranslation.key(forCharacter: 0xD800) == nil)
    }

    @Test func printable() {
        #expect(KeyTranslation.key(forCharacter: 0x71) == .char("q"))
        #expect(KeyTranslation.key(forCharacter: 0x4E2D) == .char("中"))
    }
}
