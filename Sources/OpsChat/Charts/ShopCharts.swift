import Foundation
import OpsCore

/// The shop's figures as charts, each with the caption that goes with it in chat ("Sales, last 30 days:
/// £12,345, +8% on the 30 days before"). The report draws the same charts as SVG.
struct ShopCharts {
    let store: Store
    let org: Org
    let now: Date

    struct Made {
        let chart: Chart
        let caption: String
        /// The file's name in chat ("sales-last-30-days.png").
        let name: String
    }

    var money: MoneyFormatter { MoneyFormatter(currency: org.currency) }
    var format: Chart.ValueFormat { .money(symbol: org.currency.symbol, digits: org.currency.minorDigits) }
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// "24 Nov".
    func dayLabel(_ date: Date) -> String {
        let parts = org.calendar.calendar.dateComponents([.day, .month], from: date)
        return "\(parts.day ?? 0) \(Self.months[((parts.month ?? 1) - 1) % 12])"
    }

    func subtitle(_ resolved: Period.Resolved) -> String {
        PeriodText(calendar: org.calendar, now: now).span(resolved.start, resolved.end, partial: resolved.isPartial)
    }

    static func fileName(_ text: String) -> String {
        let kept = text.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        return String(kept).split(separator: "-").joined(separator: "-") + ".png"
    }

    /// Local day starts from `start` up to `end` (at most 92 of them; longer spans are drawn by week).
    func days(from start: Date, to end: Date) -> [Date] {
        var days: [Date] = []
        var day = org.calendar.startOfDay(start)
        while day < end && days.count < 400 {
            days.append(day)
            day = org.calendar.startOfDay(day, adding: 1)
        }
        return days
    }

    /// Revenue per day (per week past 92 days) for the period, and the period before as a dashed line.
    func sales(_ period: Period) throws -> Made {
        let resolved = period.resolve(now: now, calendar: org.calendar)
        let metrics = SalesMetrics(store: store, org: org)
        let dayCount = days(from: resolved.start, to: resolved.end).count
        let step = dayCount > 92 ? 7 : 1
        let starts = stride(from: 0, to: dayCount, by: step).map {
            org.calendar.startOfDay(resolved.start, adding: $0)
        }
        let offset = resolved.start.timeIntervalSince(resolved.previousStart)
        var current: [Double?] = []
        var previous: [Double?] = []
        for start in starts {
            let end = min(org.calendar.startOfDay(start, adding: step), resolved.end)
            current.append(start < now ? Double(try metrics.totals(from: start, to: min(end, now)).revenue) : nil)
            // The period before may be shorter (September against October): past its end there is no line.
            let before = start.addingTimeInterval(-offset)
            let beforeEnd = min(end.addingTimeInterval(-offset), resolved.previousEnd)
            previous.append(
                before < resolved.previousEnd ? Double(try metrics.totals(from: before, to: beforeEnd).revenue) : nil)
        }
        let total = try metrics.totals(from: resolved.start, to: resolved.end).revenue
        let before = try metrics.totals(from: resolved.previousStart, to: resolved.previousEnd).revenue
        let text = PeriodText(calendar: org.calendar, now: now)
        let label = resolved.label
        let chart = Chart(
            kind: starts.count == 1 ? .columns : .lines, title: "Sales, \(label)" + (step == 7 ? " (by week)" : ""),
            subtitle: subtitle(resolved) + " · vs " + text.previous(resolved),
            categories: starts.map(dayLabel),
            series: [
                .init(label.prefix(1).uppercased() + label.dropFirst(), current),
                .init("Before", previous, color: .secondary, dashed: true),
            ], format: format)
        let caption =
            "Sales, \(label) (\(subtitle(resolved))): \(money.format(total)), "
            + NumberText.change(from: before, to: total) + " on " + text.previous(resolved)
        return Made(chart: chart, caption: caption, name: Self.fileName("sales \(label)"))
    }

