import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// What the reply to a phrasing must contain, worked out from the shop's raw lines by `PhrasingOracle`.
enum PhrasingWant: Sendable {
    /// Local days, `from` included, `to` excluded (nil: up to now).
    struct Span: Sendable {
        let from: String
        let to: String?
    }

    case revenue(Span)
    case orders(Span)
    case basket(Span)
    case units(Span)
    case margin(Span)
    /// Units of the product of that name sold in the span.
    case productUnits(String, Span)
    /// The product's stock now.
    case stock(String)
    case lowStock
    case outOfStock
    case categoryStock(String)
    /// The first of the ranking: by revenue, units or margin, best or worst, in a category.
    case top(Span, TopProducts.Metric, bottom: Bool = false, category: String? = nil)
    case categoryRevenue(Span)
    case categoryMargin(Span)
    case busiestHours
    case weekdays
    case stockOuts
    /// The product's trend: its name and units over the span.
    case trend(String, Span)
    case help
    case settings
    case alerts
    /// "I can't answer that yet": a kind of question the bot has no answer for.
    case notYet
    /// The order plan: its title, and every product out of stock that sold in the last four weeks.
    case orderList
    /// The product's forecast.
    case forecast(String)
    /// Who works in the span: every person with a shift in it (not capped at now).
    case whoWorks(Span)
    /// Labour over the span: its hours, from the shifts.
    case labour(Span)
    /// Hours staffed off target.
    case offTarget
    /// The planned shifts against the forecast.
    case rota
    /// The connectors' status or a run now: the phrasing shop has none connected.
    case sync
}

/// The periods the phrasings name, for a shop whose "now" is Wednesday 25 November 2026, 15:00 in London.
extension PhrasingWant.Span {
    static let today = Self(from: "2026-11-25", to: nil)
    static let yesterday = Self(from: "2026-11-24", to: "2026-11-25")
    static let thisWeek = Self(from: "2026-11-23", to: nil)
    static let lastWeek = Self(from: "2026-11-16", to: "2026-11-23")
    static let thisMonth = Self(from: "2026-11-01", to: nil)
    static let lastMonth = Self(from: "2026-10-01", to: "2026-11-01")
    static let last7 = Self(from: "2026-11-19", to: nil)
    static let last14 = Self(from: "2026-11-12", to: nil)
    static let last30 = Self(from: "2026-10-27", to: nil)
    static let last28 = Self(from: "2026-10-29", to: nil)
    static let lastWeekend = Self(from: "2026-11-21", to: "2026-11-23")
    static let saturday = Self(from: "2026-11-21", to: "2026-11-22")
    static let monday = Self(from: "2026-11-23", to: "2026-11-24")
    static let october = Self(from: "2026-10-01", to: "2026-11-01")
    static let nov1to15 = Self(from: "2026-11-01", to: "2026-11-16")
    static let nov10to20 = Self(from: "2026-11-10", to: "2026-11-21")
    static let theThird = Self(from: "2026-11-03", to: "2026-11-04")
    static let nov14 = Self(from: "2026-11-14", to: "2026-11-15")
    static let tomorrow = Self(from: "2026-11-26", to: "2026-11-27")
    static let wholeThisWeek = Self(from: "2026-11-23", to: "2026-11-30")
    static let wholeToday = Self(from: "2026-11-25", to: "2026-11-26")
}

/// Works out, from the raw sales lines and stock of the shop by its own SQL (not the bot's metrics or
/// rollups), what a reply must contain, and says whether it does.
struct PhrasingOracle {
    let store: Store
    let org: Org
    let now: Date

    var money: MoneyFormatter { MoneyFormatter(currency: org.currency) }

    func bounds(_ span: PhrasingWant.Span) -> [SQLValue] {
        let start = org.calendar.date(dayKey: span.from)!
        let end = span.to.map { org.calendar.date(dayKey: $0)! } ?? now
        return [.integer(Int64(start.timeIntervalSince1970)), .integer(Int64(min(end, now).timeIntervalSince1970))]
    }

    func int(_ sql: String, _ span: PhrasingWant.Span, _ extra: [SQLValue] = []) -> Int {
        (try? store.database.queryInt(sql, bounds(span) + extra)) ?? -1
    }

    func productID(_ name: String) -> Int64 {
        (try? store.database.queryFirst("SELECT id FROM products WHERE name = ?", [.text(name)]) { $0.int64(0) })
            .flatMap { $0 } ?? -1
    }

