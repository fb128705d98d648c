import Foundation
import OpsChat
import OpsCore
import OpsNetwork

/// Runs the morning summary on its cron schedule (`schedule.daily_summary`, default 08:00 in the shop's zone)
/// inside `opsbot run`. The run mark is stored with the outbox rows, so a run missed while the bot was down
/// happens once at start, never twice.
struct BriefingScheduler {
    let service: ConversationService
    let daily: ScheduledJob
    let logger: Logger
    var tick: TimeInterval = 30

    func run(until stop: StopSignal) async {
        logger.info("briefing.start", ["job": daily.name, "schedule": daily.schedule.description])
        while !Task.isCancelled && !stop.isRaised {
            do {
                let sent = try await service.postDailySummary(now: Date(), job: daily)
                if sent > 0 { logger.info("briefing.daily_summary", ["chats": String(sent)]) }
            } catch {
                logger.error("briefing.failed", ["job": daily.name, "error": "\(error)"])
            }
            await stop.sleep(tick)
        }
    }
}
