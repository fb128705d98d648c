import Foundation
import OpsChat
import OpsCore

/// Long-polls the Bot API, hands each update to the conversation and sends the reply within Telegram's limits.
///
/// The offset is stored only after an update's reply has been sent (or can never be: the chat is gone, Telegram
/// refused it for good), so a restart neither loses nor repeats a message; a reply that could not be sent yet
/// (the network, a stop while retrying) leaves the update to be handled again. Each update is recorded as in
/// flight before it is handled: one that was in flight when the process died twice is answered "I couldn't
/// process that message" and skipped, so a message that crashes the bot cannot keep it down. Updates are handled in order, one at a time, which keeps replies in order per
/// chat. In groups the bot answers commands addressed to it, mentions, replies to its own messages and
/// messages it understands, and never says "I didn't get that".
public struct TelegramTransport: ChatTransport {
    /// The default transport name; a host serving several shops names each shop's bot apart (`Options.name`).
    public static let name = "telegram"
    public var name: String { options.name }

    public struct Options: Sendable {
        /// What this bot's chats, members and offset are stored under: "telegram", or "telegram:<shop>" for each
        /// further shop a host serves, so two bots' users and updates never meet.
        public var name = TelegramTransport.name
        public var pollTimeout = 50
        var limits = RateLimiter.Limits()
        /// Attempts for a send that fails on the network or a 5xx, with exponential backoff and jitter.
        public var maxAttempts = 5
        public var backoffBase: TimeInterval = 1
        /// Files larger than this are refused (Telegram's getFile limit).
        public var maxFileBytes = 20 * 1024 * 1024
        /// One line per update and per send; never the token.
        public var logger = Logger(label: "telegram", sink: StandardErrorLogSink())

        public init() {}

        public mutating func setLimits(perChatInterval: TimeInterval, perGroupPerMinute: Int, perSecondOverall: Int) {
            limits = .init(
                perChatInterval: perChatInterval, perGroupPerMinute: perGroupPerMinute,
                perSecondOverall: perSecondOverall)
        }
    }

    let api: TelegramAPI
    let service: ConversationService
    let options: Options

    public init(api: TelegramAPI, service: ConversationService, options: Options = Options()) {
        self.api = api
        self.service = service
        self.options = options
        // The token's pacer is shared with the alert deliveries; these are the limits it keeps.
        api.pacer.setLimits(options.limits)
    }

    /// Polls until `stop` is raised (or the task is cancelled, which may cut a reply short); network trouble
    /// and conflicts are waited out, never fatal.
    public func run(until stop: StopSignal = StopSignal()) async throws {
        let me = try? await api.call("getMe", timeout: 15)
        let username = me?["username"]?.string ?? ""
        await service.setIdentity(.telegram(botUsername: username, transport: name))
        var offset = try await service.state(transport: name, key: "offset").flatMap { Int64($0) }
        var failures = 0
        options.logger.info("telegram.start", ["bot.username": username, "offset": offset.map(String.init) ?? "none"])
        while !Task.isCancelled && !stop.isRaised {
            let updates: [TelegramUpdate]
            do {
                guard let polled = try await poll(offset: offset, stop: stop) else { break }
                updates = polled
                failures = 0
            } catch let error as TelegramAPIError {
                failures += 1
                let wait: TimeInterval
                if let retryAfter = error.retryAfter {
                    wait = retryAfter
                } else if error.isConflict {
                    wait = 3 * TimeInterval(min(failures, 10))
                    options.logger.warning(
                        "telegram.conflict", ["detail": "another poller or a webhook holds this bot's updates"])
                } else {
                    wait = backoff(failures)
                }
                options.logger.warning(
                    "telegram.poll_failed", ["error": "\(error)", "retry.seconds": String(Int(wait))])
                await stop.sleep(wait)
                continue
            }
            for update in updates {
                options.logger.info("telegram.update", ["update.id": String(update.id)])
                let attempt = try await service.beginHandling(transport: name, messageKey: String(update.id))
                let settled: Bool
                if attempt > Self.maxHandlingAttempts {
                    options.logger.error(
                        "telegram.update_abandoned",
                        [
                            "update.id": String(update.id), "attempts": String(attempt - 1),
                            "detail":
                                "the process ended while handling this update each time; answered once and skipped",
                        ])
                    settled = await abandon(update, stop: stop)
                } else {
                    settled = await handle(update, username: username, stop: stop)
                }
                // Telegram's ids stay far below Int64.max; one at it must not trap the "+ 1".
                let next = update.id == .max ? update.id : update.id + 1
                guard settled else {
                    try await service.endHandling(transport: name, state: nil)
                    options.logger.warning(
                        "telegram.reply_pending",
                        [
                            "update.id": String(update.id),
                            "detail": "the reply could not be sent yet; the update is handled again",
                        ])
                    failures += 1
                    await stop.sleep(backoff(failures))
                    break
                }
                offset = next
                try await service.endHandling(transport: name, state: ("offset", String(next)))
                if Task.isCancelled || stop.isRaised { break }
            }
        }
        options.logger.info("telegram.stop", ["offset": offset.map(String.init) ?? "none"])
    }

