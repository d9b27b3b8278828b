extension KrippendorffAlpha {
    /// Krippendorff's α at the interval level for raw scores (e.g. judges' aligned scores), without a
    /// category table: unit `u` holds `values[unitEnds[u−1]..<unitEnds[u]]`; only units with two or
    /// more values count. With n pairable values,
    /// α = 1 − (n − 1) · Σ_u [Σ_{i≠j} δ / (m_u − 1)] / Σ_{i≠j over all pairable values} δ, and
    /// Σ_{i≠j} (v_i − v_j)² = 2m Σ (v_i − v̄)², so the scores may take any number of distinct values.
    /// `alpha` is nil when there is no variation (0/0).
    public static func intervalScores(values: [Double], unitEnds: [Int]) -> (alpha: Double?, pairableValues: Int, items: Int) {
        var n = 0
        var items = 0
        var observed = 0.0
        var total = 0.0
        var start = 0
        for end in unitEnds {
            defer { start = end }
            let m = end - start
            guard m >= 2 else { continue }
            var sum = 0.0
            for i in start..<end { sum += values[i] }
            let mean = sum / Double(m)
            var squares = 0.0
            for i in start..<end { squares += (values[i] - mean) * (values[i] - mean) }
            observed += 2 * Double(m) * squares / Double(m - 1)
            n += m
            items += 1
            total += sum
        }
        guard n >= 2 else { return (nil, n, items) }
        let mean = total / Double(n)
        var squares = 0.0
        start = 0
        for end in unitEnds {
            defer { start = end }
            guard end - start >= 2 else { continue }
            for i in start..<end { squares += (values[i] - mean) * (values[i] - mean) }
        }
        let expected = 2 * Double(n) * squares
        guard expected > 0 else { return (nil, n, items) }
        let alpha = 1 - Double(n - 1) * observed / expected
        return (alpha.isFinite ? alpha : nil, n, items)
    }
}
