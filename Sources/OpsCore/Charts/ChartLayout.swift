import Foundation

/// Where everything of a chart goes, in pixels: the marks both renderers draw, and the plot's geometry (for
/// tests, which check a bar's height against its value).
struct ChartLayout: Sendable {
    struct Point: Sendable, Equatable {
        let x: Double
        let y: Double
    }

    enum Mark: Sendable, Equatable {
        /// A bar or a swatch; `value` is what a bar stands for.
        case rect(x: Double, y: Double, width: Double, height: Double, color: ChartColor, value: Double?)
        case line(points: [Point], width: Double, color: ChartColor, dashed: Bool)
        case band(xs: [Double], lower: [Double], upper: [Double], color: ChartColor)
        case text(String, x: Double, y: Double, bold: Bool, color: ChartColor, align: Canvas.Alignment)
    }

    let width = Double(Chart.width)
    let height = Double(Chart.height)
    private(set) var marks: [Mark] = []
    private(set) var plotLeft = 0.0
    private(set) var plotRight = 0.0
    private(set) var plotTop = 130.0
    private(set) var plotBottom = 0.0
    private(set) var scale = NiceScale(low: 0, high: 1)

    static let margin = 40.0
    let font = ChartFont.regular
    let bold = ChartFont.bold

    init(_ chart: Chart) {
        marks.append(
            .text(
                Self.fit(chart.title, width - 2 * Self.margin, bold), x: Self.margin, y: 58, bold: true,
                color: .ink, align: .left))
        marks.append(
            .text(
                Self.fit(chart.subtitle, width - 2 * Self.margin, font), x: Self.margin, y: 96, bold: false,
                color: .muted, align: .left))
        let legend = chart.series.count > 1 || chart.band != nil
        plotBottom = height - (legend ? 100 : 66)
        if legend { layLegend(chart) }
        switch chart.kind {
        case .lines, .columns: layOverTime(chart)
        case .bars: layBars(chart)
        }
    }

    /// `text` cut with "…" to fit `room` pixels.
    static func fit(_ text: String, _ room: Double, _ font: ChartFont) -> String {
        guard Double(font.width(text)) > room else { return text }
        var cut = text
        while !cut.isEmpty && Double(font.width(cut + "…")) > room { cut.removeLast() }
        return cut + "…"
    }

    private mutating func layLegend(_ chart: Chart) {
        var x = Self.margin
        let y = height - 26
        var items = chart.series.map { ($0.name, $0.color) }
        if let band = chart.band { items.append((band.name, .band)) }
        for (name, color) in items {
            marks.append(.rect(x: x, y: y - 14, width: 28, height: 10, color: color, value: nil))
            marks.append(.text(name, x: x + 38, y: y, bold: false, color: .muted, align: .left))
            x += 38 + Double(font.width(name)) + 36
        }
    }

    private func values(_ chart: Chart, secondary: Bool) -> [Double] {
        chart.series.filter { $0.secondary == secondary }.flatMap { $0.values.compactMap { $0 } }
            + (secondary ? [] : (chart.band.map { $0.lower + $0.upper } ?? []))
    }

    private mutating func layAxis(_ scale: NiceScale, format: Chart.ValueFormat, right: Bool) {
        for tick in scale.ticks {
            let y = scale.position(tick, bottom: plotBottom, top: plotTop)
            if !right {
                marks.append(
                    .rect(
                        x: plotLeft, y: y - 1, width: plotRight - plotLeft, height: 2,
                        color: tick == 0 ? .muted : .grid, value: nil))
            }
            marks.append(
                .text(
                    format.tick(tick, step: scale.step), x: right ? plotRight + 14 : plotLeft - 14, y: y + 8,
                    bold: false, color: .muted, align: right ? .left : .right))
        }
    }

