import Foundation

/// Student's t distribution: CDF, tail probability and quantile, computed through the regularized
/// incomplete beta function I_x(a, b) (continued fraction, modified Lentz) and a safeguarded Newton solve.
///
/// Accuracy is about 1e-13 relative over the degrees of freedom used here (1 to 10⁶); e.g.
/// `quantile(0.975, degreesOfFreedom: 9)` = 2.2621571628. Used for Gwet's t(0.975, N−1) intervals.
public enum StudentT {
    /// P(T > t) for T ~ t(ν), any real t.
    public static func upperTail(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "degrees of freedom must be positive")
        if t.isNaN { return .nan }
        if t == .infinity { return 0 }
        if t == -.infinity { return 1 }
        let t2 = t * t
        // x = ν/(ν+t²), 1−x = t²/(ν+t²); P(|T| > |t|) = I_x(ν/2, 1/2).
        let x = nu / (nu + t2)
        let oneMinusX = t2 / (nu + t2)
        let twoSided = regularizedIncompleteBeta(x: x, oneMinusX: oneMinusX, a: nu / 2, b: 0.5)
        return t >= 0 ? twoSided / 2 : 1 - twoSided / 2
    }

    /// P(T ≤ t) for T ~ t(ν).
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        1 - upperTail(t, degreesOfFreedom: nu)
    }

    /// The density of t(ν) at t.
    public static func density(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let logNorm = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
        return exp(logNorm - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The p-quantile of t(ν), 0 < p < 1 (e.g. p = 0.975 for a two-sided 95 % interval).
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1, "p must lie in (0, 1)")
        precondition(nu > 0, "degrees of freedom must be positive")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        let target = 1 - p   // upper-tail probability to hit, in (0, 0.5)
        // Bracket the root of upperTail(t) − target on [lo, hi].
        var lo = 0.0
        var hi = 1.0
        while upperTail(hi, degreesOfFreedom: nu) > target {
            lo = hi
            hi *= 2
            if hi > 1e300 { return .infinity }
        }
        var t = (lo + hi) / 2
        for _ in 0..<200 {
            let f = upperTail(t, degreesOfFreedom: nu) - target
            if f == 0 { return t }
            if f > 0 { lo = t } else { hi = t }
            // Newton step on the tail: d/dt upperTail = −density.
            let step = f / density(t, degreesOfFreedom: nu)
            var next = t + step
            if !(next > lo && next < hi) || !next.isFinite { next = (lo + hi) / 2 }
            if abs(next - t) <= 1e-15 * Swift.max(1, abs(t)) { return next }
            t = next
        }
        return t
    }

    /// The regularized incomplete beta function I_x(a, b), given both x and 1 − x (to avoid cancellation).
    static func regularizedIncompleteBeta(x: Double, oneMinusX: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if oneMinusX <= 0 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(oneMinusX)
        let front = exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return front * betaContinuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - front * betaContinuedFraction(x: oneMinusX, a: b, b: a) / b
    }

    /// The continued fraction 1/(1 + d₁/(1 + d₂/(1 + …))) of I_x(a, b), evaluated by the modified Lentz method.
    ///   d_{2m+1} = −(a+m)(a+b+m) x / ((a+2m)(a+2m+1)),   d_{2m} = m(b−m) x / ((a+2m−1)(a+2m)).
    private static func betaContinuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-16
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)   // 1 + d₁
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        var m = 1
        while m < 100_000 {
            let md = Double(m)
            // Even term d_{2m}.
            var term = md * (b - md) * x / ((a + 2 * md - 1) * (a + 2 * md))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            // Odd term d_{2m+1}.
            term = -(a + md) * (a + b + md) * x / ((a + 2 * md) * (a + 2 * md + 1))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < epsilon { break }
            m += 1
        }
        return result
    }
}
