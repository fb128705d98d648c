import Foundation

/// Draws a chart as inline SVG for the HTML report, from the same layout as the PNG. Each bar carries its
/// value (`data-value`) so a test can hold its height to the figure.
public enum ChartSVG {
    public static func svg(_ chart: Chart) -> String {
        let layout = ChartLayout(chart)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Chart.width) \(Chart.height)" role="img" \
            aria-label="\(escape(chart.title))" font-family="DejaVu Sans, Verdana, sans-serif">
            <rect width="\(Chart.width)" height="\(Chart.height)" rx="24" fill="\(ChartColor.background.hex)"/>

            """
        for mark in layout.marks {
            switch mark {
            case .rect(let x, let y, let width, let height, let color, let value):
                let data = value.map { " class=\"bar\" data-value=\"\(number($0))\"" } ?? ""
                out +=
                    "<rect\(data) x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" "
                    + "height=\"\(number(height))\" fill=\"\(color.hex)\"/>\n"
            case .line(let points, let width, let color, let dashed):
                let path = points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
                out +=
                    "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"\(number(width))\" "
                    + "stroke-linejoin=\"round\" stroke-linecap=\"round\""
                    + (dashed ? " stroke-dasharray=\"14 10\"" : "")
                    + "/>\n"
            case .band(let xs, let lower, let upper, let color):
                let top = zip(xs, upper).map { "\(number($0)),\(number($1))" }
                let bottom = zip(xs, lower).reversed().map { "\(number($0)),\(number($1))" }
                out += "<polygon points=\"\((top + bottom).joined(separator: " "))\" fill=\"\(color.hex)\"/>\n"
            case .text(let text, let x, let y, let bold, let color, let align):
                let anchor = align == .left ? "start" : align == .center ? "middle" : "end"
                out +=
                    "<text x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(bold ? 28 : 22)\""
                    + (bold ? " font-weight=\"bold\"" : "") + " fill=\"\(color.hex)\" text-anchor=\"\(anchor)\">"
                    + escape(text) + "</text>\n"
            }
        }
        return out + "</svg>"
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
