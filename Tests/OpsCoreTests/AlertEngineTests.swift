import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

@Suite("Alert engine")
struct AlertEngineTests {
    let shop: SmallShop

    init() throws { shop = try SmallShop() }

    var engine: AlertEngine { AlertEngine(store: shop.store, org: shop.org) }

    func causes(_ alerts: [Alert]) -> [String] { alerts.map(\.cause).sorted() }

    func cause(_ kind: AlertKind, _ sku: String) -> String { "\(kind.rawValue):product:\(shop.products[sku]!.id)" }

    func addGroupChat(_ key: String) throws {
        try shop.store.recordChat(
            orgID: shop.org.id, transport: "telegram", chatKey: key, kind: "group", title: "Shop floor")
        try shop.store.setChatReceivesAlerts(true, transport: "telegram", chatKey: key)
    }

    func outbox() throws -> [OutboxItem] { try shop.store.dueDeliveries(now: .distantFuture, limit: 1000) }

    @Test("stock rules fire on the fixture shop: out of stock wins over low stock for the same product")
    func stockRulesFire() throws {
        let evaluation = try engine.evaluate(now: shop.now)
        #expect(
            causes(evaluation.opened)
                == [
                    cause(.lowStock, "OAT-1"), cause(.lowStock, "EGG6"), cause(.outOfStock, "CRO"),
                ].sorted())
        let oat = try #require(evaluation.opened.first { $0.cause == cause(.lowStock, "OAT-1") })
        #expect(oat.value == 4 && oat.threshold == 12 && oat.subject == "Oat Milk 1L" && oat.severity == .warning)
        let croissant = try #require(evaluation.opened.first { $0.kind == .outOfStock })
        #expect(croissant.severity == .critical)
        // Most severe first.
        #expect(try shop.store.unresolvedAlerts(orgID: shop.org.id).first?.kind == .outOfStock)
    }

    @Test("repeated evaluations never open a second alert for the same cause")
    func noDuplicates() throws {
        try engine.evaluate(now: shop.now)
        for hour in 1...5 {
            let again = try engine.evaluate(now: shop.now.addingTimeInterval(Double(hour) * 600))
            #expect(again.opened.isEmpty && again.resolved.isEmpty && again.reminded.isEmpty)
        }
        #expect(try shop.store.unresolvedAlerts(orgID: shop.org.id).count == 3)
        #expect(try shop.store.database.queryInt("SELECT COUNT(*) FROM alerts") == 3)
    }

    @Test("the database itself refuses a second unresolved alert for a cause")
    func uniqueOpenCause() throws {
        try engine.evaluate(now: shop.now)
        #expect(throws: DatabaseError.self) {
            try shop.store.database.execute(
                """
                INSERT INTO alerts (org_id, kind, cause, severity, status, subject, opened_at, updated_at)
                VALUES (?, 'low_stock', ?, 'warning', 'open', 'x', 0, 0)
                """, [.integer(shop.org.id), .text(cause(.lowStock, "OAT-1"))])
        }
    }

    @Test("alerts that fire together go out as one message per chat")
    func grouped() throws {
        try addGroupChat("-100")
        try addGroupChat("-200")
        try shop.store.recordChat(orgID: shop.org.id, transport: "telegram", chatKey: "42", kind: "private", title: nil)
        let evaluation = try engine.evaluate(now: shop.now)
        let items = try outbox()
        #expect(evaluation.deliveries == 2)
        #expect(items.map(\.target) == ["-100", "-200"])
        #expect(items.allSatisfy { $0.kind == .alert && $0.channel == .chat && $0.alertIDs.count == 3 })
    }

    @Test("email and SMS routes go to the configured recipients; unconfigured ones are skipped")
    func routes() throws {
        try addGroupChat("-100")
        try shop.store.saveAlertRule(
            AlertRule(kind: .outOfStock, route: AlertRoute([.chats, .email, .sms])), orgID: shop.org.id, now: shop.now)
        let engine = AlertEngine(
            store: shop.store, org: shop.org,
            recipients: AlertRecipients(emails: ["owner@example.com"], phones: ["+15550002222"]))
        try engine.evaluate(now: shop.now)
        let items = try outbox()
        let email = try #require(items.first { $0.channel == .email })
        #expect(email.target == "owner@example.com" && email.alertIDs.count == 1)
        #expect(items.first { $0.channel == .sms }?.target == "+15550002222")
        #expect(items.first { $0.channel == .chat }?.alertIDs.count == 3)

        // Without recipients the email and SMS routes write nothing.
        let bare = try SmallShop()
        try bare.store.saveAlertRule(
            AlertRule(kind: .outOfStock, route: AlertRoute([.email, .sms])), orgID: bare.org.id, now: bare.now)
        let evaluation = try AlertEngine(store: bare.store, org: bare.org).evaluate(now: bare.now)
        #expect(evaluation.opened.count == 3 && evaluation.deliveries == 0)
    }

    @Test("a cleared condition resolves its alert and says so once, in the thread where it was posted")
    func resolves() throws {
        try addGroupChat("-100")
        try engine.evaluate(now: shop.now)
        let post = try #require(try outbox().first)
        try shop.store.recordDelivery(id: post.id, outcome: .sent, answer: "ok", messageKey: "555", now: shop.now)

        let later = shop.now.addingTimeInterval(3600)
        try shop.store.recordStock(
            productID: shop.products["OAT-1"]!.id, quantity: 40, countedAt: later, reason: "count")
        let evaluation = try engine.evaluate(now: later)
        #expect(causes(evaluation.resolved) == [cause(.lowStock, "OAT-1")])
        #expect(evaluation.resolved.first?.resolution == "cleared")
        let pending = try outbox()
        let notice = try #require(pending.first { $0.kind == .resolved })
        #expect(notice.refersTo == post.id && notice.target == "-100" && notice.alertIDs == [evaluation.resolved[0].id])
        #expect(pending.filter { $0.kind == .edit }.map(\.refersTo) == [post.id])
        #expect(try shop.store.unresolvedAlerts(orgID: shop.org.id).count == 2)

        // Cleared stays cleared: no second notice.
        let again = try engine.evaluate(now: later.addingTimeInterval(60))
        #expect(again.resolved.isEmpty && again.deliveries == 0)
        // The cause coming back opens a new alert.
        try shop.store.recordStock(
            productID: shop.products["OAT-1"]!.id, quantity: 2, countedAt: later.addingTimeInterval(120),
            reason: "count")
        #expect(causes(try engine.evaluate(now: later.addingTimeInterval(180)).opened) == [cause(.lowStock, "OAT-1")])
    }

    /// Issue 20, point 6: out of stock takes over from low stock (which closes, its message edited), and when the
    /// product is back but still low, a low-stock alert says what is true then — never "Low stock — 0 left".
    @Test("out of stock takes over from low stock; back but still low opens low stock with the new count")
    func lowThenOut() throws {
        try engine.evaluate(now: shop.now)
        let oat = shop.products["OAT-1"]!.id
        let low = try #require(
            try shop.store.unresolvedAlerts(orgID: shop.org.id).first { $0.cause == cause(.lowStock, "OAT-1") })
        try shop.store.recordStock(
            productID: oat, quantity: 0, countedAt: shop.now.addingTimeInterval(60), reason: "count")
        let out = try engine.evaluate(now: shop.now.addingTimeInterval(120))
        #expect(causes(out.opened) == [cause(.outOfStock, "OAT-1")])
        #expect(try shop.store.alert(id: low.id, orgID: shop.org.id)?.resolution == "superseded")
        #expect(
            try shop.store.unresolvedAlerts(orgID: shop.org.id).filter { $0.productID == oat }.map(\.kind) == [
                .outOfStock
            ])

        try shop.store.recordStock(
            productID: oat, quantity: 5, countedAt: shop.now.addingTimeInterval(180), reason: "count")
        let back = try engine.evaluate(now: shop.now.addingTimeInterval(240))
        #expect(causes(back.resolved) == [cause(.outOfStock, "OAT-1")])
        #expect(causes(back.opened) == [cause(.lowStock, "OAT-1")])
        #expect(back.opened.first?.value == 5)

        try shop.store.recordStock(
            productID: oat, quantity: 30, countedAt: shop.now.addingTimeInterval(300), reason: "count")
        let full = try engine.evaluate(now: shop.now.addingTimeInterval(360))
        #expect(causes(full.resolved) == [cause(.lowStock, "OAT-1")])
        #expect(try shop.store.unresolvedAlerts(orgID: shop.org.id).filter { $0.productID == oat }.isEmpty)
    }

    @Test("reminders come after the repeat interval, only for unacknowledged alerts; snoozes hold them back")
    func remindersAndSnooze() throws {
        try addGroupChat("-100")
        let opened = try engine.evaluate(now: shop.now).opened
        let hour: TimeInterval = 3600
        #expect(try engine.evaluate(now: shop.now.addingTimeInterval(23 * hour)).reminded.isEmpty)
        let day1 = try engine.evaluate(now: shop.now.addingTimeInterval(24 * hour))
        #expect(day1.reminded.count == 3)
        #expect(try outbox().last?.kind == .reminder && (try outbox().last?.alertIDs.count) == 3)

        let desk = AlertDesk(store: shop.store, org: shop.org)
        let egg = try #require(opened.first { $0.cause == cause(.lowStock, "EGG6") })
        let oat = try #require(opened.first { $0.cause == cause(.lowStock, "OAT-1") })
        try desk.apply(.acknowledge, to: egg.id, by: shop.owner, now: shop.now.addingTimeInterval(25 * hour))
        try desk.apply(
            .snooze(until: shop.now.addingTimeInterval(72 * hour)), to: oat.id, by: shop.owner,
            now: shop.now.addingTimeInterval(25 * hour))
        // Day 2: the acknowledged one is quiet, the snoozed one too; only the croissant reminds.
        let day2 = try engine.evaluate(now: shop.now.addingTimeInterval(48 * hour))
        #expect(causes(day2.reminded) == [cause(.outOfStock, "CRO")])
        // The snooze ends: posted again once.
        let day3 = try engine.evaluate(now: shop.now.addingTimeInterval(72 * hour))
        #expect(causes(day3.reminded) == [cause(.lowStock, "OAT-1"), cause(.outOfStock, "CRO")].sorted())
        #expect(try engine.evaluate(now: shop.now.addingTimeInterval(73 * hour)).reminded.isEmpty)
    }

    @Test("a custom repeat interval and zero (never remind)")
    func repeatInterval() throws {
        try shop.store.saveAlertRule(AlertRule(kind: .lowStock, repeatMinutes: 60), orgID: shop.org.id, now: shop.now)
        try shop.store.saveAlertRule(AlertRule(kind: .outOfStock, repeatMinutes: 0), orgID: shop.org.id, now: shop.now)
        try engine.evaluate(now: shop.now)
        let later = try engine.evaluate(now: shop.now.addingTimeInterval(3600))
        #expect(later.reminded.map(\.kind) == [.lowStock, .lowStock])
    }

    @Test("a muted rule opens nothing until the mute ends")
    func muted() throws {
        try shop.store.saveAlertRule(
            AlertRule(kind: .lowStock, mutedUntil: shop.now.addingTimeInterval(86_400)), orgID: shop.org.id,
            now: shop.now)
        #expect(try engine.evaluate(now: shop.now).opened.map(\.kind) == [.outOfStock])
        #expect(
            try engine.evaluate(now: shop.now.addingTimeInterval(86_401)).opened.map(\.kind) == [.lowStock, .lowStock])
    }

    @Test("thresholds: a product's own rule, then its reorder point, then its category's, then the org's")
    func thresholds() throws {
        let salt = shop.products["SALT"]!
        try shop.store.saveAlertRule(
            AlertRule(kind: .lowStock, scope: .product(salt.id), threshold: 50), orgID: shop.org.id, now: shop.now)
        var rules = try shop.store.alertRuleSet(orgID: shop.org.id)
        #expect(rules.lowStockThreshold(productID: salt.id, reorderPoint: 10, category: "Snacks") == 50)
        #expect(rules.lowStockThreshold(productID: 999, reorderPoint: 10, category: "Snacks") == 10)
        #expect(rules.lowStockThreshold(productID: 999, reorderPoint: nil, category: "Snacks") == nil)
        try shop.store.saveAlertRule(
            AlertRule(kind: .lowStock, scope: .category("Snacks"), threshold: 7), orgID: shop.org.id, now: shop.now)
        try shop.store.saveAlertRule(AlertRule(kind: .lowStock, threshold: 3), orgID: shop.org.id, now: shop.now)
        rules = try shop.store.alertRuleSet(orgID: shop.org.id)
        #expect(rules.lowStockThreshold(productID: 999, reorderPoint: nil, category: "snacks") == 7)
        #expect(rules.lowStockThreshold(productID: 999, reorderPoint: nil, category: "Bakery") == 3)

        let opened = try engine.evaluate(now: shop.now).opened
        #expect(opened.contains { $0.cause == cause(.lowStock, "SALT") && $0.value == 40 && $0.threshold == 50 })
    }

    @Test("days of cover: at the recent rate the product runs out before its lead time")
    func daysOfCover() throws {
        var beans = Product(sku: "BEAN", name: "Coffee Beans 1kg", category: "Coffee", unitPrice: 1500, leadTimeDays: 7)
        beans.id = try shop.store.upsertProduct(beans, orgID: shop.org.id, now: shop.now)
        try shop.store.recordStock(productID: beans.id, quantity: 10, countedAt: shop.now, reason: "count")
        let calendar = shop.org.calendar
        // 2 a day over the last 28 days: 10 units last 5 days, less than the 7-day lead time.
        try shop.store.writeSales(org: shop.org) { writer in
            for back in 1...28 {
                let day = calendar.startOfDay(shop.now, adding: -back).addingTimeInterval(12 * 3600)
                try writer.upsert(
                    SaleLine(
                        source: "test", orderID: "B\(back)", line: 1, soldAt: day, productID: beans.id, quantity: 2,
                        unitPrice: 1500, total: 3000))
            }
        }
        let opened = try engine.evaluate(now: shop.now).opened
        let alert = try #require(opened.first { $0.kind == .daysOfCover })
        #expect(alert.value == 50 && alert.threshold == 7 && alert.subject == "Coffee Beans 1kg")
        // Restocked to 30 (15 days): cleared.
        try shop.store.recordStock(
            productID: beans.id, quantity: 30, countedAt: shop.now.addingTimeInterval(60), reason: "count")
        #expect(try engine.evaluate(now: shop.now.addingTimeInterval(120)).resolved.map(\.kind) == [.daysOfCover])
    }
}