    static let inSpan = "sold_at >= ? AND sold_at < ?"

    /// The ranking's first product, by the raw lines.
    func first(_ span: PhrasingWant.Span, _ metric: TopProducts.Metric, bottom: Bool, category: String?) -> String {
        let key: String
        switch metric {
        case .revenue: key = "SUM(s.total)"
        case .units: key = "SUM(s.quantity)"
        case .margin: key = "SUM(CASE WHEN s.cost IS NULL THEN 0 ELSE s.total - s.cost END)"
        }
        let sql = """
            SELECT p.name FROM sales s JOIN products p ON p.id = s.product_id
            WHERE s.\(Self.inSpan)\(category == nil ? "" : " AND p.category = ?")
            GROUP BY p.id ORDER BY \(key) \(bottom ? "ASC" : "DESC"), p.name LIMIT 1
            """
        let values = bounds(span) + (category.map { [SQLValue.text($0)] } ?? [])
        return ((try? store.database.queryFirst(sql, values) { $0.string(0) }) ?? nil) ?? "?"
    }

    func outOfStock() -> [String] {
        (try? store.database.query(
            """
            SELECT p.name FROM products p JOIN inventory_levels l ON l.product_id = p.id
            GROUP BY p.id HAVING SUM(l.quantity) <= 0
            """
        ) { $0.string(0) }) ?? []
    }

