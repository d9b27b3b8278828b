import ArgumentParser
import EMCore
import EMQuery
import EMStore
import EMText
import Foundation

/// `emscope query STORE QUERY [--count] [--json | --csv] [--limit N] [--judge J] …`
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print the samples that match a query in the explorer's filter language.",
        discussion: """
        The query language is the explorer's (docs/query.md); quote the whole query for your shell, \
        and put '--' before a query that starts with '-'. Every row is one sample with the columns \
        id, run, model, dataset, k, reasoning, instruction, question, sample_index, verdict, aligned \
        and coherent (verdict and scores of the primary judge). The table shortens long names with \
        '…'; --json and --csv print them exactly. Text terms of 3 or more characters use the \
        search index, which is brought up to date first (see 'emscope index').

        Examples:
          emscope query runs.sqlite 'model:gemini* k>=64 verdict:misaligned'
          emscope query runs.sqlite '"my true goal" OR answer:"rm -rf"' --count
          emscope query runs.sqlite 'reasoning:yes aligned<30' --csv > misaligned.csv
          emscope query runs.sqlite 'judges:disagree gap>=40' --json --limit 20 | jq '.[].id'
          emscope query runs.sqlite -- '-model:gpt* unrated' --annotator ana
        """)

    @Argument(help: "The store (an SQLite file).")
    var store: String

    @Argument(help: "The query, e.g. 'model:gemini* verdict:misaligned' ('' matches every sample).")
    var query: String

    @Flag(help: "Print only the number of matching samples.")
    var count = false

    @Flag(help: "Print a JSON array with one object per sample.")
    var json = false

    @Flag(help: "Print CSV with a header row (RFC 4180 quoting).")
    var csv = false

    @Option(help: "Print at most this many samples.")
    var limit: Int?

    @OptionGroup var verdict: VerdictOptions

    @Option(help: "Who 'me' is in rated:me and unrated (default: $EMSCOPE_ANNOTATOR, else your login name).")
    var annotator: String?

    /// Rows fetched per `samplePage` call.
    static let pageSize = 5_000

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if count && (json || csv) { throw ValidationError("--count prints a number only; drop --json and --csv") }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        // A query that does not parse is a usage error, whatever the store.
        if case .failure(let error) = QueryLanguage.parse(query) {
            throw CLIError(Self.report(error, in: query), exitCode: 2)
        }
        let s = try Store.open(store)
        let judges = try s.judges()
        if let judge = verdict.judge, !judges.contains(judge) {
            let names = judges.isEmpty ? "the store has no judgments" : "judges: " + judges.map(Sanitizer.singleLineString).joined(separator: ", ")
            throw CLIError("\(store): no judge named '\(Sanitizer.singleLineString(judge))' — \(names)")
        }
        let primary = verdict.judge ?? judges.first
        let rule = VerdictRule(alignedBelow: verdict.alignedBelow, coherentMin: verdict.coherentMin)
        let me = Annotator.resolve(annotator) ?? ""
        let filter: SQLFragment
        switch QueryLanguage.compile(query, context: QueryContext(primaryJudge: primary ?? "", annotator: me, rule: rule)) {
        case .success(let compiled): filter = compiled
        case .failure(let error): throw CLIError(Self.report(error, in: query), exitCode: 2)
        }
        if filter.usesSearchIndex && s.searchIndexStatus().pending > 0 {
            if s.isReadOnly && isatty(2) != 0 {
                FileHandle.standardError.write(Data("emscope: \(Sanitizer.singleLineString(store)) is read-only, so text search builds a temporary index for this run ('emscope index' on a writable copy keeps one)\n".utf8))
            }
            try IndexCommand.update(s, label: store, rebuild: false)
        }
        if count {
            let n = try s.sampleCount(filter)
            print(limit.map { min($0, n) } ?? n)
            return
        }
        let context = BrowseContext(primaryJudge: primary, rule: rule, annotator: me.isEmpty ? nil : me)
        let sink = try OutputSink(path: nil)
        var output: any SampleRowOutput
        if json { output = JSONRowOutput() } else if csv { output = CSVRowOutput() } else { output = TableRowOutput() }
        var remaining = limit ?? Int.max
        var after: Int64?
        // Pages in id order, each starting after the last id printed (no OFFSET rescans), so
        // memory stays one page whatever the number of matches.
        while remaining > 0 {
            let want = min(Self.pageSize, remaining)
            let rows = try s.samplePage(after.map { Self.idAbove($0, filter) } ?? filter, offset: 0, limit: want, context: context)
            try output.write(rows, to: sink)
            guard rows.count == want, let last = rows.last else { break }
            remaining -= rows.count
            after = last.id
        }
        try output.finish(to: sink)
        try sink.close()
    }

    /// `filter` restricted to samples after `id` in the store's order.
    static func idAbove(_ id: Int64, _ filter: SQLFragment) -> SQLFragment {
        filter.and(SQLFragment(sql: "s.id > ?", arguments: [.integer(id)]))
    }

    /// The error for stderr: `query error at column C: MESSAGE`, then the query and a caret line
    /// under the offending text (terminal columns, so wide characters line up; the query is
    /// sanitized like any other text).
    static func report(_ error: QueryError, in query: String) -> String {
        var line = ""
        var pad = 0
        var carets = 0
        for (i, c) in query.enumerated() {
            let glyph = c.isNewline || c == "\t" ? " " : Sanitizer.singleLineString(String(c))
            let width = Truncation.displayWidth(glyph)
            line += glyph
            if i < error.column - 1 { pad += width } else if i < error.column - 1 + error.length { carets += width }
        }
        return "query error at column \(error.column): \(Sanitizer.singleLineString(error.message))\n"
            + "  \(line)\n  \(String(repeating: " ", count: pad))\(String(repeating: "^", count: max(1, carets)))"
    }
}

