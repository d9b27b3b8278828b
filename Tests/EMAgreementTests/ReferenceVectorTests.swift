import Foundation
import Testing
import EMAgreement

/// Every `expected` entry of every reference vector, compared with the encoded `AgreementReport` computed
/// from the vector's rows under its reference arguments.
@Suite("Reference vectors")
struct ReferenceVectorTests {
    @Test("all vector files are present and parse", arguments: VectorSupport.reportVectorIDs + [
        "edge_cases", "bootstrap_alpha_fixed_indices",
    ])
    func vectorFileParses(id: String) throws {
        let vector = try VectorSupport.load(id)
        #expect(vector["id"] as? String == id)
    }

    @Test("full-precision values match to their tolerance", arguments: VectorSupport.reportVectorIDs)
    func fullPrecision(id: String) throws {
        let vector = try VectorSupport.load(id)
        let report = try VectorSupport.reportJSON(for: vector)
        let expected = try #require(vector["expected"] as? [[String: Any]])
        #expect(!expected.isEmpty)
        var compared = 0
        for entry in expected {
            let path = try #require(entry["path"] as? String)
            let full = try #require(entry["full"])
            let tolerance = (entry["tol"] as? NSNumber)?.doubleValue ?? 1e-9
            let actual = VectorSupport.lookup(path, in: report)
            #expect(actual != nil, "\(id): \(path) not found in the report")
            let problems = VectorSupport.compare(actual, full, tolerance: tolerance, path: path)
            #expect(problems.isEmpty, "\(id): \(problems.joined(separator: "; "))")
            compared += VectorSupport.leafCount(full)
        }
        #expect(compared > 0)
    }

    @Test("published values match to half a unit in their last decimal", arguments: VectorSupport.reportVectorIDs)
    func publishedValues(id: String) throws {
        let vector = try VectorSupport.load(id)
        let report = try VectorSupport.reportJSON(for: vector)
        let expected = try #require(vector["expected"] as? [[String: Any]])
        for entry in expected {
            guard let published = entry["published"], let decimals = entry["published_decimals"] as? Int else {
                continue
            }
            let path = try #require(entry["path"] as? String)
            let tolerance = 0.5 * pow(10, -Double(decimals)) + 1e-12
            let problems = VectorSupport.compare(VectorSupport.lookup(path, in: report), published,
                                                 tolerance: tolerance, path: path)
            #expect(problems.isEmpty, "\(id) published: \(problems.joined(separator: "; "))")
        }
    }

    @Test("every expected entry of every vector is checked")
    func expectedEntryCount() throws {
        var total = 0
        for id in VectorSupport.reportVectorIDs {
            let vector = try VectorSupport.load(id)
            total += (vector["expected"] as? [[String: Any]])?.count ?? 0
        }
        // 9 + 6 + 21 + 21 + 5 + 9 + 9 + 8 + 15 + 5 + 6 + 4 entries in the twelve report vectors.
        #expect(total == 118)
    }
}
