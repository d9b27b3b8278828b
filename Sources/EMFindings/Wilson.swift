import EMAgreement

/// The Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998, method 3).
///
/// For x successes in n trials, p̂ = x/n and z = z₀.₉₇₅ = 1.959963984540054 (95 %):
///
///     centre     = (p̂ + z²/2n) / (1 + z²/n)
///     half-width = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
///     interval   = [centre − half-width, centre + half-width]
///
/// Edge cases, defined here once:
/// - **n = 0**: undefined (`nil`): no interval, never [0, 1] and never 0 or 1.
/// - **x = 0**: the lower bound is exactly 0 (analytically centre = half-width; the subtraction is not
///   left to rounding); the upper bound is z²/(n + z²).
/// - **x = n**: the upper bound is exactly 1, the lower bound n/(n + z²).
/// - Otherwise both bounds lie strictly inside (0, 1) and are clamped to [0, 1] against rounding.
/// - x < 0, x > n or n < 0 are not proportions: `nil`.
public struct WilsonInterval: Hashable, Sendable, Codable {
    /// Successes.
    public let successes: Int
    /// Trials.
    public let trials: Int
    /// The lower bound, 0 … 1.
    public let low: Double
    /// The upper bound, 0 … 1.
    public let high: Double

    /// z₀.₉₇₅, the normal quantile of a two-sided 95 % interval (shared with EMAgreement's Wald intervals).
    public static let z95 = CohenKappa.z95

    /// The interval for `successes` of `trials` at the given z (default 95 %); nil when undefined.
    public init?(successes x: Int, trials n: Int, z: Double = WilsonInterval.z95) {
        guard n > 0, x >= 0, x <= n, z.isFinite, z > 0 else { return nil }
        let nd = Double(n)
        let p = Double(x) / nd
        let z2 = z * z
        let denominator = 1 + z2 / nd
        let centre = (p + z2 / (2 * nd)) / denominator
        let half = z / denominator * (p * (1 - p) / nd + z2 / (4 * nd * nd)).squareRoot()
        successes = x
        trials = n
        if x == 0 {
            low = 0
            high = min(1, z2 / (nd + z2))
        } else if x == n {
            low = max(0, nd / (nd + z2))
            high = 1
        } else {
            low = min(1, max(0, centre - half))
            high = min(1, max(0, centre + half))
        }
    }

    /// The point estimate x/n.
    public var proportion: Double { Double(successes) / Double(trials) }
}
