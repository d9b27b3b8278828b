import EMCore
import Foundation

/// Escapes text for HTML and XML (element content and quoted attribute values): `& < > " '`.
/// Every string from the store goes through this before it enters a report's HTML or SVG.
public enum HTMLEscape {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF) are replaced.
                if (u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}

/// The same dose-response chart as `DoseChartText`, as one self-contained SVG element: axes with
/// ticks and labels, k on a log₂ scale with k = 0 at the left edge past a break, one marker shape
/// (and colour) per series, Wilson 95 % whiskers with caps, and a legend. No scripts, no external
/// resources; names are HTML-escaped.
public enum DoseChartSVG {
    /// Marker shapes in series order (the text chart's glyphs: filled then open circle, triangle,
    /// square, diamond; then cross and plus).
    static let shapes = ["circle", "triangle", "square", "diamond", "circle-open", "triangle-open", "square-open",
                         "diamond-open", "cross", "plus"]
    /// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies).
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// `title` is display text (e.g. `DosePanel.title(display:)`); series names are made safe with
    /// `display` and escaped here.
    public static func render(_ series: [DoseSeries], title: String, width: Int = 640, height: Int = 360,
                              yMax: ChartYMax = .auto, display: DisplayText) -> String {
        let scale = DoseScale(series: series, yMax: yMax)
        let legendRows = max(1, Int((Double(series.count) / 3).rounded(.up)))
        let left = 60.0, right = 20.0, top = 36.0
        let bottom = 62.0 + 18.0 * Double(legendRows)
        let w = Double(width), h = Double(height)
        let plotW = w - left - right, plotH = h - top - bottom
        let zeroX = left + 12
        let logStart = scale.hasZero ? left + 58 : left + 16
        let logEnd = w - right - 16
        func x(_ k: Int) -> Double {
            k == 0 ? zeroX : logStart + scale.logFraction(k) * (logEnd - logStart)
        }
        func y(_ v: Double) -> Double { top + (1 - scale.yFraction(v)) * plotH }
        let n = series.count
        var spacing = Double.infinity
        let xs = scale.ks.map(x)
        for i in xs.indices.dropFirst() { spacing = min(spacing, xs[i] - xs[i - 1]) }
        let dodgeStep = n > 1 ? min(6, spacing / Double(n + 1)) : 0
        func px(_ s: Int, _ k: Int) -> Double { x(k) + (Double(s) - Double(n - 1) / 2) * dodgeStep }

        var o = ""
        o += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\""
        o += " role=\"img\" font-family=\"sans-serif\" font-size=\"11\">\n"
        o += "<title>\(HTMLEscape.escape(title))</title>\n"
        o += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        o += "<text x=\"\(f(left))\" y=\"16\" font-size=\"12\">\(HTMLEscape.escape(title))</text>\n"
        // Y grid, ticks and labels.
        for tick in scale.yTicks {
            let ty = y(tick)
            o += "<line x1=\"\(f(left))\" y1=\"\(f(ty))\" x2=\"\(f(left + plotW))\" y2=\"\(f(ty))\" stroke=\"#e0e0e0\"/>\n"
            o += "<line x1=\"\(f(left - 4))\" y1=\"\(f(ty))\" x2=\"\(f(left))\" y2=\"\(f(ty))\" stroke=\"#000000\"/>\n"
            o += "<text x=\"\(f(left - 6))\" y=\"\(f(ty + 4))\" text-anchor=\"end\">\(DoseScale.percentLabel(tick))</text>\n"
        }
        o += "<text x=\"14\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f(top + plotH / 2)))\">EM rate (% of kept)</text>\n"
        // Axes; the x axis breaks between k = 0 and the log scale.
        let axisY = top + plotH
        o += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(axisY))\" stroke=\"#000000\"/>\n"
        if scale.hasZero {
            let breakA = zeroX + 14, breakB = logStart - 16
            o += "<line x1=\"\(f(left))\" y1=\"\(f(axisY))\" x2=\"\(f(breakA))\" y2=\"\(f(axisY))\" stroke=\"#000000\"/>\n"
            o += "<line x1=\"\(f(breakB))\" y1=\"\(f(axisY))\" x2=\"\(f(left + plotW))\" y2=\"\(f(axisY))\" stroke=\"#000000\"/>\n"
            for bx in [breakA, breakB] {
                o += "<line x1=\"\(f(bx - 3))\" y1=\"\(f(axisY + 5))\" x2=\"\(f(bx + 3))\" y2=\"\(f(axisY - 5))\" stroke=\"#000000\"/>\n"
            }
        } else {
            o += "<line x1=\"\(f(left))\" y1=\"\(f(axisY))\" x2=\"\(f(left + plotW))\" y2=\"\(f(axisY))\" stroke=\"#000000\"/>\n"
        }
        for k in scale.ks {
            let kx = x(k)
            o += "<line x1=\"\(f(kx))\" y1=\"\(f(axisY))\" x2=\"\(f(kx))\" y2=\"\(f(axisY + 4))\" stroke=\"#000000\"/>\n"
            o += "<text x=\"\(f(kx))\" y=\"\(f(axisY + 16))\" text-anchor=\"middle\">\(k)</text>\n"
        }
        o += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(axisY + 32))\" text-anchor=\"middle\">k, in-context examples (log scale; k = 0 at the left edge)</text>\n"
        // Whiskers, then points.
        for (s, line) in series.enumerated() {
            let colour = colours[s % colours.count]
            for p in line.points {
                guard p.rate != nil, let interval = p.interval else { continue }
                let wx = px(s, p.k), hi = y(interval.high), lo = y(interval.low)
                o += "<line x1=\"\(f(wx))\" y1=\"\(f(hi))\" x2=\"\(f(wx))\" y2=\"\(f(lo))\" stroke=\"\(colour)\"/>\n"
                for cy in [hi, lo] {
                    o += "<line x1=\"\(f(wx - 3))\" y1=\"\(f(cy))\" x2=\"\(f(wx + 3))\" y2=\"\(f(cy))\" stroke=\"\(colour)\"/>\n"
                }
            }
        }
        for (s, line) in series.enumerated() {
            for p in line.points {
                guard let rate = p.rate else { continue }
                let label = "\(display.name(line.name)), k=\(p.k): \(FindingsFormat.percent(rate)) % "
                    + "\(FindingsFormat.interval(p.interval)) n=\(p.kept)"
                o += marker(s, x: px(s, p.k), y: y(rate), tooltip: label) + "\n"
            }
        }
        // Legend.
        for (s, line) in series.enumerated() {
            let lx = left + Double(s % 3) * (plotW / 3)
            let ly = axisY + 50 + 18 * Double(s / 3)
            o += marker(s, x: lx + 5, y: ly - 4, tooltip: nil)
            o += "<text x=\"\(f(lx + 14))\" y=\"\(f(ly))\">\(HTMLEscape.escape(display.name(line.name)))</text>\n"
        }
        o += "</svg>"
        return o
    }

    /// Series `s`'s marker at (x, y), with an optional escaped `<title>` tooltip.
    static func marker(_ s: Int, x: Double, y: Double, tooltip: String?) -> String {
        let colour = colours[s % colours.count]
        let shape = shapes[s % shapes.count]
        let open = shape.hasSuffix("-open")
        let paint = open ? "fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"1.5\"" : "fill=\"\(colour)\" stroke=\"\(colour)\""
        let tip = tooltip.map { "<title>\(HTMLEscape.escape($0))</title>" } ?? ""
        let r = 4.0
        let body: String
        switch shape.replacingOccurrences(of: "-open", with: "") {
        case "circle":
            body = "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" \(paint)>\(tip)</circle>"
        case "triangle":
            body = "<polygon points=\"\(f(x)),\(f(y - r - 1)) \(f(x - r - 0.5)),\(f(y + r)) \(f(x + r + 0.5)),\(f(y + r))\" \(paint)>\(tip)</polygon>"
        case "square":
            body = "<rect x=\"\(f(x - r))\" y=\"\(f(y - r))\" width=\"\(f(2 * r))\" height=\"\(f(2 * r))\" \(paint)>\(tip)</rect>"
        case "diamond":
            body = "<polygon points=\"\(f(x)),\(f(y - r - 1)) \(f(x + r + 1)),\(f(y)) \(f(x)),\(f(y + r + 1)) \(f(x - r - 1)),\(f(y))\" \(paint)>\(tip)</polygon>"
        case "cross":
            body = "<path d=\"M\(f(x - r)) \(f(y - r))L\(f(x + r)) \(f(y + r))M\(f(x - r)) \(f(y + r))L\(f(x + r)) \(f(y - r))\" stroke=\"\(colour)\" stroke-width=\"2\" fill=\"none\">\(tip)</path>"
        default:
            body = "<path d=\"M\(f(x - r)) \(f(y))L\(f(x + r)) \(f(y))M\(f(x)) \(f(y - r))L\(f(x)) \(f(y + r))\" stroke=\"\(colour)\" stroke-width=\"2\" fill=\"none\">\(tip)</path>"
        }
        return body
    }

    /// One decimal, no locale.
    static func f(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
