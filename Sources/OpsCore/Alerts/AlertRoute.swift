/// Where a rule's alerts go: stored as space-separated targets in `alert_rules.route`.
public struct AlertRoute: Sendable, Equatable, CustomStringConvertible {
    public enum Target: Sendable, Hashable {
        /// Every active chat that receives alerts.
        case chats
        /// One chat, by transport and the platform's chat id.
        case chat(transport: String, key: String)
        /// A member's private chat with the bot.
        case member(Int64)
        /// The addresses in the email settings.
        case email
        /// The numbers in the SMS settings.
        case sms
    }

    public var targets: [Target]

    public init(_ targets: [Target]) { self.targets = targets }

    public static let chats = AlertRoute([.chats])

    /// Reads the stored form; throws naming the first token it does not understand.
    public init(parsing text: String) throws(AlertRouteError) {
        var targets: [Target] = []
        for token in text.split(separator: " ").map(String.init) {
            let parts = token.split(separator: ":", maxSplits: 2).map(String.init)
            switch parts.first {
            case "chats" where parts.count == 1: targets.append(.chats)
            case "email" where parts.count == 1: targets.append(.email)
            case "sms" where parts.count == 1: targets.append(.sms)
            case "member" where parts.count == 2:
                guard let id = Int64(parts[1]) else { throw AlertRouteError(token: token) }
                targets.append(.member(id))
            case "chat" where parts.count == 3: targets.append(.chat(transport: parts[1], key: parts[2]))
            default: throw AlertRouteError(token: token)
            }
        }
        self.targets = targets
    }

    public var description: String {
        targets.map { target in
            switch target {
            case .chats: return "chats"
            case .email: return "email"
            case .sms: return "sms"
            case .member(let id): return "member:\(id)"
            case .chat(let transport, let key): return "chat:\(transport):\(key)"
            }
        }.joined(separator: " ")
    }
}

public struct AlertRouteError: Error, CustomStringConvertible {
    public let token: String
    public var description: String {
        "“\(token)” is not a route; use chats, email, sms, member:<id> or chat:<transport>:<chat id>"
    }
}
