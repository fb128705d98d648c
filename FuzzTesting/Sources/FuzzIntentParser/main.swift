import Foundation
import OpsChat
import OpsCore

/// Any text as a chat message to a small shop: no crash, and no reply longer than Telegram's 4,096 characters.
/// The shop is built once; a fuzzer runs inputs one at a time on one thread, so the global is safe.
nonisolated(unsafe) private var shop: (Conversation, ChatMessage.Sender)?

private func setUp() throws -> (Conversation, ChatMessage.Sender) {
    let store = try Store.inMemory()
    let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
    let now = org.calendar.date(dayKey: "2026-11-25")!.addingTimeInterval(15 * 3600)
    try DemoShop(seed: 1, now: now, days: 21).generate(into: store, org: org)
    let owner = try store.upsertMember(orgID: org.id, transport: "fuzz", userKey: "1", name: "Owner", role: .owner)
    return (
        Conversation(store: store, clock: FixedClock(now)),
        ChatMessage.Sender(userKey: owner.userKey, displayName: "Owner")
    )
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIntentParser(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    if shop == nil {
        do { shop = try setUp() } catch { fatalError("cannot build the shop to fuzz: \(error)") }
    }
    guard let (conversation, sender) = shop else { return 0 }
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    // Settings changes would alter the shop between inputs; the parser still sees them.
    if case .settings = IntentParser().parse(text) { return 0 }
    let reply = conversation.handle(
        ChatMessage(
            transport: "fuzz", chat: .init(id: "1", kind: .privateChat), sender: sender, text: text))
    precondition(reply.plainText.count <= 4096, "a reply of \(reply.plainText.count) characters")
    return 0
}
