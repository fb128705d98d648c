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

extension HandlerContext {
    /// How `member` learns of what was just given to them: nothing when it is the asker, else whether the bot
    /// told them in private chat or the asker should.
    func howTold(_ member: Member) throws -> String {
        guard member.id != self.member.id else { return "" }
        return try store.privateChat(memberID: member.id) != nil
            ? " \(member.name) is told in private chat."
            : " \(member.name) hasn't opened a private chat with the bot, so tell them here."
    }
}
