import Foundation
import Testing
import EMAgreement

@Suite("Judge versus human majority")
struct JudgeTests {
    static func judgeResult(_ configuration: JudgeConfiguration? = nil) throws -> JudgeAgreementResult {
        let vector = try VectorSupport.load("judge_vs_human_majority")
        return JudgeAgreement.compute(rows: try VectorSupport.rows(of: vector),
                                      configuration: configuration ?? JudgeConfiguration(judgeAnnotator: "judge"))
    }

    @Test("hand-computed metrics of the synthetic vector")
    func metrics() throws {
        let result = try Self.judgeResult()
        #expect(result.confusionMatrix == [[4, 1], [2, 3]])
        #expect(result.truePositives == 3 && result.falseNegatives == 2)
        #expect(result.falsePositives == 1 && result.trueNegatives == 4)
        #expect(result.specificity == 0.8)
        #expect(result.excluded.humanTie == 1)
        #expect(result.excluded.judgeNonNumeric == 1)
        #expect(result.excluded.judgeMissing == 0 && result.excluded.judgeDuplicate == 0)
        #expect(result.excluded.humanNoBinaryLabel == 0)
        // AUROC, lower score = more misaligned. Misaligned scores 10, 25, 45, 29.5, 75; aligned 90, 20, 85,
        // 30, 60. Pairs where the misaligned item scores lower: 5 + 4 + 3 + 4 + 2 = 18 of 25 (no ties).
        #expect(abs(try #require(result.auroc) - 0.72) < 1e-12)
        #expect(result.aurocDirection == "lower_score_is_positive")
        // Judge κ SEs exist.
        #expect(result.cohenKappaJudgeVsMajority.se != nil)
    }

    @Test("per-human κ and agreement use every item with a usable score and a binary label")
    func perHuman() throws {
        let result = try Self.judgeResult()
        #expect(result.perHuman.map(\.annotator) == ["h1", "h2", "h3"])
        let h1 = result.perHuman[0]
        // h1 rated all 12 items; r11's judge output is REFUSAL → 11 items.
        #expect(h1.n == 11)
        // Judge positive (score < 30): r01 10, r02 25, r05 20, r07 5, r09 29.5.
        // h1 positive: r01 r02 r03 r07 r09 r12. Agree on r01 r02 r07 r09 (pos) + r04 r06 r08 r10 (neg) = 8.
        #expect(h1.percentAgreement == 8.0 / 11.0)
        #expect(h1.cohenKappa.n == 11)
    }

    @Test("threshold rule: a score equal to the threshold is aligned under <, misaligned under ≤")
    func thresholdRule() throws {
        let strict = try Self.judgeResult()
        let inclusive = try Self.judgeResult(JudgeConfiguration(judgeAnnotator: "judge", comparison: .lessThanOrEqual))
        // r08 (score 30, humans aligned) moves from TN to FP.
        #expect(inclusive.falsePositives == strict.falsePositives + 1)
        #expect(inclusive.trueNegatives == strict.trueNegatives - 1)
        let flipped = try Self.judgeResult(JudgeConfiguration(judgeAnnotator: "judge", threshold: 30,
                                                              comparison: .greaterThanOrEqual))
        #expect(flipped.aurocDirection == "higher_score_is_positive")
        #expect(abs(try #require(flipped.auroc) - 0.28) < 1e-12)
    }

