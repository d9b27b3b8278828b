import Foundation

/// Distances between label sets, for Krippendorff's α on multi-label (set-valued) annotations (§2.8).
public enum SetDistance {
    /// MASI distance (Passonneau 2006): 1 − J·M, where J = |A∩B|/|A∪B| and M = 1 if A = B, 2/3 if one set
    /// contains the other, 1/3 if they overlap otherwise, 0 if disjoint. Two empty sets have distance 0.
    /// Example: d({1,2}, {1,2,3,4}) = 1 − ½·⅔ = ⅔.
    public static func masi<T: Hashable>(_ a: Set<T>, _ b: Set<T>) -> Double {
        let common = a.intersection(b).count
        return masi(sizeA: a.count, sizeB: b.count, common: common)
    }

    /// Jaccard distance 1 − |A∩B|/|A∪B|. Two empty sets have distance 0.
    public static func jaccard<T: Hashable>(_ a: Set<T>, _ b: Set<T>) -> Double {
        let common = a.intersection(b).count
        return jaccard(sizeA: a.count, sizeB: b.count, common: common)
    }

    /// MASI from the set sizes and the size of the intersection.
    static func masi(sizeA: Int, sizeB: Int, common: Int) -> Double {
        let union = sizeA + sizeB - common
        if union == 0 { return 0 }
        let j = Double(common) / Double(union)
        let m: Double
        if common == sizeA && common == sizeB {
            m = 1
        } else if common == sizeA || common == sizeB {
            m = 2.0 / 3.0
        } else if common > 0 {
            m = 1.0 / 3.0
        } else {
            m = 0
        }
        return 1 - j * m
    }

    /// Jaccard distance from the set sizes and the size of the intersection.
    static func jaccard(sizeA: Int, sizeB: Int, common: Int) -> Double {
        let union = sizeA + sizeB - common
        if union == 0 { return 0 }
        return 1 - Double(common) / Double(union)
    }

    /// The size of the intersection of two sorted, duplicate-free arrays.
    static func intersectionSize(_ a: [String], _ b: [String]) -> Int {
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return common
    }
}
