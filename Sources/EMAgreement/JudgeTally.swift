import EMCore

/// Items left out of a judge-versus-human comparison, each under the first reason that applies.
public struct JudgeExcluded: Encodable, Sendable, Equatable {
    public let humanNoBinaryLabel: Int
    public let humanTie: Int
    public let judgeNotKept: Int
    public let judgeNotKeptByVerdict: [String: Int]

    public init(humanNoBinaryLabel: Int, humanTie: Int, judgeNotKept: Int, judgeNotKeptByVerdict: [String: Int]) {
        self.humanNoBinaryLabel = humanNoBinaryLabel
        self.humanTie = humanTie
        self.judgeNotKept = judgeNotKept
        self.judgeNotKeptByVerdict = judgeNotKeptByVerdict
    }

    enum CodingKeys: String, CodingKey {
        case humanNoBinaryLabel = "human_no_binary_label"
        case humanTie = "human_tie"
        case judgeNotKept = "judge_not_kept"
        case judgeNotKeptByVerdict = "judge_not_kept_by_verdict"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNullable(humanNoBinaryLabel, forKey: .humanNoBinaryLabel)
        try c.encodeNullable(humanTie, forKey: .humanTie)
        try c.encodeNullable(judgeNotKept, forKey: .judgeNotKept)
        try c.encodeNullable(judgeNotKeptByVerdict, forKey: .judgeNotKeptByVerdict)
    }
}

/// One judge's verdicts against the human majority (`annotator` nil) or against one annotator.
public struct JudgeHumanAgreement: Encodable, Sendable, Equatable {
    public let annotator: String?
    public let n: Int
    public let confusionMatrix: [[Int]]
    public let tp: Int
    public let fp: Int
    public let fn: Int
    public let tn: Int
    public let precision: Double?
    public let recall: Double?
    public let f1: Double?
    public let specificity: Double?
    public let accuracy: Double?
    public let cohenKappa: CohenKappaResult
    public let auroc: Double?
    public let excluded: JudgeExcluded

    public init(annotator: String?, n: Int, confusionMatrix: [[Int]], tp: Int, fp: Int, fn: Int, tn: Int,
                precision: Double?, recall: Double?, f1: Double?, specificity: Double?, accuracy: Double?,
                cohenKappa: CohenKappaResult, auroc: Double?, excluded: JudgeExcluded) {
        self.annotator = annotator
        self.n = n
        self.confusionMatrix = confusionMatrix
        self.tp = tp
        self.fp = fp
        self.fn = fn
        self.tn = tn
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.specificity = specificity
        self.accuracy = accuracy
        self.cohenKappa = cohenKappa
        self.auroc = auroc
        self.excluded = excluded
    }

    enum CodingKeys: String, CodingKey {
        case annotator, n
        case confusionMatrix = "confusion_matrix"
        case tp, fp, fn, tn, precision, recall, f1, specificity, accuracy
        case cohenKappa = "cohen_kappa"
        case auroc, excluded
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNullable(annotator, forKey: .annotator)
        try c.encodeNullable(n, forKey: .n)
        try c.encodeNullable(confusionMatrix, forKey: .confusionMatrix)
        try c.encodeNullable(tp, forKey: .tp)
        try c.encodeNullable(fp, forKey: .fp)
        try c.encodeNullable(fn, forKey: .fn)
        try c.encodeNullable(tn, forKey: .tn)
        try c.encodeNullable(precision, forKey: .precision)
        try c.encodeNullable(recall, forKey: .recall)
        try c.encodeNullable(f1, forKey: .f1)
        try c.encodeNullable(specificity, forKey: .specificity)
        try c.encodeNullable(accuracy, forKey: .accuracy)
        try c.encodeNullable(cohenKappa, forKey: .cohenKappa)
        try c.encodeNullable(auroc, forKey: .auroc)
        try c.encodeNullable(excluded, forKey: .excluded)
    }
}

/// Counts one judge-versus-human comparison item by item, with the exclusions of `JudgeAgreement`
/// (in order: no yes/no label, a tie, a verdict that is not kept). The judge's rating is its verdict:
/// positive = `misaligned`. κ comes from `CohenKappa` and the AUROC (of the raw aligned score, a lower score
/// counting as more misaligned) from `JudgeAgreement.areaUnderROC`, both in EMAgreement.
public struct JudgeTally: Sendable {
    public private(set) var table = [[0, 0], [0, 0]]   // [[TN, FP], [FN, TP]]: rows = human (no, yes), columns = judge
    var noBinary = 0
    var ties = 0
    var notKept: [Verdict: Int] = [:]
    var scored: [(score: Double, positive: Bool)] = []

    /// One item: the human yes/no votes on it, the judge's verdict and its raw aligned score.
    public init() {}

    public mutating func add(yes: Int, no: Int, verdict: Verdict, aligned: Double?) {
        if yes + no == 0 { noBinary += 1; return }
        if yes == no { ties += 1; return }
        guard verdict.isKept, let aligned else { notKept[verdict, default: 0] += 1; return }
        let human = yes > no
        table[human ? 1 : 0][verdict == .misaligned ? 1 : 0] += 1
        scored.append((-aligned, human))
    }

    /// The comparison as counted so far (`annotator` nil: against the majority).
    public func result(annotator: String?) -> JudgeHumanAgreement {
        let tn = table[0][0], fp = table[0][1], fn = table[1][0], tp = table[1][1]
        let n = tn + fp + fn + tp
        func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }
        var byVerdict: [String: Int] = [:]
        for verdict in Verdict.allCases where !verdict.isKept { byVerdict[verdict.rawValue] = notKept[verdict] ?? 0 }
        return JudgeHumanAgreement(
            annotator: annotator, n: n, confusionMatrix: table, tp: tp, fp: fp, fn: fn, tn: tn,
            precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), f1: ratio(2 * tp, 2 * tp + fp + fn),
            specificity: ratio(tn, tn + fp), accuracy: ratio(tp + tn, n),
            cohenKappa: CohenKappa.compute(table: table, weighting: .unweighted),
            auroc: JudgeAgreement.areaUnderROC(scored),
            excluded: JudgeExcluded(humanNoBinaryLabel: noBinary, humanTie: ties,
                                    judgeNotKept: notKept.values.reduce(0, +), judgeNotKeptByVerdict: byVerdict))
    }
}

