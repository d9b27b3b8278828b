import EMCore
import Foundation

/// One point of a dose-response curve: a condition's EM rate at one k.
public struct DosePoint: Hashable, Sendable {
    public var k: Int
    public var counts: VerdictCounts

    public init(k: Int, counts: VerdictCounts) {
        self.k = k
        self.counts = counts
    }

    public var kept: Int { counts.kept }
    public var misaligned: Int { counts.misaligned }
    /// misaligned / kept; nil when nothing was kept (the point is not drawn).
    public var rate: Double? { kept > 0 ? Double(misaligned) / Double(kept) : nil }
    public var interval: WilsonInterval? { WilsonInterval(successes: misaligned, trials: kept) }
}

/// One curve: a model (or dataset …) with its points in ascending k, one per k.
public struct DoseSeries: Hashable, Sendable {
    /// The series' name as stored (hostile text: renderers make it safe).
    public var name: String
    public var points: [DosePoint]

    public init(name: String, points: [DosePoint]) {
        self.name = name
        self.points = points.sorted { $0.k < $1.k }
    }
}

/// One chart: the conditions that share every grouped field but k and the series field.
public struct DosePanel: Hashable, Sendable {
    /// The fixed fields of the chart (k and the series field are nil).
    public var key: ConditionKey
    /// The field that names the series.
    public var seriesField: GroupField
    public var series: [DoseSeries]

    public init(key: ConditionKey, seriesField: GroupField, series: [DoseSeries]) {
        self.key = key
        self.seriesField = seriesField
        self.series = series
    }

    /// The distinct k values of the chart, ascending.
    public var ks: [Int] { Array(Set(series.flatMap { $0.points.map(\.k) })).sorted() }

    /// `dataset risky_financial · reasoning yes · instruction none`, store strings made safe.
    public func title(display: DisplayText) -> String {
        GroupField.allCases.compactMap { field -> String? in
            guard key.has(field) else { return nil }
            return "\(field.rawValue) \(ConditionTable.fieldCell(key, field, display: display))"
        }.joined(separator: " · ")
    }
}

/// Builds dose-response charts from summary rows.
public enum DoseCurves {
    /// Splits rows grouped by k and `seriesBy` (and possibly more) into charts: one per combination of
    /// the remaining grouped fields, one series per value of `seriesBy`, one point per k.
    ///
    /// **The k = 0 baseline.** A k = 0 condition shows the model no in-context example, so its dataset
    /// is immaterial (harnesses often record it as `none`). When a chart fixes the dataset and a series
    /// has no k = 0 condition of that dataset, the series' k = 0 conditions of *any* dataset that match
    /// the chart on its other fields are pooled into its k = 0 point. A chart made only of such borrowed
    /// k = 0 conditions is not listed on its own. Returns nil when the rows are not grouped by k and
    /// `seriesBy`.
    public static func panels(_ rows: [ConditionRow], seriesBy: GroupField = .model) -> [DosePanel]? {
        guard seriesBy != .k else { return nil }
        guard rows.allSatisfy({ $0.key.k != nil && $0.key.has(seriesBy) }) else { return nil }
        let panelOf: (ConditionKey) -> ConditionKey = { $0.removing(.k).removing(seriesBy) }
        var panels: [ConditionKey: [String: [Int: VerdictCounts]]] = [:]
        for row in rows {
            let name = row.key.text(seriesBy) ?? ""
            panels[panelOf(row.key), default: [:]][name, default: [:]][row.key.k!] = row.counts
        }
        // A k = 0 condition of another chart that differs only in its dataset: a baseline to borrow.
        let baselines = rows.filter { $0.key.k == 0 }
        var borrowedFrom = Set<ConditionKey>()
        var filled: [ConditionKey: [String: [Int: VerdictCounts]]] = [:]
        for panel in panels.keys {
            var series = panels[panel]!
            if panel.dataset != nil {
                var pooled: [String: VerdictCounts] = [:]
                for row in baselines {
                    let other = panelOf(row.key)
                    guard other != panel, other.removing(.dataset) == panel.removing(.dataset) else { continue }
                    let name = row.key.text(seriesBy) ?? ""
                    guard series[name] != nil, series[name]?[0] == nil else { continue }
                    pooled[name, default: VerdictCounts()] = pooled[name, default: VerdictCounts()] + row.counts
                    borrowedFrom.insert(other)
                }
                for (name, counts) in pooled { series[name]![0] = counts }
            }
            filled[panel] = series
        }
        var result: [DosePanel] = []
        for panel in filled.keys.sorted() {
            let series = filled[panel]!
            let onlyBaseline = series.values.allSatisfy { $0.keys.allSatisfy { $0 == 0 } }
            if onlyBaseline && borrowedFrom.contains(panel) { continue }
            result.append(DosePanel(key: panel, seriesField: seriesBy, series: series.keys.sorted().map { name in
                DoseSeries(name: name, points: series[name]!.map { DosePoint(k: $0.key, counts: $0.value) })
            }))
        }
        return result
    }
}

/// The vertical extent of a chart.
public enum ChartYMax: Hashable, Sendable {
    /// 0–100 %.
    case full
    /// The smallest of 5, 10, 20, 25, 50, 75, 100 % that holds every point and interval.
    case auto
}

/// Where points go: k on a log₂ scale (k = 0 at a separate left edge), the rate on a linear scale.
public struct DoseScale: Hashable, Sendable {
    /// The k values to place, ascending.
    public let ks: [Int]
    /// The top of the y axis (a proportion, 0 < yMax ≤ 1).
    public let yMax: Double
    /// The y ticks (proportions) from 0 to yMax.
    public let yTicks: [Double]

    static let niceMaxima: [(max: Double, step: Double)] = [
        (0.05, 0.01), (0.1, 0.02), (0.2, 0.05), (0.25, 0.05), (0.5, 0.1), (0.75, 0.25), (1.0, 0.25),
    ]

    public init(series: [DoseSeries], yMax: ChartYMax) {
        ks = Array(Set(series.flatMap { $0.points.map(\.k) })).sorted()
        var top = 0.0
        for s in series { for p in s.points { top = max(top, p.interval?.high ?? p.rate ?? 0) } }
        let chosen = yMax == .full ? Self.niceMaxima.last! : (Self.niceMaxima.first { $0.max >= top - 1e-12 } ?? Self.niceMaxima.last!)
        self.yMax = chosen.max
        var ticks: [Double] = []
        var i = 0
        while Double(i) * chosen.step <= chosen.max + 1e-9 {
            ticks.append(Double(i) * chosen.step)
            i += 1
        }
        yTicks = ticks
    }

    /// True when some point sits at k = 0 (drawn at the left edge, apart from the log axis).
    public var hasZero: Bool { ks.first == 0 }
    /// The positive k values (on the log axis).
    public var positiveKs: [Int] { ks.filter { $0 > 0 } }

    /// The position of a positive k on the log axis as a fraction 0…1 of its length (0.5 when the
    /// axis has a single k).
    public func logFraction(_ k: Int) -> Double {
        let ks = positiveKs
        guard let lo = ks.first, let hi = ks.last, hi > lo, k > 0 else { return 0.5 }
        return (log2(Double(k)) - log2(Double(lo))) / (log2(Double(hi)) - log2(Double(lo)))
    }

    /// A y value as a fraction 0…1 of the axis (clamped).
    public func yFraction(_ value: Double) -> Double { min(1, max(0, value / yMax)) }

    /// A tick label: `25%`, `2.5%`.
    public static func percentLabel(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }
}

