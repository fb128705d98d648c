import Foundation
import OpsChat
import OpsCore
import OpsNetwork

/// Runs the morning summary (`schedule.daily_summary`, default 08:00 in the shop's zone) and last week's insights
/// (`schedule.weekly_insights`, default Monday 08:00) on their cron schedules inside `opsbot run`. The run mark is stored with the outbox rows, so a run missed while the bot was down
/// happens once at start, never twice.
struct BriefingScheduler {
    let service: ConversationService
    let daily: ScheduledJob
    let weekly: ScheduledJob
    let logger: Logger
    var tick: TimeInterval = 30

    func run(until stop: StopSignal) async {
        logger.info(
            "briefing.start",
            [
                "daily": daily.schedule.description, "weekly": weekly.schedule.description,
                "zone": daily.timeZone.identifier,
            ])
        while !Task.isCancelled && !stop.isRaised {
            do {
                let sent = try await service.postDailySummary(now: Date(), job: daily)
                if sent > 0 { logger.info("briefing.daily_summary", ["chats": String(sent)]) }
                let insights = try await service.postWeeklyInsights(now: Date(), job: weekly)
                if insights > 0 { logger.info("briefing.weekly_insights", ["chats": String(insights)]) }
            } catch {
                logger.error("briefing.failed", ["error": "\(error)"])
            }
            await stop.sleep(tick)
        }
    }
}
