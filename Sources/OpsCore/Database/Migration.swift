/// One numbered step of the schema. Versions start at 1 and never change once released.
struct Migration: Sendable {
    let version: Int
    let name: String
    let sql: String
    /// Work SQL alone cannot do (filling a rollup by local day needs the org's time zone), run after `sql`
    /// in the same transaction.
    let afterwards: (@Sendable (Database) throws -> Void)?

    init(version: Int, name: String, sql: String, afterwards: (@Sendable (Database) throws -> Void)? = nil) {
        self.version = version
        self.name = name
        self.sql = sql
        self.afterwards = afterwards
    }
}
