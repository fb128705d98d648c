import Foundation
import OpsCore
import OpsTestSupport
import Testing

/// Every command that can open an alert routes it as `opsbot run` would, and an alert with nowhere to go says so.
@Suite struct AlertRoutingCLITests {
    let cli = CLITests()
    var database: String { cli.directory.file("shop.sqlite") }

    func write(_ name: String, _ text: String) throws -> String {
        let path = cli.directory.file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    var emailConfig: String {
        get throws {
            try write(
                "bot.json",
                """
                { "email": { "smtp_url": "smtp://127.0.0.1:2525", "from": "OpsBot <bot@example.com>", "to": ["owner@example.com"] },
                  "alerts": { "out_of_stock": { "route": "chats email" }, "low_stock": { "route": "email" } } }
                """)
        }
    }

    func targets(_ store: Store) throws -> [String] {
        let org = try #require(try store.firstOrg())
        return try store.unresolvedAlerts(orgID: org.id).flatMap { try store.deliveries(alertID: $0.id) }
            .map { "\($0.channel.rawValue):\($0.target)" }
    }

    @Test func anAlertOpenedByAnImportIsEmailedAsConfigured() throws {
        let stock = try write("stock.csv", "sku,name,quantity\nA1,Apple,0\n")
        let result = try cli.run(["import", "inventory", stock, "--db", database, "--config", emailConfig])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try targets(Store(path: database)) == ["email:owner@example.com"])
    }

    @Test func anAlertOpenedByAQuestionIsEmailedAsConfigured() throws {
        let stock = try write("stock.csv", "sku,name,quantity\nA1,Apple,3\n")
        #expect(try cli.run(["import", "inventory", stock, "--db", database]).status == 0)
        let answer = try cli.run(["ask", "alert me when apple below 5", "--db", database, "--config", emailConfig])
        #expect(answer.status == 0, "\(answer.stderr)")
        #expect(try targets(Store(path: database)) == ["email:owner@example.com"], "\(answer.stdout)")
    }

    @Test func withoutAnAlertChatAlertsGoToTheOwnersPrivateChat() throws {
        let store = try Store(path: database)
        let org = try store.ensureOrg()
        _ = try store.upsertMember(orgID: org.id, transport: "telegram", userKey: "501", name: "Olive", role: .owner)
        try store.recordChat(orgID: org.id, transport: "telegram", chatKey: "501", kind: "private", title: nil)
        let stock = try write("stock.csv", "sku,name,quantity\nA1,Apple,0\n")
        #expect(try cli.run(["import", "inventory", stock, "--db", database]).status == 0)
        #expect(try targets(store) == ["chat:501"])
    }

    @Test func withoutAnyChatAlertsForChatsGoToTheConfiguredEmail() throws {
        let config = try write(
            "chats.json",
            #"{ "email": { "smtp_url": "smtp://127.0.0.1:2525", "from": "bot@example.com", "to": ["owner@example.com"] } }"#
        )
        let stock = try write("stock.csv", "sku,name,quantity\nA1,Apple,0\n")
        #expect(try cli.run(["import", "inventory", stock, "--db", database, "--config", config]).status == 0)
        #expect(try targets(Store(path: database)) == ["email:owner@example.com"])
        let alerts = try cli.run(["ask", "alerts", "--db", database, "--config", config])
        #expect(!alerts.stdout.contains("no one to go to"))
    }

    @Test func withNowhereToGoCheckAlertsAndTheAlertsReplySaySo() throws {
        let stock = try write("stock.csv", "sku,name,quantity\nA1,Apple,0\nB1,Bread,0\n")
        #expect(try cli.run(["import", "inventory", stock, "--db", database]).status == 0)
        let check = try cli.run(["check-alerts", "--db", database])
        let notice = "2 open alerts have no one to go to: send /start to the bot"
        #expect(check.stdout.contains(notice), "\(check.stdout)")
        #expect(check.stdout.hasSuffix(".\n"))
        let alerts = try cli.run(["ask", "alerts", "--db", database])
        #expect(alerts.stdout.contains(notice), "\(alerts.stdout)")
    }
}
