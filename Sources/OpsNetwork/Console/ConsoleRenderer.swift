import OpsChat

/// Renders a reply for a terminal: plain text, tables in monospace, buttons as numbered choices.
public enum ConsoleRenderer {
    public static func render(_ reply: Reply) -> String {
        var text = reply.plainText
        if !reply.buttons.isEmpty {
            text +=
                "\n"
                + reply.buttons.enumerated().map { "[\($0.offset + 1)] \($0.element.label)" }.joined(separator: "  ")
        }
        for attachment in reply.attachments {
            text += "\n(attached: \(attachment.fileName), \(attachment.bytes.count) bytes)"
        }
        return text
    }
}