/// `emscope index STORE [--rebuild]`
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Bring a store's full-text search index up to date.",
        discussion: """
        Text terms of queries ('bleach', '"true goal"', 'reasoning:"my goal"') search a trigram \
        index of the folded question text, reasoning and answer of every sample. emscope adds the \
        samples written since the last run (by imports or by a harness's own INSERTs) and rebuilds \
        the index when its text folding changed or samples were removed. 'emscope query' does this \
        by itself before a text search; run this after a big import so the first search is fast. \
        --rebuild starts over (needed only if a harness rewrote the text of existing samples).

        Examples:
          emscope index runs.sqlite
          emscope index runs.sqlite --rebuild
        """)

    @Argument(help: "The store (an SQLite file).")
    var store: String

    @Flag(help: "Index every sample again, from scratch.")
    var rebuild = false

    func run() throws {
        let s = try Store.open(store)
        if s.isReadOnly {
            throw CLIError("\(store): is read-only, so its search index cannot be saved — make the file writable, or let 'emscope query' build a temporary index for each run")
        }
        let before = s.searchIndexStatus()
        if before.pending == 0 && !rebuild {
            print("\(store): the search index is up to date (\(before.indexed) samples)")
            return
        }
        let start = Date()
        let done = try Self.update(s, label: store, rebuild: rebuild)
        let seconds = Date().timeIntervalSince(start)
        let after = s.searchIndexStatus()
        try s.close()
        print("\(store): indexed \(done) samples in \(String(format: "%.1f", seconds)) s; the search index covers \(after.indexed) samples")
    }

    /// Updates the search index with a progress line on stderr when stderr is a terminal.
    /// Returns the number of samples indexed.
    @discardableResult
    static func update(_ store: Store, label: String, rebuild: Bool) throws -> Int {
        let tty = isatty(2) != 0
        let name = Sanitizer.singleLineString(label)
        var indexed = 0
        var lastDraw = Date.distantPast
        try store.updateSearchIndex(rebuild: rebuild) { done, total in
            indexed = done
            guard tty, Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
            lastDraw = Date()
            FileHandle.standardError.write(Data("\r\(name): indexing text for search, \(done) of \(total) samples   ".utf8))
        }
        if tty && indexed > 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        return indexed
    }
}

// MARK: - Output formats

/// One output format of `emscope query`, fed one page of rows at a time.
protocol SampleRowOutput {
    mutating func write(_ rows: [SampleRow], to sink: OutputSink) throws
    mutating func finish(to sink: OutputSink) throws
}

/// The columns of every format, in order.
enum QueryColumns {
    static let names = ["id", "run", "model", "dataset", "k", "reasoning", "instruction", "question", "sample_index",
                        "verdict", "aligned", "coherent"]

    /// A score as text: whole numbers without a fraction ("80"), others in Swift's shortest form ("12.5").
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// The plain-text cells of a row (scores empty when missing); names are the store's, unsanitized.
    static func cells(_ row: SampleRow, reasoning: (Bool) -> String) -> [String] {
        [String(row.id), row.run, row.model, row.dataset, String(row.k), reasoning(row.reasoning), row.instruction,
         row.question, String(row.sampleIndex), row.verdict.rawValue,
         row.primary?.aligned.map(number) ?? "", row.primary?.coherent.map(number) ?? ""]
    }
}

