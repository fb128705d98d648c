import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// One database, two shops, two bots (stored as "telegram" and "telegram:bakery"), one person in both: the
/// questions, imports, alerts and invites of one never reach the other.
@Suite struct TwoShopsTests {
    let directory = TemporaryDirectory()
    var path: String { directory.file("host.sqlite") }
    let now = ISO8601DateFormatter().date(from: "2026-11-25T14:30:00Z")!
    let cafe: ConversationService
    let bakery: ConversationService

    init() throws {
        let store = try Store(path: directory.file("host.sqlite"))
        let cafeOrg = try store.shopOrg(key: "cafe", first: true)
        let bakeryOrg = try store.shopOrg(key: "bakery", first: false)
        #expect(cafeOrg.id != bakeryOrg.id)
        #expect(try store.shopOrg(key: "bakery", first: false).id == bakeryOrg.id, "a shop is found again by its key")
        for (org, name, sku, stock) in [(cafeOrg, "Oat Milk 1L", "OAT-1", 2), (bakeryOrg, "Sourdough Loaf", "SOUR", 1)]
        {
            var renamed = org
            renamed.name = org.id == cafeOrg.id ? "Corner Café" : "The Bakery"
            try store.updateOrg(renamed)
            let id = try store.upsertProduct(Product(sku: sku, name: name, reorderPoint: 10), orgID: org.id, now: now)
            try store.recordStock(productID: id, quantity: stock, countedAt: now, reason: "count")
        }
        let clock = FixedClock(ISO8601DateFormatter().date(from: "2026-11-25T14:30:00Z")!)
        cafe = try ConversationService(databasePath: directory.file("host.sqlite"), orgID: cafeOrg.id, clock: clock)
        bakery = try ConversationService(databasePath: directory.file("host.sqlite"), orgID: bakeryOrg.id, clock: clock)
    }

    func message(_ transport: String, from user: String, _ text: String, chat: String? = nil) -> ChatMessage {
        ChatMessage(
            transport: transport, chat: .init(id: chat ?? user, kind: chat == nil ? .privateChat : .group),
            sender: .init(userKey: user, displayName: "User \(user)"), text: text)
    }

    /// Eve (Telegram user 5) owns both shops, each through its own bot.
    func ownBoth() async throws {
        let cafeCode = try #require(try await cafe.setupCode(now: now))
        let bakeryCode = try #require(try await bakery.setupCode(now: now))
        #expect(
            await cafe.handle(message("telegram", from: "5", "/start \(cafeCode)")).plainText.contains("Corner Café"))
        #expect(
            await bakery.handle(message("telegram:bakery", from: "5", "/start \(bakeryCode)")).plainText.contains(
                "The Bakery"))
    }

    @Test func questionsAreAnsweredFromTheirOwnShop() async throws {
        try await ownBoth()
        let cafeStock = await cafe.handle(message("telegram", from: "5", "stock low?")).plainText
        let bakeryStock = await bakery.handle(message("telegram:bakery", from: "5", "stock low?")).plainText
        #expect(cafeStock.contains("Oat Milk") && !cafeStock.contains("Sourdough"), "\(cafeStock)")
        #expect(bakeryStock.contains("Sourdough") && !bakeryStock.contains("Oat Milk"), "\(bakeryStock)")
        // A product of the other shop is not known here.
        let asked = await bakery.handle(message("telegram:bakery", from: "5", "stock oat milk")).plainText
        #expect(!asked.contains("In stock"), "\(asked)")
    }

    @Test func anImportLandsInItsOwnShopOnly() async throws {
        try await ownBoth()
        let csv = Array("order id,sold at,sku,name,quantity,total\n1,2026-11-25 10:00,OAT-1,Oat Milk 1L,3,6.30\n".utf8)
        var upload = message("telegram", from: "5", "")
        upload = ChatMessage(
            transport: upload.transport, chat: upload.chat, sender: upload.sender, text: "",
            attachment: .init(fileName: "sales.csv", size: csv.count) { csv })
        let report = await cafe.handle(upload, file: csv).plainText
        #expect(report.contains("Imported sales"), "\(report)")
        #expect(await cafe.handle(message("telegram", from: "5", "sales today")).plainText.contains("6.30"))
        let bakerySales = await bakery.handle(message("telegram:bakery", from: "5", "sales today")).plainText
        #expect(bakerySales.contains("No sales recorded"), "\(bakerySales)")
    }

    @Test func alertsOpenAndGoOnlyWithinTheirShop() async throws {
        try await ownBoth()
        #expect(
            await cafe.handle(message("telegram", from: "5", "alerts here", chat: "-100")).plainText.contains("alerts"))
        #expect(
            await bakery.handle(message("telegram:bakery", from: "5", "alerts here", chat: "-200")).plainText.contains(
                "alerts"))
        let cafeAlerts = try #require(try await cafe.evaluateAlerts(now: now))
        let bakeryAlerts = try #require(try await bakery.evaluateAlerts(now: now))
        #expect(cafeAlerts.opened.map(\.subject) == ["Oat Milk 1L"])
        #expect(bakeryAlerts.opened.map(\.subject) == ["Sourdough Loaf"])
        let targets = try await cafe.withStore { store in
            try store.dueDeliveries(now: now.addingTimeInterval(60), limit: 50).map {
                "\($0.orgID) \($0.transport) \($0.target)"
            }
        }
        let cafeID = cafe.orgID, bakeryID = bakery.orgID
        #expect(Set(targets) == ["\(cafeID) telegram -100", "\(bakeryID) telegram:bakery -200"], "\(targets)")
    }

    @Test func anInviteOfOneShopDoesNotOpenTheOther() async throws {
        try await ownBoth()
        let made = await cafe.handle(message("telegram", from: "5", "invite staff")).plainText
        // "Invite for staff: CODE".
        let line = try #require(made.components(separatedBy: "\n").first { $0.hasPrefix("Invite for") }, "\(made)")
        let code = String(line.drop { $0 != ":" }.dropFirst().drop { $0 == " " }.prefix { !$0.isWhitespace })
        let elsewhere = await bakery.handle(message("telegram:bakery", from: "9", "/start \(code)")).plainText
        #expect(!elsewhere.contains("Welcome"), "\(elsewhere)")
        let joined = await cafe.handle(message("telegram", from: "9", "/start \(code)")).plainText
        #expect(joined.contains("Welcome to Corner Café"), "\(joined)")
        // The café's new staff member is a stranger to the bakery's bot.
        let stranger = await bakery.handle(message("telegram:bakery", from: "9", "stock low?")).plainText
        #expect(stranger.contains("not a member of The Bakery"), "\(stranger)")
    }
}
