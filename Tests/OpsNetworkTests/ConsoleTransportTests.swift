import Foundation
import OpsChat
import OpsCore
import OpsTestSupport
import Testing

@testable import OpsNetwork

@Suite struct ConsoleTransportTests {
    @Test func readsUntilEndOfInputAndANumberPressesAButton() throws {
        let shop = try SmallShop()
        var input = ["stock oat milk", "", "1", "quit", "never read"][...]
        var written: [String] = []
        let console = ConsoleTransport(
            conversation: Conversation(store: shop.store, clock: FixedClock(shop.now)),
            sender: .init(userKey: shop.owner.userKey, displayName: shop.owner.name), senderTransport: "test",
            prompt: nil, readLine: { input.popFirst() }, write: { written.append($0) })
        console.run()
        #expect(written.count == 2)
        #expect(written[0].hasPrefix("Oat Milk 1L · OAT-1"))
        #expect(written[0].contains("[1] Oat Milk Barista 1L"))
        #expect(written[1].hasPrefix("Oat Milk Barista 1L · OAT-B"))
        #expect(input.first == "never read")
    }

    @Test func rendersTablesButtonsAndAttachments() {
        let reply = Reply(
            blocks: [.title("T"), .table(Table(columns: [.init("A"), .init("B", .right)], rows: [["x", "1"]]))],
            buttons: [.init(label: "Go", action: "go")],
            attachments: [.init(fileName: "r.csv", mimeType: "text/csv", bytes: [1, 2, 3])])
        #expect(ConsoleRenderer.render(reply) == "T\nA B\nx 1\n[1] Go\n(attached: r.csv, 3 bytes)")
    }

    @Test func libcurlIsLinked() {
        #expect(Libcurl.version.hasPrefix("libcurl/"))
    }
}
