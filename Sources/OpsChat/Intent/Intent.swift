/// What a message asks for, once parsed.
public enum Intent: Sendable, Equatable {
    /// What the bot can do; `topic` narrows it ("help stock").
    case help(topic: String?)
    /// Products at or below their reorder point.
    case lowStock
    /// The stock of one product, named by the words in `query`.
    case productStock(query: String)
    /// Revenue, units and orders for a period, against the same period a week before.
    case sales(Period)
    /// Show the shop's settings, or change one.
    case settings(SettingsChange?)
    /// Nothing matched; `suggestions` are the closest things the bot can do, as example phrases.
    case unknown(suggestions: [String])
}

/// A change to the shop's settings asked for in chat ("settings timezone Europe/London").
public enum SettingsChange: Sendable, Equatable {
    case name(String)
    case timeZone(String)
    case currency(String)
    case weekStart(String)
    /// A setting the bot does not know; the reply lists the ones it does.
    case unknown(String)
}
