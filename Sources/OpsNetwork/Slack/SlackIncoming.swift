import Foundation
import OpsChat

/// What a Slack event says to the bot, in the conversation's terms: who wrote what where, and where the answer
/// goes (the thread it came from). Messages from bots (this one included), edits, deletions and joins say
/// nothing; a file shared comes with its download.
public struct SlackIncoming: Sendable, Equatable {
    public let channel: String
    public let isDirect: Bool
    public let user: String
    /// The words with the bot's own mention taken out ("<@U0BOT> sales today" is "sales today").
    public let text: String
    /// The message's own `ts`: with the channel, the key two events about one message share (`app_mention` and
    /// `message.channels` both come for a mention).
    public let ts: String
    /// The thread to answer in, when the message was in one.
    public let threadTS: String?
    public let file: File?
    /// An `app_mention`, or a message naming the bot: answered in a channel whatever it says.
    public let mentionsBot: Bool

    public struct File: Sendable, Equatable {
        public let name: String
        public let size: Int
        public let url: String
    }

    public var dedupeKey: String { channel + ":" + ts }

    static let silentSubtypes: Set<String> = [
        "bot_message", "message_changed", "message_deleted", "channel_join", "channel_leave", "channel_topic",
        "channel_purpose", "channel_name", "group_join", "group_leave", "thread_broadcast", "pinned_item",
        "unpinned_item", "ekm_access_denied", "me_message",
    ]

    /// Nil for an event the bot does not answer.
    public init?(event: JSONValue, botUserID: String?) {
        let type = event["type"]?.string
        guard type == "message" || type == "app_mention",
            event["bot_id"] == nil || event["bot_id"] == .null,
            let user = event["user"]?.string, user != botUserID,
            let channel = event["channel"]?.string, let ts = event["ts"]?.string
        else { return nil }
        let subtype = event["subtype"]?.string
        if let subtype, subtype != "file_share" || Self.silentSubtypes.contains(subtype) { return nil }
        var text = event["text"]?.string ?? ""
        mentionsBot = type == "app_mention" || botUserID.map { text.contains("<@\($0)>") } == true
        if let botUserID { text = text.replacingOccurrences(of: "<@\(botUserID)>", with: "") }
        self.channel = channel
        self.isDirect = event["channel_type"]?.string == "im" || channel.hasPrefix("D")
        self.user = user
        self.text = Self.unescape(text).trimmingCharacters(in: .whitespacesAndNewlines)
        self.ts = ts
        self.threadTS = event["thread_ts"]?.string
        if subtype == "file_share", let file = event["files"]?.array?.first,
            let url = file["url_private_download"]?.string ?? file["url_private"]?.string
        {
            self.file = File(name: file["name"]?.string ?? "file", size: file["size"]?.int ?? 0, url: url)
        } else {
            self.file = nil
        }
        guard !self.text.isEmpty || self.file != nil else { return nil }
    }

    /// Slack's mrkdwn escapes back to the characters typed, and its links to their text
    /// ("<mailto:a@b.c|a@b.c>" is "a@b.c").
    static func unescape(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            result += rest[..<open]
            let inner = rest[rest.index(after: open)..<close]
            if let bar = inner.firstIndex(of: "|") {
                result += inner[inner.index(after: bar)...]
            } else {
                result += inner.hasPrefix("@") || inner.hasPrefix("#") || inner.hasPrefix("!") ? "" : inner
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
