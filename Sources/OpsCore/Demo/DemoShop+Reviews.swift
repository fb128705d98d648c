import Foundation

/// The demo shop's reviews and one-off orders: a year of customer reviews with the shop's own stories in them
/// (the shelves empty on the days a product was out, the Saturday lunch queue the rota leaves short, a friendly
/// barista by name, prices now and then), and two catering orders of banana bread, one last week and one
/// yesterday, so the weekly insights and the unusual-sales alert have something real to find.
extension DemoShop {
    static let deleteReviewsOfImport = "DELETE FROM reviews WHERE import_id = ?"

    /// The catering orders' days back from today, and their size.
    static let cateringDays = [6, 1]
    static let cateringUnits = 60
    static let cateringProduct = "Banana Bread"

    func writeCateringOrders(store: Store, org: Org, productIDs: [Int64], importID: Int64) throws -> Int {
        guard let index = DemoCatalog.items.firstIndex(where: { $0.name == Self.cateringProduct }) else { return 0 }
        let item = DemoCatalog.items[index]
        let calendar = org.calendar
        var lines = 0
        try store.writeSales(org: org) { writer in
            for back in Self.cateringDays where back < days {
                let soldAt = calendar.startOfDay(now, adding: -back).addingTimeInterval(8.5 * 3600)
                guard soldAt < now else { continue }
                try writer.upsert(
                    SaleLine(
                        source: Self.source, orderID: "CATER-" + calendar.dayKey(soldAt), line: 1, soldAt: soldAt,
                        productID: productIDs[index], quantity: Self.cateringUnits, unitPrice: item.price,
                        total: Self.cateringUnits * item.price,
                        cost: item.costShare.map { Int((Double(item.price) * $0).rounded()) * Self.cateringUnits },
                        channel: "catering", importID: importID))
                lines += 1
            }
        }
        return lines
    }

    static let praise = [
        "Lovely coffee and friendly staff.", "Best flat white in the area.", "Delicious pastries, always fresh.",
        "Clean, bright and welcoming.", "Great place to work from, quick service.", "The croissants are amazing.",
        "Tasty sandwiches at lunch.", "Good value for money.",
    ]
    static let gripes = [
        "A bit pricey for what it is.", "The tables were sticky when we sat down.", "My latte was lukewarm.",
        "Bit expensive now, the prices went up again.",
    ]

    /// About three reviews a week, each on its own random stream by day.
    func writeReviews(store: Store, org: Org, outages: [Outage], importID: Int64) throws -> Int {
        let calendar = org.calendar
        var count = 0
        func add(_ text: String, rating: Int, at: Date, author: String) throws {
            guard at < now else { return }
            count += 1
            let review = Review(reviewedAt: at, rating: rating, author: author, text: text)
            _ = try store.upsertReview(review, key: "demo:\(count)", orgID: org.id, importID: importID)
        }
        let authors = ["Alex", "Jo", "Sam P", "Chris", "Dana", "Priti", "Max", "Kim", "Lou", "Nia", "Ben", "Tess"]
        for back in stride(from: days - 1, through: 0, by: -1) {
            let day = calendar.startOfDay(now, adding: -back)
            var random = SeededRandom(seed: seed, stream: 0x5E71E00 &+ UInt64(bitPattern: Int64(back)))
            let weekday = calendar.calendar.component(.weekday, from: day)
            let author = authors[Int(random.next() % UInt64(authors.count))]
            let at = day.addingTimeInterval(Double(9 + random.next() % 9) * 3600)
            // The Saturday lunch the rota leaves short: the queue.
            if weekday == Self.understaffed.weekday, random.unit() < 0.6 {
                try add(
                    random.unit() < 0.5
                        ? "Waited ages in the queue at lunchtime, only two people serving."
                        : "The queue on Saturday was out the door and service was slow.", rating: 2,
                    at: day.addingTimeInterval(13 * 3600), author: author)
                continue
            }
            let draw = random.unit()
            if draw < 0.3 {
                try add(Self.praise[Int(random.next() % UInt64(Self.praise.count))], rating: 5, at: at, author: author)
            } else if draw < 0.36 {
                try add(
                    random.unit() < 0.5
                        ? "Priya was so friendly and remembered my order." : "Sam is always kind and helpful.",
                    rating: 5, at: at, author: author)
            } else if draw < 0.42 {
                try add(Self.gripes[Int(random.next() % UInt64(Self.gripes.count))], rating: 3, at: at, author: author)
            }
        }
        // The days a product was out: someone found the shelf empty.
        for outage in outages {
            let item = DemoCatalog.items[outage.item]
            let at = min(outage.start.addingTimeInterval(2 * 3600), outage.end ?? now)
            try add(
                "No \(item.name.lowercased()) left when I came in, sold out again.", rating: 2, at: at, author: "Rob")
        }
        return count
    }
}
