import EMCore
@testable import EMCLI
import EMStore
import EMTUI
import EMTestSupport
import Foundation
import Testing

@Suite("Findings view in the explorer")
struct FindingsViewTests {
    /// Every condition of `emscope summary --json`, for the same store and filter.
    static func summary(_ path: String, filter: String) throws -> [[String: Any]] {
        let r = try emscope(["summary", path, "--filter", filter, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return object?["conditions"] as? [[String: Any]] ?? []
    }

    @Test func aCellListsExactlyTheSamplesBehindItsRate() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let filter = "reasoning:yes instruction:none"
        let (rt, _) = try LabellingFlowTests.session(try Store.open(path), filter: filter)
        rt.send(.input(.key(.char("L"))))   // browsing: E is the findings key either way
        rt.send(.input(.key(.char("E"))))
        LabellingFlowTests.settle(rt)
        guard case .findings(let view) = rt.state.overlay, let pivot = view.data?.pivot else {
            Issue.record("no findings view")
            return
        }
        let conditions = try Self.summary(path, filter: filter)
        // The pivot holds the same conditions as the command, each rate in its cell.
        let filled = pivot.rows.flatMap { $0.cells.compactMap { $0 } }
        #expect(filled.count == conditions.count)
        // Pick a filled cell away from the corner, move to it with the keys, and drill.
        let rowIndex = try #require(pivot.rows.indices.last { pivot.rows[$0].cells.contains { $0 != nil } })
        let column = try #require(pivot.rows[rowIndex].cells.lastIndex { $0 != nil })
        let cell = try #require(pivot.rows[rowIndex].cells[column])
        for _ in 0..<rowIndex { rt.send(.input(.key(.char("j")))) }
        for _ in 0..<column { rt.send(.input(.key(.char("l")))) }
        let expected = try #require(conditions.first { c in
            (c["model"] as? String) == cell.key.model && (c["dataset"] as? String) == cell.key.dataset
                && (c["k"] as? Int) == cell.key.k
        })
        #expect(LabellingFlowTests.screen(rt).contains(String(format: "%.1f", 100 * ((expected["em_rate"] as? Double) ?? -1))))
        rt.send(.input(.key(.enter)))
        LabellingFlowTests.settle(rt)
        #expect(rt.state.overlay == nil)
        #expect(rt.state.list.total == expected["samples"] as? Int)
        #expect(rt.state.filter.text.contains("k:\(cell.key.k ?? -1)"))
        #expect(rt.state.list.window.allSatisfy { $0.model == cell.key.model && $0.k == cell.key.k })
    }

    @Test func aNarrowTerminalScrollsToTheSelectedK() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let (rt, _) = try LabellingFlowTests.session(try Store.open(path))
        rt.send(.input(.resize(Size(width: 80, height: 24))))
        rt.send(.input(.key(.char("L"))))
        rt.send(.input(.key(.char("E"))))
        LabellingFlowTests.settle(rt)
        guard case .findings(let view) = rt.state.overlay, let pivot = view.data?.pivot, let lastK = pivot.ks.last else {
            Issue.record("no findings view")
            return
        }
        // The table's header is the third line (app header, findings title, then the table).
        func header() -> String { String(LabellingFlowTests.screen(rt).split(separator: "\n")[2]) }
        #expect(!header().contains("k=\(lastK)"), "80 columns are too few for every k of this store")
        for _ in pivot.ks.dropFirst() { rt.send(.input(.key(.char("l")))) }
        #expect(header().contains("k=\(lastK)"))
    }

    @Test func chartAndPrevalenceTabs() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let (rt, _) = try LabellingFlowTests.session(try Store.open(path), filter: "reasoning:yes")
        rt.send(.input(.key(.char("L"))))
        rt.send(.input(.key(.char("E"))))
        LabellingFlowTests.settle(rt)
        rt.send(.input(.key(.tab)))
        var screen = LabellingFlowTests.screen(rt)
        #expect(screen.contains("k (log scale; 0 at the left edge)"))
        #expect(screen.contains("● "))
        rt.send(.input(.key(.tab)))
        screen = LabellingFlowTests.screen(rt)
        let cli = try emscope(["prevalence", path, "--filter", "reasoning:yes"])
        // The label rows (share, interval, count/rated) are the same on screen as on the command line.
        let lines = cli.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.range(of: #"\d+/\d+$"#, options: .regularExpression) != nil }
        #expect(!lines.isEmpty)
        for line in lines { #expect(screen.contains(line)) }
        #expect(screen.contains("counted by: the annotators' majority"))
        // `a` counts one annotator's labels instead: the same rows as `prevalence --annotator`.
        let annotator = try #require(try Store.open(path).ratingAnnotators().first)
        rt.send(.input(.key(.char("a"))))
        screen = LabellingFlowTests.screen(rt)
        #expect(screen.contains("counted by: \(annotator)"))
        let one = try emscope(["prevalence", path, "--filter", "reasoning:yes", "--annotator", annotator])
        let oneLines = one.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.range(of: #"\d+/\d+$"#, options: .regularExpression) != nil }
        #expect(!oneLines.isEmpty)
        for line in oneLines.prefix(8) { #expect(screen.contains(line)) }
        // Blind sessions do not get the view.
        let (blind, _) = try LabellingFlowTests.session(try Store.open(path), blind: true)
        blind.send(.input(.key(.char("L"))))
        blind.send(.input(.key(.char("E"))))
        #expect(blind.state.overlay == nil)
    }
}
