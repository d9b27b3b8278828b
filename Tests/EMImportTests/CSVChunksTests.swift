import CSV
import EMCore
@testable import EMImport
import Foundation
import Testing

@Suite("CSV split at record boundaries for parallel parsing")
struct CSVChunksTests {
    /// Rows as one CSV.swift reader sees the whole file (after the header).
    static func sequentialRows(_ text: String) throws -> [[String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    /// Rows from the pieces, parsed separately and joined in order.
    static func chunkedRows(_ text: String, chunkBytes: Int) -> (rows: [[String]], pieces: Int) {
        let data = Data(text.utf8)
        let pieces = CSVChunks(data, chunkBytes: chunkBytes)
        return (pieces.chunks.flatMap { CSVChunks.parse(data, $0).rows }, pieces.chunks.count)
    }

    /// A field drawn from the shapes that make splitting hard: quoted newlines (LF and CRLF),
    /// doubled quotes, commas, a quote inside an unquoted field, empty fields, wide and combining
    /// characters.
    static func field(_ rng: inout SplitMix64) -> String {
        switch rng.next() % 10 {
        case 0: return "\"line one\nline two\""
        case 1: return "\"say \"\"hi\"\", then\r\nleave\""
        case 2: return "\"a, b\""
        case 3: return "5\" tall"
        case 4: return "\"\"\"\"\"\"" // a field of two quotes
        case 5: return ""
        case 6: return "株式 🚀 e\u{301}"
        case 7: return rng.next() % 2 == 0 ? "\"\n\"" : "\"a\rb\"" // a quoted LF, a quoted lone CR
        case 8: return "\"\""
        default: return "plain\(rng.next() % 1000)"
        }
    }

    @Test func piecesParseToExactlyTheRowsOfOneReader() throws {
        var rng = SplitMix64(seed: 7)
        for round in 0..<40 {
            var lines = ["a,\"b\nb\",c"]
            for _ in 0..<(20 + Int(rng.next() % 60)) {
                if rng.next() % 15 == 0 { lines.append(""); continue } // a blank line
                lines.append((0..<3).map { _ in Self.field(&rng) }.joined(separator: ","))
            }
            let ending = ["\n", "\r\n", "\r"][round % 3] // Unix, Windows, old Mac
            let text = lines.joined(separator: ending) + (round % 4 == 0 ? "" : ending)
            let expected = try Self.sequentialRows(text)
            #expect(CSVChunks(Data(text.utf8)).unterminatedQuoteLine == nil)
            for size in [1, 7, 64, 1 << 20] {
                let (rows, pieces) = Self.chunkedRows(text, chunkBytes: size)
                #expect(rows == expected, "round \(round), pieces of \(size) bytes")
                if size == 1 { #expect(pieces > 10) }
            }
        }
    }

    @Test func theHeaderIsKeptApartAndPiecesKnowTheirLine() {
        let text = "id,\"multi\nline header\"\n1,x\n2,\"y\ny\"\n3,z\n"
        let pieces = CSVChunks(Data(text.utf8), chunkBytes: 1)
        #expect(pieces.headerEnd == "id,\"multi\nline header\"\n".utf8.count)
        #expect(pieces.chunks.map(\.line) == [3, 4, 6])
        #expect(pieces.lines == 7)
        #expect(pieces.unterminatedQuoteLine == nil)
    }

    @Test func aQuoteThatNeverClosesIsFoundWhereItOpens() {
        let unclosed = CSVChunks(Data("a,b\n1,2\n3,\"open\n4,5\n6,7\n".utf8))
        #expect(unclosed.unterminatedQuoteLine == 3)
        #expect(unclosed.chunks.isEmpty)
        // A quote inside an unquoted field is text, not an opening quote.
        let stray = CSVChunks(Data("a,b\n1,5\" tall\n2,x\n".utf8))
        #expect(stray.unterminatedQuoteLine == nil)
        // Text after a closing quote keeps CSV.swift inside the quoted field (it keeps the quote
        // and drops the next character): the record ends at the next quote before a line feed.
        let text = "a,b\n1,\"x\"y\nz\"\n2,w\n"
        let (rows, pieces) = Self.chunkedRows(text, chunkBytes: 1)
        #expect(pieces == 2)
        #expect(rows == (try? Self.sequentialRows(text)))
        #expect(rows == [["1", "x\"\nz"], ["2", "w"]])
    }

    @Test func oldMacLineEndsEndRecordsAndCountLines() {
        let text = "a,b\r1,\"x\ry\"\r2,z\r"
        let pieces = CSVChunks(Data(text.utf8), chunkBytes: 1)
        #expect(pieces.headerEnd == 4)
        #expect(pieces.chunks.map(\.line) == [2, 4])
        #expect(pieces.lines == 5)
        #expect(Self.chunkedRows(text, chunkBytes: 1).rows == [["1", "x\ry"], ["2", "z"]])
        #expect(CSVChunks.lineBreaks(in: "a\r\nb\rc\nd\r") == 4)
        #expect(CSVChunks.firstInvalidUTF8Line(Array("a\rb\r\n".utf8) + [0xFF]) == 3)
    }

    @Test func invalidUTF8IsReportedOnItsLine() {
        var data = Data("a,b\n1,2\n3,".utf8)
        data.append(0xFF)
        data.append(contentsOf: Array("\n".utf8))
        let pieces = CSVChunks(data, chunkBytes: 4)
        let lines = pieces.chunks.compactMap { CSVChunks.parse(data, $0).invalidUTF8Line }
        #expect(lines == [3])
    }

    @Test func resultsArriveInOrderAndStoppingStartsNoMore() throws {
        var seen: [Int] = []
        try OrderedParallelMap.run(count: 200, workers: 4, window: 3, transform: { i in
            if i % 7 == 0 { Thread.sleep(forTimeInterval: 0.001) } // finish out of order
            return i * i
        }) { value in
            seen.append(value)
            return true
        }
        #expect(seen == (0..<200).map { $0 * $0 })

        let started2 = Counter()
        var taken = 0
        try OrderedParallelMap.run(count: 1000, workers: 4, window: 3, transform: { i in
            started2.add()
            return i
        }) { _ in
            taken += 1
            return taken < 5
        }
        #expect(taken == 5)
        // Stopping starts nothing more: at most the window beyond what was taken.
        #expect(started2.value <= 5 + 3)

        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try OrderedParallelMap.run(count: 50, workers: 2, window: 2, transform: { $0 }) { v in
                if v == 3 { throw Stop() }
                return true
            }
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}

