import Foundation
import EMAgreement

/// Loading of the reference vectors (Vectors/*.json) and navigation of encoded reports by path.
enum VectorSupport {
    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    static var vectorDirectory: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Vectors", withExtension: nil) else {
                throw LoadError(description: "Vectors resource directory not found in the test bundle")
            }
            return url
        }
    }

    /// The ids of the vectors that carry an `expected` list of path/value checks.
    static let reportVectorIDs = [
        "cohen_fleiss1981_psychiatric",
        "cohen_irr_anxiety_r2r3",
        "cohen_sas_skin_condition",
        "cohen_sas_table10",
        "fleiss_1971_diagnoses_30x6",
        "fleiss_wikipedia_10x14",
        "gwet_ac1_cont3x3abstractors",
        "judge_vs_human_majority",
        "krippendorff_2011_4x12",
        "krippendorff_2011_binary_2x10",
        "krippendorff_wikipedia_3x15",
        "masi_set_valued_labels",
    ]

    static func load(_ id: String) throws -> [String: Any] {
        let url = try vectorDirectory.appendingPathComponent("\(id).json")
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw LoadError(description: "\(id).json is not a JSON object")
        }
        return object
    }

    /// The `rows` of a vector as `RatingRow`s (a JSON null label becomes nil).
    static func rows(of vector: [String: Any]) throws -> [RatingRow] {
        guard let raw = vector["rows"] as? [[Any]] else { throw LoadError(description: "no rows") }
        return try raw.map { row in
            guard row.count == 3, let item = row[0] as? String, let annotator = row[1] as? String else {
                throw LoadError(description: "bad row \(row)")
            }
            return RatingRow(item: item, annotator: annotator, label: row[2] as? String)
        }
    }

    /// Translates the reference computation's command-line arguments into report options.
    static func options(for vector: [String: Any]) throws -> AgreementOptions {
        let args = vector["reference_args"] as? [String] ?? []
        var options = AgreementOptions(includePerItemAgreement: true)
        var judge: JudgeConfiguration? = nil
        var threshold = 30.0
        var comparison = JudgeComparison.lessThan
        var positive = "misaligned"
        var negative = "aligned"
        var index = 0
        while index < args.count {
            let flag = args[index]
            guard index + 1 < args.count else { throw LoadError(description: "flag \(flag) without value") }
            let value = args[index + 1]
            switch flag {
            case "--order": options.declaredCategories = value.components(separatedBy: ",")
            case "--bootstrap": options.bootstrapReplicates = Int(value) ?? 0
            case "--judge": judge = JudgeConfiguration(judgeAnnotator: value)
            case "--threshold": threshold = Double(value) ?? .nan
            case "--judge-rule":
                guard let rule = JudgeComparison(rawValue: value) else { throw LoadError(description: "rule \(value)") }
                comparison = rule
            case "--pos-label": positive = value
            case "--neg-label": negative = value
            default: throw LoadError(description: "unknown reference argument \(flag)")
            }
            index += 2
        }
        if var configured = judge {
            configured.threshold = threshold
            configured.comparison = comparison
            configured.positiveLabel = positive
            configured.negativeLabel = negative
            options.judge = configured
        }
        return options
    }

    /// The report of a vector's rows under its reference arguments, encoded and parsed back as JSON.
    static func reportJSON(for vector: [String: Any]) throws -> [String: Any] {
        let report = AgreementReport.compute(rows: try rows(of: vector), options: try options(for: vector))
        let data = try report.jsonData(pretty: false)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw LoadError(description: "report JSON is not an object")
        }
        return object
    }

    /// Maps a reference path component to this module's JSON key.
    static let keyMap: [String: String] = [
        "P_bar": "p_bar",
        "P_e": "p_e",
        "P_i": "per_item_agreement",
    ]

    /// Looks up a reference path (e.g. `pairwise.0.cohen_kappa_unweighted.ci95`) in an encoded report.
    /// `ci95` resolves to `[ci_low, ci_high]` of the enclosing object.
    static func lookup(_ path: String, in root: Any) -> Any? {
        var current: Any? = root
        for component in path.split(separator: ".").map(String.init) {
            if let array = current as? [Any] {
                guard let index = Int(component), index >= 0, index < array.count else { return nil }
                current = array[index]
            } else if let object = current as? [String: Any] {
                if component == "ci95" {
                    guard let low = object["ci_low"], let high = object["ci_high"] else { return nil }
                    current = [low, high]
                } else {
                    current = object[keyMap[component] ?? component]
                }
            } else {
                return nil
            }
        }
        return current
    }

    /// Compares an actual JSON value with an expected one: numbers within `tolerance` (exactly when 0),
    /// arrays element by element, objects key by key (only the expected keys). Returns a list of problems.
    static func compare(_ actual: Any?, _ expected: Any, tolerance: Double, path: String) -> [String] {
        switch expected {
        case let expectedArray as [Any]:
            guard let actualArray = actual as? [Any] else { return ["\(path): expected an array, got \(String(describing: actual))"] }
            guard actualArray.count == expectedArray.count else {
                return ["\(path): expected \(expectedArray.count) elements, got \(actualArray.count)"]
            }
            return zip(actualArray, expectedArray).enumerated().flatMap { index, pair in
                compare(pair.0, pair.1, tolerance: tolerance, path: "\(path)[\(index)]")
            }
        case let expectedObject as [String: Any]:
            guard let actualObject = actual as? [String: Any] else { return ["\(path): expected an object"] }
            return expectedObject.keys.sorted().flatMap { key in
                compare(actualObject[key], expectedObject[key]!, tolerance: tolerance, path: "\(path).\(key)")
            }
        case let expectedNumber as NSNumber:
            guard let actualNumber = actual as? NSNumber, !(actual is NSNull) else {
                return ["\(path): expected \(expectedNumber), got \(String(describing: actual))"]
            }
            let a = actualNumber.doubleValue, e = expectedNumber.doubleValue
            let ok = tolerance == 0 ? a == e : abs(a - e) <= tolerance
            return ok ? [] : ["\(path): expected \(e), got \(a) (difference \(a - e), tolerance \(tolerance))"]
        case is NSNull:
            return actual is NSNull || actual == nil ? [] : ["\(path): expected null, got \(String(describing: actual))"]
        default:
            return ["\(path): unsupported expected value \(expected)"]
        }
    }

    /// Number of leaf numbers in a JSON value (to make sure a comparison actually compared something).
    static func leafCount(_ value: Any) -> Int {
        switch value {
        case let array as [Any]: return array.reduce(0) { $0 + leafCount($1) }
        case let object as [String: Any]: return object.values.reduce(0) { $0 + leafCount($1) }
        default: return 1
        }
    }

    /// Numbers of a JSON value as doubles (nil entries for null).
    static func doubles(_ value: Any?) -> [Double?]? {
        guard let array = value as? [Any] else { return nil }
        return array.map { ($0 as? NSNumber)?.doubleValue }
    }

    static func matrix(_ value: Any?) -> [[Int]]? {
        guard let rows = value as? [[Any]] else { return nil }
        return rows.map { $0.map { ($0 as? NSNumber)?.intValue ?? -1 } }
    }
}
