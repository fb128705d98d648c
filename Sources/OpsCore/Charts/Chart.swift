import Foundation

/// What a chart shows, independent of how it is drawn: PNG for chat (`ChartRenderer`), SVG for the report
/// (`ChartSVG`). Both draw the same `ChartLayout`, so their bars and lines are in the same places.
public struct Chart: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Values over time: one line a series (sales by day, a product's trend, a forecast).
        case lines
        /// One column a category (weekdays, hours), a group of columns with several series.
        case columns
        /// One bar a category, longest first (top products).
        case bars
    }

    public struct Series: Sendable, Equatable {
        public var name: String
        /// One value a category; nil where there is none (a day not reached yet).
        public var values: [Double?]
        public var color: ChartColor
        public var dashed: Bool
        /// Drawn on the right-hand axis, in `Chart.secondaryFormat` (people on shift against sales).
        public var secondary: Bool

        public init(
            _ name: String, _ values: [Double?], color: ChartColor = .primary, dashed: Bool = false,
            secondary: Bool = false
        ) {
            self.name = name
            self.values = values
            self.color = color
            self.dashed = dashed
            self.secondary = secondary
        }
    }

    /// A range around a line (a forecast's likely low and high).
    public struct Band: Sendable, Equatable {
        public var name: String
        public var lower: [Double]
        public var upper: [Double]

        public init(_ name: String, lower: [Double], upper: [Double]) {
            self.name = name
            self.lower = lower
            self.upper = upper
        }
    }

    /// How an axis writes its values.
    public enum ValueFormat: Sendable, Equatable {
        /// Values in minor units, written with the symbol: "£1,200", "£1.5k".
        case money(symbol: String, digits: Int)
        /// Whole things, with their unit when there is room ("12", "1.5k").
        case count(unit: String)
    }

    public var kind: Kind
    public var title: String
    /// The period and what is compared ("Tue 1 – Sun 30 Nov · vs the 30 days before").
    public var subtitle: String
    public var categories: [String]
    public var series: [Series]
    public var band: Band?
    public var format: ValueFormat
    public var secondaryFormat: ValueFormat?

    public init(
        kind: Kind, title: String, subtitle: String, categories: [String], series: [Series], band: Band? = nil,
        format: ValueFormat, secondaryFormat: ValueFormat? = nil
    ) {
        self.kind = kind
        self.title = title
        self.subtitle = subtitle
        self.categories = categories
        self.series = series
        self.band = band
        self.format = format
        self.secondaryFormat = secondaryFormat
    }

    /// Pixels at 2× density: 600 × 360 points, as wide as a phone shows a photo.
    public static let width = 1200
    public static let height = 720
}

extension Chart.ValueFormat {
    /// "£1,250", "£12.5k", "£1.2M" for a tick of the axis; `step` says how many digits it needs.
    func tick(_ value: Double, step: Double) -> String {
        switch self {
        case .money(let symbol, let digits):
            var scale = 1.0
            for _ in 0..<max(0, min(digits, 6)) { scale *= 10 }
            let major = value / scale
            let sign = major < 0 ? "-" : ""
            return sign + symbol.trimmingCharacters(in: .whitespaces) + Self.compact(abs(major), step: step / scale)
        case .count:
            return (value < 0 ? "-" : "") + Self.compact(abs(value), step: step)
        }
    }

    /// The value itself, as a bar's label ("£1,234.50" is too long; "£1,235" is enough).
    func label(_ value: Double) -> String {
        switch self {
        case .money(let symbol, let digits):
            var scale = 1.0
            for _ in 0..<max(0, min(digits, 6)) { scale *= 10 }
            let major = value / scale
            return (major < 0 ? "-" : "") + symbol.trimmingCharacters(in: .whitespaces)
                + Self.compact(abs(major), step: 1)
        case .count(let unit):
            return Self.grouped(Int(value.rounded())) + (unit.isEmpty ? "" : " " + unit)
        }
    }

    static func compact(_ value: Double, step: Double) -> String {
        if value >= 1_000_000 { return trimmed(value / 1_000_000, step: step / 1_000_000) + "M" }
        if value >= 10_000 { return trimmed(value / 1_000, step: step / 1_000) + "k" }
        if step < 1 && value != value.rounded() { return String(format: "%.2f", value) }
        return grouped(Int(value.rounded()))
    }

    static func trimmed(_ value: Double, step: Double) -> String {
        let text = step != step.rounded() ? String(format: "%.1f", value) : String(Int(value.rounded()))
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }
}
