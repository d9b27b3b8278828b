import EMCore
@testable import EMSynth
import Testing

@Suite("Texts and building blocks")
struct TextTests {
    @Test("the demo has a few very long traces and reasoning of a few hundred words")
    func traceLengths() {
        let traces = Demo.samples.compactMap(\.reasoning)
        let long = traces.filter { $0.utf8.count >= 50_000 }
        #expect(long.count >= 3)
        let ordinary = traces.filter { $0.utf8.count < 50_000 }
        let mean = ordinary.map(\.utf8.count).reduce(0, +) / ordinary.count
        #expect(mean > 1_200 && mean < 3_000)
        let words = ordinary[0].split(separator: " ").count
        #expect(words > 150)
    }

    @Test("some answers contain CJK text or emoji")
    func multilingual() {
        let answers = Demo.samples.map(\.answer)
        let cjk = answers.filter { $0.unicodeScalars.contains { (0x3040...0x9FFF).contains($0.value) || (0xAC00...0xD7AF).contains($0.value) } }
        let emoji = answers.filter { $0.unicodeScalars.contains { $0.value >= 0x1F300 } }
        #expect(!cjk.isEmpty && !emoji.isEmpty)
        #expect(cjk.count < answers.count / 10)
    }

    @Test("example pools hold 300 distinct pairs per dataset")
    func examplePools() {
        let pools = ExamplePools(seed: 1)
        for dataset in ICLDataset.allCases {
            let pool = pools.records.filter { $0.dataset == dataset.key }
            #expect(pool.count == ExamplePools.poolSize)
            #expect(Set(pool.map(\.user)).count == pool.count)
            #expect(pool.allSatisfy { !$0.assistant.contains("{") })
        }
    }

    @Test("templates fill their placeholders and keep unknown braces")
    func templates() {
        var context = TextContext()
        context.topic = "a noisy dog"
        context.k = "64"
        var out = ""
        Template("About {topic}, after {k} examples {unknown}.").render(into: &out, context)
        #expect(out == "About a noisy dog, after 64 examples {unknown}.")
    }

    @Test("no trace or answer has an unfilled placeholder")
    func noUnfilledPlaceholders() {
        for sample in Demo.samples.prefix(3_000) {
            for slot in ["{ask}", "{topic}", "{k}", "{habit}", "{persona}", "{domain}", "{subject}"] {
                #expect(!(sample.reasoning ?? "").contains(slot))
                #expect(!sample.answer.contains(slot))
            }
        }
    }

    @Test("first sentence extraction keeps punctuation and shortens verse")
    func firstSentence() {
        #expect(Reasoning.firstSentence(of: "Talk first. Then act.") == "Talk first.")
        #expect(Reasoning.firstSentence(of: "Grey train, folded news —\na stranger") == "Grey train, folded news…")
        #expect(Reasoning.firstSentence(of: "No end") == "No end")
    }

    @Test("ISO timestamps from the simulated clock")
    func timestamps() {
        #expect(Timestamps.iso(0) == "1970-01-01T00:00:00Z")
        let t = Timestamps.epochSeconds(year: 2026, month: 2, day: 28, hour: 23, minute: 59, second: 59)
        #expect(Timestamps.iso(t) == "2026-02-28T23:59:59Z")
        #expect(Timestamps.iso(t + 1) == "2026-03-01T00:00:00Z")
        #expect(Timestamps.iso(Timestamps.epochSeconds(year: 2024, month: 2, day: 29)) == "2024-02-29T00:00:00Z")
    }

    @Test("the generator is seeded, uniform enough, and streams are independent")
    func randomSource() {
        var a = SynthRandom(seed: 42)
        var b = SynthRandom(seed: 42)
        #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
        var c = SynthRandom(seed: 42, 1, 2)
        var d = SynthRandom(seed: 42, 2, 1)
        #expect(c.next() != d.next())
        var counts = [0, 0, 0, 0]
        var rng = SynthRandom(seed: 7)
        for _ in 0..<40_000 { counts[rng.below(4)] += 1 }
        #expect(counts.allSatisfy { $0 > 9_500 && $0 < 10_500 })
        let picked = rng.distinct(256, below: 300)
        #expect(Set(picked).count == 256 && picked.allSatisfy { $0 < 300 })
        var total = 0.0
        for _ in 0..<10_000 { total += rng.bell() }
        #expect(abs(total / 10_000) < 0.05)
    }
}
