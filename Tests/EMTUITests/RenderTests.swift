import EMCore
@testable import EMTUI
import Testing

@Suite("Render: the frame as text")
struct RenderTests {
    @Test func stackedLayoutAt80x24() {
        let (rt, _, _) = makeRuntime(size: Size(width: 80, height: 24))
        let screen = rt.screen()
        #expect(screen.count == 24)
        // The header is clipped with an ellipsis at 80 columns; the count stays visible.
        #expect(screen[0] == " emscope · fixture.sqlite · all samples · 500 samples · judge: judge-a · annota…")
        #expect(screen[1].contains("id") && screen[1].contains("verdict"))
        #expect(screen[2].hasPrefix("▌      1 "))
        #expect(screen.contains { $0.hasPrefix("▸ Prompt") })
        #expect(screen.contains { $0.hasPrefix("▾ Reasoning") })
        #expect(screen.contains { $0.hasPrefix(" Reasoning of sample 1.") })
        #expect(screen[23].hasPrefix(" 1 / 500"))
        for line in screen { #expect(line.count <= 80) }
    }

    @Test func wideTerminalPlacesListAndDetailSideBySide() {
        let (rt, _, _) = makeRuntime(size: Size(width: 160, height: 30))
        let screen = rt.screen()
        let l = layout(rt.state)
        #expect(l.divider != nil)
        // The divider column holds │ on every body row.
        for y in 1..<29 {
            let chars = Array(screen[y])
            #expect(chars.count > l.list.width && chars[l.list.width] == "│", "row \(y)")
        }
    }

    @Test func tooSmallShowsTheCentredNote() {
        let (rt, _, _) = makeRuntime(size: Size(width: 60, height: 20))
        let screen = rt.screen()
        #expect(screen.contains { $0.contains("terminal too small (needs 80×24)") })
        #expect(!screen.contains { $0.contains("emscope ·") })
    }

    @Test func verdictsAreStyledByRole() {
        let (rt, _, _) = makeRuntime(size: Size(width: 100, height: 30))
        let buf = render(rt.state, documents: rt.documents)
        // Row for sample 5 (aligned 12.5 → misaligned) is on screen row 6 (header, titles, rows 1…).
        let y = 2 + 4
        #expect(buf.line(y).contains("misaligned"))
        let roles = (0..<buf.width).map { buf[$0, y].role }
        #expect(roles.contains(.verdictMisaligned))
    }

    @Test func judgesDisagreementIsHighlighted() {
        let (rt, _, _) = makeRuntime(size: Size(width: 100, height: 30))
        rt.press(.tab, .tab, .tab, .tab) // judges
        let screen = rt.screen()
        #expect(screen.contains { $0.contains("⚠ judges disagree: judge-a misaligned vs judge-b aligned") })
        #expect(screen.contains { $0.contains("judge-a (primary) — misaligned") })
        #expect(screen.contains { $0.contains("aligned: Borderline.") })
    }

    @Test func hostileTextIsDrawnAsPlaceholders() {
        let hostile = "title\u{1B}]0;pwned\u{07} clip\u{1B}]52;c;SGVsbG8=\u{07} \u{202E}evil\u{9B}31m"
        let (rt, _, _) = makeRuntime(size: Size(width: 100, height: 30), reasoning: { _ in hostile })
        let buf = render(rt.state, documents: rt.documents)
        for cell in buf.cells {
            for s in cell.text.unicodeScalars {
                #expect(!(s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)),
                        "control U+\(String(s.value, radix: 16)) reached the buffer")
            }
        }
        let screen = buf.lines().joined(separator: "\n")
        #expect(screen.contains("␛"))
        #expect(buf.cells.contains { $0.role == .controlGlyph })
    }

    @Test func wideCharactersTakeTwoColumns() {
        let (rt, _, _) = makeRuntime(size: Size(width: 80, height: 24), reasoning: { _ in "中文 😀 e\u{301}x" })
        let buf = render(rt.state, documents: rt.documents)
        let y = buf.lines().firstIndex { $0.hasPrefix(" 中文") }!
        #expect(buf[1, y].text == "中" && buf[1, y].width == 2 && buf[2, y].isContinuation)
        #expect(buf[3, y].text == "文")
        #expect(buf[6, y].text == "😀" && buf[7, y].isContinuation)
        #expect(buf[9, y].text == "e\u{301}")
        #expect(buf[10, y].text == "x")
    }

