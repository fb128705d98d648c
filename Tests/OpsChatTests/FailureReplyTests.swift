import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// A message that meets a broken database gets a short answer with an id; the SQL and the host's paths go to
/// the log under that id, never to the chat.
@Suite struct FailureReplyTests {
    let directory = TemporaryDirectory()
    var path: String { directory.file("shop.sqlite") }

    func ask(_ text: String, store: Store, shop: SmallShop, log: InMemoryLogSink) -> String {
        ask(text, store: store, owner: shop.owner, now: shop.now, log: log)
    }

    func ask(_ text: String, store: Store, owner: Member, now: Date, log: InMemoryLogSink) -> String {
        let conversation = Conversation(
            store: store, clock: FixedClock(now), logger: Logger(label: "conversation", sink: log))
        return conversation.handle(
            ChatMessage(
                transport: owner.transport, chat: .init(id: "c1", kind: .privateChat),
                sender: .init(userKey: owner.userKey, displayName: owner.name), text: text)
        ).plainText
    }

    /// Nothing of the machine's insides, and the id the log holds the details under.
    func expectSafe(_ reply: String, log: InMemoryLogSink, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for leak in [
            "SELECT", "INSERT", "UPDATE", "sqlite", "SQLite", "Database error", directory.path, "/tmp", "Error(",
        ] {
            #expect(!reply.contains(leak), "the reply shows “\(leak)”: \(reply)", sourceLocation: sourceLocation)
        }
        let id = try #require(
            reply.split(separator: "#").last.map { String($0.prefix(6)) }, sourceLocation: sourceLocation)
        let line = try #require(
            log.lines.first { $0.contains("error.id=\(id)") }, "no log line for #\(id)",
            sourceLocation: sourceLocation)
        #expect(line.contains("event=conversation.failed"), sourceLocation: sourceLocation)
        #expect(
            line.contains("INSERT") || line.contains("SELECT"), "the log keeps the SQL: \(line)",
            sourceLocation: sourceLocation)
    }

    @Test func aLockedDatabaseIsBusyNotAnError() throws {
        let shop = try SmallShop(path: path)
        let other = try Store(path: path)
        try other.database.execute("BEGIN EXCLUSIVE")
        defer { try? other.database.execute("ROLLBACK") }
        let log = InMemoryLogSink()
        let reply = ask("sales today", store: shop.store, shop: shop, log: log)
        #expect(reply == "The shop's database is busy, try again in a minute.")
        #expect(log.lines.contains { $0.contains("event=conversation.failed") && $0.contains("database is locked") })
    }

    @Test func aReadOnlyDatabaseSaysNothingChangedWithAnID() throws {
        let shop = try SmallShop(path: path)
        try shop.store.database.execute("PRAGMA query_only = 1")
        let log = InMemoryLogSink()
        let reply = ask("set reorder point croissant 30", store: shop.store, shop: shop, log: log)
        #expect(reply.hasPrefix("The shop's database can't be written to"), "\(reply)")
        try expectSafe(reply, log: log)
    }

    @Test func aCorruptDatabaseSaysSoWithAnID() throws {
        let (owner, now) = try {
            let shop = try SmallShop(path: path); return (shop.owner, shop.now)
        }()
        // Opened first, as the running bot has it: every page but the first (the schema) then overwritten.
        let store = try Store(path: path)
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        let pageSize: UInt64 = 16_384
        for page in stride(from: pageSize, to: size, by: Int(pageSize)) {
            try handle.seek(toOffset: page)
            handle.write(Data(repeating: 0xA5, count: Int(pageSize)))
        }
        try handle.close()
        let log = InMemoryLogSink()
        let reply = ask("stock low?", store: store, owner: owner, now: now, log: log)
        #expect(reply.hasPrefix("The shop's database is damaged"), "\(reply)")
        try expectSafe(reply, log: log)
    }

    @Test(arguments: [(Int32(5), "busy"), (6, "busy"), (13, "out of disk space"), (26, "damaged"), (1, "on our side")])
    func eachKindOfFailureHasItsOwnWords(_ code: Int32, _ words: String) {
        let text = FailureReply.text(for: DatabaseError.sqlite(code: code, message: "m", sql: "SELECT 1"), id: "ABC234")
        #expect(text.contains(words))
        #expect(!text.contains("SELECT"))
    }
}
