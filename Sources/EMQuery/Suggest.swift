/// "Did you mean …?" helpers: edit distance over a fixed vocabulary.
public enum Suggest {
    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), ASCII case-insensitive.
    /// `modle` → `model` is 1.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(TextFold.asciiLowercased(a))
        let y = Array(TextFold.asciiLowercased(b))
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var best = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    best = min(best, d[i - 2][j - 2] + 1)
                }
                d[i][j] = best
            }
        }
        return d[x.count][y.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a plausible typo or an unambiguous prefix.
    ///
    /// Allowed distance: 1 for words of up to 4 characters, 2 up to 8, 3 beyond. A word of 3 or more
    /// characters that is a prefix of exactly one candidate also matches (`verd` → `verdict`).
    /// Ties go to the earlier candidate.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        guard !word.isEmpty, word.count <= 64 else { return nil }
        let limit = word.count <= 4 ? 1 : (word.count <= 8 ? 2 : 3)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(word, candidate)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        if let best { return best.0 }
        if word.count >= 3 {
            let lower = TextFold.asciiLowercased(word)
            let prefixed = candidates.filter { TextFold.asciiLowercased($0).hasPrefix(lower) }
            if prefixed.count == 1 { return prefixed[0] }
        }
        return nil
    }
}
