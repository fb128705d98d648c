import Foundation
import OpsCore

/// The messages the bot sends unasked, on their schedules.
extension ConversationService {
    /// The morning summary when its run is due (`job` nil: now, as `check-alerts` would). Nothing for a shop
    /// with no sales at all yet: a summary of nothing is noise. Returns the outbox rows written.
    @discardableResult
    public func postDailySummary(now: Date, job: ScheduledJob?) throws -> Int {
        try withStore { store in
            let org = try store.org(id: orgID)
            let zoned = job.map { ScheduledJob(name: $0.name, schedule: $0.schedule, timeZone: org.timeZone) }
            return try BriefingPoster(store: store, org: org).post(job: zoned, now: now) {
                guard try store.hasSales(orgID: org.id) else { return nil }
                let summary = try DailySummary.make(store: store, org: org, now: now)
                return DailySummaryText(org: org, now: now).text(summary)
            }
        }
    }

    /// Last week's insights when their run is due (Monday 08:00 by default). A chat with staff in it hears the
    /// staffing cards without wages. Returns the outbox rows written.
    @discardableResult
    public func postWeeklyInsights(now: Date, job: ScheduledJob?) throws -> Int {
        try withStore { store in
            let org = try store.org(id: orgID)
            let zoned = job.map { ScheduledJob(name: $0.name, schedule: $0.schedule, timeZone: org.timeZone) }
            return try BriefingPoster(store: store, org: org).post(job: zoned, now: now) {
                guard try store.hasSales(orgID: org.id) else { return nil }
                let insights = WeeklyInsights(store: store, org: org)
                var text = WeeklyInsightsText(org: org, now: now)
                text.showsWages = false
                return text.reply(try insights.cards(now: now), week: insights.lastWeek(now: now)).plainText
            }
        }
    }
}
