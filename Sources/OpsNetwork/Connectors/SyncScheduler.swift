import Foundation
import OpsChat
import OpsCore

/// Runs each connector on its interval inside `opsbot run`, or at once after `sync now`. A run stores what it
/// read and its cursor together; a failed run changes nothing but its failure count, and the owners hear of it
/// once (`SyncFailureNotice`).
public struct SyncScheduler: Sendable {
    let service: ConversationService
    let connectors: [any SyncConnector]
    let clock: any WallClock
    let logger: Logger
    /// How often the schedule is looked at: a `sync now` waits at most this long.
    public var tick: TimeInterval = 15

    public init(
        service: ConversationService, connectors: [any SyncConnector], clock: any WallClock = SystemClock(),
        logger: Logger = Logger(label: "sync", sink: StandardErrorLogSink())
    ) {
        self.service = service
        self.connectors = connectors
        self.clock = clock
        self.logger = logger
    }

    public func run(until stop: StopSignal) async {
        do {
            for connector in connectors {
                try await service.registerSync(source: connector.source, interval: connector.interval)
            }
        } catch {
            logger.error("sync.register_failed", ["error": "\(error)"])
        }
        while !Task.isCancelled && !stop.isRaised {
            await runDue()
            await stop.sleep(tick)
        }
    }

    /// Runs the connectors that are due now; returns what each run stored (nil for a failed run).
    @discardableResult
    public func runDue() async -> [String: SyncReport?] {
        var results: [String: SyncReport?] = [:]
        for connector in connectors {
            let now = clock.now
            do {
                let state = try await service.syncSource(connector.source)
                if let state, !state.isDue(now: now) { continue }
                var cursor = state?.cursor ?? ""
                if cursor.isEmpty {
                    cursor = connector.firstCursor(importedUntil: try await service.lastImportedSale())
                }
                results[connector.source] = try await run(connector, cursor: cursor, now: now)
            } catch {
                results[connector.source] = .some(nil)
                logger.error("sync.failed", ["source": connector.source, "error": "\(error)"])
            }
        }
        return results
    }

    /// One run of `connector`; a failure is recorded (and maybe told) and returned as nil.
    func run(_ connector: any SyncConnector, cursor: String, now: Date) async throws -> SyncReport? {
        do {
            let (batch, next) = try await connector.read(since: cursor, now: now)
            let report = try await service.storeSync(
                batch, source: connector.source, label: connector.label, cursor: next, now: now)
            logger.info(
                "sync.done",
                [
                    "source": connector.source, "summary": report.summary,
                    "alerts": String(report.alerts?.opened.count ?? 0),
                ])
            return report
        } catch let error as ConnectorError {
            let reason = AnswerRedactor(secrets: connector.secrets).redact(error.message)
            let told = try await service.recordSyncFailure(
                source: connector.source, reason: reason, needsOwner: error.needsOwner, now: now)
            logger.warning("sync.failed", ["source": connector.source, "error": reason, "owner_told": String(told)])
            return nil
        } catch let rejected as SyncWriter.Rejected {
            // The source's content needs someone to fix it: said to the owner at once.
            let told = try await service.recordSyncFailure(
                source: connector.source, reason: rejected.description, needsOwner: true, now: now)
            logger.warning(
                "sync.rejected",
                ["source": connector.source, "error": rejected.description, "owner_told": String(told)])
            return nil
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // Not the platform's doing (the store refused the batch?): counted as a failed run, so it waits its
            // interval before the same read is tried again.
            try await service.recordSyncFailure(
                source: connector.source, reason: "what it read could not be stored (\(error))", needsOwner: false,
                now: now)
            throw error
        }
    }
}
