import OpsChat

extension TransportIdentity {
    /// Telegram's: invites open `https://t.me/<bot>?start=CODE`, which sends "/start CODE" to the bot.
    public static func telegram(botUsername: String) -> TransportIdentity {
        let name = botUsername.isEmpty ? nil : botUsername
        return TransportIdentity(transport: TelegramTransport.name, botUsername: name) { code in
            name.map { "https://t.me/\($0)?start=\(code)" }
        }
    }
}
