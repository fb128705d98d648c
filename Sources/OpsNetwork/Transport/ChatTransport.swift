/// A chat platform the bot lives on: it turns the platform's updates into `ChatMessage`s for the conversation
/// service and sends the replies back. `opsbot run` runs a list of them side by side.
public protocol ChatTransport: Sendable {
    /// The name stored with the platform's chats, members and state ("telegram").
    var name: String { get }
    /// Runs until `stop` is raised, finishing the message in flight; network trouble is waited out, never
    /// fatal. Throws only when the shop's own store fails.
    func run(until stop: StopSignal) async throws
}

extension ChatTransport {
    /// Handlings a message gets (`Store.beginHandling` counts them): a third start after two deaths answers it
    /// with `abandonedReply` instead, so one message cannot keep the bot down.
    public static var maxHandlingAttempts: Int { 2 }
    public static var abandonedReply: String { "I couldn't process that message; it has been logged." }
}
