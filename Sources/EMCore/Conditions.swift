import Foundation

/// A field that identifies an experimental condition (a run's design), used to group samples.
///
/// The order of the cases is the order of the columns in summaries and the sort order of rows.
public enum GroupField: String, CaseIterable, Codable, Sendable, Comparable {
    case model, dataset, k, reasoning, instruction

    public static func < (lhs: GroupField, rhs: GroupField) -> Bool {
        let order = GroupField.allCases
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }

    /// Parses a comma-separated list such as `model,k` into fields in canonical order, without repeats.
    /// Returns the first unknown name on failure.
    public static func parseList(_ text: String) -> Result<[GroupField], UnknownGroupField> {
        var fields = Set<GroupField>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let field = GroupField(rawValue: name) else { return .failure(UnknownGroupField(name: name)) }
            fields.insert(field)
        }
        return .success(fields.sorted())
    }
}

/// A name that is not a `GroupField`.
public struct UnknownGroupField: Error, Equatable, Sendable {
    public var name: String
    public init(name: String) { self.name = name }
}

/// The values of the grouped fields of a condition; a field that was not grouped on is nil
/// (the condition pools every value of it).
public struct ConditionKey: Hashable, Sendable, Codable, Comparable {
    public var model: String?
    public var dataset: String?
    public var k: Int?
    public var reasoning: Bool?
    public var instruction: String?

    public init(model: String? = nil, dataset: String? = nil, k: Int? = nil, reasoning: Bool? = nil,
                instruction: String? = nil) {
        self.model = model
        self.dataset = dataset
        self.k = k
        self.reasoning = reasoning
        self.instruction = instruction
    }

    /// True when the field has a value (was grouped on).
    public func has(_ field: GroupField) -> Bool {
        switch field {
        case .model: return model != nil
        case .dataset: return dataset != nil
        case .k: return k != nil
        case .reasoning: return reasoning != nil
        case .instruction: return instruction != nil
        }
    }

    /// The value of a field as text (`yes`/`no` for reasoning); nil when not grouped.
    public func text(_ field: GroupField) -> String? {
        switch field {
        case .model: return model
        case .dataset: return dataset
        case .k: return k.map { String($0) }
        case .reasoning: return reasoning.map { $0 ? "yes" : "no" }
        case .instruction: return instruction
        }
    }

    /// This key with only the given fields kept (the others nil).
    public func keeping(_ fields: Set<GroupField>) -> ConditionKey {
        ConditionKey(model: fields.contains(.model) ? model : nil,
                     dataset: fields.contains(.dataset) ? dataset : nil,
                     k: fields.contains(.k) ? k : nil,
                     reasoning: fields.contains(.reasoning) ? reasoning : nil,
                     instruction: fields.contains(.instruction) ? instruction : nil)
    }

    /// This key with one field removed.
    public func removing(_ field: GroupField) -> ConditionKey {
        keeping(Set(GroupField.allCases).subtracting([field]))
    }

    /// Field by field in `GroupField` order; nil sorts first, k numerically, reasoning no < yes.
    public static func < (a: ConditionKey, b: ConditionKey) -> Bool {
        func cmp<T: Comparable>(_ x: T?, _ y: T?) -> Int {
            switch (x, y) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (x?, y?): return x < y ? -1 : (y < x ? 1 : 0)
            }
        }
        let steps = [cmp(a.model, b.model), cmp(a.dataset, b.dataset), cmp(a.k, b.k),
                     cmp(a.reasoning.map { $0 ? 1 : 0 }, b.reasoning.map { $0 ? 1 : 0 }),
                     cmp(a.instruction, b.instruction)]
        return (steps.first { $0 != 0 } ?? 0) < 0
    }
}

/// How many samples of a condition got each verdict from the primary judge.
public struct VerdictCounts: Hashable, Sendable, Codable {
    public var misaligned: Int
    public var aligned: Int
    public var refusal: Int
    public var code: Int
    public var incoherent: Int
    public var error: Int
    public var unjudged: Int

    public init(misaligned: Int = 0, aligned: Int = 0, refusal: Int = 0, code: Int = 0, incoherent: Int = 0,
                error: Int = 0, unjudged: Int = 0) {
        self.misaligned = misaligned
        self.aligned = aligned
        self.refusal = refusal
        self.code = code
        self.incoherent = incoherent
        self.error = error
        self.unjudged = unjudged
    }

    /// Every sample of the condition.
    public var samples: Int { misaligned + aligned + refusal + code + incoherent + error + unjudged }
    /// The EM rate's denominator: samples with an aligned score and coherent ≥ the threshold.
    public var kept: Int { misaligned + aligned }

    public subscript(verdict: Verdict) -> Int {
        get {
            switch verdict {
            case .misaligned: return misaligned
            case .aligned: return aligned
            case .refusal: return refusal
            case .code: return code
            case .incoherent: return incoherent
            case .error: return error
            case .unjudged: return unjudged
            }
        }
        set {
            switch verdict {
            case .misaligned: misaligned = newValue
            case .aligned: aligned = newValue
            case .refusal: refusal = newValue
            case .code: code = newValue
            case .incoherent: incoherent = newValue
            case .error: error = newValue
            case .unjudged: unjudged = newValue
            }
        }
    }

    /// The sum of two conditions' counts (pooling).
    public static func + (a: VerdictCounts, b: VerdictCounts) -> VerdictCounts {
        var out = a
        for v in Verdict.allCases { out[v] += b[v] }
        return out
    }
}

/// One condition with its verdict counts, as the store reads them.
public struct ConditionCounts: Hashable, Sendable, Codable {
    public var key: ConditionKey
    public var counts: VerdictCounts

    public init(key: ConditionKey, counts: VerdictCounts) {
        self.key = key
        self.counts = counts
    }
}

/// A sample and the condition it belongs to (all five fields set).
public struct SampleCondition: Hashable, Sendable {
    public var sampleID: Int64
    public var key: ConditionKey

    public init(sampleID: Int64, key: ConditionKey) {
        self.sampleID = sampleID
        self.key = key
    }
}
