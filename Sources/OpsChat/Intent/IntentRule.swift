/// One thing the bot understands from words: when a message asks for it, and how help and suggestions show it.
///
/// A rule has one or more clauses, each with a priority: all clauses of all rules are tried lowest priority
/// first, and the first that matches decides the intent ("stock-outs last week" is tried before "last week" is
/// read as sales). Adding an intent is adding a rule here (`IntentRules.all`) and its handler.
struct IntentRule: Sendable {
    struct Clause: Sendable {
        let priority: Int
        let match: @Sendable (MessageFeatures) -> Intent?
    }

    /// Offered, best first by overlap with the message's words, when a message matches nothing.
    struct Suggestion: Sendable {
        let phrase: String
        let words: Set<String>
        /// Order among all suggestions when two score the same (lower first).
        let rank: Int
    }

    /// The intent the rule yields.
    let name: Intent.Name
    /// Where `help <topic>` lists it, and its lines there.
    let topic: HelpTopic?
    let help: [String]
    /// Its line in the short list `help` shows, if it has one.
    let summary: String?
    /// Messages that ask for it: the first ones users are shown, and each one is held by a test to parse to it.
    let examples: [String]
    let suggestions: [Suggestion]
    let clauses: [Clause]

    init(
        _ name: Intent.Name, topic: HelpTopic?, help: [String], summary: String? = nil, examples: [String],
        suggestions: [Suggestion] = [], clauses: [Clause]
    ) {
        self.name = name
        self.topic = topic
        self.help = help
        self.summary = summary
        self.examples = examples
        self.suggestions = suggestions
        self.clauses = clauses
    }
}

/// The topics `help <topic>` knows, in the order `help` names them.
enum HelpTopic: String, Sendable, CaseIterable {
    case stock, sales, products, alerts, patterns, team, shop

    /// The words that ask for the topic ("help inventory").
    var names: Set<String> {
        switch self {
        case .stock: return ["stock", "inventory", "low", "out"]
        case .sales: return ["sales", "revenue", "takings", "money", "margin"]
        case .products: return ["top", "products", "best", "worst", "trend", "sellers"]
        case .alerts: return ["alerts", "alert", "ack", "snooze", "assign", "mute"]
        case .patterns: return ["patterns", "hours", "weekends", "weekdays", "busy", "categories", "category"]
        case .team: return ["team", "tasks", "task", "invite", "invites", "staff"]
        case .shop: return ["shop", "setup", "timezone", "currency"]
        }
    }

    var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
