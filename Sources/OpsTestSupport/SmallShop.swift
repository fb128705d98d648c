import Foundation
import OpsCore

/// A tiny shop with figures small enough to check by hand, for tests of answers.
///
/// Org "Test Shop" in `timeZone`, GBP. "Now" is Wednesday 2026-11-25 14:30 local.
/// Sales: yesterday (Tue 24 Nov) two orders; the Tuesday before one order; today one order before now.
public struct SmallShop {
    public let store: Store
    public let org: Org
    public let owner: Member
    public let staff: Member
    public let now: Date
    public let products: [String: Product]

    /// In memory, or in the database file at `path` (for tests that open it again, as a process would).
    public init(timeZone: TimeZone = TimeZone(identifier: "Europe/London")!, path: String? = nil) throws {
        store = try path.map { try Store(path: $0) } ?? Store.inMemory()
        var org = try store.ensureOrg(name: "Test Shop", timeZone: timeZone)
        org.currency = Currency(code: "GBP")!
        try store.updateOrg(org)
        self.org = org
        let calendar = org.calendar
        let today = calendar.date(dayKey: "2026-11-25")!
        now = today.addingTimeInterval(14.5 * 3600)
        owner = try store.upsertMember(orgID: org.id, transport: "test", userKey: "1", name: "Olive", role: .owner)
        staff = try store.upsertMember(
            orgID: org.id, transport: "test", userKey: "2", name: "Sam", handle: "sam", role: .staff)

        let catalog = [
            Product(
                sku: "OAT-1", name: "Oat Milk 1L", category: "Dairy", unitCost: 120, unitPrice: 210, reorderPoint: 12),
            Product(
                sku: "OAT-B", name: "Oat Milk Barista 1L", category: "Dairy", unitCost: 140, unitPrice: 240,
                reorderPoint: 6),
            Product(sku: "CRO", name: "Croissant", category: "Bakery", unitCost: 80, unitPrice: 260, reorderPoint: 20),
            Product(sku: "EGG6", name: "Free Range Eggs 6", category: "Dairy", unitPrice: 230, reorderPoint: 5),
            Product(
                sku: "SALT", name: "Sea Salt Crisps", category: "Snacks", unitCost: 50, unitPrice: 120, reorderPoint: 10
            ),
        ]
        var products: [String: Product] = [:]
        for var product in catalog {
            product.id = try store.upsertProduct(product, orgID: org.id, now: now)
            products[product.sku] = product
        }
        self.products = products

        let counted = today.addingTimeInterval(7 * 3600)
        // Croissant out, oat milk low (4 ≤ 12), eggs at their reorder point, barista and crisps healthy.
        for (sku, quantity) in [("OAT-1", 4), ("OAT-B", 30), ("CRO", 0), ("EGG6", 5), ("SALT", 40)] {
            try store.recordStock(productID: products[sku]!.id, quantity: quantity, countedAt: counted, reason: "count")
        }

        let yesterday = calendar.date(dayKey: "2026-11-24")!
        let weekBefore = calendar.date(dayKey: "2026-11-17")!
        func line(_ order: String, _ number: Int, _ sku: String, _ quantity: Int, _ at: Date, discount: Int = 0)
            -> SaleLine
        {
            let product = products[sku]!
            return SaleLine(
                source: "test", orderID: order, line: number, soldAt: at, productID: product.id, quantity: quantity,
                unitPrice: product.unitPrice!, discount: discount, total: quantity * product.unitPrice! - discount,
                cost: product.unitCost.map { $0 * quantity })
        }
        let lines = [
            // Tue 17 Nov: one order, £4.20 + £2.60 = £6.80, 3 units.
            line("A1", 1, "OAT-1", 2, weekBefore.addingTimeInterval(9 * 3600)),
            line("A1", 2, "CRO", 1, weekBefore.addingTimeInterval(9 * 3600)),
            // Tue 24 Nov: two orders, £2.10 + £5.20 + £2.30 - £0.30 = £9.30, 4 units.
            line("B1", 1, "OAT-1", 1, yesterday.addingTimeInterval(8 * 3600)),
            line("B1", 2, "CRO", 2, yesterday.addingTimeInterval(8 * 3600)),
            line("B2", 1, "EGG6", 1, yesterday.addingTimeInterval(17.75 * 3600), discount: 30),
            // Wed 25 Nov before 14:30: one order, £2.40; one after "now" that must not count yet.
            line("C1", 1, "OAT-B", 1, today.addingTimeInterval(10 * 3600)),
            line("C2", 1, "OAT-B", 1, today.addingTimeInterval(16 * 3600)),
            // Wed 18 Nov before 14:30: one order, £1.20.
            line("W1", 1, "SALT", 1, calendar.date(dayKey: "2026-11-18")!.addingTimeInterval(12 * 3600)),
        ]
        let org2 = org
        try store.writeSales(org: org2) { writer in
            for line in lines { try writer.upsert(line) }
        }
    }
}
