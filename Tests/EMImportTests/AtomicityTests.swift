import EMCore
@testable import EMImport
import EMStore
import EMTestSupport
import Foundation
import Testing

@Suite("One transaction per file")
struct AtomicityTests {
    /// A file that fails late leaves the store exactly as it was, with earlier imports intact.
    @Test func aFileThatFailsLateLeavesTheStoreAsItWas() throws {
        let dir = TempDir()
        let store = try Store.open(dir.path("s.sqlite"), mode: .createIfMissing)
        let good = dir.write("a__none__k0.csv", "question_id,question,answer,aligned,coherent\nq1,Q1,A,10,90\n")
        _ = try EMCSVImporter.importFile(good, into: store, options: RunOptions())
        let before = try dump(store)
        var rows = "question_id,question,answer,aligned,coherent\n"
        for i in 0..<3000 { rows += "q\(i % 7),Q,\"answer \(i)\nsecond line\",\(i % 100),80\n" }
        rows += "q9,Q,last,oops,80\n"
        let bad = dir.write("b__none__k0.csv", rows)
        #expect(throws: StoreError.self) { try EMCSVImporter.importFile(bad, into: store, options: RunOptions()) }
        #expect(try dump(store) == before)
        #expect(try store.info().samples == 1)
    }

    @Test func theJSONLPathIsAtomicToo() throws {
        let dir = TempDir()
        let store = try Store.open(dir.path("s.sqlite"), mode: .createIfMissing)
        var lines = [#"{"type":"run","name":"r","model":"m","dataset":"none","k":0}"#, #"{"type":"question","key":"q","text":"t"}"#]
        for i in 0..<5000 { lines.append(#"{"type":"sample","run":"r","question":"q","sample_index":\#(i),"answer":"a"}"#) }
        lines.append(#"{"type":"sample","run":"r","question":"q","sample_index":"x","answer":"a"}"#)
        let file = dir.write("big.jsonl", lines.joined(separator: "\n"))
        let error = #expect(throws: StoreError.self) { try store.importJSONL(path: file) }
        #expect(error?.description.contains("line 5003: sample record: \"sample_index\" should be an integer") == true)
        #expect(try store.info().samples == 0)
        #expect(try store.info().runs == 0)
    }
}
