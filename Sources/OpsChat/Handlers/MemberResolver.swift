import OpsCore

/// Finds the member a message names: "me", "@handle", a first or full name, or "id:<user key>" (from a
/// button). Members are told apart by their platform user id, never by name alone: two Sams are a choice.
struct MemberResolver {
    enum Match {
        case one(Member)
        case several([Member])
        case none
    }

    let context: HandlerContext

    /// The shop's members, those most recently active in this chat first.
    func members() throws -> [Member] {
        let all = try context.store.members(orgID: context.org.id)
        let recent = try context.store.chatPeople(
            transport: context.message.transport, chatKey: context.message.chat.id)
        let rank = Dictionary(recent.enumerated().map { ($1.userKey, $0) }, uniquingKeysWith: { first, _ in first })
        return all.sorted { (rank[$0.userKey] ?? Int.max, $0.name) < (rank[$1.userKey] ?? Int.max, $1.name) }
    }

    func resolve(_ text: String) throws -> Match {
        var wanted = text.trimmingCharacters(in: .whitespaces)
        if wanted.hasPrefix("@id:") { wanted.removeFirst() }
        let lowered = wanted.lowercased()
        if lowered == "me" || lowered == "myself" { return .one(context.member) }
        let members = try members()
        let found: [Member]
        if lowered.hasPrefix("id:") {
            found = members.filter { $0.userKey == String(wanted.dropFirst(3)) }
        } else {
            let name = lowered.hasPrefix("@") ? String(lowered.dropFirst()) : lowered
            let byHandle = members.filter { $0.handle?.lowercased() == name }
            found =
                !byHandle.isEmpty
                ? byHandle
                : members.filter {
                    $0.name.lowercased() == name
                        || $0.name.lowercased().split(separator: " ").first.map(String.init) == name
                }
        }
        switch found.count {
        case 0: return .none
        case 1: return .one(found[0])
        default: return .several(found)
        }
    }

    /// A button per member, with the handle to tell namesakes apart.
    static func buttons(_ members: [Member], action: (Member) -> String) -> [Reply.Button] {
        members.prefix(8).map { .init(label: $0.name + ($0.handle.map { " (@\($0))" } ?? ""), action: action($0)) }
    }
}
