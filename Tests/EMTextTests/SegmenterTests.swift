import Testing
@testable import EMText

@Suite("Segmenter")
struct SegmenterTests {

    /// Mixed text: short and very long paragraphs, CJK without spaces,
    /// combining marks, CR LF, empty lines and invalid bytes.
    static func sample(_ seed: UInt64) -> [UInt8] {
        var g = HostileCorpus.Generator(state: seed)
        var out: [UInt8] = []
        for _ in 0..<40 {
            let kind = g.next(6)
            let words = kind == 0 ? 400 + g.next(800) : g.next(30)
            for k in 0..<words {
                if k > 0 { out.append(0x20) }
                switch g.next(12) {
                case 0: out += Array("中文字符日本語".utf8)
                case 1: out += Array("e\u{301}\u{302}".utf8)
                case 2: out += Array("👩‍💻🇯🇵".utf8)
                case 3: out += [0xFF, 0xC3]
                default: out += Array(HostileCorpus.words[g.next(HostileCorpus.words.count)].utf8)
                }
            }
            if g.next(5) == 0 { out.append(0x0D) }
            out.append(0x0A)
            if g.next(4) == 0 { out.append(0x0A) }
        }
        if g.next(2) == 0 { out += Array("tail without newline".utf8) }
        return out
    }

    /// Problems found walking `bytes`. With `strictGraphemes`, cuts must
    /// also avoid combining marks and ZWJ sequences (true whenever the text
    /// has any better place to cut, as in `sample`).
    static func check(_ bytes: [UInt8], limit: Int, strictGraphemes: Bool = true) -> [String] {
        var problems: [String] = []
        bytes.withUnsafeBufferPointer { buf in
            let seg = Segmenter(buf, limit: limit, crlfIsNewline: true)
            let n = buf.count
            // Forward walk.
            var forward: [Segmenter.Segment] = []
            var s = 0
            while s < n {
                let x = seg.segment(at: s)
                if x.next <= s { problems.append("no progress at \(s)"); return }
                if x.contentEnd > x.next || x.contentEnd < s { problems.append("bad content end at \(s)") }
                if buf[s..<x.contentEnd].contains(0x0A) { problems.append("LF inside segment \(s)") }
                if x.startsParagraph != (s == 0 || buf[s - 1] == 0x0A) { problems.append("startsParagraph \(s)") }
                if x.next - s > 2 * limit + 8 { problems.append("segment too long at \(s): \(x.next - s)") }
                forward.append(x)
                s = x.next
            }
            // Backward walk must visit the same starts.
            var backward: [Int] = []
            var e = n
            while e > 0 {
                let p = seg.start(before: e)
                if p >= e { problems.append("no backward progress at \(e)"); return }
                backward.append(p)
                e = p
            }
            if backward.reversed() != forward.map(\.start) {
                problems.append("forward \(forward.count) and backward \(backward.count) walks differ")
            }
            // Containment from any offset.
            var k = 0
            for o in stride(from: 0, to: n, by: 7) {
                while k + 1 < forward.count && forward[k + 1].start <= o { k += 1 }
                if seg.start(containing: o) != forward[k].start {
                    problems.append("start(containing: \(o))")
                    break
                }
            }
            // Cuts inside paragraphs fall between graphemes.
            for x in forward where !x.endsParagraph {
                let c = x.next
                let v = buf[c]
                if v & 0xC0 == 0x80 { problems.append("cut inside a UTF-8 sequence at \(c)") }
                if strictGraphemes && (v == 0xCC || (buf[c - 1] == 0x8D && buf[c - 2] == 0x80)) {
                    problems.append("cut before a combining mark or after ZWJ at \(c)")
                }
            }
        }
        return problems
    }

    @Test("forward, backward and random access agree", arguments: [256, 300, 1_000, 8_192])
    func walksAgree(_ limit: Int) {
        for seed in UInt64(1)...6 {
            let problems = Self.check(Self.sample(seed), limit: limit)
            #expect(problems.isEmpty, "seed \(seed) limit \(limit): \(problems.prefix(5))")
        }
    }

    @Test func corpusSegmentsAgree() {
        for entry in HostileCorpus.small {
            // Pathological entries (hundreds of marks in one grapheme)
            // leave no grapheme boundary to cut at.
            let problems = Self.check(entry.bytes, limit: 256, strictGraphemes: false)
            #expect(problems.isEmpty, "\(entry.name): \(problems.prefix(5))")
        }
    }

    @Test func shortParagraphsAreNeverCut() {
        let text = Array(String(repeating: String(repeating: "x", count: 900) + "\n", count: 20).utf8)
        text.withUnsafeBufferPointer { buf in
            let seg = Segmenter(buf, limit: 1_000, crlfIsNewline: true)
            var s = 0
            var count = 0
            while s < buf.count {
                let x = seg.segment(at: s)
                #expect(x.startsParagraph && x.endsParagraph)
                #expect(x.contentEnd - x.start == 900)
                s = x.next
                count += 1
            }
            #expect(count == 20)
        }
    }

    @Test func longAsciiParagraphIsCutBeforeWords() {
        var text = ""
        var n = 0
        while text.utf8.count < 50_000 { text += "w\(n) "; n += 1 }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buf in
            let seg = Segmenter(buf, limit: 1_000, crlfIsNewline: true)
            var s = 0
            while s < buf.count {
                let x = seg.segment(at: s)
                if !x.endsParagraph {
                    #expect(buf[x.next - 1] == 0x20 && buf[x.next] == 0x77)   // "… w"
                }
                s = x.next
            }
        }
    }
}
