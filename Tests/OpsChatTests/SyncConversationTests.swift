import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Issue 24 in chat: how the connectors stand, a run now, and how to connect one.
@Suite struct SyncConversationTests {
    let shop: SmallShop
    let manager: Member

    init() throws {
        shop = try SmallShop()
        manager = try shop.store.upsertMember(
            orgID: shop.org.id, transport: "test", userKey: "3", name: "Mo", role: .manager)
        try shop.store.registerSyncSource(orgID: shop.org.id, source: "square", interval: 300)
        try shop.store.registerSyncSource(orgID: shop.org.id, source: "sheet", interval: 900)
        _ = try SyncWriter(store: shop.store, org: shop.org).apply(
            SyncBatch(stock: [.init(sku: "CRO", name: nil, quantity: 24, countedAt: shop.now)]), source: "square",
            label: "Square sync", cursor: "{}", now: shop.now.addingTimeInterval(-120))
        try shop.store.recordSyncFailure(
            orgID: shop.org.id, source: "sheet", error: "Google refused to read the sheet (PERMISSION_DENIED)",
            now: shop.now.addingTimeInterval(-60))
    }

    func say(_ text: String, as member: Member) -> String {
        Conversation(store: shop.store, clock: FixedClock(shop.now)).handle(
            ChatMessage(
                transport: "test", chat: .init(id: "c\(member.userKey)", kind: .privateChat),
                sender: .init(userKey: member.userKey, displayName: member.name), text: text)
        ).plainText
    }

    @Test func statusSaysEachSourcesLastRunAndNextAndTheErrorToManagersOnly() {
        let status = say("sync status", as: manager)
        #expect(status.contains("Square: last synced today 14:28 (1 row). Next today 14:33."), "\(status)")
        #expect(
            status.contains("Google Sheet: not synced yet; failing since then (1 run): Google refused"), "\(status)")
        let staff = say("sync status", as: shop.staff)
        #expect(staff.contains("failing since then (1 run).") && !staff.contains("PERMISSION_DENIED"), "\(staff)")
    }

    @Test func aRunNowIsAManagersAndConnectingTheOwners() throws {
        #expect(say("sync now", as: shop.staff).hasPrefix("Only a manager or the owner can import"))
        #expect(say("sync square now", as: manager).hasPrefix("Syncing Square now"))
        #expect(try shop.store.syncSource(orgID: shop.org.id, source: "square")?.requestedAt == shop.now)
        #expect(try shop.store.syncSource(orgID: shop.org.id, source: "square")?.isDue(now: shop.now) == true)
        #expect(
            say("sync shopify now", as: manager).hasPrefix("Shopify is not connected. Connected: Square, Google Sheet"))
        #expect(say("connect square", as: manager).hasPrefix("Only the owner can"))
        let connect = say("connect shopify", as: shop.owner)
        #expect(
            connect.contains("read_orders, read_products, read_inventory") && connect.contains("SHOPIFY_ADMIN_TOKEN"))
    }
}
