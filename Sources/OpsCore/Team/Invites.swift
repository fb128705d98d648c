import Foundation

/// Invites by one-time code: made by managers (staff) and owners (managers too), valid 7 days, single use,
/// revocable; redeemed with `/start CODE`. The first owner joins with a setup code printed by `opsbot run`.
/// A code that does not work gets the same answer whether it never existed, expired, was used or revoked,
/// and one person's wrong codes are rate-limited.
public struct Invites {
    public struct Invite: Sendable, Equatable {
        public let hint: String
        public let role: Role
        public let expiresAt: Date
        public let createdBy: String?
    }

    let store: Store
    let org: Org

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    public static let validity: TimeInterval = 7 * 86_400
    /// Wrong codes one person may send in `attemptWindow` before being told to wait.
    public static let maxWrongAttempts = 5
    public static let attemptWindow: TimeInterval = 15 * 60

    /// A new invite; the code is returned once and stored only as a hash.
    public func create(role: Role, by member: Member?, now: Date) throws -> String {
        let code = InviteCode.make()
        try store.write {
            try store.database.execute(
                """
                INSERT INTO invites (org_id, code_hash, hint, role, created_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(org.id), .text(InviteCode.hash(code)), .text(InviteCode.hint(code)), .text(role.rawValue),
                    member.map { .integer($0.id) } ?? .null, .integer(Int64(now.timeIntervalSince1970)),
                    .integer(Int64(now.addingTimeInterval(Self.validity).timeIntervalSince1970)),
                ])
            if let member {
                try store.recordActivity(
                    orgID: org.id, memberID: member.id, kind: "team.invite",
                    summary: "\(member.name) made a \(role.rawValue) invite (\(InviteCode.hint(code)))", at: now)
            }
        }
        return code
    }

    /// The code the first owner sends, when the shop has no owner in chat yet; nil when it has one. Earlier
    /// setup codes stop working.
    public func setupCode(now: Date) throws -> String? {
        guard try !store.hasChatOwner(orgID: org.id) else { return nil }
        try store.database.execute(
            "UPDATE invites SET revoked_at = ? WHERE org_id = ? AND role = 'owner' AND created_by IS NULL AND used_at IS NULL",
            [.integer(Int64(now.timeIntervalSince1970)), .integer(org.id)])
        return try create(role: .owner, by: nil, now: now)
    }

    /// Joins the person with the invite's role. Throws `InviteError` without saying why a code failed.
    public func redeem(
        _ code: String, transport: String, userKey: String, name: String, handle: String?, now: Date
    ) throws -> Member {
        let at = Int64(now.timeIntervalSince1970)
        let recent = try store.database.queryInt(
            "SELECT COUNT(*) FROM start_attempts WHERE transport = ? AND user_key = ? AND at > ?",
            [.text(transport), .text(userKey), .integer(at - Int64(Self.attemptWindow))])
        guard recent < Self.maxWrongAttempts else { throw InviteError.tooManyAttempts }
        let joined: Member? = try store.write {
            let invite = try store.database.queryFirst(
                """
                SELECT id, role, created_by FROM invites
                WHERE org_id = ? AND code_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
                """, [.integer(org.id), .text(InviteCode.hash(code)), .integer(at)]
            ) { (id: $0.int64(0), role: Role(rawValue: $0.string(1)) ?? .staff, by: $0.isNull(2) ? nil : $0.int64(2)) }
            guard let invite else { return nil }
            var member = try store.upsertMember(
                orgID: org.id, transport: transport, userKey: userKey, name: name, handle: handle, role: invite.role,
                now: now)
            // Someone already in the shop keeps the higher of the two roles.
            if member.role < invite.role {
                try store.setRole(invite.role, memberID: member.id)
                member.role = invite.role
            }
            try store.database.execute(
                "UPDATE invites SET used_by = ?, used_at = ? WHERE id = ?",
                [.integer(member.id), .integer(at), .integer(invite.id)])
            let inviter = try invite.by.flatMap { try store.member(id: $0) }
            try store.recordActivity(
                orgID: org.id, memberID: member.id, kind: "team.joined",
                summary: "\(member.name) joined as \(member.role.rawValue)"
                    + (inviter.map { " (invited by \($0.name))" } ?? ""),
                at: now)
            return member
        }
        guard let joined else {
            // Outside the transaction: a failed attempt must be remembered.
            try store.database.execute(
                "INSERT INTO start_attempts (transport, user_key, at) VALUES (?, ?, ?)",
                [.text(transport), .text(userKey), .integer(at)])
            throw InviteError.invalid
        }
        return joined
    }

    /// Invites not yet used, revoked or expired.
    public func open(now: Date) throws -> [Invite] {
        try store.database.query(
            """
            SELECT i.hint, i.role, i.expires_at, m.name FROM invites i LEFT JOIN members m ON m.id = i.created_by
            WHERE i.org_id = ? AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ? AND i.created_by IS NOT NULL
            ORDER BY i.created_at
            """, [.integer(org.id), .integer(Int64(now.timeIntervalSince1970))]
        ) {
            Invite(
                hint: $0.string(0), role: Role(rawValue: $0.string(1)) ?? .staff,
                expiresAt: Date(timeIntervalSince1970: TimeInterval($0.int(2))), createdBy: $0.optionalString(3))
        }
    }

    /// Revokes an open invite by its code; false when no open invite has it.
    public func revoke(_ code: String, by member: Member, now: Date) throws -> Bool {
        try store.write {
            try store.database.execute(
                """
                UPDATE invites SET revoked_at = ?
                WHERE org_id = ? AND code_hash = ? AND used_at IS NULL AND revoked_at IS NULL
                """, [.integer(Int64(now.timeIntervalSince1970)), .integer(org.id), .text(InviteCode.hash(code))])
            guard store.database.changes > 0 else { return false }
            try store.recordActivity(
                orgID: org.id, memberID: member.id, kind: "team.revoke",
                summary: "\(member.name) revoked invite \(InviteCode.hint(code))", at: now)
            return true
        }
    }
}

public enum InviteError: Error, CustomStringConvertible, Equatable {
    /// Unknown, expired, used or revoked: deliberately not told apart.
    case invalid
    case tooManyAttempts

    public var description: String {
        switch self {
        case .invalid: return "That code doesn't work. Ask the owner or a manager for a new invite."
        case .tooManyAttempts: return "Too many codes that didn't work. Wait 15 minutes, then try again."
        }
    }
}
