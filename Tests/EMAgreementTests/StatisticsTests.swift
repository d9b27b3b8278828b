import Foundation
import Testing
import EMAgreement

/// Direct checks of the statistic functions (table and count inputs), identities from the specification,
/// and values quoted in the vectors' notes.
@Suite("Statistics")
struct StatisticsTests {
    static func close(_ actual: Double?, _ expected: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= tolerance
    }

    static func report(_ id: String, options: AgreementOptions? = nil) throws -> AgreementReport {
        let vector = try VectorSupport.load(id)
        return AgreementReport.compute(rows: try VectorSupport.rows(of: vector),
                                       options: try options ?? VectorSupport.options(for: vector))
    }

    @Test("Cohen κ from the published tables equals the values from the rows",
          arguments: ["cohen_sas_table10", "cohen_sas_skin_condition", "cohen_fleiss1981_psychiatric",
                      "gwet_ac1_cont3x3abstractors"])
    func cohenFromTable(id: String) throws {
        let vector = try VectorSupport.load(id)
        let data = try #require(vector["data"] as? [String: Any])
        let table = try #require(VectorSupport.matrix(data["table_rows_A_cols_B"]))
        // Without --order the report sorts the categories; declare the table's order to compare cell by cell.
        var options = try VectorSupport.options(for: vector)
        if options.declaredCategories == nil, let categories = data["categories"] as? [String] {
            options.declaredCategories = categories
        }
        let report = try Self.report(id, options: options)
        let pair = try #require(report.pairwise.first)
        #expect(pair.confusionMatrix == table)
        #expect(CohenKappa.compute(table: table) == pair.cohenKappaUnweighted)
        #expect(ScottPi.compute(table: table) == pair.scottPi)
        #expect(GwetAC1.table(table) == pair.gwetAC1)
        if report.data.orderedScale {
            #expect(CohenKappa.compute(table: table, weighting: .linear) == pair.cohenKappaLinear)
            #expect(CohenKappa.compute(table: table, weighting: .quadratic) == pair.cohenKappaQuadratic)
        }
    }

