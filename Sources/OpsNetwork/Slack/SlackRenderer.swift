import Foundation
import OpsChat

/// Renders a reply as Slack Block Kit: the title bold, tables in code blocks, text escaped for mrkdwn (`&`, `<`
/// and `>` only), sections under Slack's 3,000 characters and messages under 50 blocks, buttons as an
/// `actions` block (at most 25, each action in its `value`) under the last message; `text` is the plain
/// fallback for notifications.
public enum SlackRenderer {
    public static let maxSection = 3000
    public static let maxBlocks = 50
    public static let maxButtons = 25

    public struct Message: Sendable, Equatable {
        /// The notification's fallback text.
        public let text: String
        /// The Block Kit blocks, as JSON objects.
        public let blocks: [JSONValue]
    }

    /// mrkdwn needs the same three characters escaped as Telegram's HTML, and only those.
    public static func escape(_ text: String) -> String { TelegramRenderer.escape(text) }

    static func section(_ mrkdwn: String) -> JSONValue {
        .object(["type": .string("section"), "text": .object(["type": .string("mrkdwn"), "text": .string(mrkdwn)])])
    }

    /// Pieces of at most `limit` characters, cut at line ends where one is near.
    static func pieces(_ text: String, limit: Int) -> [String] {
        var result: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(line)
            while line.count > limit {
                if !current.isEmpty {
                    result.append(current)
                    current = ""
                }
                result.append(String(line.prefix(limit)))
                line = String(line.dropFirst(limit))
            }
            if current.count + line.count + 1 > limit {
                result.append(current)
                current = line
            } else {
                current = current.isEmpty ? line : current + "\n" + line
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    public static func render(_ reply: Reply) -> [Message] {
        var blocks: [JSONValue] = []
        for block in reply.blocks {
            switch block {
            case .title(let text):
                for piece in pieces(text, limit: maxSection - 2) { blocks.append(section("*" + escape(piece) + "*")) }
            case .text(let text):
                for piece in pieces(escape(text), limit: maxSection) { blocks.append(section(piece)) }
            case .table(let table):
                for piece in pieces(escape(table.rendered()), limit: maxSection - 6) {
                    blocks.append(section("```" + piece + "```"))
                }
            }
        }
        let buttons = reply.buttons.prefix(maxButtons).enumerated().compactMap { index, button -> JSONValue? in
            // Slack's limits: 75 characters of label, 2,000 of value.
            guard button.action.count <= 2000 else { return nil }
            return .object([
                "type": .string("button"), "action_id": .string("opsbot_\(index)"),
                "text": .object(["type": .string("plain_text"), "text": .string(String(button.label.prefix(75)))]),
                "value": .string(button.action),
            ])
        }
        var messages: [[JSONValue]] = stride(from: 0, to: max(blocks.count, 1), by: maxBlocks - 1).map {
            Array(blocks[$0..<min($0 + maxBlocks - 1, blocks.count)])
        }
        if !buttons.isEmpty {
            messages[messages.count - 1].append(.object(["type": .string("actions"), "elements": .array(buttons)]))
        }
        let plain = reply.plainText
        return messages.enumerated().map { index, blocks in
            Message(text: index == 0 ? String(plain.prefix(3000)) : "(continued)", blocks: blocks)
        }
    }
}