    /// The texts the reply must contain; empty when the want cannot be worked out.
    func expected(_ want: PhrasingWant) -> [String] {
        switch want {
        case .revenue(let span):
            return [money.format(int("SELECT COALESCE(SUM(total), 0) FROM sales WHERE \(Self.inSpan)", span))]
        case .orders(let span):
            let orders = int("SELECT COUNT(DISTINCT source || '/' || order_id) FROM sales WHERE \(Self.inSpan)", span)
            return ["Orders: \(NumberText.grouped(orders))"]
        case .basket(let span):
            let revenue = int("SELECT COALESCE(SUM(total), 0) FROM sales WHERE \(Self.inSpan)", span)
            let orders = int("SELECT COUNT(DISTINCT source || '/' || order_id) FROM sales WHERE \(Self.inSpan)", span)
            return ["Average basket: \(money.format(Int((Double(revenue) / Double(max(orders, 1))).rounded())))"]
        case .units(let span):
            let units = int("SELECT COALESCE(SUM(quantity), 0) FROM sales WHERE \(Self.inSpan)", span)
            return ["Units sold: \(NumberText.grouped(units))"]
        case .margin(let span):
            let margin = int(
                "SELECT COALESCE(SUM(total - cost), 0) FROM sales WHERE cost IS NOT NULL AND \(Self.inSpan)", span)
            return [money.format(margin)]
        case .productUnits(let name, let span):
            let units = int(
                "SELECT COALESCE(SUM(quantity), 0) FROM sales WHERE \(Self.inSpan) AND product_id = ?", span,
                [.integer(productID(name))])
            return [name, units == 0 ? "None sold" : "\(NumberText.grouped(units)) sold"]
        case .stock(let name):
            let quantity =
                (try? store.database.queryInt(
                    "SELECT SUM(quantity) FROM inventory_levels WHERE product_id = ?", [.integer(productID(name))]))
                ?? -1
            return [name, "In stock: \(NumberText.grouped(quantity))"]
        case .lowStock:
            return ["Low stock"] + outOfStock().map { String($0.prefix(12)) }
        case .outOfStock:
            return outOfStock().map { String($0.prefix(12)) }
        case .categoryStock(let category):
            return [category]
        case .top(let span, let metric, let bottom, let category):
            return ["1. " + String(first(span, metric, bottom: bottom, category: category).prefix(10))]
        case .categoryRevenue(let span):
            let top = try? store.database.queryFirst(
                """
                SELECT p.category, SUM(s.total) FROM sales s JOIN products p ON p.id = s.product_id
                WHERE s.\(Self.inSpan) GROUP BY p.category ORDER BY 2 DESC LIMIT 1
                """, bounds(span)
            ) { ($0.string(0), $0.int(1)) }
            guard let found = top.flatMap({ $0 }) else { return ["?"] }
            return ["Sales by category", found.0, money.format(found.1)]
        case .categoryMargin(let span):
            let top = try? store.database.queryFirst(
                """
                SELECT p.category, SUM(s.total - s.cost) FROM sales s JOIN products p ON p.id = s.product_id
                WHERE s.cost IS NOT NULL AND s.\(Self.inSpan) GROUP BY p.category ORDER BY 2 DESC LIMIT 1
                """, bounds(span)
            ) { ($0.string(0), $0.int(1)) }
            guard let found = top.flatMap({ $0 }) else { return ["?"] }
            return ["Margin by category", found.0, money.format(found.1)]
        case .busiestHours: return ["Busiest hours"]
        case .weekdays: return ["Average day"]
        case .stockOuts: return ["Stock-outs"]
        case .trend(let name, let span):
            let units = int(
                "SELECT COALESCE(SUM(quantity), 0) FROM sales WHERE \(Self.inSpan) AND product_id = ?", span,
                [.integer(productID(name))])
            return [name, "\(NumberText.grouped(units)) sold"]
        case .help: return ["stock low?"]
        case .settings: return ["Settings"]
        case .alerts: return ["lert"]
        case .notYet: return ["I can't answer that yet"]
        case .forecast(let name): return ["Forecast: \(name)", "Usually within ±"]
        case .whoWorks(let span):
            let end = span.to ?? "2026-11-26"
            let values: [SQLValue] = [
                .integer(Int64(org.calendar.date(dayKey: end)!.timeIntervalSince1970)),
                .integer(Int64(org.calendar.date(dayKey: span.from)!.timeIntervalSince1970)),
            ]
            let people =
                (try? store.database.query(
                    "SELECT DISTINCT person FROM shifts WHERE starts_at < ? AND ends_at > ?", values
                ) { $0.string(0) }) ?? []
            return people.isEmpty ? ["No shifts on the rota"] : people
        case .labour(let span):
            let hours =
                (try? store.database.queryFirst(
                    """
                    SELECT SUM((MIN(ends_at, ?2) - MAX(starts_at, ?1)) / 3600.0 * (1 - break_minutes * 60.0 / (ends_at - starts_at)))
                    FROM shifts WHERE starts_at < ?2 AND ends_at > ?1
                    """, bounds(span)
                ) { $0.double(0) }) ?? nil
            return ["Labour: \(NumberText.short(hours ?? -1)) hours"]
        case .offTarget: return ["Overstaffed", "Target:"]
        case .rota: return ["Rota vs forecast: "]
        case .sync: return ["No till or sheet is connected"]
        case .orderList:
            let selling =
                (try? store.database.query(
                    """
                    SELECT p.name FROM products p JOIN inventory_levels l ON l.product_id = p.id
                    WHERE EXISTS (SELECT 1 FROM sales s WHERE s.product_id = p.id AND s.sold_at >= ?)
                    GROUP BY p.id HAVING SUM(l.quantity) <= 0
                    """, [.integer(Int64(now.addingTimeInterval(-28 * 86_400).timeIntervalSince1970))]
                ) { $0.string(0) }) ?? []
            return ["What to order"] + selling.map { $0 + ":" }
        }
    }
}

/// The oracle itself, against figures worked by hand from `SmallShop`'s few lines.
@Suite struct PhrasingOracleTests {
    @Test func itsFiguresAreTheHandWorkedOnes() throws {
        let shop = try SmallShop()
        let oracle = PhrasingOracle(store: shop.store, org: shop.org, now: shop.now)
        // Tue 24 Nov: two orders, £2.10 + £5.20 + £2.30 − £0.30 = £9.30, 4 units.
        #expect(oracle.expected(.revenue(.yesterday)) == ["£9.30"])
        #expect(oracle.expected(.orders(.yesterday)) == ["Orders: 2"])
        #expect(oracle.expected(.units(.yesterday)) == ["Units sold: 4"])
        #expect(oracle.expected(.productUnits("Croissant", .yesterday)) == ["Croissant", "2 sold"])
        // Today to 14:30: one order of Oat Milk Barista, £2.40; the one at 16:00 is not yet.
        #expect(oracle.expected(.revenue(.today)) == ["£2.40"])
        #expect(oracle.expected(.stock("Oat Milk 1L")) == ["Oat Milk 1L", "In stock: 4"])
        #expect(oracle.expected(.outOfStock) == ["Croissant"])
    }
}
