import EMCore
import Foundation
import Testing
import EMAgreement

@Suite("Bootstrap and generators")
struct BootstrapTests {
    /// The bootstrap frame of the Krippendorff 4×12 data.
    static func frame() throws -> AlphaBootstrap {
        let vector = try VectorSupport.load("krippendorff_2011_4x12")
        let coded = CodedRatings(RatingData(rows: try VectorSupport.rows(of: vector)))
        return try #require(AlphaBootstrap(coded: coded, level: .nominal))
    }

    @Test("fixed index sets reproduce the replicate α's and the percentile interval")
    func fixedIndices() throws {
        let vector = try VectorSupport.load("bootstrap_alpha_fixed_indices")
        let indexSets = try #require(vector["index_sets_zero_based"] as? [[Int]])
        let expected = try #require(vector["expected"] as? [String: Any])
        let replicateAlphas = try #require(VectorSupport.doubles(expected["replicate_alphas"]))
        let interval = try #require(VectorSupport.doubles(expected["percentile_ci95_linear_interpolation"]))
        let frameItems = try #require(vector["frame_items_in_order"] as? [String])

        let vector4x12 = try VectorSupport.load("krippendorff_2011_4x12")
        let coded = CodedRatings(RatingData(rows: try VectorSupport.rows(of: vector4x12)))
        let bootstrap = try Self.frame()
        let counts = coded.itemCategoryCounts()
        #expect(bootstrap.frameSize == frameItems.count)
        #expect(bootstrap.frameStoredItems.map { coded.items[counts.sourceItemIndex[$0]] } == frameItems)

        let actual = bootstrap.replicateAlphas(indexSets: indexSets)
        #expect(actual.count == replicateAlphas.count)
        for (index, pair) in zip(actual, replicateAlphas).enumerated() {
            let got = try #require(pair.0, "replicate \(index) undefined")
            let want = try #require(pair.1)
            #expect(abs(got - want) <= 1e-12, "replicate \(index): \(got) vs \(want)")
        }
        let result = bootstrap.run(indexSets: indexSets)
        #expect(result.replicatesUndefined == (expected["n_undefined_replicates"] as? Int))
        #expect(result.replicatesDefined == 20)
        #expect(abs(try #require(result.ciLow) - interval[0]!) <= 1e-12)
        #expect(abs(try #require(result.ciHigh) - interval[1]!) <= 1e-12)
        #expect(abs(try #require(result.pointEstimate) - 0.7434210526315791) <= 1e-12)
        // A resample equal to the frame gives the point estimate.
        #expect(abs(try #require(bootstrap.alpha(resampledUnits: Array(0..<11))) - 0.7434210526315791) <= 1e-12)
    }

    @Test("percentile with linear interpolation (numpy linear / R type 7)")
    func percentile() {
        #expect(Percentile.linear(sorted: [], p: 0.5) == nil)
        #expect(Percentile.linear(sorted: [3], p: 0.025) == 3)
        #expect(Percentile.linear(sorted: [1, 2, 3, 4], p: 0.5) == 2.5)
        #expect(Percentile.linear(sorted: [1, 2, 3, 4], p: 1) == 4)
        #expect(Percentile.linear(sorted: [1, 2, 3, 4], p: 0) == 1)
        // h = 9 · 0.025 = 0.225 → 10 + 0.225 · 10.
        let values = (1...10).map { Double($0) * 10 }
        #expect(abs(Percentile.linear(sorted: values, p: 0.025)! - 12.25) < 1e-12)
        #expect(abs(Percentile.linear(sorted: values, p: 0.975)! - 97.75) < 1e-12)
    }

    @Test("SplitMix64 and xoshiro256** match their published reference outputs")
    func generatorsMatchReference() {
        var splitmix = SplitMix64(seed: 0)
        #expect(splitmix.next() == 0xE220_A839_7B1D_CDAF)
        #expect(splitmix.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(splitmix.next() == 0x06C4_5D18_8009_454F)
        var xoshiro = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let outputs = (0..<6).map { _ in xoshiro.next() }
        #expect(outputs == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
                            607_988_272_756_665_600])
    }

    @Test("seeded bootstrap is reproducible, and its interval contains α")
    func seededBootstrap() throws {
        let bootstrap = try Self.frame()
        let first = bootstrap.run(replicates: 2000, seed: 12345)
        let second = bootstrap.run(replicates: 2000, seed: 12345)
        let other = bootstrap.run(replicates: 2000, seed: 7)
        #expect(first == second)
        #expect(first != other)
        #expect(first.seed == 12345)
        #expect(first.replicatesRequested == 2000)
        #expect(first.replicatesDefined + first.replicatesUndefined == 2000)
        let low = try #require(first.ciLow), high = try #require(first.ciHigh)
        let alpha = try #require(first.pointEstimate)
        #expect(low < alpha && alpha < high)
        #expect(high <= 1)

        var generator = Xoshiro256StarStar(seed: 12345)
        let viaGenerator = bootstrap.run(replicates: 2000, using: &generator)
        #expect(viaGenerator.ciLow == first.ciLow && viaGenerator.ciHigh == first.ciHigh)
    }

    @Test("bootstrap draws units uniformly: replicate mean α is close to the point estimate on large data")
    func bootstrapIsUnbiasedOnLargeData() throws {
        // 400 units, two raters, agreement 80 % on 4 balanced categories.
        var rows: [RatingRow] = []
        var generator = SplitMix64(seed: 99)
        for unit in 0..<400 {
            let category = unit % 4
            let other = generator.next() % 5 == 0 ? (category + 1) % 4 : category
            rows.append(RatingRow(item: String(format: "u%04d", unit), annotator: "A", label: "c\(category)"))
            rows.append(RatingRow(item: String(format: "u%04d", unit), annotator: "B", label: "c\(other)"))
        }
        let coded = CodedRatings(RatingData(rows: rows))
        let bootstrap = try #require(AlphaBootstrap(coded: coded, level: .nominal))
        var rng = Xoshiro256StarStar(seed: 1)
        let draws = bootstrap.draw(replicates: 1000, using: &rng).compactMap { $0 }
        #expect(draws.count == 1000)
        let mean = draws.reduce(0, +) / Double(draws.count)
        let alpha = try #require(bootstrap.pointEstimate)
        #expect(abs(mean - alpha) < 0.01)
        let result = bootstrap.run(replicates: 1000, seed: 3)
        // Analytic scale check: the interval width is about 4 standard errors of α (~0.03 here).
        let width = try #require(result.ciHigh) - (try #require(result.ciLow))
        #expect(width > 0.05 && width < 0.2)
    }

    @Test("the report runs the bootstrap when asked")
    func reportBootstrap() throws {
        let vector = try VectorSupport.load("krippendorff_2011_4x12")
        let report = AgreementReport.compute(rows: try VectorSupport.rows(of: vector),
                                             options: AgreementOptions(bootstrapReplicates: 500, bootstrapSeed: 42))
        let bootstrap = try #require(report.krippendorffAlphaBootstrap)
        #expect(bootstrap.frameUnits == 11)
        #expect(bootstrap.level == "nominal")
        #expect(bootstrap.seed == 42)
        #expect(try #require(bootstrap.ciLow) < 0.7434210526315791)
        let json = try #require(String(data: try report.jsonData(pretty: false), encoding: .utf8))
        #expect(json.contains("\"method\":\"unit_bootstrap_percentile_linear\""))
    }
}
