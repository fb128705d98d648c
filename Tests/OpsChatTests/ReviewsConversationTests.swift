import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Issue 26: reviews imported as CSV (a plain date,rating,text file and a scraper's export), read by theme, and
/// held to the shop's own data.
@Suite struct ReviewsConversationTests {
    let shop: SmallShop

    init() throws { shop = try SmallShop() }

    func ask(_ text: String) -> String {
        Conversation(store: shop.store, clock: FixedClock(shop.now)).handle(
            ChatMessage(
                transport: "test", chat: .init(id: "c1", kind: .privateChat),
                sender: .init(userKey: shop.owner.userKey, displayName: "Olive"), text: text)
        ).plainText
    }

    func importCSV(_ csv: String, name: String = "reviews.csv") throws -> ImportReport {
        try Importer(store: shop.store, org: shop.org).importBytes(
            Array(csv.utf8), fileName: name, options: .init(now: shop.now))
    }

    @Test func reviewsAreDetectedImportedOnceAndReadByTheme() throws {
        let csv = """
            date,rating,text
            2026-11-25 09:30,2,"No croissants left at half nine, sold out again."
            2026-11-24 12:00,5,"Sam was so friendly, and the coffee is delicious."
            2026-11-23 16:00,1,Waited ages in the queue and the tables were sticky.
            2026-11-22 10:00,★★★★☆,Lovely place but a bit pricey.

            """
        let report = try importCSV(csv)
        #expect(report.kind == .reviews && report.inserted == 4 && report.rejected == 0)
        // The same reviews again, in a new export with one more: one new, the rest unchanged.
        let again = try importCSV(csv + "2026-11-25 11:00,4,Good flat white\n", name: "reviews-2.csv")
        #expect(again.inserted == 1 && again.unchanged == 4)

        let reply = ask("reviews this month")
        #expect(
            reply.hasPrefix("Reviews this month (Sun 1 – Wed 25 Nov to 14:30)\n5 reviews, average 3.2★"), "\(reply)")
        // The croissants counted out this morning, the day of the review.
        #expect(reply.contains("Availability: 1 unhappy — Croissant was out that day"), "\(reply)")
        #expect(reply.contains("Waiting: 1 unhappy") && reply.contains("Cleanliness: 1 unhappy"))
        #expect(reply.contains("Staff: 1 happy") && reply.contains("Prices: 1 unhappy"))
        let coffee = ask("what do customers say about coffee")
        #expect(coffee.hasPrefix("Reviews about coffee") && coffee.contains("1 review, average 5.0★"), "\(coffee)")
    }

    @Test func aScrapersExportIsReadAndABadRatingNamed() throws {
        let csv = """
            review_id,author_title,review_text,review_rating,review_datetime_utc
            g1,Jo B,"Lovely latte but pricey",4,11/20/2026 10:31:00
            g2,Al C,"Rude staff",lots,11/21/2026 09:00:00

            """
        let report = try importCSV(csv, name: "outscraper.csv")
        #expect(report.kind == .reviews && report.inserted == 1 && report.rejected == 1)
        #expect(
            report.errors.first?.description
                == #"line 3, column "review_rating": "lots" is not a rating (expected 1 to 5)"#)
    }

    @Test func aSalesFileWithACommentColumnIsStillSales() throws {
        let csv = """
            date,product,quantity,price,comment
            2026-11-24,Croissant,2,2.60,for the office

            """
        #expect(try importCSV(csv, name: "sales.csv").kind == .sales)
    }
}
