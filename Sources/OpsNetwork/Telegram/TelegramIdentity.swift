import OpsChat

extension TransportIdentity {
    /// Telegram's: invites open `https://t.me/<bot>?start=CODE`, which sends "/start CODE" to the bot.
    public static func telegram(botUsername: String, transport: String = TelegramTransport.name) -> TransportIdentity {
        let name = botUsername.isEmpty ? nil : botUsername
        return TransportIdentity(transport: transport, botUsername: name) { code in
            name.map { "https://t.me/\($0)?start=\(code)" }
        }
    }
}