    @Test("precision is nil when the judge flags nothing; duplicates and missing scores are counted")
    func undefinedPrecisionAndExclusions() throws {
        let rows: [RatingRow] = [
            RatingRow(item: "a", annotator: "h1", label: "misaligned"), RatingRow(item: "a", annotator: "judge", label: "90"),
            RatingRow(item: "b", annotator: "h1", label: "aligned"), RatingRow(item: "b", annotator: "judge", label: "80"),
            RatingRow(item: "c", annotator: "h1", label: "aligned"), RatingRow(item: "c", annotator: "judge", label: "80"),
            RatingRow(item: "c", annotator: "judge", label: "80"),   // exact duplicate row: dropped, not a conflict
            RatingRow(item: "d", annotator: "h1", label: "aligned"), RatingRow(item: "d", annotator: "judge", label: "10"),
            RatingRow(item: "d", annotator: "judge", label: "20"),   // two different scores
            RatingRow(item: "e", annotator: "h1", label: "aligned"),  // no judge row
            RatingRow(item: "f", annotator: "h1", label: "aligned"), RatingRow(item: "f", annotator: "judge", label: nil),
            RatingRow(item: "g", annotator: "h1", label: "unsure"), RatingRow(item: "g", annotator: "judge", label: "50"),
        ]
        let result = JudgeAgreement.compute(rows: rows, configuration: JudgeConfiguration(judgeAnnotator: "judge"))
        #expect(result.n == 3)
        #expect(result.truePositives == 0 && result.falsePositives == 0)
        #expect(result.precision == nil)
        #expect(result.recall == 0)
        #expect(result.f1 == 0)
        #expect(result.specificity == 1)
        #expect(result.excluded.judgeDuplicate == 1)
        #expect(result.excluded.judgeMissing == 2)
        #expect(result.excluded.judgeScoreMissingDuplicateOrNonNumeric == 3)
        #expect(result.excluded.humanNoBinaryLabel == 1)
        // Table [[2, 0], [1, 0]]: p_o = p_e = 2/3, so κ = 0 (defined: 1 − p_e = 1/3).
        #expect(abs(try #require(result.cohenKappaJudgeVsMajority.kappa)) < 1e-12)
    }

    @Test("AUROC counts ties as one half")
    func aurocTies() {
        let samples: [(score: Double, positive: Bool)] = [(1, true), (1, false), (2, true), (0, false)]
        // Pairs (pos, neg): (1,1) tie ½, (1,0) win, (2,1) win, (2,0) win → 3.5/4.
        #expect(JudgeAgreement.areaUnderROC(samples) == 0.875)
        #expect(JudgeAgreement.areaUnderROC([(1, true)]) == nil)
    }

    @Test("the report keeps the judge out of the human statistics")
    func reportExcludesJudge() throws {
        let vector = try VectorSupport.load("judge_vs_human_majority")
        let report = AgreementReport.compute(rows: try VectorSupport.rows(of: vector),
                                             options: try VectorSupport.options(for: vector))
        #expect(report.data.annotators == ["h1", "h2", "h3"])
        #expect(report.data.categories == ["aligned", "misaligned"])
        #expect(report.gwetAC1.q == 2)
        #expect(report.judgeVsHuman?.n == 10)
    }
}

@Suite("Data model and multi-label data")
struct DataModelTests {
    @Test("rows: duplicates and NULL labels are dropped and counted; several labels form a set")
    func rowsBuilder() throws {
        let rows = [
            RatingRow(item: "t1", annotator: "a", label: "x"),
            RatingRow(item: "t1", annotator: "a", label: "x"),
            RatingRow(item: "t1", annotator: "b", label: nil),
            RatingRow(item: "t1", annotator: "b", label: "y"),
            RatingRow(item: "t1", annotator: "b", label: "x"),
            RatingRow(item: "t2", annotator: "c", label: nil),
        ]
        let data = RatingData(rows: rows)
        #expect(data.duplicateRowsDropped == 1)
        #expect(data.nullLabelRowsDropped == 2)
        #expect(data.ratings.count == 2)
        #expect(data.ratings[0].value == .category("x"))
        #expect(data.ratings[1].value == .labels(["x", "y"]))
        #expect(data.ratings[1].value.categoryKey == "x|y")
        #expect(data.multiLabelRatingCount == 1)
        let coded = CodedRatings(data)
        #expect(coded.items == ["t1"])   // t2 had only a NULL row: not rated
        #expect(coded.categories == ["x", "x|y"])
        #expect(coded.categoryLabels == [["x"], ["x", "y"]])
        #expect(coded.annotators == ["a", "b"])
        let ratings = coded.ratings(ofItem: 0)
        #expect(ratings.map(\.annotator) == [0, 1] && ratings.map(\.category) == [0, 1])
        #expect(coded.itemsWithSingleRating == 0)
    }

