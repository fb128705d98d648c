import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Issue 21's measure: the phrasing table answered right, each reply checked against figures worked out from
/// the raw lines (`PhrasingOracle`), and questions the bot cannot answer never answered as another question.
@Suite struct PhrasingAccuracyTests {
    let store: Store
    let org: Org
    let now: Date
    let conversation: Conversation

    init() throws {
        store = try Store.inMemory()
        var org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        org.currency = Currency(code: "GBP")!
        try store.updateOrg(org)
        self.org = org
        now = org.calendar.date(dayKey: "2026-11-25")!.addingTimeInterval(15 * 3600)
        try DemoShop(seed: 5, now: now, days: 70).generate(into: store, org: org)
        // A category named in two parts, as tills export them: "stock dairy" must still find it.
        try store.database.execute("UPDATE products SET category = 'Dairy & Alternatives' WHERE category = 'Dairy'")
        _ = try store.upsertMember(orgID: org.id, transport: "test", userKey: "1", name: "Olive", role: .owner)
        conversation = Conversation(store: store, clock: FixedClock(now))
    }

    func ask(_ text: String, in kind: ChatMessage.ChatKind = .privateChat) -> Reply {
        conversation.handle(
            ChatMessage(
                transport: "test", chat: .init(id: kind == .privateChat ? "c" : "-5", kind: kind),
                sender: .init(userKey: "1", displayName: "Olive"), text: text))
    }

    @Test func phrasingsAreAnsweredRight() {
        let oracle = PhrasingOracle(store: store, org: org, now: now)
        var misses: [String] = []
        for (text, want) in PhrasingTable.all {
            let reply = ask(text).plainText
            let expected = oracle.expected(want)
            let missing = expected.filter { !reply.contains($0) }
            if expected.isEmpty || !missing.isEmpty {
                misses.append(
                    "“\(text)” wants \(missing) — got: \(reply.prefix(160).replacingOccurrences(of: "\n", with: " | "))"
                )
            }
        }
        let total = PhrasingTable.all.count
        let right = total - misses.count
        #expect(total >= 400, "the table has \(total) phrasings")
        #expect(
            Double(right) >= 0.97 * Double(total),
            "\(right) of \(total) right; misses:\n\(misses.joined(separator: "\n"))")
        print(
            "phrasings: \(right) of \(total) right (\(String(format: "%.1f", 100 * Double(right) / Double(total))) %)")
        for miss in misses { print("  miss: \(miss)") }
    }

    @Test func outOfScopeIsNeverAnsweredAsAnotherQuestion() {
        var confident: [String] = []
        var postedInGroup: [String] = []
        for text in OutOfScopeTable.all {
            let reply = ask(text)
            if reply.kind != .notUnderstood {
                confident.append(
                    "“\(text)” → \(reply.plainText.prefix(100).replacingOccurrences(of: "\n", with: " | "))")
            }
            // A group hears a plain message only when it is understood, and then only an answer that is not
            // "didn't get that" (`GroupChatPolicy`).
            let group = ask(text, in: .group)
            if conversation.understands(text, orgID: org.id) && group.kind != .notUnderstood {
                postedInGroup.append(text)
            }
        }
        #expect(Double(postedInGroup.count) <= 0.01 * Double(OutOfScopeTable.all.count), "\(postedInGroup)")
        let total = OutOfScopeTable.all.count
        #expect(total >= 100, "the table has \(total) messages")
        #expect(
            Double(confident.count) <= 0.01 * Double(total),
            "\(confident.count) of \(total) answered as another question:\n\(confident.joined(separator: "\n"))")
        print("out of scope: \(confident.count) of \(total) answered as another question")
        for line in confident { print("  confident: \(line)") }
    }
}
