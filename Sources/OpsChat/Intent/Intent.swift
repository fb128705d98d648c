/// What a message asks for, once parsed.
public enum Intent: Sendable, Equatable {
    /// What the bot can do; `topic` narrows it ("help stock").
    case help(topic: String?)
    /// Products at or below their reorder point.
    case lowStock
    /// Products with nothing left.
    case outOfStock
    /// The stock of one product, named by the words in `query`.
    case productStock(query: String)
    /// The stock of every product in a category.
    case categoryStock(category: String)
    /// Products that ran out during a period, and for how many days.
    case stockOuts(Period)
    /// Revenue, units, orders, basket and margin for a period, against the period before.
    case sales(Period)
    /// The same at one of the shop's locations ("sales this week at Market").
    case locationSales(Period, location: String)
    /// Revenue and orders per location ("sales by location").
    case locations(Period)
    /// A location named with a question that has no figures per location yet.
    case locationNotSupported(location: String)
    /// Best or worst sellers.
    case topProducts(TopProducts)
    /// One product's daily trend with a sparkline.
    case productTrend(query: String, period: Period)
    /// Units and revenue of one product in a period ("did we sell any croissants yesterday").
    case productSales(query: String, period: Period)
    /// One figure of a period's sales, asked for by name ("how many orders yesterday", "average basket").
    case salesFigure(Period, SalesFigure)
    /// Revenue by category.
    case categories(Period)
    /// Margin by category, where costs are known.
    case categoryMargins(Period)
    /// A kind of question the bot recognises but cannot answer yet: it says so, never another answer.
    case notYet(NotYetTopic)
    /// Forecasts, what to order, purchase orders and ordering terms.
    case ordering(OrderingCommand)
    /// Labour against sales, hours off target, who works when.
    case staffing(StaffingCommand)
    /// The tills and sheets read on their own: status, a run now, how to connect one.
    case sync(SyncCommand)
    /// A picture of a question's figures, sent as a PNG with a one-line caption.
    case chart(ChartRequest)
    /// The one-page HTML report of a period: KPIs, charts, top products, low stock, open alerts.
    case report(Period)
    /// "summary": yesterday in five lines; "summary here": briefings come to this chat.
    case briefing(BriefingCommand)
    /// "reviews last month", "what do customers say about coffee".
    case reviews(ReviewsQuery)
    /// Average day by weekday, and weekdays against weekends.
    case weekdays(Period)
    /// Revenue and orders by hour of the day.
    case busiestHours(Period)
    /// Show the shop's settings, or change one.
    case settings(SettingsChange?)
    /// Alerts: list, act on one, or change the rules.
    case alert(AlertCommand)
    /// The team: joining, invites, roles, tasks, the activity feed.
    case team(TeamCommand)
    /// Nothing matched; `suggestions` are the closest things the bot can do, as example phrases.
    case unknown(suggestions: [String])
}

/// "top 5 products this week", "worst sellers in bakery last month".
public struct TopProducts: Sendable, Equatable {
    public enum Metric: String, Sendable, Equatable {
        case revenue
        case units
        case margin
    }

    public var period: Period
    public var metric: Metric
    public var count: Int
    /// Worst sellers instead of best.
    public var bottom: Bool
    public var category: String?

    public init(
        period: Period, metric: Metric = .revenue, count: Int = 5, bottom: Bool = false, category: String? = nil
    ) {
        self.period = period
        self.metric = metric
        self.count = count
        self.bottom = bottom
        self.category = category
    }
}

/// A change to the shop's settings asked for in chat ("settings timezone Europe/London").
public enum SettingsChange: Sendable, Equatable {
    case name(String)
    case timeZone(String)
    case currency(String)
    case weekStart(String)
    /// "settings splh target 60": sales per labour hour, in the currency's major units.
    case splhTarget(String)
    /// "settings labour target 25%".
    case labourTarget(String)
    /// A setting the bot does not know; the reply lists the ones it does.
    case unknown(String)
}

extension Intent {
    /// The intent's kind without its details: what `IntentRules` names each rule by.
    enum Name: String, Sendable, CaseIterable {
        case help, lowStock, outOfStock, productStock, categoryStock, stockOuts, sales, locationSales, locations
        case locationNotSupported, topProducts, productTrend, categories, weekdays, busiestHours, settings, alert
        case team, unknown, productSales, salesFigure, categoryMargins, notYet, ordering, staffing, sync
        case chart, report, briefing, reviews
    }

    var name: Name {
        switch self {
        case .help: return .help
        case .lowStock: return .lowStock
        case .outOfStock: return .outOfStock
        case .productStock: return .productStock
        case .categoryStock: return .categoryStock
        case .stockOuts: return .stockOuts
        case .sales: return .sales
        case .locationSales: return .locationSales
        case .locations: return .locations
        case .locationNotSupported: return .locationNotSupported
        case .topProducts: return .topProducts
        case .productTrend: return .productTrend
        case .categories: return .categories
        case .productSales: return .productSales
        case .salesFigure: return .salesFigure
        case .categoryMargins: return .categoryMargins
        case .notYet: return .notYet
        case .ordering: return .ordering
        case .staffing: return .staffing
        case .sync: return .sync
        case .chart: return .chart
        case .report: return .report
        case .briefing: return .briefing
        case .reviews: return .reviews
        case .weekdays: return .weekdays
        case .busiestHours: return .busiestHours
        case .settings: return .settings
        case .alert: return .alert
        case .team: return .team
        case .unknown: return .unknown
        }
    }
}
