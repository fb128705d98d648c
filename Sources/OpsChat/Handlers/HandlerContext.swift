import Foundation
import OpsCore

/// What every handler needs to answer: the store, the shop, who asks, and when.
struct HandlerContext {
    let store: Store
    let org: Org
    let member: Member
    let now: Date
    /// The message being answered: its chat and sender (for "alerts here", "assign 12 to me").
    let message: ChatMessage
    /// Where email and SMS alerts go, when an answer evaluates the alerts again.
    let alertRecipients: AlertRecipients
    /// The bot's username on the message's platform, for invite links; nil where there is none (the console).
    let botUsername: String?

    var money: MoneyFormatter { MoneyFormatter(currency: org.currency) }
    var dates: DateText { DateText(calendar: org.calendar) }
}