    func topProducts(_ period: Period, limit: Int = 8) throws -> Made {
        let resolved = period.resolve(now: now, calendar: org.calendar)
        let range = DayRange(
            start: resolved.start, end: resolved.end, calendar: org.calendar, runsToNow: resolved.isPartial)
        let ranked = try ProductMetrics(store: store, org: org).ranked(
            in: range, by: .revenue, bottom: false, category: nil, limit: limit)
        let rows = ranked.rows.filter { $0.revenue > 0 }
        let chart = Chart(
            kind: .bars, title: "Top products, \(resolved.label)", subtitle: subtitle(resolved) + " · by revenue",
            categories: rows.map(\.product.name), series: [.init("Revenue", rows.map { Double($0.revenue) })],
            format: format)
        let caption =
            rows.first.map {
                "Top products, \(resolved.label): \($0.product.name) leads with \(money.format($0.revenue))"
            } ?? "Top products, \(resolved.label): no sales"
        return Made(chart: chart, caption: caption, name: Self.fileName("top products \(resolved.label)"))
    }

    func weekdays(_ period: Period) throws -> Made {
        let resolved = period.resolve(now: now, calendar: org.calendar)
        let range = DayRange(start: resolved.start, end: resolved.end, calendar: org.calendar)
        let rows = try PatternMetrics(store: store, org: org).weekdays(in: range)
        // Monday first, or Sunday where the week starts then.
        let order = org.weekStart == .sunday ? [1, 2, 3, 4, 5, 6, 7] : [2, 3, 4, 5, 6, 7, 1]
        let averages = order.map { weekday -> Double in
            guard let row = rows.first(where: { $0.weekday == weekday }), row.days > 0 else { return 0 }
            return Double(row.revenue) / Double(row.days)
        }
        let best = zip(order, averages).max { $0.1 < $1.1 }
        let chart = Chart(
            kind: .columns, title: "Average day by weekday, \(resolved.label)", subtitle: subtitle(resolved),
            categories: order.map { Self.weekdayNames[$0 - 1] }, series: [.init("Average day", averages)],
            format: format)
        let caption =
            "Average day by weekday, \(resolved.label): "
            + (best.map { "\(Self.weekdayNames[$0.0 - 1]) is best at \(money.format(Int($0.1.rounded())))" }
                ?? "no sales")
        return Made(chart: chart, caption: caption, name: Self.fileName("weekdays \(resolved.label)"))
    }

    func hours(_ period: Period) throws -> Made {
        let resolved = period.resolve(now: now, calendar: org.calendar)
        let byHour = try PatternMetrics(store: store, org: org).hours(from: resolved.start, to: resolved.end)
        let open = byHour.indices.filter { byHour[$0].revenue != 0 || byHour[$0].orders != 0 }
        let first = open.first ?? 8
        let last = open.last ?? 18
        let hours = Array(first...max(first, last))
        let chart = Chart(
            kind: .columns, title: "Sales by hour, \(resolved.label)", subtitle: subtitle(resolved),
            categories: hours.map { String(format: "%02d", $0) },
            series: [.init("Revenue", hours.map { $0 < byHour.count ? Double(byHour[$0].revenue) : 0 })],
            format: format)
        let busiest = hours.max {
            (byHour.indices.contains($0) ? byHour[$0].revenue : 0)
                < (byHour.indices.contains($1) ? byHour[$1].revenue : 0)
        }
        let caption =
            "Sales by hour, \(resolved.label): "
            + (busiest.map { String(format: "busiest %02d:00–%02d:00", $0, ($0 + 1) % 24) } ?? "no sales")
        return Made(chart: chart, caption: caption, name: Self.fileName("hours \(resolved.label)"))
    }

    /// Units sold a day, and the stock at each day's end on the right-hand axis.
    func product(_ product: Product, period: Period) throws -> Made {
        let resolved = period.resolve(now: now, calendar: org.calendar)
        let range = DayRange(start: resolved.start, end: resolved.end, calendar: org.calendar)
        let daily = try ProductMetrics(store: store, org: org).daily(product: product, in: range)
        let starts = daily.compactMap { org.calendar.date(dayKey: $0.day) }
        let stock = try store.stockAtDayEnds(
            productID: product.id, dayEnds: starts.map { min(org.calendar.startOfDay($0, adding: 1), now) })
        var series: [Chart.Series] = [.init("Sold a day", daily.map { Double($0.units) })]
        if stock.contains(where: { $0 != nil }) {
            series.append(.init("Stock", stock.map { $0.map(Double.init) }, color: .accent, secondary: true))
        }
        let units = daily.reduce(0) { $0 + $1.units }
        let chart = Chart(
            kind: .lines, title: "\(product.name), \(resolved.label)", subtitle: subtitle(resolved),
            categories: starts.map(dayLabel), series: series, format: .count(unit: ""),
            secondaryFormat: .count(unit: ""))
        let caption =
            "\(product.name), \(resolved.label): \(NumberText.grouped(units)) sold"
            + (stock.last.flatMap { $0 }.map { ", \(NumberText.grouped($0)) in stock" } ?? "")
        return Made(chart: chart, caption: caption, name: Self.fileName("\(product.name) \(resolved.label)"))
    }

