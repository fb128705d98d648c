import Foundation
import Testing

@testable import OpsCore

/// Issue 26: the review theme finder against 64 hand-labelled sentences, the way customers write them.
@Suite struct ReviewThemeTests {
    typealias T = ReviewThemeFinder.Theme
    static let finder = ReviewThemeFinder(
        productNames: ["Croissant", "Oat Milk Latte", "Sourdough Loaf", "Banana Bread", "Flat White"],
        staffNames: ["Priya", "Sam"])

    static let labelled: [(String, [T: ReviewThemeFinder.Sentiment])] = [
        ("The croissants were sold out again by 10am.", [.stock: .negative]),
        ("They had run out of oat milk, so no oat latte for me.", [.stock: .negative]),
        ("Always well stocked, never been disappointed.", [.stock: .positive]),
        ("No sourdough left at lunchtime, what a shame.", [.stock: .negative]),
        ("Shelves were empty on a Saturday morning.", [.stock: .negative]),
        ("Great range of pastries and everything was available.", [.stock: .positive, .quality: .positive]),
        ("The queue was out the door and we waited 20 minutes.", [.wait: .negative]),
        ("Service was quick even at the busiest time.", [.wait: .positive]),
        ("Painfully slow service this morning.", [.wait: .negative]),
        ("Took ages to get a flat white.", [.wait: .negative]),
        ("Never had to wait long here.", [.wait: .positive]),
        ("The line moved fast.", [.wait: .positive]),
        ("Waited forever for a coffee.", [.wait: .negative]),
        ("Staff were so friendly and helpful.", [.staff: .positive]),
        ("The barista was rude to my mum.", [.staff: .negative]),
        ("The staff were not rude at all, quite the opposite.", [.staff: .positive]),
        ("Priya is always welcoming and remembers my order.", [.staff: .positive]),
        ("Sam was a bit grumpy today.", [.staff: .negative]),
        ("The guy at the till was dismissive.", [.staff: .negative]),
        ("Lovely team, very polite.", [.staff: .positive]),
        ("Unhelpful staff when I asked about allergens.", [.staff: .negative]),
        ("Way too expensive for what you get.", [.price: .negative]),
        ("Prices are reasonable for the area.", [.price: .positive]),
        ("Overpriced sandwiches.", [.price: .negative]),
        ("Good value for money.", [.price: .positive]),
        ("A bit pricey but worth it.", [.price: .negative]),
        ("Cheap and cheerful.", [.price: .positive]),
        ("Not cheap, that's for sure.", [.price: .negative]),
        ("The coffee is delicious.", [.quality: .positive]),
        ("My croissant was stale.", [.quality: .negative]),
        ("Best banana bread in town!", [.quality: .positive]),
        ("The latte was lukewarm and watery.", [.quality: .negative]),
        ("Food was bland.", [.quality: .negative]),
        ("Fresh bread every morning.", [.quality: .positive]),
        ("The flat white was burnt.", [.quality: .negative]),
        ("Tasty cakes.", [.quality: .positive]),
        ("The coffee was not good today.", [.quality: .negative]),
        ("The sourdough loaf was amazing.", [.quality: .positive]),
        ("The tables were sticky and dirty.", [.cleanliness: .negative]),
        ("Spotless toilets.", [.cleanliness: .positive]),
        ("Always clean and tidy.", [.cleanliness: .positive]),
        ("Crumbs everywhere, nobody wiped the tables.", [.cleanliness: .negative]),
        ("The floor was filthy.", [.cleanliness: .negative]),
        ("The place was not very clean.", [.cleanliness: .negative]),
        ("Great coffee but the queue was long.", [.quality: .positive, .wait: .negative]),
        ("Friendly staff, but a bit expensive.", [.staff: .positive, .price: .negative]),
        ("Delicious food, though the tables were dirty.", [.quality: .positive, .cleanliness: .negative]),
        ("They ran out of croissants but the staff were lovely.", [.stock: .negative, .staff: .positive]),
        ("Quick service and tasty pastries.", [.wait: .positive, .quality: .positive]),
        ("Rude staff and stale cake.", [.staff: .negative, .quality: .negative]),
        ("Clean, friendly and reasonable prices.", [.cleanliness: .positive, .staff: .positive, .price: .positive]),
        ("Slow, overpriced and the coffee was cold.", [.wait: .negative, .price: .negative, .quality: .negative]),
        ("Lovely atmosphere.", [:]),
        ("Came here with my kids on Sunday.", [:]),
        ("We will be back!", [:]),
        ("Parking nearby is tricky.", [:]),
        ("Nice music and big windows.", [:]),
        ("I didn't have to wait at all.", [.wait: .positive]),
        ("The oat milk latte was perfect.", [.quality: .positive]),
        ("Barely any croissants on the shelf by nine.", [.stock: .negative]),
        ("Staff were helpful although the wait was long.", [.staff: .positive, .wait: .negative]),
        ("Not the friendliest staff.", [.staff: .negative]),
        ("The prices went up again, too expensive now.", [.price: .negative]),
        ("Sam was super kind and quick.", [.staff: .positive, .wait: .positive]),
    ]

    @Test func agreesWithHandLabelsOnAtLeast85PercentOfSentences() {
        #expect(Self.labelled.count >= 60)
        var misses: [String] = []
        for (sentence, expected) in Self.labelled {
            var got: [T: ReviewThemeFinder.Sentiment] = [:]
            for finding in Self.finder.findings(sentence) { got[finding.theme] = finding.sentiment }
            if got != expected { misses.append("\(sentence) → \(got)") }
        }
        let agreement = Double(Self.labelled.count - misses.count) / Double(Self.labelled.count)
        #expect(agreement >= 0.95, "agreement \(agreement): \(misses.joined(separator: "\n"))")
    }

    @Test func negationTurnsTheFeeling() {
        #expect(Self.finder.findings("not rude at all").first?.sentiment == .positive)
        #expect(Self.finder.findings("the staff weren't friendly").first?.sentiment == .negative)
        #expect(Self.finder.findings("Priya was lovely").first?.subject == "Priya")
    }
}
