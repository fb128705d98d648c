import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Issue 25 in chat: charts as PNG with a caption, the "📈 Chart" button, and the HTML report.
@Suite struct ChartConversationTests {
    let shop: SmallShop

    init() throws { shop = try SmallShop() }

    func ask(_ text: String, action: String? = nil) -> Reply {
        Conversation(store: shop.store, clock: FixedClock(shop.now)).handle(
            ChatMessage(
                transport: "test", chat: .init(id: "c1", kind: .privateChat),
                sender: .init(userKey: shop.owner.userKey, displayName: "Olive"), text: text, action: action))
    }

    @Test func aSalesChartIsAPNGWithACaptionStatingThePeriodAndTheFigure() throws {
        let reply = ask("chart sales last 30 days")
        let file = try #require(reply.attachments.first)
        #expect(file.mimeType == "image/png" && file.fileName == "sales-last-30-days.png")
        #expect(file.bytes.count < 150_000)
        let image = try PNGDecoder.decode(file.bytes)
        #expect(image.width == 1200 && image.height == 720 && image.crcsMatch)
        // £6.80 + £1.20 + £9.30 + £2.40 in the 30 days to now (the later sale today not yet).
        #expect(reply.plainText.hasPrefix("Sales, last 30 days (Tue 27 Oct – Wed 25 Nov to 14:30): £19.70"))
    }

    @Test func theWaysStaffAskForAChart() {
        for text in [
            "graph top products this month", "chart oat milk", "show me a chart of sales", "plot sales by weekday",
            "chart busiest hours", "chart forecast croissant",
        ] {
            let reply = ask(text)
            #expect(reply.attachments.first?.mimeType == "image/png", "\(text): \(reply.plainText)")
        }
        #expect(ask("chart oat milk").plainText.hasPrefix("Oat Milk 1L, last 30 days: 3 sold, 4 in stock"))
        #expect(ask("graph top products this month").plainText.hasPrefix("Top products, this month: "))
        // A chart of something no chart shows says so; it is never another chart.
        let customers = ask("pie chart of customers")
        #expect(customers.attachments.isEmpty && customers.plainText.hasPrefix("I can't answer that yet"))
    }

    /// FuzzIntentParser's find: "char" (a typo of "chart") made the chart's own words ask for a chart again,
    /// recursing until the stack ran out and the process died.
    @Test func aTypedChartWithATypoIsAnsweredNotRecursedInto() {
        #expect(!ask("char, 4447d").plainText.isEmpty)
        #expect(!ask("chrat sales").plainText.isEmpty)
    }

    @Test func aFiguresAnswerOffersItsChartAndTheButtonSendsIt() throws {
        let answer = ask("sales yesterday")
        #expect(answer.attachments.isEmpty)
        let button = try #require(answer.buttons.first { $0.label == "📈 Chart" })
        #expect(button.action == "chart sales yesterday")
        let chart = ask(button.label, action: button.action)
        #expect(chart.attachments.first?.mimeType == "image/png")
        #expect(chart.plainText.hasPrefix("Sales, yesterday (Tue 24 Nov): £9.30, +37% on Tue 17 Nov"))
        #expect(ask("stock low?").buttons.contains { $0.label == "📈 Chart" } == false)
    }

    @Test func theReportIsOneSelfContainedPageWithTheFigures() throws {
        let reply = ask("report this month")
        let file = try #require(reply.attachments.first)
        #expect(file.mimeType == "text/html" && file.fileName == "test-shop-report-this-month.html")
        let html = String(decoding: file.bytes, as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        // This month to 14:30 on the 25th: £6.80 + £1.20 + £9.30 + £2.40.
        #expect(html.contains("<div class=\"name\">Revenue</div><div class=\"value\">£19.70</div>"))
        #expect(html.contains("<h2>Low stock now</h2>") && html.contains("<td>Croissant</td>"))
        #expect(html.contains("<h2>Open alerts</h2>"))
        // The top products' bars are their revenue.
        // Croissant £2.60 + £5.20, oat milk £4.20 + £2.10.
        #expect(html.contains("class=\"bar\" data-value=\"780\"") && html.contains("class=\"bar\" data-value=\"630\""))
    }
}