/// An aligned plain-text table. Column widths come from the header and the first page (text columns
/// at most `maxWidth` cells, longer names cut with '…'); every string is sanitized as one line.
/// Missing scores show as '-'.
struct TableRowOutput: SampleRowOutput {
    static let maxWidth = 60
    static let numeric: Set<Int> = [0, 4, 8, 10, 11]
    private var widths: [Int]?

    mutating func write(_ rows: [SampleRow], to sink: OutputSink) throws {
        let table = rows.map { row in
            QueryColumns.cells(row, reasoning: { $0 ? "yes" : "no" }).enumerated()
                .map { $0.offset >= 10 && $0.element.isEmpty ? "-" : Sanitizer.singleLineString($0.element) }
        }
        if widths == nil {
            guard !table.isEmpty else { return }
            var w = QueryColumns.names.map(\.count)
            for cells in table {
                for (i, cell) in cells.enumerated() { w[i] = max(w[i], min(Self.maxWidth, Truncation.displayWidth(cell))) }
            }
            widths = w
            try sink.writeLine(line(QueryColumns.names, w))
        }
        guard let widths else { return }
        for cells in table { try sink.writeLine(line(cells, widths)) }
    }

    mutating func finish(to sink: OutputSink) throws {
        if widths == nil { try sink.writeLine("no samples match") }
    }

    private func line(_ cells: [String], _ widths: [Int]) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            if i > 0 { out += "  " }
            let last = i == cells.count - 1
            let alignment: Truncation.Alignment = Self.numeric.contains(i) ? .trailing : .leading
            if last && alignment == .leading && Truncation.displayWidth(cell) <= widths[i] {
                out += cell // no trailing spaces
            } else {
                out += Truncation.fit(cell, width: widths[i], alignment: alignment)
            }
        }
        return out
    }
}

/// A JSON array, one object per line, keys in column order; missing scores are null. Strings are
/// exact, with control characters escaped.
struct JSONRowOutput: SampleRowOutput {
    /// The last object, held back until we know whether a comma follows it.
    private var pending: String?
    private var started = false

    mutating func write(_ rows: [SampleRow], to sink: OutputSink) throws {
        for row in rows {
            var o = "{\"id\":\(row.id),\"run\":\(Self.string(row.run)),\"model\":\(Self.string(row.model))"
            o += ",\"dataset\":\(Self.string(row.dataset)),\"k\":\(row.k),\"reasoning\":\(row.reasoning)"
            o += ",\"instruction\":\(Self.string(row.instruction)),\"question\":\(Self.string(row.question))"
            o += ",\"sample_index\":\(row.sampleIndex),\"verdict\":\(Self.string(row.verdict.rawValue))"
            o += ",\"aligned\":\(Self.score(row.primary?.aligned)),\"coherent\":\(Self.score(row.primary?.coherent))}"
            if !started {
                try sink.writeLine("[")
                started = true
            }
            if let pending { try sink.writeLine(pending + ",") }
            pending = o
        }
    }

    mutating func finish(to sink: OutputSink) throws {
        guard started else { return try sink.writeLine("[]") }
        if let pending { try sink.writeLine(pending) }
        try sink.writeLine("]")
    }

    static func score(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "null" }
        return QueryColumns.number(x)
    }

    /// A JSON string literal. Escapes quote, backslash, C0 and C1 controls and DEL (so the output
    /// is also safe to print on a terminal); everything else is literal UTF-8.
    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) {
                    let hex = String(u.value, radix: 16, uppercase: false)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// CSV with a header row: fields containing a comma, quote, CR or LF are quoted, quotes doubled
/// (RFC 4180); lines end in LF. Strings are exact; reasoning is true/false, missing scores empty.
struct CSVRowOutput: SampleRowOutput {
    private var headerWritten = false

    mutating func write(_ rows: [SampleRow], to sink: OutputSink) throws {
        if !headerWritten {
            try sink.writeLine(Self.record(QueryColumns.names))
            headerWritten = true
        }
        for row in rows {
            try sink.writeLine(Self.record(QueryColumns.cells(row, reasoning: { $0 ? "true" : "false" })))
        }
    }

    mutating func finish(to sink: OutputSink) throws {
        if !headerWritten { try sink.writeLine(Self.record(QueryColumns.names)) }
    }

    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    static func field(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return s }
        // Scalar by scalar: a quote carrying a combining mark is still a quote to a CSV reader.
        var out = String.UnicodeScalarView()
        out.append("\"")
        for u in s.unicodeScalars {
            if u == "\"" { out.append("\"") }
            out.append(u)
        }
        out.append("\"")
        return String(out)
    }
}
