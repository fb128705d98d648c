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
        /// The largest file shared in Slack the bot downloads.
        public var maxFileBytes = 25 * 1024 * 1024

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
                case .interactive(_, let payload):
                    try await press(payload)
                case .slashCommand(_, let payload):
                    try await command(payload)
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
        let chat = ChatMessage.Chat(id: incoming.channel, kind: incoming.isDirect ? .privateChat : .group)
        let sender = ChatMessage.Sender(userKey: incoming.user, displayName: incoming.user)
        // Known chats and people: "alerts here" and assigning by name need them, as on Telegram.
        try? await service.chatSeen(transport: name, chatKey: incoming.channel, group: !incoming.isDirect, title: nil)
        try? await service.personSeen(
            transport: name, chatKey: incoming.channel, userKey: incoming.user, name: incoming.user, handle: nil)
        if let file = incoming.file {
            try await share(file, incoming: incoming, chat: chat, sender: sender)
            keys.append(incoming.dedupeKey)
            try await service.endHandling(
                transport: name, state: ("answered", keys.suffix(options.remembered).joined(separator: " ")))
            return
        }
        let message = ChatMessage(transport: name, chat: chat, sender: sender, text: incoming.text)
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
            try await send(reply, channel: incoming.channel, threadTS: incoming.threadTS)
        }
        keys.append(incoming.dedupeKey)
        try await service.endHandling(
            transport: name, state: ("answered", keys.suffix(options.remembered).joined(separator: " ")))
    }

    /// A reply's messages, then its files (a chart, an error CSV).
    func send(_ reply: Reply, channel: String, threadTS: String?) async throws {
        for rendered in SlackRenderer.render(reply) {
            try await postWithRetries(channel: channel, message: rendered, threadTS: threadTS)
        }
        for file in reply.attachments {
            do {
                try await api.uploadFile(channel: channel, name: file.fileName, bytes: file.bytes, threadTS: threadTS)
            } catch let failure as SlackAPI.Failure {
                options.logger.warning("slack.upload_failed", ["file.name": file.fileName, "error": failure.error])
            }
        }
    }

    /// A CSV shared into a chat: downloaded with the bot token and imported under the sharer's permissions.
    func share(_ file: SlackIncoming.File, incoming: SlackIncoming, chat: ChatMessage.Chat, sender: ChatMessage.Sender)
        async throws
    {
        guard file.size <= options.maxFileBytes else {
            try await send(
                .text("\(file.name) is over 25 MB: split it, or run opsbot import on the shop's computer."),
                channel: incoming.channel, threadTS: incoming.threadTS)
            return
        }
        let api = self.api
        let limit = options.maxFileBytes
        let attachment = ChatMessage.Attachment(fileName: file.name, size: file.size) {
            try await api.download(file.url, maxBytes: limit)
        }
        let message = ChatMessage(
            transport: name, chat: chat, sender: sender, text: incoming.text, attachment: attachment)
        if let refusal = await service.refusal(forAttachmentOf: message) {
            // In a channel, a file that is not for the bot (a photo, a PDF) is passed over quietly.
            if incoming.isDirect { try await send(refusal, channel: incoming.channel, threadTS: incoming.threadTS) }
            return
        }
        do {
            let bytes = try await attachment.fetch()
            try await send(
                await service.handle(message, file: bytes), channel: incoming.channel, threadTS: incoming.threadTS)
        } catch {
            options.logger.warning("slack.file_failed", ["file.name": file.name, "error": "\(error)"])
            try await send(
                .text("I couldn't fetch \(file.name); please share it again."), channel: incoming.channel,
                threadTS: incoming.threadTS)
        }
    }

    /// A button under one of the bot's messages (`block_actions`): its value is the words it stands for.
    func press(_ payload: JSONValue) async throws {
        guard payload["type"]?.string == "block_actions", let user = payload["user"]?["id"]?.string,
            let channel = payload["channel"]?["id"]?.string ?? payload["container"]?["channel_id"]?.string,
            let action = payload["actions"]?.array?.first?["value"]?.string
        else { return }
        let direct = channel.hasPrefix("D")
        let message = ChatMessage(
            transport: name, chat: .init(id: channel, kind: direct ? .privateChat : .group),
            sender: .init(userKey: user, displayName: payload["user"]?["name"]?.string ?? user), text: action,
            action: action)
        let reply = await service.handle(message)
        let thread = payload["message"]?["thread_ts"]?.string ?? payload["container"]?["message_ts"]?.string
        try await send(reply, channel: channel, threadTS: direct ? nil : thread)
    }

    /// `/opsbot sales today`: the words after the command, answered where it was typed.
    func command(_ payload: JSONValue) async throws {
        guard let user = payload["user_id"]?.string, let channel = payload["channel_id"]?.string else { return }
        let text = (payload["text"]?.string ?? "").trimmingCharacters(in: .whitespaces)
        let direct = channel.hasPrefix("D")
        let message = ChatMessage(
            transport: name, chat: .init(id: channel, kind: direct ? .privateChat : .group),
            sender: .init(userKey: user, displayName: payload["user_name"]?.string ?? user),
            text: text.isEmpty ? "help" : text)
        try await send(await service.handle(message), channel: channel, threadTS: nil)
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
