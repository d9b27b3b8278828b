/// A report as blocks of display text, rendered to Markdown or to one self-contained HTML page.
///
/// Block text is *display text*: store strings in it were already made safe (`DisplayText.safe`). The
/// renderers still escape everything they emit — Markdown punctuation with backslashes, HTML with
/// entities — so a hostile model or dataset name can neither break a table nor inject markup.
public enum ReportBlock: Hashable, Sendable {
    case heading(level: Int, text: String)
    case paragraph(String)
    /// A table; `numeric` columns are right-aligned.
    case table(header: [String], rows: [[String]], numeric: Set<Int>)
    /// A chart: its title, the text rendering (a code block in Markdown) and the SVG (in HTML).
    case chart(title: String, text: [String], svg: String)
    /// Preformatted lines (a code block).
    case preformatted([String])
}

public struct ReportDocument: Hashable, Sendable {
    public var title: String
    public var blocks: [ReportBlock]

    public init(title: String, blocks: [ReportBlock]) {
        self.title = title
        self.blocks = blocks
    }

    // MARK: Markdown

    /// CommonMark/GFM text. Charts are fenced code blocks whose fence is longer than any run of
    /// backticks inside them.
    public func markdown() -> String {
        var out = "# \(Self.markdownText(title))\n"
        for block in blocks {
            out += "\n"
            switch block {
            case .heading(let level, let text):
                out += String(repeating: "#", count: min(6, max(1, level))) + " " + Self.markdownText(text) + "\n"
            case .paragraph(let text):
                out += Self.markdownText(text) + "\n"
            case .table(let header, let rows, let numeric):
                out += "| " + header.map(Self.markdownText).joined(separator: " | ") + " |\n"
                out += "|" + header.indices.map { numeric.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
                for row in rows { out += "| " + row.map(Self.markdownText).joined(separator: " | ") + " |\n" }
            case .chart(let title, let text, _):
                out += Self.markdownText(title) + "\n\n" + Self.codeBlock(text)
            case .preformatted(let lines):
                out += Self.codeBlock(lines)
            }
        }
        return out
    }

    static func codeBlock(_ lines: [String]) -> String {
        var longest = 0
        for line in lines {
            var run = 0
            for c in line {
                run = c == "`" ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "text\n" + lines.joined(separator: "\n") + "\n" + fence + "\n"
    }

    /// Text shown literally by CommonMark/GFM (line breaks become spaces). Backslash-escaped: `\\`,
    /// `|`, `*` and backticks always; `_` outside a word; `~~`; `<` before a letter, `/`, `!` or `?` (an HTML
    /// tag or autolink); `&` before a letter or `#` (an entity); `]` before `(`, `[` or `:` (a link); `#`
    /// at the start. Brackets of plain intervals such as `[8.1, 18.8]` stay as they are.
    public static func markdownText(_ text: String) -> String {
        var out = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            switch c {
            case "\n", "\r": out += " "
            case "\\", "`", "*", "|":
                out += "\\" + String(c)
            case "_":
                let inWord = i > 0 && next != nil && chars[i - 1].isLetterOrNumber && next!.isLetterOrNumber
                out += inWord ? "_" : "\\_"
            case "~":
                out += next == "~" || (i > 0 && chars[i - 1] == "~") ? "\\~" : "~"
            case "<":
                out += next.map { $0.isLetter || $0 == "/" || $0 == "!" || $0 == "?" } == true ? "\\<" : "<"
            case "&":
                out += next.map { $0.isLetter || $0 == "#" } == true ? "\\&" : "&"
            case "]":
                out += next == "(" || next == "[" || next == ":" ? "\\]" : "]"
            case "#":
                out += i == 0 ? "\\#" : "#"
            default:
                out.append(c)
            }
        }
        return out
    }

    // MARK: HTML

    /// One HTML page: an inline stylesheet, no scripts, no external resources. Every text is escaped.
    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>\(HTMLEscape.escape(title))</title>\n"
        out += "<style>\nbody { font-family: sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em; color: #111; }\n"
        out += "table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }\n"
        out += "th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; }\n"
        out += "td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
        out += "figure { margin: 1.5em 0; } pre { background: #f6f6f6; padding: 0.5em; overflow-x: auto; }\n</style>\n"
        out += "</head>\n<body>\n<h1>\(HTMLEscape.escape(title))</h1>\n"
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                let l = min(6, max(1, level))
                out += "<h\(l)>\(HTMLEscape.escape(text))</h\(l)>\n"
            case .paragraph(let text):
                out += "<p>\(HTMLEscape.escape(text))</p>\n"
            case .table(let header, let rows, let numeric):
                out += "<table>\n<thead><tr>"
                for (i, cell) in header.enumerated() {
                    out += numeric.contains(i) ? "<th class=\"num\">" : "<th>"
                    out += HTMLEscape.escape(cell) + "</th>"
                }
                out += "</tr></thead>\n<tbody>\n"
                for row in rows {
                    out += "<tr>"
                    for (i, cell) in row.enumerated() {
                        out += numeric.contains(i) ? "<td class=\"num\">" : "<td>"
                        out += HTMLEscape.escape(cell) + "</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
            case .chart(let title, _, let svg):
                out += "<figure>\n\(svg)\n<figcaption>\(HTMLEscape.escape(title))</figcaption>\n</figure>\n"
            case .preformatted(let lines):
                out += "<pre>" + HTMLEscape.escape(lines.joined(separator: "\n")) + "</pre>\n"
            }
        }
        out += "</body>\n</html>\n"
        return out
    }

    // MARK: Reading Markdown back

    /// Blocks from simple Markdown (ATX headings, pipe tables, paragraphs), such as the agreement
    /// report's: a table cell's `\|` becomes `|`. Headings are shifted down by `headingShift` levels.
    public static func blocks(fromMarkdown text: String, headingShift: Int = 0) -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        var paragraph: [String] = []
        var table: [[String]] = []
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
            paragraph = []
            if table.count >= 2 {
                blocks.append(.table(header: table[0], rows: Array(table.dropFirst(2)), numeric: []))
            } else if let only = table.first {
                blocks.append(.paragraph(only.joined(separator: " | ")))
            }
            table = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.trimmed.isEmpty { flush(); continue }
            if line.hasPrefix("#") {
                flush()
                let level = line.prefix { $0 == "#" }.count
                let title = line.dropFirst(level).trimmed
                blocks.append(.heading(level: level + headingShift, text: title))
                continue
            }
            if line.hasPrefix("|") {
                if !paragraph.isEmpty { flush() }
                table.append(splitRow(line))
                continue
            }
            if !table.isEmpty { flush() }
            paragraph.append(line.trimmed)
        }
        flush()
        return blocks
    }

    static func splitRow(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        var body = Substring(line)
        if body.hasPrefix("|") { body = body.dropFirst() }
        for c in body {
            if escaped {
                if c != "|" { current.append("\\") }
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "|" {
                cells.append(current.trimmed)
                current = ""
            } else {
                current.append(c)
            }
        }
        if escaped { current.append("\\") }
        if !current.trimmed.isEmpty { cells.append(current.trimmed) }
        return cells
    }
}

extension StringProtocol {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

extension Character {
    var isLetterOrNumber: Bool { isLetter || isNumber }
}
