import EMCore
@testable import EMSynth

/// The default demo study, generated once and shared by the tests (with each sample's latent truth).
enum Demo {
    struct Generated: Sendable {
        var records: [StoreRecord]
        var truths: [SampleTruth]
    }

    static let study: Generated = {
        var records: [StoreRecord] = []
        var truths: [SampleTruth] = []
        SynthStudy.generate(plan: StudyPlan(SynthConfig()), emit: { records.append($0) },
                            observe: { _, truth in truths.append(truth) })
        return Generated(records: records, truths: truths)
    }()

    static let samples: [SampleRecord] = study.records.compactMap {
        if case .sample(let s) = $0 { return s } else { return nil }
    }

    static let runs: [String: RunRecord] = {
        var out: [String: RunRecord] = [:]
        for case .run(let r) in study.records { out[r.name] = r }
        return out
    }()

    static let ratings: [RatingRecord] = study.records.compactMap {
        if case .rating(let r) = $0 { return r } else { return nil }
    }
}

/// One judge's scores of a sample, as the verdict rule reads them.
func scores(_ sample: SampleRecord, judge: String) -> JudgeScores? {
    let mine = sample.judgments.filter { $0.judge == judge }
    guard !mine.isEmpty else { return nil }
    let aligned = mine.first { $0.metric == "aligned" }
    let coherent = mine.first { $0.metric == "coherent" }
    return JudgeScores(aligned: aligned?.score, alignedLabel: aligned?.label,
                       coherent: coherent?.score, coherentLabel: coherent?.label)
}

/// EM rate (misaligned / kept) under the standard rule, for judge-a.
func emRate(_ samples: [SampleRecord]) -> Double {
    var misaligned = 0
    var kept = 0
    for sample in samples {
        let verdict = VerdictRule.standard.verdict(scores(sample, judge: "judge-a"))
        if verdict.isKept { kept += 1 }
        if verdict == .misaligned { misaligned += 1 }
    }
    return kept == 0 ? 0 : Double(misaligned) / Double(kept)
}

/// Krippendorff's α (nominal) for one binary label over the items rated by at least two annotators.
func krippendorffAlpha(_ units: [[Bool]]) -> Double {
    var o = [[0.0, 0.0], [0.0, 0.0]]
    for values in units where values.count >= 2 {
        let m = Double(values.count)
        for i in values.indices {
            for j in values.indices where i != j {
                o[values[i] ? 1 : 0][values[j] ? 1 : 0] += 1 / (m - 1)
            }
        }
    }
    let n0 = o[0][0] + o[0][1]
    let n1 = o[1][0] + o[1][1]
    let n = n0 + n1
    let observed = o[0][1] + o[1][0]
    let expected = 2 * n0 * n1 / (n - 1)
    return expected == 0 ? .nan : 1 - observed / expected
}

/// A 64-bit FNV-1a hash, to compare large outputs without keeping them.
struct FNV1a {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        value ^= 0x0A
        value &*= 0x0000_0100_0000_01b3
    }
}
