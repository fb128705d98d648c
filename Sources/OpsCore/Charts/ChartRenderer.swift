import Foundation

/// Draws a chart as a PNG for chat: anti-aliased, at 2× density, ~20–60 KB.
public enum ChartRenderer {
    public static func png(_ chart: Chart) -> [UInt8] {
        let canvas = raster(ChartLayout(chart))
        return PNGEncoder.encode(width: canvas.width, height: canvas.height, rgb: canvas.rgb)
    }

    static func raster(_ layout: ChartLayout) -> Canvas {
        var canvas = Canvas(width: Chart.width, height: Chart.height, background: .background)
        for mark in layout.marks {
            switch mark {
            case .rect(let x, let y, let width, let height, let color, _):
                canvas.fill(x0: x, y0: y, x1: x + width, y1: y + height, color)
            case .line(let points, let width, let color, let dashed):
                let path = points.map { (x: $0.x, y: $0.y) }
                if dashed {
                    for dash in dashes(path, on: 14, off: 10) { canvas.polyline(dash, width: width, color) }
                } else {
                    canvas.polyline(path, width: width, color)
                }
            case .band(let xs, let lower, let upper, let color):
                canvas.band(xs: xs, lower: lower, upper: upper, color)
            case .text(let text, let x, let y, let bold, let color, let align):
                canvas.text(text, x: x, y: y, font: bold ? layout.bold : layout.font, color, align: align)
            }
        }
        return canvas
    }

    /// The path cut into dashes `on` pixels long with gaps of `off`, measured along it.
    static func dashes(_ path: [(x: Double, y: Double)], on: Double, off: Double) -> [[(x: Double, y: Double)]] {
        var dashes: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = []
        var drawing = true
        var left = on
        for (a, b) in zip(path, path.dropFirst()) {
            var start = a
            var length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            while length > 0 {
                let step = min(left, length)
                let t = step / length
                let end = (x: start.x + (b.x - start.x) * t, y: start.y + (b.y - start.y) * t)
                if drawing {
                    if current.isEmpty { current.append(start) }
                    current.append(end)
                }
                left -= step
                length -= step
                start = end
                if left <= 0 {
                    if drawing, !current.isEmpty { dashes.append(current) }
                    current = []
                    drawing.toggle()
                    left = drawing ? on : off
                }
            }
        }
        if !current.isEmpty { dashes.append(current) }
        return dashes
    }
}
