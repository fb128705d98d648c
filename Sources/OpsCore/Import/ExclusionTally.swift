/// What an import left out of net revenue, added up for its report: lines not sold (voided, cancelled, open,
/// gift cards) by reason, and the money on sold lines that is not item sales (tax, tips, shipping…).
struct ExclusionTally {
    private var lines: [Key: ImportReport.Excluded] = [:]
    private var order: [Key] = []
    /// Orders counted per key, for the rules that count orders rather than lines.
    private var orders: [Key: Set<String>] = [:]
    private(set) var leftOut = SalesRowReader.LeftOut()

    private struct Key: Hashable {
        let reason: ExclusionReason
        let noun: ExclusionRule.Noun
    }

    mutating func add(_ exclusion: SalesRowReader.Exclusion) {
        let key = Key(reason: exclusion.reason, noun: exclusion.noun)
        if lines[key] == nil {
            lines[key] = ImportReport.Excluded(
                reason: exclusion.reason, noun: exclusion.noun.rawValue, count: 0, amount: 0)
            order.append(key)
        }
        if exclusion.noun.perOrder {
            if orders[key, default: []].insert(exclusion.orderID).inserted { lines[key]!.count += 1 }
        } else {
            lines[key]!.count += 1
        }
        lines[key]!.amount = Self.clamped(lines[key]!.amount, exclusion.amount)
    }

    mutating func add(_ values: SalesRowReader.LeftOut) {
        leftOut.tax = Self.clamped(leftOut.tax, values.tax)
        leftOut.tips = Self.clamped(leftOut.tips, values.tips)
        leftOut.serviceCharges = Self.clamped(leftOut.serviceCharges, values.serviceCharges)
        leftOut.shipping = Self.clamped(leftOut.shipping, values.shipping)
        leftOut.giftCards = Self.clamped(leftOut.giftCards, values.giftCards)
    }

    var excluded: [ImportReport.Excluded] { order.compactMap { lines[$0] } }

    var notRevenue: [ImportReport.NotRevenue] {
        [
            ("tax", leftOut.tax), ("tips", leftOut.tips), ("service charges", leftOut.serviceCharges),
            ("shipping", leftOut.shipping), ("gift card sales", leftOut.giftCards),
        ].filter { $0.1 != 0 }.map { ImportReport.NotRevenue(what: $0.0, amount: $0.1) }
    }

    /// Each amount is within the import limits, and a file's within Int64; a sum past that stops growing.
    private static func clamped(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? a : sum
    }
}
