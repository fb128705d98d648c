import OpsCore

/// Sends one part of a reply the way every platform needs: in the chat's turn, waiting out the provider's
/// retry-after, retrying transient failures with the one backoff policy until `maxAttempts` or a stop, and
/// saying what became of it — so that a transport decides only what to send, and what "gone" means.
struct ReplySender<Failure: ProviderFailure> {
    enum Outcome: Equatable {
        case sent
        /// Refused for good (no retry can change it); the reply's other parts may still go.
        case failed
        /// Not sent yet: the provider kept failing, or the bot is stopping. Still owed.
        case pending
        /// The bot was blocked or removed: nothing more goes to this chat.
        case unreachable
    }

    let maxAttempts: Int
    let backoff: Backoff
    /// Log events are "<label>.rate_limited", "<label>.send_failed", …
    let label: String
    let logger: Logger
    /// Whether a failure means the chat is gone for the bot.
    let isUnreachable: (Failure) -> Bool

    /// `waitTurn`: the platform's pacing for this chat, before every try.
    func send(
        chatKey: String, stop: StopSignal, waitTurn: () async -> Void, _ operation: () async throws -> Void
    ) async -> Outcome {
        var attempt = 0
        while true {
            attempt += 1
            await waitTurn()
            do {
                try await operation()
                return .sent
            } catch let error as Failure {
                if let retryAfter = error.retryAfter {
                    logger.warning(
                        "\(label).rate_limited", ["chat.id": chatKey, "retry_after": String(Int(retryAfter))])
                    await stop.sleep(retryAfter)
                    if stop.isRaised || Task.isCancelled { return .pending }
                    continue
                }
                if isUnreachable(error) {
                    logger.warning("\(label).chat_inactive", ["chat.id": chatKey, "error": "\(error)"])
                    return .unreachable
                }
                guard error.isTransient else {
                    logger.error("\(label).send_failed", ["chat.id": chatKey, "error": "\(error)"])
                    return .failed
                }
                guard attempt < maxAttempts, !stop.isRaised, !Task.isCancelled else {
                    logger.warning("\(label).send_pending", ["chat.id": chatKey, "error": "\(error)"])
                    return .pending
                }
                await stop.sleep(backoff.delay(after: attempt))
            } catch {
                // Not the provider's answer (a cancelled transfer): the reply is still owed.
                logger.warning("\(label).send_pending", ["chat.id": chatKey, "error": "\(error)"])
                return .pending
            }
        }
    }
}
