import Dispatch
import Foundation
import OpsChat
import OpsCore
import Synchronization

/// The bot in a Slack workspace. Events come over Socket Mode (`apps.connections.open`, then a WebSocket to the
/// URL it gives), so a shop needs no public URL, or to the Events URL on the bot's HTTP server
/// (`SlackEventsEndpoint`). Either way each is kept in the inbox before Slack is told it arrived, then handled
/// from there one at a time, in order: a crash after the acknowledgement loses nothing, Slack's retries of an
/// event are kept once, and a message that ends the process is not handled a third time. Answers go in the
/// thread a question came from, under the same group policy as Telegram. A `disconnect` envelope or a dropped
/// socket opens a new connection with backoff.
public struct SlackTransport: ChatTransport {
    public struct Options: Sendable {
        public var name = "slack"
        public var logger = Logger(label: "slack", sink: StandardErrorLogSink())
        public var backoff = Backoff(base: 1, maximum: 60)
        /// Messages answered, remembered to refuse a repeat: their keys, newest last.
        public var remembered = 500
        /// The largest file shared in Slack the bot downloads.
        public var maxFileBytes = 25 * 1024 * 1024
        /// Tries at sending one reply before it is left (a network down for good, a stop).
        public var sendAttempts = 6

        public init() {}
    }

