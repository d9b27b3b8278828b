import Foundation
import Testing
import EMAgreement

/// `edge_cases.json`: degenerate inputs must give nil (undefined), never 0 or 1, except where the
/// specification says otherwise.
@Suite("Edge cases")
struct EdgeCaseTests {
    /// Reads one statistic named as in edge_cases.json from reports of the case's rows.
    static func statistic(_ name: String, rows: [RatingRow]) -> Double?? {
        let report = AgreementReport.compute(rows: rows)
        switch name {
        case "percent_agreement": return .some(report.percentAgreement.pairwiseMeanOverItems)
        case "cohen_kappa": return .some(report.pairwise.first?.cohenKappaUnweighted.kappa)
        case "scott_pi": return .some(report.pairwise.first?.scottPi.value)
        case "fleiss_kappa": return .some(report.fleissKappaCompleteCases.value)
        case "krippendorff_alpha_nominal": return .some(report.krippendorffAlpha.nominal.value)
        case "gwet_ac1", "gwet_ac1_observed_q1": return .some(report.gwetAC1.value)
        case "gwet_ac1_if_categories_declared_x_y":
            let declared = AgreementReport.compute(rows: rows, options: AgreementOptions(declaredCategories: ["x", "y"]))
            return .some(declared.gwetAC1.value)
        case "items_excluded_from_alpha":
            return .some(Double(report.krippendorffAlpha.nominal.unitsExcludedSingleValue))
        default: return .none
        }
    }

    @Test("every expectation of every edge case")
    func edgeCases() throws {
        let vector = try VectorSupport.load("edge_cases")
        let cases = try #require(vector["cases"] as? [[String: Any]])
        #expect(cases.count == 6)
        var checked = 0
        for entry in cases {
            let name = try #require(entry["name"] as? String)
            let rows = try VectorSupport.rows(of: entry)
            let expect = try #require(entry["expect"] as? [String: Any])
            for (key, value) in expect.sorted(by: { $0.key < $1.key }) {
                guard let actual = Self.statistic(key, rows: rows) else {
                    Issue.record("\(name): no mapping for \(key)")
                    continue
                }
                checked += 1
                if value is NSNull {
                    #expect(actual == nil, "\(name).\(key) should be undefined (nil), got \(String(describing: actual))")
                } else {
                    let number = try #require(value as? NSNumber).doubleValue
                    let got = try #require(actual, "\(name).\(key) should be \(number), got nil")
                    #expect(abs(got - number) <= 1e-12, "\(name).\(key): expected \(number), got \(got)")
                }
            }
        }
        #expect(checked == 22)
    }

    @Test("one category: percent agreement 1, chance-corrected statistics undefined, α JSON is null")
    func oneCategoryEncodesNull() throws {
        let rows = (1...4).flatMap { i in ["A", "B"].map { RatingRow(item: "i\(i)", annotator: $0, label: "x") } }
        let report = AgreementReport.compute(rows: rows)
        #expect(report.percentAgreement.allAgreeFraction == 1)
        #expect(report.percentAgreement.krippendorffAo == 1)
        #expect(report.fleissKappaGeneralizedAllItems.value == nil)
        #expect(report.lightKappaMeanPairwiseCohen == nil)
        #expect(report.pairwise.first?.gwetAC1.value == nil)   // q = 1
        #expect(report.pairwise.first?.cohenKappaUnweighted.pE == 1)
        let data = try report.jsonData(pretty: false)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"kappa\":null"))
        #expect(!json.contains("NaN") && !json.contains("nan"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let nominal = try #require(VectorSupport.lookup("krippendorff_alpha.nominal", in: object) as? [String: Any])
        #expect(nominal["value"] is NSNull)
        #expect(VectorSupport.matrix(nominal["coincidence_matrix"]) == [[8]])
        let cohen = try #require(VectorSupport.lookup("pairwise.0.cohen_kappa_unweighted", in: object) as? [String: Any])
        for key in ["kappa", "se", "se0", "ci_low", "ci_high", "z0"] {
            #expect(cohen[key] is NSNull, "\(key) must be present as null")
        }
        #expect(VectorSupport.lookup("fleiss_kappa_complete_cases.value", in: object) is NSNull)
        #expect(VectorSupport.lookup("krippendorff_alpha.masi_set_valued", in: object) is NSNull)
    }

    @Test("zero variance of interval data is undefined like the one-category case")
    func zeroVarianceInterval() {
        let rows = ["u1", "u2", "u3"].flatMap { item in
            ["A", "B"].map { RatingRow(item: item, annotator: $0, label: "7") }
        }
        let report = AgreementReport.compute(rows: rows)
        #expect(report.data.orderedScale)
        #expect(report.krippendorffAlpha.interval?.value == nil)
        #expect(report.krippendorffAlpha.ratio?.value == nil)
        #expect(report.krippendorffAlpha.ordinal?.value == nil)
        #expect(report.pairwise.first?.cohenKappaQuadratic?.kappa == nil)
    }

    @Test("no pairable unit: α, κ, percent agreement, Fleiss and AC1 are undefined")
    func noPairableUnit() {
        let rows = [RatingRow(item: "i1", annotator: "A", label: "x"), RatingRow(item: "i2", annotator: "B", label: "y")]
        let report = AgreementReport.compute(rows: rows)
        #expect(report.pairwise.isEmpty)
        #expect(report.lightKappaMeanPairwiseCohen == nil)
        #expect(report.krippendorffAlpha.nominal.value == nil)
        #expect(report.krippendorffAlpha.nominal.nPairableUnits == 0)
        #expect(report.percentAgreement.pairwiseMeanOverItems == nil)
        #expect(report.fleissKappaCompleteCases.value == nil)
        #expect(report.gwetAC1.value == nil)
        #expect(CohenKappa.compute(table: [[0, 0], [0, 0]]).kappa == nil)
        #expect(ScottPi.compute(table: [[0, 0], [0, 0]]).value == nil)
        #expect(GwetAC1.table([[0, 0], [0, 0]]).value == nil)
    }

    @Test("a bootstrap replicate with no variation is dropped and counted")
    func undefinedReplicatesAreCounted() throws {
        // Units u1 (x,x) and u2 (y,y): a resample of only u1 has D_e = 0.
        let rows = [("u1", "A", "x"), ("u1", "B", "x"), ("u2", "A", "y"), ("u2", "B", "y")]
            .map { RatingRow(item: $0.0, annotator: $0.1, label: $0.2) }
        let coded = CodedRatings(RatingData(rows: rows))
        let bootstrap = try #require(AlphaBootstrap(coded: coded, level: .nominal))
        let result = bootstrap.run(indexSets: [[0, 0], [0, 1], [1, 1], [1, 0]])
        #expect(result.replicatesUndefined == 2)
        #expect(result.replicatesDefined == 2)
        #expect(result.ciLow == 1 && result.ciHigh == 1)
        let none = bootstrap.run(indexSets: [[0, 0]])
        #expect(none.ciLow == nil && none.ciHigh == nil)
    }
}
