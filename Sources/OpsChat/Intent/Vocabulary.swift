/// The words the parser acts on, grouped by meaning. Grow the bot by adding words and groups here.
enum Vocabulary {
    static let help: Set<String> = ["help", "commands", "command", "start", "menu", "howto", "options"]
    static let settings: Set<String> = ["settings", "setting", "config", "configure", "preferences"]
    /// The settings "set <key> <value>" changes (`IntentParser.settingsChange`).
    static let settingKeys: Set<String> = [
        "name", "shop", "shopname", "timezone", "tz", "zone", "time", "currency", "week", "weekstart", "week_start",
        "splh", "labour", "labor",
    ]
    static let sales: Set<String> = [
        "sales", "sale", "revenue", "takings", "taking", "turnover", "sold", "sell", "selling", "made", "make",
        "earn", "earned", "earnings", "money", "figures", "numbers", "business", "till", "income", "trade",
        "trading", "did", "taken", "take", "took", "brought", "bring", "bringing", "kpis", "kpi", "total", "totals",
        "orders", "transactions", "basket", "baskets", "spend", "margin", "profit", "customers", "footfall",
    ]
    static let stock: Set<String> = [
        "stock", "stocks", "inventory", "left", "remaining", "many", "level", "levels", "count", "have", "got",
        "onhand", "supply",
    ]
    static let low: Set<String> = [
        "low", "lowstock", "running", "short", "reorder", "restock", "order", "need", "out", "empty", "urgent",
        "ordering", "reordering", "restocking", "reorders",
    ]
    static let top: Set<String> = [
        "top", "best", "bestsellers", "bestseller", "bestselling", "popular", "most", "highest", "worst", "bottom",
        "slowest", "least", "lowest", "sellers", "seller", "leaders", "ranking", "rank",
    ]
    static let bottom: Set<String> = ["worst", "bottom", "slowest", "least", "lowest"]
    static let margin: Set<String> = ["margin", "margins", "profit", "profits", "profitable", "gp"]
    static let units: Set<String> = ["units", "qty", "quantity", "volume", "items", "pieces"]
    static let trend: Set<String> = [
        "trend", "trends", "trending", "doing", "performing", "performance", "drilldown", "history", "graph", "chart",
    ]
    static let stockOuts: Set<String> = [
        "stockouts", "stockout", "stock-outs", "stock-out", "outs", "outages", "shortages",
    ]
    static let weekdays: Set<String> = ["weekend", "weekends", "weekday", "weekdays"]
    static let hours: Set<String> = ["hour", "hours", "hourly", "peak", "rush", "times", "time"]
    static let categories: Set<String> = ["category", "categories", "department", "departments", "dept", "breakdown"]
    static let locations: Set<String> = ["location", "locations", "store", "stores", "branch", "branches", "shops"]
    /// Words never read as part of a product's name.
    static let productSkip = filler.union(stock).union(low).union(sales).union(top).union(trend).union(margin)
        .union(units).union(categories).union(["out", "of", "sellers", "selling", "sold", "ran", "run", "runs"])
        .union(["oos", "outofstock", "soldout", "none", "up", "down", "did", "we", "any", "yet"])
        .union(SalesFigure.words.values.joined()).union(["average", "avg", "mean", "per", "total", "totals"])
    /// Words that carry no meaning for any intent; dropped before product names are read.
    static let filler: Set<String> = [
        "a", "an", "the", "is", "are", "was", "were", "do", "does", "we", "us", "our", "i", "me", "my", "you",
        "how", "much", "what", "whats", "which", "any", "there", "theres", "of", "in", "on", "for", "at", "to",
        "please", "pls", "plz", "can", "could", "tell", "show", "give", "get", "check", "some", "products",
        "product", "items", "item", "things", "stuff", "lot", "so", "far", "now", "right", "currently", "still",
        "and", "with", "hey", "hi", "hello", "bot", "opsbot", "ok", "okay", "thanks", "it", "its", "about",
        "did", "go", "going", "look", "looking", "like", "be", "will", "well", "just", "all", "info",
        "unit", "amount", "number", "no", "not", "yet", "again", "anything", "by", "vs", "versus", "than",
        "better", "worse", "busy", "busiest", "day", "days", "week", "shows", "sell",
        "something", "everything", "whatever", "else", "soon", "gonna", "need", "hows", "wheres", "thats",
        "guys", "mate", "folks", "team", "quick", "quickly", "overall", "roughly", "approx", "exactly", "btw",
        "lol", "haha", "cheers", "thx", "ta", "pls", "mins", "sec", "really", "actually", "again", "also", "then",
        "have", "has", "had", "been", "this", "that", "these", "those", "they", "them", "up", "one", "ones",
        "were", "shop", "shops", "cafe", "store", "here", "today's", "kindly", "whats", "wot", "wat", "wht",
        "hw", "r", "u", "ur", "y", "yo", "hiya", "morning", "afternoon", "evening", "so", "far", "or", "if",
        "done", "date", "over", "came", "come", "size", "value", "looking", "looks", "went", "who",
        "getting", "gets", "should", "shall", "must", "needs", "needed", "list", "lists", "report", "reports",
        "summary", "overview", "update", "status", "wise", "turn", "turned",
    ]
    /// Every word a typo may be corrected to. Product words are never corrected (see `IntentParser`).
    static let correctable: [String] =
        Array(
            help.union(settings).union(sales).union(stock).union(low).union(PeriodParser.vocabulary).union(top)
                .union(margin).union(trend).union(weekdays).union(hours).union(categories)
                .union(PeriodParser.lastWords).union(PeriodParser.thisWords).union(PeriodParser.rangeWords)
                .union(["inventory", "yesterday", "settings", "currency", "timezone", "busiest", "busy"])
        ).filter { $0.count >= 4 }.sorted() + ["top"]
}
