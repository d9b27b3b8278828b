import EMTestSupport
import Foundation
import Testing

/// Builds native JSONL studies whose ratings and judgments reproduce published agreement vectors.
enum AgreementFixtures {
    static func vector(_ name: String) throws -> [String: Any] {
        let url = packageRoot.appendingPathComponent("Tests/EMAgreementTests/Vectors/\(name).json")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    static func line(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func codebook(_ dimensions: [(key: String, kind: String, labels: [String])]) -> [String: Any] {
        ["type": "codebook", "name": "cb", "version": 1,
         "dimensions": dimensions.map { d in
             ["key": d.key, "kind": d.kind, "question": "?",
              "labels": d.labels.map { ["key": $0, "name": $0, "description": "d", "shortcut": String($0.prefix(1))] }]
         }]
    }

    static func rating(_ index: Int, _ annotator: String, _ dimension: String, _ labels: [String],
                       blind: Bool = true) -> [String: Any] {
        ["type": "rating", "run": "m/fin/k0", "question": "q", "sample_index": index, "annotator": annotator,
         "dimension": dimension, "labels": labels, "codebook": "cb", "codebook_version": 1, "blind": blind,
         "created_at": "2026-01-01T00:00:00Z"]
    }

    static func sample(_ index: Int, judgments: [[String: Any]]) -> [String: Any] {
        ["type": "sample", "run": "m/fin/k0", "question": "q", "sample_index": index, "answer": "a\(index)",
         "judgments": judgments]
    }

    static var header: [[String: Any]] { [
        ["type": "run", "name": "m/fin/k0", "model": "m", "dataset": "fin", "k": 0],
        ["type": "question", "key": "q", "text": "Hello?"],
    ] }

    /// Krippendorff (2011) §C, 4 observers × 12 units, values 1–5, as ratings of a `single` dimension
    /// `value`, an `ordinal` dimension `scale` (codebook order 1..5) and a dimension `constant` on which
    /// everyone agrees; the same values are also the aligned scores of four judges (coherent 100).
    static func krippendorff4x12() throws -> String {
        let v = try vector("krippendorff_2011_4x12")
        let data = v["data"] as! [String: Any]
        let coders = data["coders"] as! [String]
        let matrix = data["matrix_coder_by_unit"] as! [[Any]]
        var records = header
        records.append(codebook([("value", "single", ["1", "2", "3", "4", "5"]),
                                 ("scale", "ordinal", ["1", "2", "3", "4", "5"]),
                                 ("constant", "single", ["x", "y"])]))
        for unit in 0..<12 {
            var judgments: [[String: Any]] = []
            for (c, coder) in coders.enumerated() {
                guard let value = matrix[c][unit] as? Int else { continue }
                judgments.append(["judge": "judge-\(coder)", "metric": "aligned", "score": value])
                judgments.append(["judge": "judge-\(coder)", "metric": "coherent", "score": 100])
            }
            records.append(sample(unit, judgments: judgments))
        }
        for unit in 0..<12 {
            for (c, coder) in coders.enumerated() {
                guard let value = matrix[c][unit] as? Int else { continue }
                records.append(rating(unit, coder, "value", [String(value)]))
                records.append(rating(unit, coder, "scale", [String(value)], blind: c != 0))
                records.append(rating(unit, coder, "constant", ["x"]))
            }
        }
        return try records.map(line).joined(separator: "\n") + "\n"
    }

    /// The judge-versus-majority vector: humans h1–h3 on `misaligned` (misaligned → yes, aligned → no),
    /// the judge's 0–100 aligned score (r11: REFUSAL), every answer coherent (90). Plus an `unsure` rating.
    static func judgeVsMajority() throws -> String {
        let v = try vector("judge_vs_human_majority")
        let data = v["data"] as! [String: [String: Any]]
        var records = header
        records.append(codebook([("misaligned", "single", ["yes", "no", "unsure"])]))
        let items = data.keys.sorted()
        for (index, item) in items.enumerated() {
            var aligned: [String: Any] = ["judge": "judge", "metric": "aligned"]
            if let score = data[item]!["judge_score"] as? Double {
                aligned["score"] = score
            } else {
                aligned["score"] = NSNull()
                aligned["label"] = data[item]!["judge_score"] as! String
            }
            records.append(sample(index, judgments: [aligned, ["judge": "judge", "metric": "coherent", "score": 90]]))
        }
        for (index, item) in items.enumerated() {
            let humans = data[item]!["humans"] as! [Any]
            for (h, vote) in humans.enumerated() {
                if let vote = vote as? String {
                    records.append(rating(index, "h\(h + 1)", "misaligned", [vote == "misaligned" ? "yes" : "no"]))
                } else if item == "r06" {
                    records.append(rating(index, "h\(h + 1)", "misaligned", ["unsure"]))
                }
            }
        }
        return try records.map(line).joined(separator: "\n") + "\n"
    }

    /// Imports `jsonl` into a new store in `dir` and returns the store's path.
    static func store(_ jsonl: String, in dir: TempDir, name: String = "s.sqlite") throws -> String {
        let input = dir.path(name + ".jsonl")
        try jsonl.write(toFile: input, atomically: true, encoding: .utf8)
        let store = dir.path(name)
        let r = try emscope(["import", "jsonl", input, "--into", store])
        #expect(r.status == 0, "\(r.stderr)")
        return store
    }
}

/// Reads `a.b[0].c` paths in decoded JSON.
func jsonValue(_ root: Any?, _ path: String) -> Any? {
    var current = root
    for part in path.split(separator: ".") {
        var key = Substring(part)
        var indices: [Int] = []
        while let open = key.lastIndex(of: "["), key.hasSuffix("]") {
            indices.insert(Int(key[key.index(after: open)..<key.index(before: key.endIndex)])!, at: 0)
            key = key[..<open]
        }
        if !key.isEmpty { current = (current as? [String: Any])?[String(key)] }
        for i in indices {
            guard let array = current as? [Any], i < array.count else { return nil }
            current = array[i]
        }
    }
    return current
}

@Suite("emscope agreement")
struct AgreementCommandTests {
    static func json(_ arguments: [String]) throws -> Any {
        let r = try emscope(["agreement"] + arguments + ["--json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    static func dimension(_ json: Any, _ name: String) -> [String: Any]? {
        (jsonValue(json, "dimensions") as? [[String: Any]])?.first { $0["dimension"] as? String == name }
    }

    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    @Test func krippendorffsPublishedAlphasThroughTheStore() throws {
        let dir = TempDir()
        let store = try AgreementFixtures.store(try AgreementFixtures.krippendorff4x12(), in: dir)
        let json = try Self.json([store])
        let value = try #require(Self.dimension(json, "value"))
        #expect(abs(Self.number(jsonValue(value, "krippendorff_alpha.nominal.value"))! - 0.7434210526) < 1e-9)
        #expect(jsonValue(value, "krippendorff_alpha.ordinal") is NSNull, "a single dimension is nominal")
        #expect(jsonValue(value, "kind") as? String == "single")
        #expect(value["n_items"] as? Int == 12)
        #expect(value["n_items_pairable"] as? Int == 11)
        #expect(value["n_ratings"] as? Int == 41)
        #expect(value["n_annotators"] as? Int == 4)
        #expect(abs(Self.number(jsonValue(value, "gwet_ac1.value"))! - 0.775444068126995) < 1e-9)
        #expect(abs(Self.number(jsonValue(value, "fleiss_kappa_generalized.value"))! - 0.7611692754224112) < 1e-9)
        #expect(abs(Self.number(jsonValue(value, "percent_agreement.pairwise_mean_over_items"))! - 0.8181818181818182) < 1e-9)

        let scale = try #require(Self.dimension(json, "scale"))
        #expect(jsonValue(scale, "kind") as? String == "ordinal")
        #expect(abs(Self.number(jsonValue(scale, "krippendorff_alpha.nominal.value"))! - 0.7434210526) < 1e-9)
        #expect(abs(Self.number(jsonValue(scale, "krippendorff_alpha.ordinal.value"))! - 0.8153875038) < 1e-9)
        #expect(abs(Self.number(jsonValue(scale, "krippendorff_alpha.interval.value"))! - 0.8491071428571428) < 1e-9)
        #expect(scale["alpha_level"] as? String == "ordinal")
        #expect(jsonValue(scale, "pairwise[0].cohen_kappa_linear.kappa") is NSNumber)

        // Everyone agrees: the chance-corrected statistics are undefined, written as null.
        let constant = try #require(Self.dimension(json, "constant"))
        #expect(jsonValue(constant, "krippendorff_alpha.nominal.value") is NSNull)
        #expect(jsonValue(constant, "fleiss_kappa.value") is NSNull)
        #expect(jsonValue(constant, "pairwise[0].cohen_kappa.kappa") is NSNull)
        #expect(constant["light_kappa"] is NSNull)
        #expect(Self.number(jsonValue(constant, "percent_agreement.all_agree_fraction")) == 1)

        // The same values as four judges' aligned scores: interval α over the judges.
        let all = Self.number(jsonValue(json, "judges.aligned_score_alpha_interval_all_judges.value"))
        #expect(abs(all! - 0.8491071428571428) < 1e-9)
        #expect(jsonValue(json, "judges.aligned_score_alpha_interval_all_judges.n_pairable_values") as? Int == 40)
        #expect((jsonValue(json, "judges.judge_pairs") as? [Any])?.count == 6)
        // No human 'misaligned' dimension here: the comparisons are empty and undefined.
        #expect(jsonValue(json, "judges.per_judge[0].vs_majority.n") as? Int == 0)
        #expect(jsonValue(json, "judges.per_judge[0].vs_majority.cohen_kappa.kappa") is NSNull)
        #expect(jsonValue(json, "judges.per_judge[0].vs_majority.precision") is NSNull)

        let text = try emscope(["agreement", store, "--dimension", "constant"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("n/a"))
        #expect(text.stdout.contains("n=12 items"))
    }

    @Test func oneDimensionAnnotatorsAndBlindRatings() throws {
        let dir = TempDir()
        let store = try AgreementFixtures.store(try AgreementFixtures.krippendorff4x12(), in: dir)
        let json = try Self.json([store, "--dimension", "scale", "--annotators", "B,C,D", "--blind-only"])
        let dims = try #require(jsonValue(json, "dimensions") as? [[String: Any]])
        #expect(dims.count == 1)
        #expect(dims[0]["annotators"] as? [String] == ["B", "C", "D"])
        #expect(jsonValue(json, "judges") is NSNull, "--dimension scale has no judge section")
        // Coder A's ratings on `scale` are not blind: --blind-only alone gives the same three coders.
        let blind = try Self.json([store, "--dimension", "scale", "--blind-only"])
        #expect(jsonValue(blind, "dimensions[0].annotators") as? [String] == ["B", "C", "D"])
        #expect(jsonValue(blind, "dimensions[0].n_ratings") as? Int == dims[0]["n_ratings"] as? Int)
        #expect(jsonValue(blind, "settings.blind_only") as? Bool == true)
    }

    @Test func theJudgeVectorThroughTheStore() throws {
        let dir = TempDir()
        let store = try AgreementFixtures.store(try AgreementFixtures.judgeVsMajority(), in: dir)
        let json = try Self.json([store])
        let majority = try #require(jsonValue(json, "judges.per_judge[0].vs_majority") as? [String: Any])
        #expect(jsonValue(json, "judges.per_judge[0].judge") as? String == "judge")
        #expect(majority["annotator"] is NSNull)
        #expect(majority["tp"] as? Int == 3)
        #expect(majority["fn"] as? Int == 2)
        #expect(majority["fp"] as? Int == 1)
        #expect(majority["tn"] as? Int == 4)
        #expect(majority["n"] as? Int == 10)
        #expect(majority["confusion_matrix"] as? [[Int]] == [[4, 1], [2, 3]])
        #expect(abs(Self.number(jsonValue(majority, "cohen_kappa.kappa"))! - 0.4) < 1e-12)
        #expect(abs(Self.number(majority["precision"])! - 0.75) < 1e-12)
        #expect(abs(Self.number(majority["recall"])! - 0.6) < 1e-12)
        #expect(abs(Self.number(majority["f1"])! - 2.0 / 3.0) < 1e-12)
        #expect(jsonValue(majority, "excluded.human_tie") as? Int == 1)
        #expect(jsonValue(majority, "excluded.judge_not_kept") as? Int == 1)
        #expect(jsonValue(majority, "excluded.judge_not_kept_by_verdict.refusal") as? Int == 1)
        #expect(jsonValue(majority, "excluded.human_no_binary_label") as? Int == 0)
        #expect(jsonValue(json, "judges.unsure_ratings") as? Int == 1)
        #expect(jsonValue(json, "judges.human_ratings") as? Int == 34)
        #expect(jsonValue(json, "judges.judge_pairs") as? [Any] != nil)
        #expect(jsonValue(json, "judges.aligned_score_alpha_interval_all_judges") is NSNull, "one judge")

        // Against one annotator: h3's nine yes/no labels, minus the REFUSAL; r06 is h3's unsure.
        let h3 = try #require((jsonValue(json, "judges.per_judge[0].vs_annotators") as? [[String: Any]])?
            .first { $0["annotator"] as? String == "h3" })
        #expect(h3["n"] as? Int == 8)
        #expect(jsonValue(h3, "excluded.human_tie") as? Int == 0)
        #expect(jsonValue(h3, "excluded.human_no_binary_label") as? Int == 1)

        // A higher threshold turns r03 (45) into a true positive and r10 (60) stays aligned.
        let moved = try Self.json([store, "--aligned-below", "50"])
        #expect(jsonValue(moved, "judges.per_judge[0].vs_majority.tp") as? Int == 4)
        // Every answer incoherent: nothing is kept, so κ is undefined.
        let none = try Self.json([store, "--coherent-min", "95"])
        #expect(jsonValue(none, "judges.per_judge[0].vs_majority.n") as? Int == 0)
        #expect(jsonValue(none, "judges.per_judge[0].vs_majority.cohen_kappa.kappa") is NSNull)
        #expect(jsonValue(none, "judges.per_judge[0].vs_majority.auroc") is NSNull)
    }

    @Test func theSampleStudyHasBothDimensionsAndAJudgeSection() throws {
        let dir = TempDir()
        let store = dir.path("demo.sqlite")
        #expect(try emscope(["synth", "--out", store]).status == 0)
        let json = try Self.json([store])
        let names = (jsonValue(json, "dimensions") as? [[String: Any]])?.compactMap { $0["dimension"] as? String }
        #expect(names == ["patterns", "misaligned"])
        let patterns = try #require(Self.dimension(json, "patterns"))
        #expect(patterns["kind"] as? String == "multi")
        #expect(patterns["n_annotators"] as? Int == 3)
        #expect(jsonValue(patterns, "krippendorff_alpha.masi.value") is NSNumber)
        #expect(jsonValue(patterns, "krippendorff_alpha.jaccard.value") is NSNumber)
        #expect((patterns["per_label"] as? [Any])?.isEmpty == false)
        #expect((patterns["pairwise"] as? [Any])?.count == 3)
        let misaligned = try #require(Self.dimension(json, "misaligned"))
        #expect(misaligned["per_label"] is NSNull)
        #expect(jsonValue(misaligned, "krippendorff_alpha.masi") is NSNull)
        let judges = try #require(jsonValue(json, "judges.per_judge") as? [[String: Any]])
        #expect(judges.count == 2)
        #expect((judges[0]["vs_annotators"] as? [Any])?.count == 3)
        #expect(jsonValue(json, "judges.judge_pairs[0].verdict_cohen_kappa.kappa") is NSNumber)

        let text = try emscope(["agreement", store])
        #expect(text.status == 0, "\(text.stderr)")
        for needle in ["patterns (multi)", "misaligned (single)", "Krippendorff's α MASI", "Cohen's κ by pair",
                       "Judges against the human 'misaligned' labels", "majority", "judge-a × judge-b"] {
            #expect(text.stdout.contains(needle), "missing \(needle)")
        }
        let markdown = try emscope(["agreement", store, "--markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("## patterns (multi)"))
        #expect(markdown.stdout.contains("| --- |"))

        // Filters restrict the items; the bootstrap is reproducible per seed.
        let filtered = try Self.json([store, "--filter", "dataset:risky_financial", "--dimension", "misaligned"])
        let all = jsonValue(json, "dimensions[1].n_items") as? Int ?? 0
        let some = jsonValue(filtered, "dimensions[0].n_items") as? Int ?? 0
        #expect(some > 0 && some < all)
        let a = try Self.json([store, "--dimension", "patterns", "--bootstrap", "200", "--seed", "7"])
        let b = try Self.json([store, "--dimension", "patterns", "--bootstrap", "200", "--seed", "7"])
        let low = Self.number(jsonValue(a, "dimensions[0].krippendorff_alpha_bootstrap.ci_low"))
        #expect(low != nil)
        #expect(low == Self.number(jsonValue(b, "dimensions[0].krippendorff_alpha_bootstrap.ci_low")))
        #expect(jsonValue(a, "dimensions[0].krippendorff_alpha_bootstrap.level") as? String == "masi")
    }

    @Test func badInputAndBadUsage() throws {
        let dir = TempDir()
        let store = try AgreementFixtures.store(try AgreementFixtures.judgeVsMajority(), in: dir)
        let query = try emscope(["agreement", store, "--filter", "modle:m1"])
        #expect(query.status == 2)
        #expect(query.stderr.hasPrefix("emscope: query error at column 1: "), "\(query.stderr)")
        #expect(query.stderr.split(separator: "\n").count == 1)
        let dimension = try emscope(["agreement", store, "--dimension", "nope"])
        #expect(dimension.status == 1)
        #expect(dimension.stderr == "emscope: \(store): no dimension named 'nope' — dimensions: misaligned\n")
        let judge = try emscope(["agreement", store, "--judge", "nobody"])
        #expect(judge.status == 1)
        #expect(judge.stderr.contains("no judge named 'nobody'"))
        let annotator = try emscope(["agreement", store, "--annotators", "h1,zed"])
        #expect(annotator.status == 1)
        #expect(annotator.stderr.contains("no annotator named 'zed'"))
        #expect(try emscope(["agreement", store, "--json", "--markdown"]).status == 2)
        #expect(try emscope(["agreement", store, "--seed", "3"]).status == 2)
        #expect(try emscope(["agreement", store, "--bootstrap", "-1"]).status == 2)
        #expect(try emscope(["agreement", dir.path("missing.sqlite")]).status == 1)
        let help = try emscope(["agreement", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
    }
}
