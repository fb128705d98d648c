import Foundation
import OpsCore

/// "settings": the shop's name, time zone, currency and week start; owners change them
/// ("settings timezone Europe/London", "settings currency GBP").
struct SettingsHandler {
    func reply(change: SettingsChange?, context: HandlerContext) throws -> Reply {
        guard let change else { return show(context.org) }
        guard context.member.role == .owner else {
            return .text("Only the shop's owner can change settings; you are \(context.member.role.rawValue).")
        }
        var org = context.org
        switch change {
        case .name(let name):
            guard !name.isEmpty else { return .text("Give the new name: settings name Corner Café") }
            org.name = name
        case .timeZone(let identifier):
            guard let zone = TimeZone(identifier: identifier) else {
                return .text(
                    "“\(identifier)” is not a time zone I know. Use a name like Europe/London or America/New_York.")
            }
            org.timeZone = zone
        case .currency(let code):
            guard let currency = Currency(code: code) else {
                return .text("“\(code)” is not a currency code. Use three letters, like USD, GBP or EUR.")
            }
            org.currency = currency
        case .weekStart(let day):
            guard let weekStart = WeekStart(rawValue: day.lowercased()) else {
                return .text("Weeks can start on monday or sunday.")
            }
            org.weekStart = weekStart
        case .splhTarget(let text):
            let cleaned = text.filter { $0.isNumber || $0 == "." }
            guard let value = Double(cleaned), value > 0, value < 1e9 else {
                return .text("Give sales per labour hour as a number: settings splh target 60")
            }
            let minor = Int((value * pow(10, Double(org.currency.minorDigits))).rounded())
            try context.store.setStaffingTarget(.splh(minor), orgID: org.id)
            return .text(
                "Staffing target: \(context.money.format(minor)) of sales per labour hour. “overstaffed hours” uses it."
            )
        case .labourTarget(let text):
            guard let value = Double(text.filter { $0.isNumber || $0 == "." }), value > 0, value < 100 else {
                return .text("Give labour as a share of sales: settings labour target 25%")
            }
            try context.store.setStaffingTarget(.labourPercent(value), orgID: org.id)
            return .text(
                String(format: "Staffing target: labour at %.1f%% of sales. “overstaffed hours” uses it.", value))
        case .unknown(let key):
            return .text(
                "I can't change “\(key)”. Settings are: name, timezone, currency, week, splh target, labour target.")
        }
        try context.store.updateOrg(org)
        try context.store.recordActivity(
            orgID: org.id, memberID: context.member.id, kind: "settings",
            summary: "\(context.member.name) changed the settings", at: context.now)
        // Right after a change the hint is noise: the table shows what was set.
        var reply = show(org, hint: false)
        reply.blocks.insert(.text("Saved."), at: 0)
        return reply
    }

    private func show(_ org: Org, hint: Bool = true) -> Reply {
        Reply(
            blocks: [
                .title("Settings"),
                .table(
                    Table(
                        columns: [.init(""), .init("")],
                        rows: [
                            ["Shop", org.name], ["Time zone", org.timeZone.identifier],
                            ["Currency", org.currency.code],
                            ["Week starts", org.weekStart.rawValue],
                        ])),
            ] + (hint ? [.text("Change one with: settings timezone Europe/London")] : []))
    }
}
