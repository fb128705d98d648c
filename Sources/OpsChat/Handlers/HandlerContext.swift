import Foundation
import OpsCore

/// What every handler needs to answer: the store, the shop, who asks, and when.
struct HandlerContext {
    let store: Store
    let org: Org
    let member: Member
    let now: Date

    var money: MoneyFormatter { MoneyFormatter(currency: org.currency) }
    var dates: DateText { DateText(calendar: org.calendar) }
}
