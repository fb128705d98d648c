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
    /// The message's platform as its transport describes it (invite links); nil where none was set (the console).
    let identity: TransportIdentity?

    var money: MoneyFormatter { MoneyFormatter(currency: org.currency) }
    var dates: DateText { DateText(calendar: org.calendar) }
}
