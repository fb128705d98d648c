import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// The location index leaves out lines without a location (most shops name none), and the queries by
/// location still use it.
@Suite struct LocationIndexTests {
    @Test func onlyNamedLocationsAreIndexedAndTheQueriesUseTheIndex() throws {
        let shop = try SmallShop()
        let database = shop.store.database
        let definition = try database.queryFirst("SELECT sql FROM sqlite_master WHERE name = 'sales_by_location'") {
            $0.string(0)
        }
        #expect(definition?.hasSuffix("WHERE location <> ''") == true)
        for sql in [SalesMetrics.sumLocationLines, RollupDeltas.countLocationOrders] {
            let plan = try database.query(
                "EXPLAIN QUERY PLAN " + sql, [.integer(shop.org.id), .text("Market"), .integer(0), .integer(Int64.max)]
            ) { $0.string(3) }
            #expect(plan.joined().contains("sales_by_location"), "\(sql)")
        }
    }
}