    @Test("SAS Table 10: z statistics printed by SAS (Z = 3.2626 unweighted, 3.2971 weighted)")
    func sasZ() {
        let table = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]
        #expect(Self.close(CohenKappa.compute(table: table).z0, 3.2626, 5e-5))
        #expect(Self.close(CohenKappa.compute(table: table, weighting: .linear).z0, 3.2971, 5e-5))
    }

    @Test("cont3x3abstractors: irrCAC CI of table AC1 (0.76358, 0.93508) with t(99); κ SE vs irrCAC")
    func ac1TableInterval() {
        let result = GwetAC1.table([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
        #expect(Self.close(result.ciLow, 0.76358, 5e-6))
        #expect(Self.close(result.ciHigh, 0.93508, 5e-6))
        #expect(result.q == 3)
        #expect(Self.close(result.pA, 0.89, 1e-12))
        // irrCAC's Cohen CI with t(99), capped: (0.67952, 0.9133); ours is the unclipped Wald interval.
        let kappa = CohenKappa.compute(table: [[13, 0, 0], [0, 20, 7], [0, 4, 56]])
        #expect(Self.close(kappa.ciLow, 0.68095, 5e-6))
        #expect(Self.close(kappa.ciHigh, 0.91187, 5e-6))
    }

    @Test("4×12: multi-rater AC1 interval (0.46081, 1) with t(11), capped at 1; Fleiss on 8 complete items")
    func krippendorff4x12Extras() throws {
        let report = try Self.report("krippendorff_2011_4x12")
        #expect(Self.close(report.gwetAC1.ciLow, 0.46081, 5e-6))
        #expect(report.gwetAC1.ciHigh == 1)
        #expect(report.gwetAC1.nItems == 12)
        #expect(report.gwetAC1.nItemsMultiRated == 11)
        #expect(report.gwetAC1.q == 5)
        #expect(Self.close(report.fleissKappaCompleteCases.value, 0.6414565826, 1e-10))
        #expect(report.fleissKappaCompleteCases.nItems == 8)
        #expect(report.fleissKappaCompleteCases.ratersPerItem == 4)
        #expect(report.fleissKappaCompleteCases.itemsExcluded == 4)
        #expect(Self.close(report.percentAgreement.allAgreeFraction, 8.0 / 11.0, 1e-12))
        // D_o = 8/40, D_e = 1216/(40·39).
        #expect(Self.close(report.krippendorffAlpha.nominal.observedDisagreement, 0.2, 1e-12))
        #expect(Self.close(report.krippendorffAlpha.nominal.expectedDisagreement, 1216.0 / 1560.0, 1e-12))
        #expect(report.krippendorffAlpha.nominal.unitsExcludedSingleValue == 1)
        // Percent agreement quantities quoted in §2.1: 0.81818 / 0.72727 / 0.8.
        #expect(Self.close(report.percentAgreement.allAgreeFraction, 0.72727, 5e-6))
    }

    @Test("Ben/Gerry: α = 1 − (2N−1)/(2N)·(1 − π) and κ = 0.0909")
    func alphaPiIdentity() throws {
        let report = try Self.report("krippendorff_2011_binary_2x10")
        let pi = try #require(report.pairwise.first?.scottPi.value)
        let alpha = try #require(report.krippendorffAlpha.nominal.value)
        let n = 10.0
        #expect(abs(alpha - (1 - (2 * n - 1) / (2 * n) * (1 - pi))) < 1e-12)
    }

    @Test("Fleiss 1971: α = 1 − (Nm−1)/(Nm)·(1−κ) and κ = Σ p_j q_j κ_j / Σ p_j q_j")
    func fleissIdentities() throws {
        let report = try Self.report("fleiss_1971_diagnoses_30x6")
        let fleiss = report.fleissKappaCompleteCases
        let kappa = try #require(fleiss.value)
        let alpha = try #require(report.krippendorffAlpha.nominal.value)
        let nm = 30.0 * 6.0
        #expect(abs(alpha - (1 - (nm - 1) / nm * (1 - kappa))) < 1e-12)
        var numerator = 0.0, denominator = 0.0
        for (p, kj) in zip(fleiss.pJ, fleiss.perCategory) {
            numerator += p * (1 - p) * (try #require(kj))
            denominator += p * (1 - p)
        }
        #expect(abs(numerator / denominator - kappa) < 1e-12)
        // Complete data: Gwet's generalisation equals classic Fleiss.
        #expect(Self.close(report.fleissKappaGeneralizedAllItems.value, kappa, 1e-12))
    }

    @Test("Fleiss from a dense count table (Wikipedia 10×14) equals the value from rows")
    func fleissFromCounts() throws {
        let vector = try VectorSupport.load("fleiss_wikipedia_10x14")
        let data = try #require(vector["data"] as? [String: Any])
        let table = try #require(VectorSupport.matrix(data["counts_subject_by_category"]))
        let counts = ItemCategoryCounts(counts: table)
        #expect(counts.itemCount == 10 && counts.ratingCount == 140)
        #expect(counts.denseCounts(ofItem: 1) == [0, 2, 6, 4, 2])
        let fleiss = FleissKappa.completeCases(counts, includePerItem: true)
        #expect(Self.close(fleiss.value, 0.20993070442195522))
        #expect(Self.close(fleiss.pBar, 0.378021978021978))
        #expect(fleiss.perItemAgreement?.first == 1.0)
        let alpha = KrippendorffAlpha.compute(counts, difference: .nominal, level: "nominal")
        #expect(Self.close(alpha.value, 0.21557405653322692))
        #expect(alpha.nPairableValues == 140)
    }

    @Test("anxiety raters 2–3 on the declared scale 1..6 give the alternative weighted κ's")
    func declaredScaleChangesWeightedKappa() throws {
        let vector = try VectorSupport.load("cohen_irr_anxiety_r2r3")
        let alternative = try #require(vector["alternative_full_scale_1_to_6"] as? [String: Any])
        let linear = try #require(alternative["linear"] as? Double)
        let quadratic = try #require(alternative["quadratic"] as? Double)
        let declared = try Self.report("cohen_irr_anxiety_r2r3",
                                       options: AgreementOptions(declaredCategories: ["1", "2", "3", "4", "5", "6"]))
        let pair = try #require(declared.pairwise.first)
        #expect(Self.close(pair.cohenKappaLinear?.kappa, linear))
        #expect(Self.close(pair.cohenKappaQuadratic?.kappa, quadratic))
        #expect(pair.confusionMatrix.count == 6)
        #expect(pair.confusionMatrix[4] == [0, 0, 0, 0, 0, 0])   // level 5: unused, kept as zeros
        let observed = try Self.report("cohen_irr_anxiety_r2r3")
        #expect(observed.data.categories == ["1", "2", "3", "4", "6"])
        #expect(observed.data.categoryOrder == .numeric)
        // Unweighted κ does not depend on the scale.
        #expect(Self.close(pair.cohenKappaUnweighted.kappa, -0.006289308176100635))
        // A declared but unused category raises AC1's q.
        #expect(declared.gwetAC1.q == 6 && observed.gwetAC1.q == 5)
        #expect(declared.gwetAC1.value != observed.gwetAC1.value)
    }

    @Test("numeric labels sort numerically, text labels as text; no order means no weighted κ")
    func categoryOrder() {
        let numeric = CodedRatings(RatingData(rows: [
            RatingRow(item: "a", annotator: "x", label: "10"), RatingRow(item: "a", annotator: "y", label: "9"),
            RatingRow(item: "b", annotator: "x", label: "2.5"), RatingRow(item: "b", annotator: "y", label: "10"),
        ]))
        #expect(numeric.categories == ["2.5", "9", "10"])
        #expect(numeric.scaleValues == [2.5, 9, 10])
        let text = CodedRatings(RatingData(rows: [
            RatingRow(item: "a", annotator: "x", label: "b"), RatingRow(item: "a", annotator: "y", label: "a"),
            RatingRow(item: "b", annotator: "x", label: "10"), RatingRow(item: "b", annotator: "y", label: "a"),
        ]))
        #expect(text.categories == ["10", "a", "b"])
        #expect(!text.isOrdered)
        #expect(KrippendorffAlpha.compute(text, level: .ordinal) == nil)
        #expect(KrippendorffAlpha.compute(text, level: .interval) == nil)
        let pair = PairwiseAgreement.compute(text)
        #expect(pair.count == 1 && pair[0].cohenKappaLinear == nil)
        // Declared text categories: ranks 1..k; an undeclared observed category removes the order.
        let ranked = CodedRatings(RatingData(rows: [RatingRow(item: "a", annotator: "x", label: "low")]),
                                  declaredCategories: ["low", "mid", "high"])
        #expect(ranked.scaleValues == [1, 2, 3])
        let undeclared = CodedRatings(RatingData(rows: [RatingRow(item: "a", annotator: "x", label: "other")]),
                                      declaredCategories: ["low", "high"])
        #expect(undeclared.categories == ["low", "high", "other"])
        #expect(undeclared.undeclaredCategories == ["other"])
        #expect(!undeclared.isOrdered)
    }

    @Test("ordinal α uses marginal ranks (differs from irrCAC's ordinal weights 0.83364)")
    func ordinalAlphaIsKrippendorffs() throws {
        let report = try Self.report("krippendorff_2011_4x12")
        let ordinal = try #require(report.krippendorffAlpha.ordinal?.value)
        #expect(abs(ordinal - 0.83364) > 0.01)
        #expect(Self.close(ordinal, 0.8153875037548814))
    }

    @Test("Light's κ is the mean of the pairwise κ's")
    func lightKappa() throws {
        let report = try Self.report("krippendorff_2011_4x12")
        let kappas = report.pairwise.compactMap(\.cohenKappaUnweighted.kappa)
        #expect(report.pairwise.count == 6)
        #expect(kappas.count == 6)
        #expect(Self.close(report.lightKappaMeanPairwiseCohen, kappas.reduce(0, +) / 6, 1e-12))
        #expect(CohenKappa.lightKappa([nil, 0.5, nil, 0.25]) == 0.375)
        #expect(CohenKappa.lightKappa([nil]) == nil)
    }

    @Test("weights on category positions")
    func weights() {
        #expect(KappaWeighting.linear.weight(0, 3, categoryCount: 4) == 0)
        #expect(KappaWeighting.linear.weight(1, 2, categoryCount: 4) == 1 - 1.0 / 3.0)
        #expect(KappaWeighting.quadratic.weight(0, 2, categoryCount: 5) == 0.75)
        #expect(KappaWeighting.unweighted.weight(2, 2, categoryCount: 5) == 1)
    }
}

@Suite("Student t")
struct StudentTTests {
    @Test("quantiles at 0.975 against known values (df 1 and 2 in closed form)",
          arguments: [
              (1.0, 12.706204736174694), (2.0, 4.302652729749462), (3.0, 3.1824463052837078),
              (5.0, 2.5705818356363146), (9.0, 2.262157162798205), (11.0, 2.200985160091639),
              (29.0, 2.045229642132703), (99.0, 1.9842169515864174), (1000.0, 1.9623390808264083),
              (32999.0, 1.960035876317547), (1_000_000.0, 1.959966356814107),
          ])
    func quantile975(df: Double, expected: Double) {
        let value = StudentT.quantile(0.975, degreesOfFreedom: df)
        #expect(abs(value - expected) <= 1e-10 * expected, "t(0.975, \(df)) = \(value), want \(expected)")
    }

    @Test("closed forms: df 1 is Cauchy, df 2 is explicit; t(0.975, 9) from the brief")
    func closedForms() {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 1) - tan(Double.pi * 0.475)) < 1e-11)
        let p = 0.975
        let df2 = (2 * p - 1) * (2 / (4 * p * (1 - p))).squareRoot()
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: 2) - df2) < 1e-12)
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 9) - 2.2621571628) < 5e-11)
    }

    @Test("other probabilities, symmetry and the CDF round trip")
    func otherQuantiles() {
        #expect(abs(StudentT.quantile(0.995, degreesOfFreedom: 4) - 4.604094871349992) < 1e-10)
        #expect(abs(StudentT.quantile(0.9, degreesOfFreedom: 7) - 1.4149239276505086) < 1e-10)
        #expect(abs(StudentT.quantile(0.6, degreesOfFreedom: 3) - 0.2766706623326898) < 1e-10)
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
        #expect(abs(StudentT.quantile(0.025, degreesOfFreedom: 9) + 2.262157162798205) < 1e-10)
        for df in [1.0, 4.5, 30, 500] {
            for t in [-3.0, -0.4, 0, 0.7, 2.5] {
                let back = StudentT.quantile(StudentT.cdf(t, degreesOfFreedom: df), degreesOfFreedom: df)
                #expect(abs(back - t) < 1e-8, "df \(df), t \(t) → \(back)")
            }
        }
        #expect(StudentT.cdf(0, degreesOfFreedom: 5) == 0.5)
    }
}
