import Foundation
import OpsChat
import OpsCore
import OpsNetwork

/// Runs the alert evaluation on its cron schedule inside `opsbot run`, and reminds about overdue tasks. The last
/// run is stored with the evaluation's own transaction, so a run missed while the bot was down happens once at
/// start, never twice.
struct AlertScheduler {
    let service: ConversationService
    let job: ScheduledJob
    let logger: Logger
    /// How often the schedule is looked at; runs land within this of their time.
    var tick: TimeInterval = 20

    func run(until stop: StopSignal) async {
        // The zone is the shop's at each look (`ConversationService.evaluateAlerts`); this is the one it starts in.
        logger.info(
            "scheduler.start",
            ["job": job.name, "schedule": job.schedule.description, "zone": job.timeZone.identifier])
        while !Task.isCancelled && !stop.isRaised {
            do {
                if let evaluation = try await service.evaluateAlerts(now: Date(), job: job) {
                    logger.info(
                        "scheduler.alerts",
                        [
                            "opened": String(evaluation.opened.count), "reminded": String(evaluation.reminded.count),
                            "resolved": String(evaluation.resolved.count), "deliveries": String(evaluation.deliveries),
                        ])
                    if let notice = try await service.unroutedAlertsNotice() {
                        logger.warning("scheduler.alerts_unrouted", ["detail": notice])
                    }
                }
                let reminders = try await service.remindOverdueTasks(now: Date())
                if reminders > 0 { logger.info("scheduler.task_reminders", ["count": String(reminders)]) }
            } catch {
                logger.error("scheduler.failed", ["job": job.name, "error": "\(error)"])
            }
            await stop.sleep(tick)
        }
    }
}