@Suite("Sales anomaly alerts")
struct SalesAnomalyAlertTests {
    /// A shop with £100 every day for ten weeks up to the day before yesterday, and `yesterday` pence yesterday.
    func shop(yesterday: Int) throws -> (SmallShop, Date) {
        let shop = try SmallShop()
        try shop.store.database.execute("DELETE FROM sales")
        try shop.store.database.execute("DELETE FROM daily_sales")
        try shop.store.database.execute("DELETE FROM daily_product_sales")
        try shop.store.database.execute("DELETE FROM monthly_product_sales")
        try shop.store.database.execute("DELETE FROM yearly_product_sales")
        try shop.store.database.execute("DELETE FROM hourly_sales")
        let product = shop.products["SALT"]!
        let calendar = shop.org.calendar
        let now = shop.now
        try shop.store.writeSales(org: shop.org) { writer in
            for back in 1...70 {
                let amount = back == 1 ? yesterday : 10_000
                guard amount > 0 else { continue }
                let at = calendar.startOfDay(now, adding: -back).addingTimeInterval(11 * 3600)
                try writer.upsert(
                    SaleLine(
                        source: "test", orderID: "D\(back)", line: 1, soldAt: at, productID: product.id, quantity: 1,
                        unitPrice: amount, total: amount))
            }
            // Today's first sale shows yesterday's export is in.
            try writer.upsert(
                SaleLine(
                    source: "test", orderID: "T", line: 1,
                    soldAt: calendar.startOfDay(now).addingTimeInterval(9 * 3600),
                    productID: product.id, quantity: 1, unitPrice: 100, total: 100))
        }
        return (shop, now)
    }

