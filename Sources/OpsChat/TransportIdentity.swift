/// What the conversation knows of the platform a message came through: the bot's name there and how an invite
/// link is written on it. Each transport sets its own (`TransportIdentity.telegram` in OpsNetwork), so the
/// conversation names no platform.
public struct TransportIdentity: Sendable {
    /// The transport name messages carry ("telegram").
    public let transport: String
    /// The bot's own name on the platform, when it has one.
    public let botUsername: String?
    /// A link that opens a chat with the bot and redeems `code`, where the platform has such links.
    public let inviteLink: @Sendable (_ code: String) -> String?
    /// What a person types to join with a code or make a group the shop's: Telegram's "/start"; Slack keeps every
    /// word after a "/" for its own commands, so there it is "/opsbot join".
    public let startCommand: String

    public init(
        transport: String, botUsername: String?, startCommand: String = "/start",
        inviteLink: @escaping @Sendable (_ code: String) -> String?
    ) {
        self.transport = transport
        self.botUsername = botUsername
        self.startCommand = startCommand
        self.inviteLink = inviteLink
    }
}
