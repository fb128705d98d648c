import Foundation
import OpsCore

/// "summary": yesterday in five lines, any time; "summary here": the morning summary and the weekly insights
/// come to this chat instead of the alert chats.
struct BriefingHandler {
    func summary(context: HandlerContext) throws -> Reply {
        let summary = try DailySummary.make(store: context.store, org: context.org, now: context.now)
        return .text(DailySummaryText(org: context.org, now: context.now).text(summary))
    }

    func insights(context: HandlerContext) throws -> Reply {
        let insights = WeeklyInsights(store: context.store, org: context.org)
        var cards = try insights.cards(now: context.now)
        // Staff see who works when, never what it costs.
        if context.member.role == .staff {
            cards = cards.filter {
                switch $0.kind {
                case .overstaffed, .understaffed: return false
                default: return true
                }
            }
        }
        return WeeklyInsightsText(org: context.org, now: context.now).reply(
            cards, week: insights.lastWeek(now: context.now))
    }

    func here(context: HandlerContext) throws -> Reply {
        let poster = BriefingPoster(store: context.store, org: context.org)
        try poster.setChat(transport: context.message.transport, chatKey: context.message.chat.id)
        try context.store.recordActivity(
            orgID: context.org.id, memberID: context.member.id, kind: "settings",
            summary: "\(context.member.name) set the chat for summaries", at: context.now)
        return .text(
            "The morning summary and the weekly insights come to this chat now (the alerts go where they went).")
    }
}
