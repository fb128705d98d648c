import Foundation
import OpsChat

/// The local chat: reads lines until end of input and prints each reply.
///
/// A number alone presses that button of the last reply. "quit" or "exit" ends the session.
public final class ConsoleTransport {
    public static let name = "console"

    private let conversation: Conversation
    private let sender: ChatMessage.Sender
    private let senderTransport: String
    private let readLine: () -> String?
    private let write: (String) -> Void
    private let prompt: String?
    private var lastButtons: [Reply.Button] = []

    /// `prompt` is printed before each line when the input is a terminal; nil for piped input.
    /// `senderTransport` lets the operator speak as a member who joined on another platform.
    public init(
        conversation: Conversation, sender: ChatMessage.Sender, senderTransport: String = ConsoleTransport.name,
        prompt: String? = "> ",
        readLine: @escaping () -> String? = { Swift.readLine(strippingNewline: true) },
        write: @escaping (String) -> Void = { print($0) }
    ) {
        self.conversation = conversation
        self.sender = sender
        self.senderTransport = senderTransport
        self.prompt = prompt
        self.readLine = readLine
        self.write = write
    }

    /// Where files sent with replies (charts, reports, error CSVs) are written (`--out DIR`); nil: not written.
    public var attachmentsFolder: String?

    public func run() {
        while true {
            if let prompt {
                FileHandle.standardOutput.write(Data(prompt.utf8))
            }
            guard let line = readLine() else { break }
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if ["quit", "exit", "bye", "/quit"].contains(text.lowercased()) { break }
            write(reply(to: text) + "\n")
        }
    }

    /// The rendered reply to one line, exactly as the interactive console prints it.
    public func reply(to text: String) -> String {
        var action: String?
        if let number = Int(text), number >= 1, number <= lastButtons.count {
            action = lastButtons[number - 1].action
        }
        let reply = conversation.handle(message(text: text, action: action))
        lastButtons = reply.buttons
        var rendered = ConsoleRenderer.render(reply)
        if let folder = attachmentsFolder {
            for file in reply.attachments {
                let path = URL(fileURLWithPath: folder).appendingPathComponent(file.fileName).path
                do {
                    try Data(file.bytes).write(to: URL(fileURLWithPath: path))
                    rendered += "\n(saved: \(path))"
                } catch {
                    rendered += "\n(could not save \(path): \(error.localizedDescription))"
                }
            }
        }
        return rendered
    }

    /// The message the console sends for `text`: a private chat with the local operator.
    public func message(text: String, action: String? = nil) -> ChatMessage {
        ChatMessage(
            transport: senderTransport, chat: ChatMessage.Chat(id: "local", kind: .privateChat), sender: sender,
            text: text,
            action: action)
    }
}

@available(*, unavailable)
extension ConsoleTransport: Sendable {}
