/// A person in an org, identified by their transport and platform user key (never by name alone).
public struct Member: Sendable, Equatable {
    public let id: Int64
    public let orgID: Int64
    public let transport: String
    public let userKey: String
    public var name: String
    public var handle: String?
    public var role: Role

    public init(
        id: Int64, orgID: Int64, transport: String, userKey: String, name: String, handle: String?, role: Role
    ) {
        self.id = id
        self.orgID = orgID
        self.transport = transport
        self.userKey = userKey
        self.name = name
        self.handle = handle
        self.role = role
    }
}