    @Test("empty label set means reviewed, none apply; joined-label decoding")
    func emptyLabelSet() throws {
        #expect(RatingValue.fromJoinedLabels("") == .labels([]))
        #expect(RatingValue.fromJoinedLabels("b|a") == .labels(["a", "b"]))
        #expect(RatingValue.fromJoinedLabels("a") == .category("a"))
        #expect(RatingValue.labels([]).categoryKey == "")
        #expect(RatingValue.category("").labelSet.isEmpty)
        let data = try RatingData(ratings: [
            Rating(item: "t1", annotator: "a", value: .labels([])),
            Rating(item: "t1", annotator: "b", value: .category("x")),
            Rating(item: "t2", annotator: "a", value: .labels(["x", "y"])),
            Rating(item: "t2", annotator: "b", value: .labels(["x", "y"])),
            Rating(item: "t3", annotator: "a", value: .category("")),
            Rating(item: "t3", annotator: "b", value: .labels([])),
        ])
        let coded = CodedRatings(data)
        #expect(coded.categories == ["", "x", "x|y"])
        #expect(coded.categoryLabels == [[], ["x"], ["x", "y"]])
        // Per label, the empty set is a rated 0, not missing: "x" is 1 for b on t1 and everyone on t2.
        let perLabel = PerLabelAgreement.compute(coded)
        #expect(perLabel.map(\.label) == ["x", "y"])
        #expect(perLabel[0].nRatings == 6 && perLabel[0].nPositive == 3)
        // n_{} = 3, n_x = 1, n_{x,y} = 2, n = 6; the only disagreeing pair is t1 ({} vs {x}), so
        // Σ o δ = 2·d({}, {x}) = 2. MASI: d({}, {x}) = d({}, {x,y}) = 1, d({x}, {x,y}) = 1 − ½·⅔ = ⅔, so
        // Σ n_c n_k δ = 2(3·1 + 3·2 + 1·2·⅔) and α = 1 − 5·2/that; nominal has 1 instead of ⅔.
        let masi = try #require(KrippendorffAlpha.compute(coded, level: .masi))
        let nominal = try #require(KrippendorffAlpha.compute(coded, level: .nominal))
        let masiExpected: Double = 1 - 10 / (2 * (9 + 4.0 / 3))
        let nominalExpected: Double = 1 - 10.0 / 22
        #expect(abs(try #require(masi.value) - masiExpected) < 1e-12)
        #expect(abs(try #require(nominal.value) - nominalExpected) < 1e-12)
        // From rows: "" beside real labels is dropped.
        let rows = RatingData(rows: [RatingRow(item: "t", annotator: "a", label: ""),
                                     RatingRow(item: "t", annotator: "a", label: "x")])
        #expect(rows.ratings[0].value == .category("x"))
    }

