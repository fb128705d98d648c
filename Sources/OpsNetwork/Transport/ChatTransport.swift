/// A chat platform the bot lives on: it turns the platform's updates into `ChatMessage`s for the conversation
/// service and sends the replies back. `opsbot run` runs a list of them side by side.
public protocol ChatTransport: Sendable {
    /// The name stored with the platform's chats, members and state ("telegram").
    var name: String { get }
    /// Runs until `stop` is raised, finishing the message in flight; network trouble is waited out, never
    /// fatal. Throws only when the shop's own store fails.
    func run(until stop: StopSignal) async throws
}