    /// The last four weeks sold and the forecast's next four, with its likely range (± its typical error).
    func forecast(_ product: Product) throws -> Made? {
        guard let forecast = try DemandHistory(store: store, org: org).forecast(product: product.id, now: now, days: 28)
        else { return nil }
        let calendar = org.calendar
        let pastStart = calendar.startOfDay(now, adding: -28)
        let range = DayRange(start: pastStart, end: calendar.startOfDay(now), calendar: calendar)
        let past = try ProductMetrics(store: store, org: org).daily(product: product, in: range)
        let future = forecast.daily.prefix(28)
        let days = (0..<(past.count + future.count)).map { calendar.startOfDay(pastStart, adding: $0) }
        let error = forecast.typicalError
        let sold: [Double?] = past.map { Double($0.units) } + future.map { _ in nil }
        let ahead: [Double?] = past.map { _ in nil } + future.map { $0 }
        let lower = past.map { Double($0.units) } + future.map { max(0, $0 - error) }
        let upper = past.map { Double($0.units) } + future.map { $0 + error }
        let chart = Chart(
            kind: .lines, title: "\(product.name): forecast, next 4 weeks",
            subtitle: "Sold in the last 4 weeks, then the forecast (\(forecast.method.name))",
            categories: days.map(dayLabel),
            series: [.init("Sold", sold, color: .secondary), .init("Forecast", ahead)],
            band: .init(String(format: "Usually within ±%.1f a day", error), lower: lower, upper: upper),
            format: .count(unit: ""))
        let week = future.prefix(7).reduce(0, +)
        let caption = String(
            format: "%@: about %.0f to sell in the next 7 days, usually within ±%.1f a day", product.name, week, error)
        return Made(chart: chart, caption: caption, name: Self.fileName("forecast \(product.name)"))
    }

    /// Sales per hour of the period's days added up, and the people on shift on the right-hand axis.
    func staffing(_ period: Period) throws -> Made {
        let resolved = period.resolve(now: now, calendar: org.calendar)
        let hours = try StaffingMetrics(store: store, org: org).hours(from: resolved.start, to: resolved.end)
        var sales = [Double](repeating: 0, count: 24)
        var people = [Double](repeating: 0, count: 24)
        let dayCount = Double(max(1, days(from: resolved.start, to: resolved.end).count))
        for hour in hours {
            let local = org.calendar.calendar.component(.hour, from: hour.start)
            sales[local] += Double(hour.sales) / dayCount
            people[local] += hour.people / dayCount
        }
        let open = (0..<24).filter { sales[$0] != 0 || people[$0] > 0.01 }
        let span = Array((open.first ?? 8)...max(open.first ?? 8, open.last ?? 18))
        let chart = Chart(
            kind: .columns, title: "Sales and staff by hour, \(resolved.label)",
            subtitle: subtitle(resolved) + " · an average day",
            categories: span.map { String(format: "%02d", $0) },
            series: [
                .init("Sales an hour", span.map { sales[$0] }),
                .init("People on shift", span.map { people[$0] }, color: .accent, secondary: true),
            ], format: format, secondaryFormat: .count(unit: ""))
        let peak = span.max { sales[$0] < sales[$1] }
        let caption =
            "Sales and staff by hour, \(resolved.label)"
            + (peak.map { String(format: ": busiest %02d:00 with %.1f on shift", $0, people[$0]) } ?? "")
        return Made(chart: chart, caption: caption, name: Self.fileName("staffing \(resolved.label)"))
    }
}
