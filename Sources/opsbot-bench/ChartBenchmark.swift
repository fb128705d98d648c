import Foundation
import OpsCore

/// `opsbot-bench chart`: each kind of chart rendered to PNG 25 times. Targets: ≤ 50 ms and ≤ 150 KB a chart.
struct ChartBenchmark {
    static let money = Chart.ValueFormat.money(symbol: "£", digits: 2)

    static var charts: [(String, Chart)] {
        let days = (1...30).map { "\($0) Nov" }
        let sales = (0..<30).map { Double(180_000 + ($0 * 7919) % 90_000) }
        return [
            (
                "sales by day, period before, range",
                Chart(
                    kind: .lines, title: "Sales, last 30 days",
                    subtitle: "Tue 27 Oct – Wed 25 Nov · vs the 30 days before",
                    categories: days,
                    series: [
                        .init("Last 30 days", sales),
                        .init("Before", sales.map { $0 * 0.9 }, color: .secondary, dashed: true),
                    ], band: .init("Likely range", lower: sales.map { $0 * 0.8 }, upper: sales.map { $0 * 1.2 }),
                    format: money)
            ),
            (
                "top products, bars",
                Chart(
                    kind: .bars, title: "Top products, this month", subtitle: "Sun 1 – Wed 25 Nov · by revenue",
                    categories: [
                        "Latte", "Flat White", "Cappuccino", "Croissant", "Oat Latte", "Americano", "Sourdough",
                        "Ham & Cheese Toastie",
                    ],
                    series: [
                        .init("Revenue", [353_500, 306_680, 275_740, 238_420, 224_250, 188_720, 188_640, 168_740])
                    ],
                    format: money)
            ),
            (
                "staffing by hour, two axes",
                Chart(
                    kind: .columns, title: "Sales and staff by hour, last week", subtitle: "Mon 16 – Sun 22 Nov",
                    categories: (6...19).map { String(format: "%02d", $0) },
                    series: [
                        .init("Sales an hour", (6...19).map { Double(($0 * 2_713) % 40_000) }),
                        .init("People on shift", (6...19).map { Double($0 % 6) }, color: .accent, secondary: true),
                    ], format: money, secondaryFormat: .count(unit: ""))
            ),
        ]
    }

    /// The slowest chart's median milliseconds, and the largest PNG's kilobytes.
    @discardableResult
    func run(quiet: Bool = false) -> (milliseconds: Double, kilobytes: Int) {
        if !quiet { print("charts: PNG at 1200 × 720, 25 renders each") }
        var slowest = 0.0
        var largest = 0
        for (name, chart) in Self.charts {
            var times: [Double] = []
            var size = 0
            for _ in 0..<25 { times.append(measure { size = ChartRenderer.png(chart).count }) }
            times.sort()
            slowest = max(slowest, percentile(times, 0.5))
            largest = max(largest, size / 1024)
            if quiet { continue }
            print(
                "  \(name): median \(format(percentile(times, 0.5))) ms, p95 \(format(percentile(times, 0.95))) ms, "
                    + "\(size / 1024) KB (targets ≤ 50 ms, ≤ 150 KB)")
        }
        return (slowest, largest)
    }
}
