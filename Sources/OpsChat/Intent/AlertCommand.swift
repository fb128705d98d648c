import OpsCore

/// What a message asks of the alerts: see them, act on one, or change the rules.
public enum AlertCommand: Sendable, Equatable {
    /// "alerts": the open ones, most severe first.
    case list
    /// "alert 12".
    case show(Int64)
    /// "alert history milk": a product's alerts with every delivery; without words, the latest alerts.
    case history(query: String?)
    case acknowledge(Int64)
    /// "assign 12 to @maria" / "to me"; without a person, the bot offers a choice.
    case assign(Int64, to: String?)
    /// "snooze 12 2d"; one day when no time is given.
    case snooze(Int64, minutes: Int)
    case resolve(Int64)
    /// "alert me when oat milk below 12".
    case threshold(product: String, below: Int)
    /// "set reorder point croissant 20".
    case reorderPoint(product: String, quantity: Int)
    /// "mute sales alerts for 3 days"; nil minutes unmutes.
    case mute(kinds: [AlertKind], minutes: Int?)
    /// "alert settings": rules, routes and the chats that get alerts.
    case settings
    /// "alerts here" / "no alerts here": whether this chat gets alerts.
    case here(Bool)
    /// The command's word with arguments it cannot read: how to say it.
    case usage(String)
}
