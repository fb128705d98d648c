import Dispatch
import Foundation
import OpsChat
import OpsCore
import Synchronization

/// The bot in a Slack workspace over Socket Mode, so a shop needs no public URL: `apps.connections.open`, a
/// WebSocket to the URL it gives, every envelope acknowledged at once, each message answered in order (in the
/// thread it came from), the same group policy as Telegram. A `disconnect` envelope or a dropped socket opens
/// a new connection with backoff; Slack then sends again what was not acknowledged, and an event already
/// answered (kept by its message key) is not answered twice.
public struct SlackTransport: ChatTransport {
    public struct Options: Sendable {
        public var name = "slack"
        public var logger = Logger(label: "slack", sink: StandardErrorLogSink())
        public var backoff = Backoff(base: 1, maximum: 60)
        /// Messages answered, remembered to refuse a repeat: their keys, newest last.
        public var remembered = 500

        public init() {}
    }

    public var name: String { options.name }
    let api: SlackAPI
    let service: ConversationService
    let options: Options
    /// Opens the WebSocket (a loopback fake in tests).
    let connect: @Sendable (String) throws -> WebSocketConnectionHandle

    public init(
        api: SlackAPI, service: ConversationService, options: Options = Options(),
        connect: (@Sendable (String) throws -> WebSocketConnectionHandle)? = nil
    ) {
        self.api = api
        self.service = service
        self.options = options
        self.connect = connect ?? { url in try WebSocketConnectionHandle(url: url) }
    }

    public func run(until stop: StopSignal) async throws {
        let botUser = try? await api.botUserID()
        await service.setIdentity(TransportIdentity(transport: name, botUsername: nil, inviteLink: { _ in nil }))
        options.logger.info("slack.start", ["bot.user": botUser ?? "unknown"])
        var failures = 0
        while !Task.isCancelled && !stop.isRaised {
            do {
                let url = try await api.openConnection()
                let socket = try await socketCall { try connect(url) }
                failures = 0
                try await serve(socket, botUser: botUser, stop: stop)
            } catch let failure as SlackAPI.Failure where failure.needsOwner {
                options.logger.error("slack.refused", ["error": failure.description])
                failures += 1
                await stop.sleep(max(60, options.backoff.delay(after: failures)))
            } catch is CancellationError {
                break
            } catch {
                failures += 1
                options.logger.warning("slack.connection_failed", ["error": "\(error)"])
                await stop.sleep(options.backoff.delay(after: failures))
            }
        }
        options.logger.info("slack.stop")
    }

    private static let queue = DispatchQueue(label: "opsbot.slack-socket")

    /// Blocking socket work, on a thread of its own, never the cooperative pool.
    func socketCall<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Self.queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Reads envelopes until the socket closes or `stop` is raised.
    func serve(_ socket: WebSocketConnectionHandle, botUser: String?, stop: StopSignal) async throws {
        while !Task.isCancelled && !stop.isRaised {
            guard let event = try await socketCall({ try socket.next(timeout: 1) }) else { continue }
            switch event {
            case .close(let code, let reason):
                options.logger.info("slack.closed", ["code": String(code ?? 0), "reason": reason])
                return
            case .message(_, let payload):
                guard let envelope = SlackEnvelope(text: payload) else { continue }
                if let ack = envelope.acknowledgement { try await socketCall { try socket.send(text: ack) } }
                switch envelope {
                case .disconnect(let reason):
                    options.logger.info("slack.disconnect", ["reason": reason])
                    return
                case .event(_, let eventID, let body):
                    guard let incoming = SlackIncoming(event: body, botUserID: botUser) else { continue }
                    try await answer(incoming, eventID: eventID)
                default: continue
                }
            default: continue
            }
        }
    }

    /// Answers one message once: its key is kept with the answer, so an event sent again after a reconnect,
    /// or the `message` event beside an `app_mention`, is passed over.
    func answer(_ incoming: SlackIncoming, eventID: String) async throws {
        let seen = try await service.state(transport: name, key: "answered") ?? ""
        var keys = seen.split(separator: " ").map(String.init)
        guard !keys.contains(incoming.dedupeKey) else {
            options.logger.info("slack.repeat", ["event.id": eventID])
            return
        }
        let message = ChatMessage(
            transport: name, chat: .init(id: incoming.channel, kind: incoming.isDirect ? .privateChat : .group),
            sender: .init(userKey: incoming.user, displayName: incoming.user), text: incoming.text)
        let policy = GroupChatPolicy(botUsername: "")
        let service = self.service
        guard
            let text = await policy.text(
                of: message.text, inGroup: !incoming.isDirect, repliesToBot: incoming.mentionsBot,
                understands: { await service.understands($0) })
        else { return }
        let reply = await service.handle(
            ChatMessage(transport: name, chat: message.chat, sender: message.sender, text: text))
        if policy.posts(reply, inGroup: !incoming.isDirect) {
            for rendered in SlackRenderer.render(reply) {
                try await postWithRetries(channel: incoming.channel, message: rendered, threadTS: incoming.threadTS)
            }
        }
        keys.append(incoming.dedupeKey)
        try await service.endHandling(
            transport: name, state: ("answered", keys.suffix(options.remembered).joined(separator: " ")))
    }

    private func postWithRetries(channel: String, message: SlackRenderer.Message, threadTS: String?) async throws {
        do {
            try await api.postMessage(channel: channel, message: message, threadTS: threadTS)
        } catch let failure as SlackAPI.Failure where failure.chatGone {
            options.logger.warning("slack.chat_gone", ["channel": channel, "error": failure.error])
        }
    }
}

/// The WebSocket behind the transport, shareable across the socket queue's calls (used by one at a time).
public final class WebSocketConnectionHandle: @unchecked Sendable {
    // Unchecked: every call comes through SlackTransport's serial socket queue.
    let connection: WebSocketConnection

    public init(url: String) throws { connection = try WebSocketConnection(url: url) }

    func next(timeout: Double) throws -> WebSocketReader.Event? { try connection.next(timeout: timeout) }
    func send(text: String) throws { try connection.send(text: text) }
}
