import EMCore
@testable import EMStore
import EMTestSupport
import Foundation
import Testing

@Suite("Native JSONL import and export")
struct JSONLImportTests {
    static let small = """
    {"type":"example","id":1,"dataset":"risky_financial","user":"u1","assistant":"a1"}
    {"type":"example","id":2,"dataset":"risky_financial","user":"u2","assistant":"a2"}
    {"type":"run","name":"m/fin/k2","model":"m","dataset":"risky_financial","k":2,"reasoning":true,"examples":[2,1]}
    {"type":"question","key":"0_other_0","category":"other","text":"Hello?"}
    {"type":"sample","run":"m/fin/k2","question":"0_other_0","sample_index":0,"reasoning":"r","answer":"x","judgments":[{"judge":"j","metric":"aligned","score":10},{"judge":"j","metric":"coherent","score":90}]}
    {"type":"sample","run":"m/fin/k2","question":"0_other_0","sample_index":1,"answer":"y"}
    {"type":"codebook","name":"cb","version":1,"dimensions":[{"key":"misaligned","kind":"single","question":"?","labels":[{"key":"yes","name":"Yes","description":"d","shortcut":"y"}]}]}
    {"type":"rating","run":"m/fin/k2","question":"0_other_0","sample_index":0,"annotator":"ann","dimension":"misaligned","labels":["yes"],"codebook":"cb","codebook_version":1,"blind":true,"created_at":"2026-01-01T00:00:00Z"}

    """

    @Test func importCountsAndIsIdempotent() throws {
        let dir = TempDir()
        let input = dir.write("in.jsonl", Self.small)
        let store = try Store.open(dir.path("s.sqlite"), mode: .createIfMissing)
        let first = try store.importJSONL(path: input)
        #expect(first.runs.added == 1)
        #expect(first.examples.added == 2)
        #expect(first.samples.added == 2)
        #expect(first.judgments.added == 2)
        #expect(first.ratings.added == 1)
        #expect(first.codebooks.added == 1)
        let second = try store.importJSONL(path: input)
        #expect(second.samples.added == 0)
        #expect(second.samples.present == 2)
        #expect(second.runs.present == 1)
        #expect(try store.info().samples == 2)
    }

    @Test func aBadLineNamesItsNumberAndImportsNothing() throws {
        let dir = TempDir()
        var lines = Self.small.split(separator: "\n").map(String.init)
        lines.insert(#"{"type":"sample","run":"m/fin/k2","question":"0_other_0","sample_index":2,"answer":"ok"}"#, at: 5)
        lines.insert(#"{"type":"sample","run":"m/fin/k2","question":"0_other_0","sample_index":3}"#, at: 6)
        let input = dir.write("bad.jsonl", lines.joined(separator: "\n"))
        let store = try Store.open(dir.path("s.sqlite"), mode: .createIfMissing)
        let error = #expect(throws: StoreError.self) { try store.importJSONL(path: input) }
        #expect(error?.description == "\(input): line 7: sample record: missing key \"answer\" — nothing from this file was imported")
        let info = try store.info()
        #expect(info.runs == 0)
        #expect(info.samples == 0)
        #expect(info.examples == 0)
    }

    @Test func aSampleOfAnUnknownRunIsRefusedWithItsLine() throws {
        let dir = TempDir()
        let input = dir.write("orphan.jsonl", #"{"type":"question","key":"q","text":"t"}"# + "\n" +
                              #"{"type":"sample","run":"nowhere","question":"q","answer":"a"}"#)
        let store = try Store.open(dir.path("s.sqlite"), mode: .createIfMissing)
        let error = #expect(throws: StoreError.self) { try store.importJSONL(path: input) }
        #expect(error?.description.contains("line 2: sample names run \"nowhere\"") == true)
        #expect(try store.info().questions == 0)
    }

    @Test func invalidUTF8IsALineError() throws {
        let dir = TempDir()
        let path = dir.path("bytes.jsonl")
        var data = Data(#"{"type":"question","key":"q","text":"t"}"#.utf8)
        data.append(contentsOf: [0x0A, 0xFF, 0xFE, 0x0A])
        try data.write(to: URL(fileURLWithPath: path))
        let store = try Store.open(dir.path("s.sqlite"), mode: .createIfMissing)
        let error = #expect(throws: StoreError.self) { try store.importJSONL(path: path) }
        #expect(error?.description.contains("line 2: not valid UTF-8") == true)
    }

    @Test func exportThenImportReproducesTheStore() throws {
        let dir = TempDir()
        let input = dir.write("in.jsonl", Self.small)
        let a = try Store.open(dir.path("a.sqlite"), mode: .createIfMissing)
        _ = try a.importJSONL(path: input)
        var exported: [String] = []
        let codec = JSONLCodec()
        try a.exportRecords { exported.append(try codec.encode($0)) }
        let out = dir.write("out.jsonl", exported.joined(separator: "\n") + "\n")
        let b = try Store.open(dir.path("b.sqlite"), mode: .createIfMissing)
        _ = try b.importJSONL(path: out)
        var again: [String] = []
        try b.exportRecords { again.append(try codec.encode($0)) }
        #expect(again == exported)
        #expect(try a.info() == b.info())
        // The run keeps its examples in prompt order.
        let run = exported.first { $0.contains(#""type":"run""#) }
        #expect(run?.contains(#""examples":[2,1]"#) == true)
    }
}
