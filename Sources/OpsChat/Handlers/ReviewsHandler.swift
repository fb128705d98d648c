import Foundation
import OpsCore

/// "reviews", "reviews last month", "what do customers say about coffee": the period's reviews by theme, happy
/// and unhappy, with a line or two of their words, and what the shop's own data says on those days ("croissants
/// were out on 2 of those days").
struct ReviewsHandler {
    func reply(_ query: ReviewsQuery, context: HandlerContext) throws -> Reply {
        let resolved = query.period.resolve(now: context.now, calendar: context.org.calendar)
        let text = PeriodText(calendar: context.org.calendar, now: context.now)
        var reviews = try context.store.reviews(orgID: context.org.id, from: resolved.start, to: resolved.end)
        let title = text.title("Reviews" + (query.topic.map { " about \($0)" } ?? ""), resolved)
        guard !reviews.isEmpty || query.topic != nil else {
            return Reply(blocks: [
                .title(title),
                .text("No reviews in this period. Send a CSV of reviews (date, rating, text) to read them here."),
            ])
        }
        let products = try context.store.products(orgID: context.org.id)
        let members = try context.store.members(orgID: context.org.id).map(\.name)
        let finder = ReviewThemeFinder(productNames: products.map(\.name), staffNames: members)
        let analysed = reviews.map { ($0, finder.findings($0.text)) }
        var chosen = analysed
        if let topic = query.topic {
            let theme = ReviewThemeFinder.Theme.allCases.first { theme in
                [
                    theme.rawValue, theme.title,
                    theme.title.hasSuffix("s") ? String(theme.title.dropLast()) : theme.title,
                ]
                .contains(topic) || (theme == .wait && ["queue", "queues", "waiting", "wait"].contains(topic))
                    || (theme == .stock && ["stock", "availability", "sold out"].contains(topic))
            }
            chosen = analysed.filter { review, findings in
                review.text.lowercased().contains(topic)
                    || theme.map { t in findings.contains { $0.theme == t } } == true
            }
            reviews = chosen.map(\.0)
            guard !chosen.isEmpty else {
                return Reply(blocks: [.title(title), .text("No review in this period mentions “\(topic)”.")])
            }
        }
        let ratings = reviews.compactMap(\.rating)
        var lines = [
            "\(reviews.count) review\(reviews.count == 1 ? "" : "s")"
                + (ratings.isEmpty
                    ? "" : String(format: ", average %.1f★", Double(ratings.reduce(0, +)) / Double(ratings.count)))
        ]
        let dates = DateText(calendar: context.org.calendar)
        for theme in ReviewThemeFinder.Theme.allCases {
            let about = chosen.compactMap { review, findings in
                findings.first { $0.theme == theme }.map { (review, $0) }
            }
            guard !about.isEmpty else { continue }
            let unhappy = about.filter { $0.1.sentiment == .negative }
            let happy = about.filter { $0.1.sentiment == .positive }
            var line = theme.title.prefix(1).uppercased() + theme.title.dropFirst() + ": "
            var parts: [String] = []
            if !unhappy.isEmpty { parts.append("\(unhappy.count) unhappy") }
            if !happy.isEmpty { parts.append("\(happy.count) happy") }
            if parts.isEmpty { parts.append("\(about.count) mention\(about.count == 1 ? "" : "s")") }
            line += parts.joined(separator: ", ")
            if theme == .stock, !unhappy.isEmpty {
                line += try outOfStockCheck(unhappy, products: products, context: context)
            }
            if let worst = unhappy.first ?? happy.first {
                line += "\n  “\(Self.quote(worst.0.text))” (\(dates.day(worst.0.reviewedAt, now: context.now)))"
            }
            lines.append(line)
        }
        if lines.count == 1 { lines.append("No theme stands out in what they wrote.") }
        return Reply(blocks: [.title(title), .text(lines.joined(separator: "\n"))])
    }

    static func quote(_ text: String) -> String {
        let single = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return single.count > 90 ? String(single.prefix(88)) + "…" : single
    }

    /// "— Croissant was out on 2 of those 3 days": the reviews of empty shelves held to the stock history.
    private func outOfStockCheck(
        _ reviews: [(Review, ReviewThemeFinder.Finding)], products: [Product], context: HandlerContext
    ) throws -> String {
        let named = reviews.compactMap { review, finding in
            finding.subject.flatMap { name in products.first { $0.name == name } }.map { (review, $0) }
        }
        guard let product = named.first?.1 else { return "" }
        let about = named.filter { $0.1.id == product.id }
        let calendar = context.org.calendar
        let days = Set(about.map { calendar.startOfDay($0.0.reviewedAt) })
        var out = 0
        let stock = StockMetrics(store: context.store, org: context.org)
        for day in days {
            let outages = try stock.outages(from: day, to: calendar.startOfDay(day, adding: 1))
            if outages.contains(where: { $0.product.id == product.id }) { out += 1 }
        }
        if days.count == 1 {
            return out == 1
                ? " — \(product.name) was out that day" : " — \(product.name) was not counted out that day"
        }
        return " — \(product.name) was out on \(out) of those \(days.count) days"
    }
}