    func salesAlerts(_ evaluation: AlertEvaluation) -> [Alert] { evaluation.opened.filter { !$0.kind.isStock } }

    @Test("a day far below its usual weekday level is a drop; far above is a spike; near it is nothing")
    func dropAndSpike() throws {
        let (low, now) = try shop(yesterday: 5_000)
        let drop = salesAlerts(try AlertEngine(store: low.store, org: low.org).evaluate(now: now))
        #expect(drop.map(\.kind) == [.salesDrop])
        #expect(drop.first?.day == "2026-11-24" && drop.first?.value == 5_000 && drop.first?.threshold == 10_000)

        let (high, _) = try shop(yesterday: 17_000)
        #expect(
            salesAlerts(try AlertEngine(store: high.store, org: high.org).evaluate(now: now)).map(\.kind) == [
                .salesSpike
            ])

        let (normal, _) = try shop(yesterday: 7_000)
        #expect(salesAlerts(try AlertEngine(store: normal.store, org: normal.org).evaluate(now: now)).isEmpty)
    }

    @Test("a day with no sales is a drop only once later sales show its export is in")
    func missingDay() throws {
        let (shop, now) = try shop(yesterday: 0)
        #expect(
            salesAlerts(try AlertEngine(store: shop.store, org: shop.org).evaluate(now: now)).map(\.kind) == [
                .salesDrop
            ])
        let (other, _) = try self.shop(yesterday: 0)
        try other.store.database.execute("DELETE FROM daily_sales WHERE day = '2026-11-25'")
        #expect(salesAlerts(try AlertEngine(store: other.store, org: other.org).evaluate(now: now)).isEmpty)
    }

    @Test("a late import that fills in the day resolves the drop")
    func lateImportResolves() throws {
        let (shop, now) = try shop(yesterday: 5_000)
        let engine = AlertEngine(store: shop.store, org: shop.org)
        try engine.evaluate(now: now)
        try shop.store.writeSales(org: shop.org) { writer in
            try writer.upsert(
                SaleLine(
                    source: "test", orderID: "LATE", line: 1,
                    soldAt: shop.org.calendar.startOfDay(now, adding: -1).addingTimeInterval(15 * 3600),
                    productID: shop.products["SALT"]!.id, quantity: 1, unitPrice: 5_000, total: 5_000))
        }
        #expect(try engine.evaluate(now: now.addingTimeInterval(60)).resolved.map(\.kind) == [.salesDrop])
    }

    @Test("a day's alert is said once, and closed quietly once the day can no longer be judged")
    func pastDays() throws {
        let (shop, now) = try shop(yesterday: 5_000)
        let engine = AlertEngine(store: shop.store, org: shop.org)
        let drop = try #require(salesAlerts(try engine.evaluate(now: now)).first)
        // No daily reminder for an event.
        #expect(try engine.evaluate(now: now.addingTimeInterval(86_400 / 2)).reminded.isEmpty)
        // Two days on, Tuesday is before the judged days: closed, without a "cleared" notice.
        let later = try engine.evaluate(now: now.addingTimeInterval(2 * 86_400))
        #expect(later.resolved.isEmpty)
        let closed = try #require(try shop.store.alert(id: drop.id, orgID: shop.org.id))
        #expect(closed.status == .resolved && closed.resolution == "past")
    }

    @Test("too little history: no judgement")
    func tooLittleHistory() throws {
        let shop = try SmallShop()
        #expect(salesAlerts(try AlertEngine(store: shop.store, org: shop.org).evaluate(now: shop.now)).isEmpty)
    }
}