    private mutating func layOverTime(_ chart: Chart) {
        let primary = values(chart, secondary: false)
        scale = NiceScale(low: primary.min() ?? 0, high: primary.max() ?? 1)
        let secondaryValues = values(chart, secondary: true)
        let secondaryScale = secondaryValues.isEmpty ? nil : NiceScale(low: 0, high: secondaryValues.max() ?? 1)
        let labelWidth = scale.ticks.map { Double(font.width(chart.format.tick($0, step: scale.step))) }.max() ?? 0
        plotLeft = Self.margin + labelWidth + 16
        plotRight = width - Self.margin
        if let secondaryScale, let format = chart.secondaryFormat ?? Optional(chart.format) {
            let right = secondaryScale.ticks.map { Double(font.width(format.tick($0, step: secondaryScale.step))) }
            plotRight -= (right.max() ?? 0) + 16
        }
        layAxis(scale, format: chart.format, right: false)
        if let secondaryScale { layAxis(secondaryScale, format: chart.secondaryFormat ?? chart.format, right: true) }

        let count = max(1, chart.categories.count)
        let slot = (plotRight - plotLeft) / Double(count)
        func x(_ index: Int) -> Double {
            chart.kind == .columns || count == 1
                ? plotLeft + (Double(index) + 0.5) * slot
                : plotLeft + Double(index) * (plotRight - plotLeft) / Double(count - 1)
        }
        if let band = chart.band, band.lower.count == count, band.upper.count == count {
            marks.append(
                .band(
                    xs: (0..<count).map(x),
                    lower: band.lower.map { scale.position($0, bottom: plotBottom, top: plotTop) },
                    upper: band.upper.map { scale.position($0, bottom: plotBottom, top: plotTop) }, color: .band))
        }
        let columnSeries = chart.kind == .columns ? chart.series.filter { !$0.secondary } : []
        let barWidth = slot * 0.72 / Double(max(1, columnSeries.count))
        let zero = scale.position(0, bottom: plotBottom, top: plotTop)
        for (number, series) in columnSeries.enumerated() {
            for (index, value) in series.values.enumerated() where index < count {
                guard let value else { continue }
                let left = plotLeft + Double(index) * slot + slot * 0.14 + Double(number) * barWidth
                let top = scale.position(value, bottom: plotBottom, top: plotTop)
                marks.append(
                    .rect(
                        x: left, y: min(top, zero), width: barWidth - 2, height: abs(zero - top), color: series.color,
                        value: value))
            }
        }
        for series in chart.series where chart.kind == .lines || series.secondary {
            let axis = series.secondary ? (secondaryScale ?? scale) : scale
            var run: [Point] = []
            var runs: [[Point]] = []
            for (index, value) in series.values.enumerated() where index < count {
                if let value {
                    run.append(Point(x: x(index), y: axis.position(value, bottom: plotBottom, top: plotTop)))
                } else if !run.isEmpty {
                    runs.append(run)
                    run = []
                }
            }
            if !run.isEmpty { runs.append(run) }
            for points in runs {
                marks.append(
                    .line(points: points, width: series.dashed ? 3.5 : 5, color: series.color, dashed: series.dashed))
            }
        }
        // Labels under the plot, thinned so they never overlap.
        let widest = chart.categories.map { Double(font.width($0)) }.max() ?? 0
        let every = max(1, Int(((widest + 14) / max(1, slot)).rounded(.up)))
        for (index, label) in chart.categories.enumerated() where index % every == 0 || index == count - 1 {
            if index == count - 1 && index % every != 0 && every > 1 { continue }
            // Kept inside the card: the last day's label would run off its edge.
            let half = Double(font.width(label)) / 2
            let centre = min(max(x(index), Self.margin / 2 + half), width - Self.margin / 2 - half)
            marks.append(.text(label, x: centre, y: plotBottom + 36, bold: false, color: .muted, align: .center))
        }
    }

    private mutating func layBars(_ chart: Chart) {
        let values = chart.series.first?.values.map { $0 ?? 0 } ?? []
        scale = NiceScale(low: 0, high: values.max() ?? 1)
        let labelRoom = width * 0.4
        let labels = chart.categories.map { Self.fit($0, labelRoom, font) }
        let labelWidth = labels.map { Double(font.width($0)) }.max() ?? 0
        let valueLabels = values.map { chart.format.label($0) }
        let valueWidth = valueLabels.map { Double(font.width($0)) }.max() ?? 0
        plotLeft = Self.margin + labelWidth + 18
        plotRight = width - Self.margin - valueWidth - 14
        let count = max(1, labels.count)
        let slot = (plotBottom - plotTop) / Double(count)
        let barHeight = min(52, slot * 0.64)
        let color = chart.series.first?.color ?? .primary
        for (index, label) in labels.enumerated() {
            let middle = plotTop + (Double(index) + 0.5) * slot
            let value = index < values.count ? values[index] : 0
            let end = plotLeft + (value - scale.minimum) / (scale.maximum - scale.minimum) * (plotRight - plotLeft)
            marks.append(.text(label, x: plotLeft - 18, y: middle + 8, bold: false, color: .ink, align: .right))
            marks.append(
                .rect(
                    x: plotLeft, y: middle - barHeight / 2, width: max(2, end - plotLeft), height: barHeight,
                    color: color, value: value))
            if index < valueLabels.count {
                marks.append(
                    .text(
                        valueLabels[index], x: max(2, end - plotLeft) + plotLeft + 12, y: middle + 8, bold: false,
                        color: .muted, align: .left))
            }
        }
    }
}
