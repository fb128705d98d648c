import Foundation
import OpsCore
import OpsTestSupport
import Testing

@testable import OpsChat

@Suite struct LocationQuestionTests {
    static let parser = IntentParser(productNames: ["Oat Milk 1L"], locations: ["Market", "High Street"])

    @Test(
        "“at <location>” narrows sales when the shop has several",
        arguments: [
            ("sales today at market", Intent.locationSales(.today, location: "Market")),
            ("how did we do last week at High Street?", .locationSales(.lastWeek, location: "High Street")),
            ("/sales@CornerBot yesterday at market", .locationSales(.yesterday, location: "Market")),
            ("sales by location", .locations(.thisWeek)),
            ("sales by store last month", .locations(.lastMonth)),
            ("top 5 products at market", .locationNotSupported(location: "Market")),
            ("staffing last week at market", .staffing(.summary(.lastWeek, location: "Market"))),
            (
                "overstaffed hours yesterday at high street",
                .staffing(.offTarget(.yesterday, over: true, location: "High Street"))
            ),
            ("who's on shift at market", .locationNotSupported(location: "Market")),
            // Issue 21: a word it cannot place is not dropped for a shop-wide answer.
            ("sales today at the zoo", .unknown(suggestions: ["sales today", "sales yesterday"])),
        ])
    func parses(_ text: String, _ expected: Intent) {
        #expect(Self.parser.parse(text) == expected)
    }

    @Test func oneLocationIsNoFilter() {
        #expect(IntentParser(locations: ["Market"]).parse("sales today at market") == .sales(.today))
    }

    @Test func repliesFromTheLocationRollup() throws {
        let shop = try SmallShop()
        let oat = shop.products["OAT-1"]!
        let today = shop.org.calendar.startOfDay(shop.now)
        try shop.store.writeSales(org: shop.org) { writer in
            for (order, location, hour, total) in [
                ("M1", "Market", 9.0, 420), ("M2", "Market", 11.0, 210), ("H1", "High Street", 10.0, 630),
            ] {
                try writer.upsert(
                    SaleLine(
                        source: "loc", orderID: order, line: 1, soldAt: today.addingTimeInterval(hour * 3600),
                        productID: oat.id,
                        quantity: total / 210, unitPrice: 210, total: total, location: location))
            }
        }
        let conversation = Conversation(store: shop.store, clock: FixedClock(shop.now))
        func ask(_ text: String) -> String {
            conversation.handle(
                ChatMessage(
                    transport: "test", chat: .init(id: "1", kind: .privateChat),
                    sender: .init(userKey: "1", displayName: "Olive"),
                    text: text)
            ).plainText
        }
        let market = ask("sales today at market")
        #expect(market.hasPrefix("Sales at Market today (Wed 25 Nov to 14:30)"))
        #expect(market.contains("Revenue") && market.contains("£6.30") && market.contains("Orders"))
        let byLocation = ask("sales by location today")
        #expect(byLocation.hasPrefix("Sales by location today"))
        #expect(byLocation.contains("High Street") && byLocation.contains("£6.30") && byLocation.contains("50%"))
        // Labour at one location: its shifts against its sales. Ann 08–12 at Market (£10), Bo 09–13 at High
        // Street (£12): at Market 4 hours for £6.30, SPLH £1.58, labour £40.00.
        for (person, location, hour, rate) in [("Ann", "Market", 8.0, 1000), ("Bo", "High Street", 9.0, 1200)] {
            try shop.store.upsertShift(
                Shift(
                    person: person, startsAt: today.addingTimeInterval(hour * 3600),
                    endsAt: today.addingTimeInterval((hour + 4) * 3600), hourlyRate: rate, location: location),
                orgID: shop.org.id)
        }
        let labour = ask("staffing today at market")
        #expect(labour.hasPrefix("Staffing at Market today"), "\(labour)")
        #expect(labour.contains("Labour: 4.0 hours over 1 shift") && labour.contains("Sales: £6.30"), "\(labour)")
        #expect(labour.contains("Sales per labour hour: £1.58") && labour.contains("Labour cost: £40.00"), "\(labour)")
        #expect(ask("staffing today").contains("Labour: 8.0 hours over 2 shifts"))
    }
}
