/// The words the parser acts on, grouped by meaning. Grow the bot by adding words and groups here.
enum Vocabulary {
    static let help: Set<String> = ["help", "commands", "command", "start", "menu", "howto", "options"]
    static let settings: Set<String> = ["settings", "setting", "config", "configure", "preferences"]
    static let sales: Set<String> = [
        "sales", "sale", "revenue", "takings", "taking", "turnover", "sold", "sell", "selling", "made", "make",
        "earn", "earned", "earnings", "money", "figures", "numbers", "business", "till", "income", "trade",
        "trading", "did",
    ]
    static let stock: Set<String> = [
        "stock", "stocks", "inventory", "left", "remaining", "many", "level", "levels", "count", "have", "got",
        "onhand", "supply",
    ]
    static let low: Set<String> = [
        "low", "lowstock", "running", "short", "reorder", "restock", "order", "need", "out", "empty", "urgent",
    ]
    static let periods: [String: Period] = [
        "today": .today, "tday": .today, "tonight": .today, "yesterday": .yesterday, "yday": .yesterday,
        "yesterdays": .yesterday,
    ]
    /// Words that carry no meaning for any intent; dropped before product names are read.
    static let filler: Set<String> = [
        "a", "an", "the", "is", "are", "was", "were", "do", "does", "we", "us", "our", "i", "me", "my", "you",
        "how", "much", "what", "whats", "which", "any", "there", "theres", "of", "in", "on", "for", "at", "to",
        "please", "pls", "plz", "can", "could", "tell", "show", "give", "get", "check", "some", "products",
        "product", "items", "item", "things", "stuff", "lot", "so", "far", "now", "right", "currently", "still",
        "and", "with", "hey", "hi", "hello", "bot", "opsbot", "ok", "okay", "thanks", "it", "its", "about",
        "did", "go", "going", "look", "looking", "like", "be", "will", "well", "just", "all", "info",
        "quantity", "qty", "units", "unit", "amount", "number", "no", "not", "yet", "again", "anything",
        "something", "everything", "whatever", "else", "soon", "gonna", "need",
    ]
    static let week: Set<String> = ["week", "wk", "weeks"]
    static let thisWords: Set<String> = ["this", "current", "so", "far"]
    static let lastWords: Set<String> = ["last", "previous", "past", "prev"]

    /// Every word a typo may be corrected to. Product words are never corrected (see `IntentParser`).
    static let correctable: [String] = Array(
        help.union(settings).union(sales).union(stock).union(low).union(periods.keys).union(week)
            .union(["inventory", "yesterday", "settings", "currency", "timezone"])
    ).filter { $0.count >= 4 }.sorted()
}