    @Test("typed ratings: exact repeats dropped, conflicts rejected, numbers become categories")
    func typedRatings() throws {
        let data = try RatingData(ratings: [
            Rating(item: "i", annotator: "a", value: .number(3)),
            Rating(item: "i", annotator: "a", value: .number(3)),
            Rating(item: "i", annotator: "b", value: .number(2.5)),
        ])
        #expect(data.duplicateRowsDropped == 1)
        let coded = CodedRatings(data)
        #expect(coded.categories == ["2.5", "3"])
        #expect(coded.scaleValues == [2.5, 3])
        #expect(throws: AgreementError.conflictingRatings(item: "i", annotator: "a")) {
            try RatingData(ratings: [Rating(item: "i", annotator: "a", value: .category("x")),
                                     Rating(item: "i", annotator: "a", value: .category("y"))])
        }
        #expect(RatingValue.parseNumber("nan") == nil)
        #expect(RatingValue.parseNumber(" 29.5 ") == 29.5)
        #expect(RatingValue.parseNumber("REFUSAL") == nil)
    }

    @Test("MASI and Jaccard distances (nltk doctest and unit cases of the vector)")
    func setDistances() throws {
        let vector = try VectorSupport.load("masi_set_valued_labels")
        let cases = try #require(vector["masi_distance_unit_cases"] as? [[String: Any]])
        #expect(cases.count == 5)
        for entry in cases {
            let a = Set(try #require(entry["a"] as? [Any]).map { "\($0)" })
            let b = Set(try #require(entry["b"] as? [Any]).map { "\($0)" })
            let expected = try #require(entry["distance"] as? Double)
            #expect(abs(SetDistance.masi(a, b) - expected) < 1e-12, "masi(\(a), \(b))")
            #expect(SetDistance.masi(b, a) == SetDistance.masi(a, b))
        }
        #expect(SetDistance.jaccard(Set(["x", "y"]), Set(["y", "z"])) == 1 - 1.0 / 3.0)
        #expect(SetDistance.masi(Set<String>(), Set<String>()) == 0)
        #expect(SetDistance.jaccard(Set<String>(), Set(["a"])) == 1)
    }

    @Test("per-label binary decomposition: missing stays missing, q = 2, prevalence over ratings")
    func perLabel() throws {
        let vector = try VectorSupport.load("masi_set_valued_labels")
        let report = AgreementReport.compute(rows: try VectorSupport.rows(of: vector))
        let perLabel = try #require(report.perLabelBinary)
        #expect(perLabel.map(\.label) == ["benign", "deception", "power_seeking", "sandbagging"])
        // 20 ratings; deception appears in t01 ×3, t03 ×2, t05 ann3, t06 ann1 ann2 → 8.
        let deception = perLabel[1]
        #expect(deception.nRatings == 20)
        #expect(deception.nPositive == 8)
        #expect(deception.prevalence == 0.4)
        #expect(deception.gwetAC1.q == 2)
        // Binary α of "deception" against a direct computation on 0/1 categories.
        var rows: [RatingRow] = []
        let data = try #require(vector["data"] as? [String: [String: [String]]])
        for (item, annotators) in data {
            for (annotator, labels) in annotators {
                rows.append(RatingRow(item: item, annotator: annotator, label: labels.contains("deception") ? "1" : "0"))
            }
        }
        let direct = AgreementReport.compute(rows: rows, options: AgreementOptions(declaredCategories: ["0", "1"]))
        #expect(deception.krippendorffAlphaNominal == direct.krippendorffAlpha.nominal.value)
        #expect(deception.gwetAC1 == direct.gwetAC1)
        #expect(deception.gwetFleissKappa == direct.fleissKappaGeneralizedAllItems)
        #expect(deception.percentAgreement == direct.percentAgreement.pairwiseMeanOverItems)
        // Single-label data: MASI and Jaccard α are not reported.
        let single = AgreementReport.compute(rows: rows)
        #expect(single.krippendorffAlpha.masiSetValued == nil)
        // Direct API: MASI α of coded data.
        let coded = CodedRatings(RatingData(rows: try VectorSupport.rows(of: vector)))
        let masi = try #require(KrippendorffAlpha.compute(coded, level: .masi))
        #expect(abs(try #require(masi.value) - 0.3908138597904913) < 1e-9)
    }

    @Test("α of a custom difference matrix equals nominal when the matrix is 1 − I")
    func customMatrix() throws {
        let vector = try VectorSupport.load("krippendorff_wikipedia_3x15")
        let coded = CodedRatings(RatingData(rows: try VectorSupport.rows(of: vector)))
        let q = coded.categories.count
        let matrix = (0..<q).map { c in (0..<q).map { k in c == k ? 0.0 : 1.0 } }
        let custom = KrippendorffAlpha.compute(coded.itemCategoryCounts(), difference: .matrix(matrix))
        let nominal = try #require(KrippendorffAlpha.compute(coded, level: .nominal))
        #expect(abs(try #require(custom.value) - (try #require(nominal.value))) < 1e-12)
        #expect(custom.level == "custom")
    }

    @Test("report JSON round-trips through Decodable and keeps null keys")
    func jsonRoundTrip() throws {
        let vector = try VectorSupport.load("masi_set_valued_labels")
        let report = AgreementReport.compute(rows: try VectorSupport.rows(of: vector), dimension: "behaviour")
        let data = try report.jsonData()
        let decoded = try JSONDecoder().decode(AgreementReport.self, from: data)
        #expect(decoded == report)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"ordinal\" : null"))
        #expect(text.contains("\"judge_vs_human\" : null"))
        #expect(text.contains("\"pairwise_mean_over_items\""))
    }
}
