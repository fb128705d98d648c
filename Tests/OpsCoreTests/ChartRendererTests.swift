import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// Issue 25: the PNG the renderer writes, decoded here by the PNG rules (signature, chunks, CRCs, inflate,
/// filters) and checked pixel by pixel; and the SVG's bars held to their figures.
extension PNGDecoder.Image {
    func pixel(_ x: Int, _ y: Int) -> ChartColor {
        let (red, green, blue) = rgb(x, y)
        return ChartColor(red, green, blue)
    }
}

@Suite struct ChartRendererTests {
    static func decode(_ png: [UInt8]) throws -> PNGDecoder.Image {
        let image = try PNGDecoder.decode(png)
        #expect(image.crcsMatch && image.chunks.first == "IHDR" && image.chunks.last == "IEND")
        #expect(image.chunks.contains("IDAT") && image.channels == 3)
        return image
    }

    static let weekdays = Chart(
        kind: .columns, title: "Sales by weekday", subtitle: "Last 4 weeks",
        categories: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        series: [.init("Average day", [10_000, 20_000, 5_000, 40_000, 30_000, 50_000, 25_000])],
        format: .money(symbol: "£", digits: 2))

    @Test func aColumnIsAsTallAsItsValueOnTheAxis() throws {
        let layout = ChartLayout(Self.weekdays)
        // £0…£500 in steps of £100.
        #expect(layout.scale.minimum == 0 && layout.scale.maximum == 50_000 && layout.scale.step == 10_000)
        let image = try Self.decode(ChartRenderer.png(Self.weekdays))
        #expect(image.width == 1200 && image.height == 720)
        let plotHeight = layout.plotBottom - layout.plotTop
        let slot = (layout.plotRight - layout.plotLeft) / 7
        // Thursday (£400) stands at 80 % of the plot: blue just under its top, background just above it.
        let x = Int(layout.plotLeft + 3.5 * slot)
        let top = layout.plotBottom - plotHeight * 0.8
        #expect(image.pixel(x, Int(top) + 3) == .primary)
        #expect(image.pixel(x, Int(top) - 3) != .primary)
        // Wednesday (£50) is a tenth of the plot high.
        let wednesday = Int(layout.plotLeft + 2.5 * slot)
        #expect(image.pixel(wednesday, Int(layout.plotBottom - plotHeight * 0.1) + 3) == .primary)
        #expect(image.pixel(wednesday, Int(layout.plotBottom - plotHeight * 0.1) - 4) != .primary)
        // The zero line runs along the bottom of the plot, left of the first bar.
        #expect(image.pixel(Int(layout.plotLeft) + 4, Int(layout.plotBottom)) == .muted)
        // Corners are the card's background.
        #expect(image.pixel(2, 2) == .background && image.pixel(1197, 717) == .background)
    }

    @Test func theSVGsBarsAreTheFiguresOnTheSameAxis() throws {
        let svg = ChartSVG.svg(Self.weekdays)
        let layout = ChartLayout(Self.weekdays)
        let plotHeight = layout.plotBottom - layout.plotTop
        let bars = svg.split(separator: "\n").filter { $0.contains("class=\"bar\"") }
        #expect(bars.count == 7)
        for (bar, value) in zip(bars, [10_000.0, 20_000, 5_000, 40_000, 30_000, 50_000, 25_000]) {
            func attribute(_ name: String) -> Double? {
                guard let range = bar.range(of: " \(name)=\"") else { return nil }
                return Double(bar[range.upperBound...].prefix { $0 != "\"" })
            }
            #expect(attribute("data-value") == value)
            let height = try #require(attribute("height"))
            #expect(abs(height - plotHeight * value / 50_000) < 0.11, "\(bar)")
        }
        #expect(svg.contains(">£500</text>") && svg.contains(">£0</text>"))
    }

    @Test func aLineChartWithThePeriodBeforeAndABandStaysSmallAndQuick() throws {
        let days = (1...30).map { "\($0) Nov" }
        let chart = Chart(
            kind: .lines, title: "Sales, last 30 days", subtitle: "Mon 27 Oct – Tue 25 Nov · vs the 30 days before",
            categories: days,
            series: [
                .init("Last 30 days", (0..<30).map { Double(40_000 + ($0 * 7919) % 20_000) }),
                .init(
                    "30 days before", (0..<30).map { Double(35_000 + ($0 * 104_729) % 25_000) }, color: .secondary,
                    dashed: true),
            ], band: .init("Likely range", lower: (0..<30).map { _ in 30_000 }, upper: (0..<30).map { _ in 62_000 }),
            format: .money(symbol: "£", digits: 2))
        let started = Date()
        let png = ChartRenderer.png(chart)
        let seconds = Date().timeIntervalSince(started)
        #expect(png.count < 150_000, "\(png.count) bytes")
        _ = seconds  // speed is measured by opsbot-bench, not here
        let image = try Self.decode(png)
        #expect(image.width == 1200)
        if let path = ProcessInfo.processInfo.environment["OPSBOT_CHART_OUT"] {
            try Data(png).write(to: URL(fileURLWithPath: path + "/lines.png"))
            try Data(ChartRenderer.png(Self.weekdays)).write(to: URL(fileURLWithPath: path + "/columns.png"))
            let bars = Chart(
                kind: .bars, title: "Top products", subtitle: "This month",
                categories: ["Oat Milk Latte (Large)", "Croissant", "Flat White", "Sourdough Loaf", "Banana Bread"],
                series: [.init("Revenue", [182_500, 96_000, 88_250, 41_000, 12_500])],
                format: .money(symbol: "£", digits: 2))
            try Data(ChartRenderer.png(bars)).write(to: URL(fileURLWithPath: path + "/bars.png"))
        }
    }

    @Test func ticksAreRound() {
        #expect(NiceScale(low: 0, high: 43).ticks == [0, 10, 20, 30, 40, 50])
        #expect(NiceScale(low: -7, high: 23).ticks == [-10, 0, 10, 20, 30])
        #expect(NiceScale(low: 0, high: 0).ticks.count > 1)
        #expect(Chart.ValueFormat.money(symbol: "£", digits: 2).tick(1_250_000, step: 250_000) == "£12.5k")
        #expect(Chart.ValueFormat.money(symbol: "£", digits: 2).tick(120_000, step: 20_000) == "£1,200")
        #expect(Chart.ValueFormat.count(unit: "").tick(2_500_000, step: 500_000) == "2.5M")
    }
}