    public var name: String { options.name }
    let api: SlackAPI
    let service: ConversationService
    let options: Options
    /// Opens the WebSocket (a loopback fake in tests).
    let connect: @Sendable (String) throws -> WebSocketConnectionHandle
    /// Rung when something is kept in the inbox, so the handler does not poll the database.
    let bell = SlackInboxBell()
    /// Members' names from `users.info`, asked once each.
    let names = SlackMemberNames()

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
        await service.setIdentity(
            TransportIdentity(transport: name, botUsername: nil, startCommand: "/opsbot join", inviteLink: { _ in nil })
        )
        options.logger.info(
            "slack.start", ["bot.user": botUser ?? "unknown", "mode": api.socketMode ? "socket" : "events"])
        try await withThrowingTaskGroup(of: Void.self) { group in
            if api.socketMode { group.addTask { await self.listen(until: stop) } }
            group.addTask { try await self.work(botUser: botUser, until: stop) }
            try await group.waitForAll()
        }
        options.logger.info("slack.stop")
    }

    /// Connects, reads envelopes, reconnects: until `stop`.
    func listen(until stop: StopSignal) async {
        // Envelopes are kept on a connection of the socket's own, on its thread: an import the conversation is
        // busy with for seconds does not hold back their acknowledgements.
        let inbox: SlackInboxWriter
        do {
            inbox = try SlackInboxWriter(databasePath: service.databasePath, transport: self)
        } catch {
            options.logger.error("slack.inbox_unavailable", ["error": "\(error)"])
            return
        }
        var failures = 0
        while !Task.isCancelled && !stop.isRaised {
            do {
                let url = try await api.openConnection()
                let socket = try await socketCall { try connect(url) }
                failures = 0
                try await serve(socket, inbox: inbox, stop: stop)
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
    }

    private static let queue = DispatchQueue(label: "opsbot.slack-socket")

    /// Blocking socket work, on a thread of its own, never the cooperative pool.
    func socketCall<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Self.queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Reads envelopes until the socket closes or `stop` is raised; each is kept, then acknowledged. One that
    /// cannot be kept (the disk is full) is not acknowledged, so Slack sends it again.
    func serve(_ socket: WebSocketConnectionHandle, inbox: SlackInboxWriter, stop: StopSignal) async throws {
        while !Task.isCancelled && !stop.isRaised {
            guard let event = try await socketCall({ try socket.next(timeout: 1) }) else { continue }
            switch event {
            case .close(let code, let reason):
                options.logger.info("slack.closed", ["code": String(code ?? 0), "reason": reason])
                return
            case .message(_, let payload):
                guard let envelope = SlackEnvelope(text: payload) else { continue }
                let inbound: SlackInbound?
                switch envelope {
                case .disconnect(let reason):
                    options.logger.info("slack.disconnect", ["reason": reason])
                    return
                case .event(_, let eventID, let body): inbound = .event(id: eventID, body)
                case .interactive(_, let payload): inbound = .interactive(payload)
                case .slashCommand(_, let payload): inbound = .command(payload)
                default: inbound = nil
                }
                if let inbound, let id = envelope.envelopeID {
                    do {
                        let kept = try await socketCall { try inbox.keep(inbound, fallbackKey: id) }
                        if !kept { options.logger.info("slack.repeat", ["envelope.id": id]) }
                    } catch {
                        options.logger.error("slack.keep_failed", ["envelope.id": id, "error": "\(error)"])
                        continue
                    }
                }
                if let ack = envelope.acknowledgement { try await socketCall { try socket.send(text: ack) } }
            default: continue
            }
        }
    }

    /// Handles the inbox in order until `stop`; what is left waits for the next start.
    func work(botUser first: String?, until stop: StopSignal) async throws {
        // Without its own user id the bot misses "<@U…>" mentions in channel messages: when `auth.test` failed at
        // the start (Slack out of reach), it is asked again before the next event, at most every 10 s.
        var botUser = first
        var askedAt = Date()
        var failures = 0
        var failed: (id: Int64, times: Int)?
        while !Task.isCancelled && !stop.isRaised {
            let next: InboundItem?
            do {
                next = try await service.nextInbound(transport: name)
            } catch {
                // The database refused for a moment (busy past its timeout, a full disk): the inbox waits, the
                // bot does not stop.
                failures += 1
                options.logger.error("slack.inbox_failed", ["error": "\(error)"])
                await stop.sleep(options.backoff.delay(after: failures))
                continue
            }
            failures = 0
            guard let item = next else {
                await bell.wait(upTo: 5, stop: stop)
                continue
            }
            if botUser == nil, Date().timeIntervalSince(askedAt) > 10 {
                askedAt = Date()
                botUser = try? await api.botUserID()
                if let botUser { options.logger.info("slack.bot_user", ["bot.user": botUser]) }
            }
            do {
                let attempt = try await service.beginHandling(transport: name, messageKey: "inbox:\(item.id)")
                var state: (key: String, value: String)?
                if let inbound = SlackInbound(kind: item.kind, stored: item.payload) {
                    if attempt > Self.maxHandlingAttempts {
                        options.logger.error(
                            "slack.event_abandoned",
                            [
                                "inbox.id": String(item.id), "attempts": String(attempt - 1),
                                "detail":
                                    "the process ended while handling this event each time; answered once and skipped",
                            ])
                        await abandon(inbound, stop: stop)
                    } else {
                        do {
                            state = try await handle(inbound, botUser: botUser, stop: stop)
                        } catch SendFailure.unsent {
                            // The reply could not go (stopping, or Slack out of reach): the event stays in the inbox
                            // and is handled again, after a pause or at the next start.
                            try await service.endHandling(transport: name, state: nil)
                            await stop.sleep(options.backoff.maximum)
                            continue
                        }
                    }
                } else {
                    options.logger.warning("slack.unreadable", ["inbox.id": String(item.id), "kind": item.kind])
                }
                try await service.settleInbound(transport: name, id: item.id, state: state)
            } catch {
                // The handling failed in a way no retry of the send mends (the database refused): tried again
                // after a pause, and passed over at the third failure so the messages behind it are not held.
                failed = failed?.id == item.id ? (item.id, (failed?.times ?? 0) + 1) : (item.id, 1)
                options.logger.error(
                    "slack.handling_failed",
                    ["inbox.id": String(item.id), "error": "\(error)", "failures": String(failed?.times ?? 1)])
                if (failed?.times ?? 0) >= 3 {
                    try? await service.settleInbound(transport: name, id: item.id, state: nil)
                } else {
                    try? await service.endHandling(transport: name, state: nil)
                    await stop.sleep(options.backoff.delay(after: failed?.times ?? 1))
                }
            }
        }
    }

    /// One event, press or command; what to store with it (the answered messages' keys).
    func handle(_ inbound: SlackInbound, botUser: String?, stop: StopSignal) async throws -> (
        key: String, value: String
    )? {
        switch inbound {
        case .event(let id, let body):
            guard let incoming = SlackIncoming(event: body, botUserID: botUser) else { return nil }
            return try await answer(incoming, eventID: id, stop: stop)
        case .interactive(let payload):
            try await press(payload, stop: stop)
        case .command(let payload):
            try await command(payload, stop: stop)
        }
        return nil
    }

    private func abandon(_ inbound: SlackInbound, stop: StopSignal) async {
        let channel: String?
        switch inbound {
        case .event(_, let body): channel = body["channel"]?.string
        case .interactive(let payload): channel = payload["channel"]?["id"]?.string
        case .command(let payload): channel = payload["channel_id"]?.string
        }
        guard let channel else { return }
        try? await send(.text(Self.abandonedReply), channel: channel, threadTS: nil, stop: stop)
    }

    /// Answers one message once: its key is kept with the answer, so the `message` event beside an
    /// `app_mention` (another event id, the same message) is passed over.
    func answer(_ incoming: SlackIncoming, eventID: String, stop: StopSignal) async throws -> (
        key: String, value: String
    )? {
        let seen = try await service.state(transport: name, key: "answered") ?? ""
        var keys = seen.split(separator: " ").map(String.init)
        guard !keys.contains(incoming.dedupeKey) else {
            options.logger.info("slack.repeat", ["event.id": eventID])
            return nil
        }
        keys.append(incoming.dedupeKey)
        let answered = ("answered", keys.suffix(options.remembered).joined(separator: " "))
        let chat = ChatMessage.Chat(id: incoming.channel, kind: incoming.isDirect ? .privateChat : .group)
        let display = await displayName(of: incoming.user)
        let sender = ChatMessage.Sender(userKey: incoming.user, displayName: display)
        // Known chats and people: "alerts here" and assigning by name need them, as on Telegram.
        try? await service.chatSeen(transport: name, chatKey: incoming.channel, group: !incoming.isDirect, title: nil)
        try? await service.personSeen(
            transport: name, chatKey: incoming.channel, userKey: incoming.user, name: display, handle: nil)
        if let file = incoming.file {
            try await share(file, incoming: incoming, chat: chat, sender: sender, stop: stop)
            return answered
        }
        let policy = GroupChatPolicy(botUsername: "")
        let service = self.service
        guard
            let text = await policy.text(
                of: incoming.text, inGroup: !incoming.isDirect, repliesToBot: incoming.mentionsBot,
                understands: { await service.understands($0) })
        else { return answered }
        let reply = await service.handle(ChatMessage(transport: name, chat: chat, sender: sender, text: text))
        if policy.posts(reply, inGroup: !incoming.isDirect) {
            try await send(reply, channel: incoming.channel, threadTS: incoming.threadTS, stop: stop)
        }
        return answered
    }

    /// The member's name in the workspace, asked of Slack once; their id when Slack will not say.
    func displayName(of user: String) async -> String {
        if let known = names.known.withLock({ $0[user] }) { return known }
        let name = (try? await api.displayName(user: user)).flatMap { $0 } ?? user
        names.known.withLock { names in
            if names.count > 5_000 { names.removeAll() }
            names[user] = name
        }
        return name
    }

    enum SendFailure: Error { case unsent }

    /// A reply's messages, then its files (a chart, an error CSV).
    func send(_ reply: Reply, channel: String, threadTS: String?, stop: StopSignal) async throws {
        for rendered in SlackRenderer.render(reply) {
            try await post(channel: channel, message: rendered, threadTS: threadTS, stop: stop)
        }
        for file in reply.attachments {
            do {
                try await api.uploadFile(channel: channel, name: file.fileName, bytes: file.bytes, threadTS: threadTS)
            } catch {
                options.logger.warning("slack.upload_failed", ["file.name": file.fileName, "error": "\(error)"])
            }
        }
    }

    /// A CSV shared into a chat: downloaded with the bot token and imported under the sharer's permissions.
    func share(
        _ file: SlackIncoming.File, incoming: SlackIncoming, chat: ChatMessage.Chat, sender: ChatMessage.Sender,
        stop: StopSignal
    ) async throws {
        let (channel, thread) = (incoming.channel, incoming.threadTS)
        guard file.size <= options.maxFileBytes else {
            try await send(
                .text("\(file.name) is over 25 MB: split it, or run opsbot import on the shop's computer."),
                channel: channel, threadTS: thread, stop: stop)
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
            if incoming.isDirect { try await send(refusal, channel: channel, threadTS: thread, stop: stop) }
            return
        }
        let reply: Reply
        do {
            let bytes = try await attachment.fetch()
            reply = await service.handle(message, file: bytes)
        } catch {
            options.logger.warning("slack.file_failed", ["file.name": file.name, "error": "\(error)"])
            reply = .text("I couldn't fetch \(file.name); please share it again.")
        }
        try await send(reply, channel: channel, threadTS: thread, stop: stop)
    }

    /// A button under one of the bot's messages (`block_actions`): its value is the words it stands for. Done to a
    /// message already there, the answer takes the place of a question the bot asked; an alert's own post is the
    /// delivery loop's to update (it shows who acknowledged). Anything else is answered in the thread.
    func press(_ payload: JSONValue, stop: StopSignal) async throws {
        guard payload["type"]?.string == "block_actions", let user = payload["user"]?["id"]?.string,
            let channel = payload["channel"]?["id"]?.string ?? payload["container"]?["channel_id"]?.string,
            let action = payload["actions"]?.array?.first?["value"]?.string
        else { return }
        let direct = channel.hasPrefix("D")
        let display = await displayName(of: user)
        let message = ChatMessage(
            transport: name, chat: .init(id: channel, kind: direct ? .privateChat : .group),
            sender: .init(userKey: user, displayName: display), text: action, action: action)
        let reply = await service.handle(message)
        let tapped = payload["container"]?["message_ts"]?.string ?? payload["message"]?["ts"]?.string
        if reply.kind == .done, let tapped {
            let alertPost =
                (try? await service.isAlertPost(transport: name, chatKey: channel, messageKey: tapped)) ?? false
            if !alertPost, let rendered = SlackRenderer.render(reply).last {
                try? await api.update(channel: channel, ts: tapped, message: rendered)
            }
            return
        }
        let thread = payload["message"]?["thread_ts"]?.string ?? tapped
        try await send(reply, channel: channel, threadTS: direct ? nil : thread, stop: stop)
    }

    /// `/opsbot sales today`: the words after the command, answered where it was typed.
    func command(_ payload: JSONValue, stop: StopSignal) async throws {
        guard let user = payload["user_id"]?.string, let channel = payload["channel_id"]?.string else { return }
        let text = (payload["text"]?.string ?? "").trimmingCharacters(in: .whitespaces)
        let direct = channel.hasPrefix("D")
        let display = await displayName(of: user)
        let message = ChatMessage(
            transport: name, chat: .init(id: channel, kind: direct ? .privateChat : .group),
            sender: .init(userKey: user, displayName: display), text: text.isEmpty ? "help" : text)
        try await send(await service.handle(message), channel: channel, threadTS: nil, stop: stop)
    }

    /// Posts one message, trying again over a network failure, a server error or a rate limit (waited out by the
    /// API) until it goes or the bot stops; a channel gone for the bot is passed over.
    private func post(channel: String, message: SlackRenderer.Message, threadTS: String?, stop: StopSignal)
        async throws
    {
        var failures = 0
        while true {
            do {
                try await api.postMessage(channel: channel, message: message, threadTS: threadTS)
                return
            } catch let failure as SlackAPI.Failure where failure.chatGone {
                options.logger.warning("slack.chat_gone", ["channel": channel, "error": failure.error])
                return
            } catch let failure as SlackAPI.Failure {
                // Slack refused the message itself (too long, a bad block): trying again changes nothing.
                options.logger.error("slack.post_refused", ["channel": channel, "error": failure.error])
                return
            } catch {
                failures += 1
                options.logger.warning(
                    "slack.post_failed", ["channel": channel, "error": "\(error)", "attempt": String(failures)])
                if stop.isRaised || failures >= options.sendAttempts { throw SendFailure.unsent }
                await stop.sleep(options.backoff.delay(after: failures))
            }
        }
    }
}

/// The names members go by, by their Slack ids.
final class SlackMemberNames: Sendable {
    let known = Mutex<[String: String]>([:])
}

/// Wakes the inbox's handler when something is kept: an atomic flag it looks at between short sleeps.
final class SlackInboxBell: Sendable {
    private let rung = Atomic<Bool>(false)

    func ring() { rung.store(true, ordering: .releasing) }

    /// Returns when rung (at once if rung since the last wait), after `seconds`, or at a stop.
    func wait(upTo seconds: TimeInterval, stop: StopSignal) async {
        let until = Date().addingTimeInterval(seconds)
        while !stop.isRaised && !Task.isCancelled && Date() < until {
            if rung.exchange(false, ordering: .acquiringAndReleasing) { return }
            try? await Task.sleep(for: .milliseconds(25))
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
