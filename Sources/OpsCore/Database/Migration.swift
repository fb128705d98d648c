/// One numbered step of the schema. Versions start at 1 and never change once released.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String
    /// Work SQL alone cannot do (filling a rollup by local day needs the org's time zone), run after `sql`
    /// in the same transaction.
    public let afterwards: (@Sendable (Database) throws -> Void)?

    public init(version: Int, name: String, sql: String, afterwards: (@Sendable (Database) throws -> Void)? = nil) {
        self.version = version
        self.name = name
        self.sql = sql
        self.afterwards = afterwards
    }
}