    /// The next updates, or nil when `stop` was raised while waiting for them (the long poll is aborted).
    private func poll(offset: Int64?, stop: StopSignal) async throws -> [TelegramUpdate]? {
        try await withThrowingTaskGroup(of: [TelegramUpdate]?.self) { group in
            group.addTask { try await api.getUpdates(offset: offset, timeout: options.pollTimeout) }
            group.addTask {
                await stop.wait()
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// Doubling from `backoffBase` up to a minute: a poll or a reply retried sooner than an outbox item.
    private var backoffPolicy: Backoff { Backoff(base: options.backoffBase, maximum: 60, doublings: 7) }

    private func backoff(_ failures: Int) -> TimeInterval {
        backoffPolicy.delay(after: failures)
    }

    /// A reply as a button's notice: Telegram shows at most 200 characters.
    static func notice(_ reply: Reply) -> String {
        let text = reply.plainText.singleLine
        return text.count <= 200 ? text : String(text.prefix(199)) + "…"
    }

    /// Answers `update` once, without the conversation, and reports whether it is settled (see `handle`).
    private func abandon(_ update: TelegramUpdate, stop: StopSignal) async -> Bool {
        if let callback = update.callback { try? await api.answerCallbackQuery(id: callback.id) }
        guard let chat = update.message?.chat ?? update.callback?.message?.chat else { return true }
        return await send(.text(Self.abandonedReply), chat: chat, stop: stop)
    }

    /// Handles one update; true when it is settled (answered, or nothing to answer, or never answerable), false
    /// when its reply could not be sent yet and the update must be handled again.
    func handle(_ update: TelegramUpdate, username: String, stop: StopSignal) async -> Bool {
        if let (chat, status, was) = update.membership {
            options.logger.info("telegram.membership", ["chat.id": String(chat.id), "status": status])
            if status == "left" || status == "kicked" {
                try? await service.chatGone(transport: name, chatKey: String(chat.id))
                return true
            }
            try? await service.chatSeen(
                transport: name, chatKey: String(chat.id), group: chat.type != "private", title: chat.title)
            // Just added to a group (not promoted in one): one line of hello, and what makes it the shop's group.
            let added = was == nil || was == "left" || was == "kicked"
            guard added, chat.type != "private", let hello = try? await service.groupHello() else { return true }
            return await send(hello, chat: chat, stop: stop)
        }
        if let moved = update.message, let newID = moved.migrateToChatID {
            options.logger.info("telegram.migrated", ["chat.id": String(moved.chat.id), "new_chat.id": String(newID)])
            try? await service.chatMoved(transport: name, from: String(moved.chat.id), to: String(newID))
            return true
        }
        if let callback = update.callback {
            guard let chat = callback.message?.chat, let data = callback.data else {
                try? await api.answerCallbackQuery(id: callback.id)
                return true
            }
            let message = chatMessage(chat: chat, from: callback.from, text: data, action: data)
            let answer = await service.handle(message)
            // Done to a message already there (an alert, whose message is edited to show it): the button's notice
            // says so, and the group gets no extra message.
            guard answer.kind == .done else {
                try? await api.answerCallbackQuery(id: callback.id)
                return await send(answer, chat: chat, stop: stop)
            }
            try? await api.answerCallbackQuery(id: callback.id, text: Self.notice(answer))
            // Pressed under a question the bot asked ("assign alert #4 to whom?"): the answer takes its place and its
            // buttons go, so no stale question is left in the chat. An alert's own post is the delivery loop's.
            if let tapped = callback.message,
                (try? await service.isAlertPost(
                    transport: name, chatKey: String(chat.id), messageKey: String(tapped.id))) == false,
                let rendered = TelegramRenderer.render(answer).last
            {
                await api.pacer.waitTurn(chat: chat.id, group: chat.id < 0)
                try? await api.editMessageText(chatID: chat.id, messageID: tapped.id, text: rendered.html)
            }
            return true
        }
        guard let incoming = update.message, let from = incoming.from, !from.isBot else { return true }
        let isGroup = incoming.chat.type != "private"
        try? await service.chatSeen(
            transport: name, chatKey: String(incoming.chat.id), group: isGroup, title: incoming.chat.title)
        try? await service.personSeen(
            transport: name, chatKey: String(incoming.chat.id), userKey: String(from.id), name: from.firstName,
            handle: from.username)
        if let document = incoming.document {
            return await file(document, incoming: incoming, from: from, stop: stop)
        }
        let policy = GroupChatPolicy(botUsername: username)
        let service = self.service
        guard
            let text = await policy.text(
                of: incoming.text ?? "", inGroup: isGroup, repliesToBot: incoming.repliesToBot,
                understands: { await service.understands($0) })
        else { return true }
        let message = chatMessage(chat: incoming.chat, from: from, text: text, action: nil)
        let answer = await service.handle(message)
        guard policy.posts(answer, inGroup: isGroup) else { return true }
        return await send(answer, chat: incoming.chat, stop: stop)
    }

    private func file(
        _ document: TelegramUpdate.Document, incoming: TelegramUpdate.Message, from: TelegramUpdate.User,
        stop: StopSignal
    ) async -> Bool {
        if let size = document.fileSize, size > options.maxFileBytes {
            return await send(
                .text(
                    "\(document.fileName) is over 20 MB, more than Telegram lets bots download. "
                        + "Split it, or run opsbot import on the shop's computer."), chat: incoming.chat,
                stop: stop)
        }
        let api = self.api
        let attachment = ChatMessage.Attachment(fileName: document.fileName, size: document.fileSize ?? 0) {
            try await api.downloadFile(fileID: document.fileID)
        }
        let message = ChatMessage(
            transport: name, chat: chatOf(incoming.chat), sender: sender(from), text: incoming.text ?? "",
            attachment: attachment)
        // Refused without downloading: not a CSV, or more than this member may upload.
        if let refusal = await service.refusal(forAttachmentOf: message) {
            return await send(refusal, chat: incoming.chat, stop: stop)
        }
        let bytes: [UInt8]
        do {
            bytes = try await attachment.fetch()
        } catch {
            options.logger.warning("telegram.file_failed", ["file.name": document.fileName, "error": "\(error)"])
            return await send(
                .text("I couldn't fetch \(document.fileName); please send it again."), chat: incoming.chat,
                stop: stop)
        }
        return await send(
            await service.handle(message, file: bytes), chat: incoming.chat, stop: stop)
    }

    /// Sends every part of a reply, then its files (images as photos), waiting out the limits, a 429's retry_after and
    /// transient failures. False when a part could not be sent yet (the network, or `stop` raised while retrying):
    /// the reply is still owed. True when every part went, or could never go.
    @discardableResult
    func send(_ reply: Reply, chat: TelegramUpdate.Chat, stop: StopSignal = StopSignal())
        async
        -> Bool
    {
        // A chart with its one line: the line is the photo's caption, one message in the chat.
        if let file = reply.attachments.first, reply.attachments.count == 1, reply.buttons.isEmpty,
            file.mimeType == "image/png", file.bytes.count <= TelegramAPI.maxPhotoBytes, reply.blocks.count == 1,
            case .text(let caption) = reply.blocks[0], caption.count <= TelegramAPI.maxCaptionCharacters
        {
            let outcome = await deliver(chat: chat, stop: stop) {
                try await api.sendPhoto(
                    chatID: chat.id, fileName: file.fileName, bytes: file.bytes, mimeType: file.mimeType,
                    caption: caption)
            }
            if outcome == .sent {
                options.logger.info("telegram.sent_file", ["chat.id": String(chat.id), "file.name": file.fileName])
            }
            return outcome != .pending
        }
        for message in TelegramRenderer.render(reply) {
            let outcome = await deliver(chat: chat, stop: stop) {
                try await api.sendMessage(chatID: chat.id, text: message.html, keyboard: message.keyboard)
            }
            if outcome == .unreachable { return true }
            if outcome == .pending { return false }
            if outcome == .sent {
                options.logger.info("telegram.sent", ["chat.id": String(chat.id), "chars": String(message.html.count)])
            }
        }
        for file in reply.attachments {
            // Charts show inline as photos; anything else (or a huge image) is a document to download.
            let isPhoto =
                ["image/png", "image/jpeg"].contains(file.mimeType) && file.bytes.count <= TelegramAPI.maxPhotoBytes
            let outcome = await deliver(chat: chat, stop: stop) {
                if isPhoto {
                    try await api.sendPhoto(
                        chatID: chat.id, fileName: file.fileName, bytes: file.bytes, mimeType: file.mimeType)
                } else {
                    try await api.sendDocument(
                        chatID: chat.id, fileName: file.fileName, bytes: file.bytes, mimeType: file.mimeType)
                }
            }
            if outcome == .unreachable { return true }
            if outcome == .pending { return false }
            if outcome == .sent {
                options.logger.info("telegram.sent_file", ["chat.id": String(chat.id), "file.name": file.fileName])
            }
        }
        return true
    }

    typealias Delivery = ReplySender<TelegramAPIError>.Outcome

    /// One send within the token's limits, with the shared retry rules; a chat that blocked or removed the bot is
    /// marked inactive.
    private func deliver(
        chat: TelegramUpdate.Chat, stop: StopSignal, _ operation: () async throws -> Void
    ) async -> Delivery {
        let isGroup = chat.type != "private"
        let sender = ReplySender<TelegramAPIError>(
            maxAttempts: options.maxAttempts, backoff: backoffPolicy,
            label: "telegram", logger: options.logger, isUnreachable: { $0.isForbidden })
        let outcome = await sender.send(chatKey: String(chat.id), stop: stop) {
            await api.pacer.waitTurn(chat: chat.id, group: isGroup)
        } _: {
            try await operation()
        }
        if outcome == .unreachable { try? await service.chatGone(transport: name, chatKey: String(chat.id)) }
        return outcome
    }

    private func chatMessage(chat: TelegramUpdate.Chat, from: TelegramUpdate.User, text: String, action: String?)
        -> ChatMessage
    {
        ChatMessage(transport: name, chat: chatOf(chat), sender: sender(from), text: text, action: action)
    }

    private func chatOf(_ chat: TelegramUpdate.Chat) -> ChatMessage.Chat {
        ChatMessage.Chat(id: String(chat.id), kind: chat.type == "private" ? .privateChat : .group, title: chat.title)
    }

    private func sender(_ user: TelegramUpdate.User) -> ChatMessage.Sender {
        ChatMessage.Sender(
            userKey: String(user.id), displayName: user.firstName, handle: user.username,
            languageCode: user.languageCode)
    }
}
