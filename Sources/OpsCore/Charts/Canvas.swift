/// An opaque RGB raster with anti-aliased drawing: every shape is drawn as a coverage (0…1) per pixel and blended
/// over what is there, so edges and lines are smooth at any angle.
struct Canvas {
    let width: Int
    let height: Int
    private(set) var rgb: [UInt8]

    init(width: Int, height: Int, background: ChartColor) {
        self.width = width
        self.height = height
        rgb = [UInt8](repeating: 0, count: width * height * 3)
        for index in 0..<(width * height) {
            rgb[index * 3] = background.red
            rgb[index * 3 + 1] = background.green
            rgb[index * 3 + 2] = background.blue
        }
    }

    /// The pixel at (x, y), for tests.
    func pixel(_ x: Int, _ y: Int) -> ChartColor {
        let index = (y * width + x) * 3
        return ChartColor(rgb[index], rgb[index + 1], rgb[index + 2])
    }

    mutating func blend(_ x: Int, _ y: Int, _ color: ChartColor, _ coverage: Double) {
        guard x >= 0, y >= 0, x < width, y < height, coverage > 0 else { return }
        let a = min(1, coverage)
        let index = (y * width + x) * 3
        func mix(_ old: UInt8, _ new: UInt8) -> UInt8 { UInt8((Double(old) * (1 - a) + Double(new) * a).rounded()) }
        rgb[index] = mix(rgb[index], color.red)
        rgb[index + 1] = mix(rgb[index + 1], color.green)
        rgb[index + 2] = mix(rgb[index + 2], color.blue)
    }

    /// A rectangle from (x0, y0) to (x1, y1), its edges covering the pixels they cross in part.
    mutating func fill(x0: Double, y0: Double, x1: Double, y1: Double, _ color: ChartColor) {
        let (left, right) = (min(x0, x1), max(x0, x1))
        let (top, bottom) = (min(y0, y1), max(y0, y1))
        guard right > left, bottom > top else { return }
        for y in max(0, Int(top.rounded(.down)))..<min(height, Int(bottom.rounded(.up))) {
            let coverY = min(bottom, Double(y + 1)) - max(top, Double(y))
            for x in max(0, Int(left.rounded(.down)))..<min(width, Int(right.rounded(.up))) {
                let coverX = min(right, Double(x + 1)) - max(left, Double(x))
                blend(x, y, color, coverX * coverY)
            }
        }
    }

    /// Connected segments of `width` pixels. The coverage of each pixel is the line's nearest to it, so joints are
    /// drawn once, not twice.
    mutating func polyline(_ points: [(x: Double, y: Double)], width lineWidth: Double, _ color: ChartColor) {
        guard points.count > 1 else {
            if let point = points.first { dot(x: point.x, y: point.y, radius: lineWidth, color) }
            return
        }
        let half = lineWidth / 2
        let xs = points.map(\.x)
        let ys = points.map(\.y)
        let minX = max(0, Int((xs.min()! - half - 1).rounded(.down)))
        let maxX = min(width - 1, Int((xs.max()! + half + 1).rounded(.up)))
        let minY = max(0, Int((ys.min()! - half - 1).rounded(.down)))
        let maxY = min(height - 1, Int((ys.max()! + half + 1).rounded(.up)))
        guard minX <= maxX, minY <= maxY else { return }
        let spanX = maxX - minX + 1
        var coverage = [Double](repeating: 0, count: spanX * (maxY - minY + 1))
        for (a, b) in zip(points, points.dropFirst()) {
            let x0 = max(minX, Int((min(a.x, b.x) - half - 1).rounded(.down)))
            let x1 = min(maxX, Int((max(a.x, b.x) + half + 1).rounded(.up)))
            let y0 = max(minY, Int((min(a.y, b.y) - half - 1).rounded(.down)))
            let y1 = min(maxY, Int((max(a.y, b.y) + half + 1).rounded(.up)))
            guard x0 <= x1, y0 <= y1 else { continue }
            let dx = b.x - a.x
            let dy = b.y - a.y
            let length2 = dx * dx + dy * dy
            for y in y0...y1 {
                let py = Double(y) + 0.5
                for x in x0...x1 {
                    let px = Double(x) + 0.5
                    let t = length2 > 0 ? max(0, min(1, ((px - a.x) * dx + (py - a.y) * dy) / length2)) : 0
                    let ex = px - (a.x + t * dx)
                    let ey = py - (a.y + t * dy)
                    let distance = (ex * ex + ey * ey).squareRoot()
                    let cover = max(0, min(1, half + 0.5 - distance))
                    let index = (y - minY) * spanX + (x - minX)
                    if cover > coverage[index] { coverage[index] = cover }
                }
            }
        }
        for y in minY...maxY {
            for x in minX...maxX {
                let cover = coverage[(y - minY) * spanX + (x - minX)]
                if cover > 0 { blend(x, y, color, cover) }
            }
        }
    }

    mutating func dot(x: Double, y: Double, radius: Double, _ color: ChartColor) {
        for py in Int((y - radius - 1).rounded(.down))...Int((y + radius + 1).rounded(.up)) {
            for px in Int((x - radius - 1).rounded(.down))...Int((x + radius + 1).rounded(.up)) {
                let dx = Double(px) + 0.5 - x
                let dy = Double(py) + 0.5 - y
                blend(px, py, color, radius + 0.5 - (dx * dx + dy * dy).squareRoot())
            }
        }
    }

    /// The area between two lines over the same x positions (a forecast's range).
    mutating func band(xs: [Double], lower: [Double], upper: [Double], _ color: ChartColor) {
        guard xs.count > 1, lower.count == xs.count, upper.count == xs.count else { return }
        for index in 0..<(xs.count - 1) {
            let (xa, xb) = (xs[index], xs[index + 1])
            guard xb > xa else { continue }
            for x in max(0, Int(xa.rounded(.down)))..<min(width, Int(xb.rounded(.up))) {
                let t = max(0, min(1, (Double(x) + 0.5 - xa) / (xb - xa)))
                let top = upper[index] + (upper[index + 1] - upper[index]) * t
                let bottom = lower[index] + (lower[index + 1] - lower[index]) * t
                fill(x0: Double(x), y0: min(top, bottom), x1: Double(x + 1), y1: max(top, bottom), color)
            }
        }
    }

    enum Alignment {
        case left, center, right
    }

    /// `text` with its baseline at `y`, starting at, centred on or ending at `x`.
    mutating func text(
        _ text: String, x: Double, y: Double, font: ChartFont, _ color: ChartColor,
        align: Alignment = .left
    ) {
        let width = Double(font.width(text))
        var pen: Int
        switch align {
        case .left: pen = Int(x.rounded())
        case .center: pen = Int((x - width / 2).rounded())
        case .right: pen = Int((x - width).rounded())
        }
        let top = Int(y.rounded()) - font.ascent
        for scalar in text.unicodeScalars {
            guard let glyph = font.glyph(scalar) else { continue }
            for row in 0..<glyph.height {
                for column in 0..<glyph.width {
                    let index = glyph.offset + row * glyph.width + column
                    guard index < font.alpha.count else { continue }
                    let alpha = font.alpha[index]
                    if alpha > 0 {
                        blend(pen + glyph.left + column, top + glyph.top + row, color, Double(alpha) / 255)
                    }
                }
            }
            pen += glyph.advance
        }
    }
}
