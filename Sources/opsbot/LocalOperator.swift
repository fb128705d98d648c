import OpsCore
import OpsNetwork

/// The person at the terminal. Whoever can open the database file already owns the shop, so they act as
/// its owner, unless `--as NAME` names another member.
struct LocalOperator {
    static let ownerKey = "owner"

    struct UnknownMember: Error, CustomStringConvertible {
        let name: String
        let members: [String]
        var description: String {
            "No member called “\(name)”."
                + (members.isEmpty ? " The shop has no members yet." : " Members: \(members.joined(separator: ", ")).")
        }
    }

    /// The member the console and `ask` speak as, creating the owner's console member on first use.
    static func member(store: Store, org: Org, actAs name: String?) throws -> Member {
        guard let name else {
            return try store.member(transport: ConsoleTransport.name, userKey: ownerKey)
                ?? store.upsertMember(
                    orgID: org.id, transport: ConsoleTransport.name, userKey: ownerKey, name: "Owner", role: .owner)
        }
        let members = try store.members(orgID: org.id)
        let wanted = name.lowercased().trimmingPrefix("@")
        guard
            let member = members.first(where: {
                $0.name.lowercased() == wanted || $0.handle?.lowercased() == wanted || $0.userKey.lowercased() == wanted
            })
        else {
            throw UnknownMember(name: name, members: members.map(\.name))
        }
        return member
    }
}

extension String {
    func trimmingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
