import Testing
@testable import EMText

@Suite("DisplayWidth")
struct DisplayWidthTests {

    @Test("brief examples", arguments: [
        ("e\u{301}", 1), ("😀", 2), ("❤️", 2), ("👩‍💻", 2), ("中", 2),
    ])
    func briefExamples(_ text: String, _ width: Int) {
        #expect(text.count == 1)
        #expect(DisplayWidth.of(Character(text)) == width)
        #expect(DisplayWidth.of(text) == width)
    }

    @Test("grapheme widths", arguments: [
        ("a", 1), ("~", 1), ("é", 1), ("α", 1), ("ж", 1), ("…", 1),     // ambiguous is narrow
        ("한", 2), ("あ", 2), ("ア", 2), ("ｱ", 1), ("Ａ", 2), ("￥", 2),
        ("\u{3000}", 2), ("、", 2), ("가\u{11A8}", 2), ("\u{1100}\u{1161}\u{11A8}", 2),
        ("🇺🇸", 2), ("#️⃣", 2), ("☺", 1), ("☺️", 2), ("⌚", 2), ("✔", 1), ("✔️", 2),
        ("👍🏽", 2), ("👨‍👩‍👧‍👦", 2), ("🏳️‍🌈", 2), ("𠀀", 2), ("🫩", 2),
        ("\u{301}", 0), ("\u{200B}", 0), ("\u{FEFF}", 0), ("\u{1160}", 0),
        ("\u{7F}", 0), ("\u{1B}", 0), ("\u{9B}", 0),
    ])
    func graphemeWidths(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(text) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func stringWidthSumsGraphemes() {
        #expect(DisplayWidth.of("abc中😀") == 7)
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("e\u{301}e\u{301}") == 2)
        #expect(DisplayWidth.of("한국어") == 6)
    }

    @Test func scalarWidths() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x41)!) == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x4E2D)!) == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x3099)!) == 0)   // combining kana mark inside a wide block
        #expect(DisplayWidth.of(Unicode.Scalar(0xFE0F)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x1F600)!) == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0x1F1E6)!) == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0xFF61)!) == 1)   // halfwidth ideographic full stop
        #expect(DisplayWidth.of(Unicode.Scalar(0xE000)!) == 1)   // private use
        #expect(DisplayWidth.of(Unicode.Scalar(0x2FFFD)!) == 2)
        #expect(DisplayWidth.isWide(Unicode.Scalar(0xAC00)!))
        #expect(!DisplayWidth.isWide(Unicode.Scalar(0x263A)!))
    }

    @Test("emoji table agrees with the standard library's Emoji_Presentation")
    func emojiTableMatchesStdlib() {
        var mismatches: [String] = []
        for v in UInt32(0)...0x10FFFF {
            // Only characters the table knows about: a newer standard
            // library may know later emoji (then the table needs an update,
            // but that must not fail older toolchains' builds).
            guard let s = Unicode.Scalar(v), let age = s.properties.age,
                  age.major < 17 || (age.major == 17 && age.minor == 0) else { continue }
            if s.properties.isEmojiPresentation != DisplayWidth.hasEmojiPresentation(s) {
                mismatches.append(String(v, radix: 16))
            }
            if s.properties.isEmojiPresentation && DisplayWidth.of(s) != 2 {
                mismatches.append("width " + String(v, radix: 16))
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test("combining and enclosing marks are zero width")
    func marksAreZeroWidth() {
        var wrong: [String] = []
        for v in UInt32(0x300)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            switch s.properties.generalCategory {
            case .nonspacingMark, .enclosingMark:
                if DisplayWidth.of(s) != 0 { wrong.append(String(v, radix: 16)) }
            default:
                break
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }

    @Test("wide table spot checks across blocks")
    func wideTableSpotChecks() {
        let wide: [UInt32] = [0x1100, 0x115F, 0x2E80, 0x3041, 0x30FF, 0x3105, 0x3131, 0x3400, 0x4DBF,
                              0xA000, 0xA960, 0xF900, 0xFE30, 0xFF01, 0xFF60, 0xFFE0, 0x17000,
                              0x1B000, 0x1F004, 0x1F300, 0x1F64F, 0x1F680, 0x1F90C, 0x1F9FF, 0x1FA70,
                              0x20000, 0x30000]
        let narrow: [UInt32] = [0x20, 0x7E, 0xA1, 0x2010, 0x2026, 0x2190, 0x25CC, 0x2400, 0x27E8, 0x27E9,
                                0x2E9A, 0x303F, 0x4DC0, 0xA4D0, 0xFF61, 0xFFE8, 0x1F321, 0x1F336,
                                0x1F37D, 0x1F3F5, 0x1F43F, 0x1F900, 0x1F93B, 0x1F946]
        for v in wide { #expect(DisplayWidth.of(Unicode.Scalar(v)!) == 2, "\(String(v, radix: 16))") }
        for v in narrow { #expect(DisplayWidth.of(Unicode.Scalar(v)!) == 1, "\(String(v, radix: 16))") }
    }
}
