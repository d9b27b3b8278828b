import CSV
import Foundation

/// Splits CSV bytes at record boundaries so that CSV.swift can parse the pieces on several
/// threads, and hands the rows back in file order.
///
/// CSV.swift does the parsing (fields, quotes, `""` escapes, CRLF); this type only decides where
/// one record ends and the next begins. It follows the same rules as CSV.swift: a `"` opens a
/// quoted field only at the start of a field, `""` inside one is a quote, and a quoted field ends
/// at a `"` that is not doubled. A line end (LF, CR LF or a lone CR) outside a quoted field ends a
/// record, so a parser started just after it reads exactly the rows a parser started at the top
/// would read there.
struct CSVChunks {
    /// A piece of the file: whole records, and the line its first record starts on.
    struct Chunk: Sendable {
        var bytes: Range<Int>
        var line: Int
    }

    /// Where the header ends, the pieces after it, the number of lines, and the line where a
    /// quoted field opens and is never closed (then `chunks` is empty).
    var headerEnd: Int
    var chunks: [Chunk]
    var lines: Int
    var unterminatedQuoteLine: Int?

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// One pass over the bytes. Pieces are about `chunkBytes` long, cut only where a record ends;
    /// the first record (the header) is kept apart. A record ends at a line feed, a CR LF, or a
    /// lone CR (old Mac line ends) outside a quoted field; each of those is also one line.
    init(_ data: Data, chunkBytes: Int = 1 << 20) {
        var headerEnd: Int?
        var chunks: [Chunk] = []
        var line = 1
        var openedAt = 0
        var state = State.fieldStart
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var chunkStart = 0
            var chunkLine = 1
            for i in bytes.indices {
                let b = bytes[i]
                let crBeforeLF = b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A
                let lineBreak = b == 0x0A || (b == 0x0D && !crBeforeLF)
                if lineBreak { line += 1 }
                switch state {
                case .fieldStart, .unquoted, .quoteInQuoted:
                    switch b {
                    case 0x22 where state == .fieldStart:
                        state = .quoted
                        openedAt = line
                    case 0x22 where state == .quoteInQuoted:
                        state = .quoted // an escaped quote
                    case 0x2C:
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        state = .fieldStart
                        guard lineBreak else { continue } // the CR of a CR LF: the LF ends the record
                        let end = i + 1
                        if headerEnd == nil {
                            headerEnd = end
                            chunkStart = end
                            chunkLine = line
                        } else if end - chunkStart >= chunkBytes {
                            chunks.append(Chunk(bytes: chunkStart..<end, line: chunkLine))
                            chunkStart = end
                            chunkLine = line
                        }
                    default:
                        // Text after a closing quote stays in the quoted field, as CSV.swift reads it.
                        state = state == .quoteInQuoted ? .quoted : .unquoted
                    }
                case .quoted:
                    if b == 0x22 { state = .quoteInQuoted }
                }
            }
            if headerEnd == nil {
                headerEnd = bytes.count
                chunkStart = bytes.count
            }
            if chunkStart < bytes.count { chunks.append(Chunk(bytes: chunkStart..<bytes.count, line: chunkLine)) }
        }
        self.headerEnd = headerEnd ?? 0
        self.lines = line
        if state == .quoted {
            self.unterminatedQuoteLine = openedAt
            self.chunks = []
        } else {
            self.unterminatedQuoteLine = nil
            self.chunks = chunks
        }
    }

    /// The first line (counted as the scan counts them) that is not valid UTF-8.
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var start = 0
        for i in bytes.indices {
            let b = bytes[i]
            guard b == 0x0A || (b == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) else { continue }
            if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return String(validating: bytes[start...], as: UTF8.self) == nil ? line : nil
    }

    /// Line breaks in a field's text, counted as the scan counts them (LF, CR LF, lone CR).
    static func lineBreaks(in text: String) -> Int {
        var n = 0
        var afterCR = false
        for b in text.utf8 {
            if b == 0x0A {
                n += 1
                afterCR = false
            } else {
                if afterCR { n += 1 }
                afterCR = b == 0x0D
            }
        }
        return n + (afterCR ? 1 : 0)
    }

    /// The rows of one piece, or the line of its first byte that is not UTF-8.
    struct Rows: Sendable {
        var chunk: Chunk
        var rows: [[String]]
        var invalidUTF8Line: Int?

        /// The line row `index` starts on, counted only when a message needs it.
        func line(ofRow index: Int) -> Int {
            var line = chunk.line
            for row in rows.prefix(index) {
                line += 1 + row.reduce(0) { $0 + CSVChunks.lineBreaks(in: $1) }
            }
            return line
        }
    }

    static func parse(_ data: Data, _ chunk: Chunk) -> Rows {
        let slice = data[data.startIndex + chunk.bytes.lowerBound ..< data.startIndex + chunk.bytes.upperBound]
        guard let text = String(validating: slice, as: UTF8.self) else {
            return Rows(chunk: chunk, rows: [],
                        invalidUTF8Line: chunk.line - 1 + (firstInvalidUTF8Line(Array(slice)) ?? 1))
        }
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else { return Rows(chunk: chunk, rows: []) }
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return Rows(chunk: chunk, rows: rows) // a reader of a String never reports an error
    }
}

/// Runs `transform` over the items `0..<count` on up to `workers` threads, and gives the results
/// to `body` in order, with at most `window` results waiting. When `body` returns false or throws,
/// no further item is started, and the call returns once the running ones have finished.
enum OrderedParallelMap {
    static func run<Result: Sendable>(count: Int, workers: Int, window: Int,
                                      transform: @escaping @Sendable (Int) -> Result,
                                      body: (Result) throws -> Bool) throws {
        guard count > 0 else { return }
        let state = State<Result>(window: max(1, window))
        let threads = max(1, min(workers, count))
        state.running = threads
        for _ in 0..<threads {
            let thread = Thread {
                while let i = state.take(count: count) { state.put(i, transform(i)) }
                state.workerDone()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        defer { state.stopAndWait() }
        for i in 0..<count {
            guard try body(state.result(i)) else { return }
        }
    }

    private final class State<Result: Sendable>: @unchecked Sendable {
        let condition = NSCondition()
        let window: Int
        var next = 0
        var consumed = 0
        var results: [Int: Result] = [:]
        var stopped = false
        var running = 0

        init(window: Int) { self.window = window }

        /// The next item to work on, waiting while the window is full; nil when there is none.
        func take(count: Int) -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while !stopped && next < count && next >= consumed + window { condition.wait() }
            guard !stopped, next < count else { return nil }
            next += 1
            return next - 1
        }

        func put(_ i: Int, _ result: Result) {
            condition.lock()
            results[i] = result
            condition.broadcast()
            condition.unlock()
        }

        func result(_ i: Int) -> Result {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let result = results.removeValue(forKey: i) {
                    consumed = i + 1
                    condition.broadcast()
                    return result
                }
                condition.wait()
            }
        }

        func workerDone() {
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }

        func stopAndWait() {
            condition.lock()
            stopped = true
            condition.broadcast()
            while running > 0 { condition.wait() }
            condition.unlock()
        }
    }
}