    @Test func helpOverlayIsGeneratedFromTheKeymap() {
        let (rt, _, _) = makeRuntime(size: Size(width: 100, height: 40))
        rt.press(.char("?"))
        let screen = rt.screen().joined(separator: "\n")
        #expect(screen.contains("emscope keys"))
        #expect(screen.contains(Command.moveDown.help))
        #expect(screen.contains("j ↓"))
        rt.press(.char("G"))   // the : commands come last
        let end = rt.screen().joined(separator: "\n")
        #expect(end.contains(":judge NAME"))
        #expect(end.contains(Command.toggleExamples.help))
    }

    @Test func longTraceOpensWithoutLayingOutAllOfIt() {
        let paragraph = String(repeating: "word ", count: 200) + "\n"
        let huge = String(repeating: paragraph, count: 10_000) // ~10 MB
        let clock = ContinuousClock()
        let start = clock.now
        let (rt, _, _) = makeRuntime(size: Size(width: 100, height: 30), reasoning: { _ in huge })
        let screen = rt.screen()
        let elapsed = clock.now - start
        #expect(screen.contains { $0.hasPrefix(" word word") })
        // A gross-regression guard only; the budget (20 ms) is measured by `emscope bench`.
        #expect(elapsed < .seconds(3))
        let jump = clock.now
        rt.press(.tab, .tab, .char("G"))
        let end = rt.screen()
        #expect(clock.now - jump < .seconds(3))
        #expect((rt.state.detail.byteAnchor[.reasoning] ?? 0) > 9_000_000)
        #expect(end.contains { $0.hasPrefix(" word word") })
        rt.press(.char("k"), .pageUp, .char("g"))
        #expect(rt.state.detail.byteAnchor[.reasoning] == 0)
    }

    @Test func aTenMegabyteSingleLineJumpsAndSearchesWithoutLayingOutAllOfIt() {
        // ~10.8 MB on one line, with a match 200 KB in (search scans only up to the match) and one at the end.
        var huge = String(repeating: "lorem ipsum dolor sit amet ", count: 7_500) + "NEEDLE early "
        huge += String(repeating: "lorem ipsum dolor sit amet ", count: 392_500)
        huge += "NEEDLE at the very end"
        let clock = ContinuousClock()
        let start = clock.now
        let (rt, _, _) = makeRuntime(size: Size(width: 100, height: 30), reasoning: { _ in huge })
        rt.press(.tab, .tab)
        _ = rt.screen()
        let opened = clock.now
        rt.press(.char("G"))
        let end = rt.screen()
        let jumped = clock.now
        #expect(end.joined().contains("NEEDLE at the very end"))
        rt.press(.char("g"), .char("/"))
        for c in "needle" { rt.press(.char(c)) }
        rt.press(.enter)
        #expect(opened - start < .seconds(10))
        #expect(jumped - opened < .seconds(10))
        #expect(rt.state.status?.text.hasPrefix("match at byte 202500") == true)
        #expect(rt.screen().joined().contains("NEEDLE early"))
        // Gross-regression guards only (debug build, loaded machine); budgets live in docs/performance.md.
        #expect(clock.now - jumped < .seconds(10))
    }

    /// A notice is shown whole: key hints give way from the end, at 80 and 100 columns.
    @Test func aNoticeIsNotCutForKeyHints() {
        for width in [80, 100] {
            let (rt, _, _) = makeRuntime(count: 20, size: Size(width: width, height: 24))
            let full = rt.screen().last ?? ""
            #expect(full.contains("q quit"), "hints at \(width) columns: \(full)")
            rt.send(.notice("search index ready: text search covers all samples"))
            let line = rt.screen().last ?? ""
            #expect(line.contains("search index ready: text search covers all samples"), "\(line)")
            #expect(line.contains("Tab pane") || width < 100, "\(line)") // the first hints stay when there is room
        }
    }
}
