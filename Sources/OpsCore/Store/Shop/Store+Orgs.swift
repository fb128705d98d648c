import Foundation

extension Store {
    static let selectFirstOrg = "SELECT id, name, timezone, currency, week_start FROM orgs ORDER BY id LIMIT 1"
    static let selectOrg = "SELECT id, name, timezone, currency, week_start FROM orgs WHERE id = ?"
    static let insertOrg = """
        INSERT INTO orgs (name, timezone, currency, week_start, created_at) VALUES (?, ?, ?, ?, ?)
        """
    static let updateOrgSQL = "UPDATE orgs SET name = ?, timezone = ?, currency = ?, week_start = ? WHERE id = ?"

    /// The shop this database serves, created on first use in `timeZone` and USD until configured.
    public func ensureOrg(name: String = "My Shop", timeZone: TimeZone = .current, now: Date = Date()) throws -> Org {
        if let org = try firstOrg() { return org }
        try database.execute(
            Self.insertOrg,
            [
                .text(name), .text(timeZone.identifier), .text(Currency.usd.code), .text(WeekStart.monday.rawValue),
                .integer(Int64(now.timeIntervalSince1970)),
            ])
        return try org(id: database.lastInsertedRowID)
    }

    static let shopKeySetting = "shop_key"
    static let selectOrgByShopKey =
        "SELECT org_id FROM org_settings WHERE key = ? AND value = ? ORDER BY org_id LIMIT 1"

    /// The org a configured shop is, found by its key. The first shop takes the database's first org (a single
    /// shop becomes the first of several without moving); another is created on its first start.
    public func shopOrg(key: String, first: Bool, now: Date = Date()) throws -> Org {
        try write {
            if let id = try database.queryFirst(
                Self.selectOrgByShopKey, [.text(Self.shopKeySetting), .text(key)], { $0.int64(0) })
            {
                return try org(id: id)
            }
            let org: Org
            if first, let existing = try firstOrg(), try orgSetting(Self.shopKeySetting, orgID: existing.id) == nil {
                org = existing
            } else if first, try firstOrg() == nil {
                org = try ensureOrg(now: now)
            } else {
                try database.execute(
                    Self.insertOrg,
                    [
                        .text("My Shop"), .text(TimeZone.current.identifier), .text(Currency.usd.code),
                        .text(WeekStart.monday.rawValue), .integer(Int64(now.timeIntervalSince1970)),
                    ])
                org = try self.org(id: database.lastInsertedRowID)
            }
            try setOrgSetting(Self.shopKeySetting, key, orgID: org.id)
            return org
        }
    }

    static let selectOrgs = "SELECT id, name, timezone, currency, week_start FROM orgs ORDER BY id"

    /// Every shop in the database, oldest first.
    public func orgs() throws -> [Org] { try database.query(Self.selectOrgs, [], Self.decodeOrg) }

    /// The first org, or nil in a database nobody has set up yet.
    public func firstOrg() throws -> Org? {
        try database.queryFirst(Self.selectFirstOrg, [], Self.decodeOrg)
    }

    public func org(id: Int64) throws -> Org {
        guard let org = try database.queryFirst(Self.selectOrg, [.integer(id)], Self.decodeOrg) else {
            throw DatabaseError.unexpectedValue(column: "orgs.id", expected: "org \(id)", sql: Self.selectOrg)
        }
        return org
    }

    /// The org with this id, read through a bare database (for migrations).
    static func org(id: Int64, in database: Database) throws -> Org? {
        try database.queryFirst(selectOrg, [.integer(id)], decodeOrg)
    }

    /// Saves the org's settings. A new time zone re-buckets the daily and hourly rollups in the same transaction.
    public func updateOrg(_ org: Org) throws {
        try write {
            let previous = try self.org(id: org.id)
            try database.execute(
                Self.updateOrgSQL,
                [
                    .text(org.name), .text(org.timeZone.identifier), .text(org.currency.code),
                    .text(org.weekStart.rawValue), .integer(org.id),
                ])
            if previous.timeZone.identifier != org.timeZone.identifier {
                try SalesRollups(database: database, org: org).rebuild()
            }
        }
    }

    private static func decodeOrg(_ row: Row) -> Org {
        Org(
            id: row.int64(0), name: row.string(1),
            timeZone: TimeZone(identifier: row.string(2)) ?? TimeZone(secondsFromGMT: 0)!,
            currency: Currency(code: row.string(3)) ?? .usd,
            weekStart: WeekStart(rawValue: row.string(4)) ?? .monday)
    }
}
