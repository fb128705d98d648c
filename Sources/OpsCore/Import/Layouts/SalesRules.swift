/// What a sales export's rows mean beyond their values: which rows are item lines at all, which lines are
/// not sales (voided, cancelled, open, gift cards), which are refunds, and whether its amounts include tax.
///
/// "Net revenue" — what `sales yesterday` reports — is item sales after discounts and refunds, before tax,
/// tips, shipping and service charges; these rules keep everything else out and say what they kept out.
struct SalesRules: Sendable {
    /// Rows that are item lines; others (Vend's sale and payment rows) are read only for their order's state.
    var lineWhen: ColumnTest?
    var exclusions: [ExclusionRule] = []
    /// A refund, whatever sign its amounts are written with (Loyverse writes some positive).
    var refundWhen: ColumnTest?
    /// The line amount includes tax (Lightspeed X-series): net revenue takes it out.
    var taxIncluded = false
    /// The rows hold a list of items in one text column ("2 x Croissant, Latte (Large)"): one row a payment.
    var itemList = false

    /// The rules with their columns found in `header` (normalised names); a rule whose column is not there
    /// never applies.
    func resolved(_ header: [String]) -> Resolved {
        func resolve(_ test: ColumnTest?) -> Resolved.Test? {
            guard let test, let index = test.columns.lazy.compactMap({ header.firstIndex(of: $0) }).first else {
                return nil
            }
            return Resolved.Test(column: index, values: test.values)
        }
        return Resolved(
            lineWhen: resolve(lineWhen),
            exclusions: exclusions.compactMap { rule in
                resolve(rule.test).map { Resolved.Exclusion(test: $0, reason: rule.reason, noun: rule.noun) }
            },
            refundWhen: resolve(refundWhen), taxIncluded: taxIncluded, itemList: itemList)
    }

    struct Resolved: Sendable, Equatable {
        struct Test: Sendable, Equatable {
            let column: Int
            let values: Set<String>?

            /// Whether the row's cell holds one of the values (compared lowercased), or any value when nil.
            func holds(_ fields: [String]) -> Bool {
                guard column < fields.count else { return false }
                let cell = ImportRow.trimmed(fields[column])
                guard let values else { return !cell.isEmpty }
                return values.contains(cell.lowercased())
            }

            /// Whether the row says anything in this column (an order's state is often on its first row only).
            func isStated(_ fields: [String]) -> Bool {
                column < fields.count && !ImportRow.trimmed(fields[column]).isEmpty
            }
        }

        struct Exclusion: Sendable, Equatable {
            let test: Test
            let reason: ExclusionReason
            let noun: ExclusionRule.Noun
        }

        var lineWhen: Test?
        var exclusions: [Exclusion] = []
        var refundWhen: Test?
        var taxIncluded = false
        var itemList = false

        static let none = Resolved()
    }
}

/// A test of one column's value: one of `values` (lowercase), or any value at all when nil. The column is the
/// first of `columns` the header has.
struct ColumnTest: Sendable {
    let columns: [String]
    let values: Set<String>?

    init(_ column: String, _ values: Set<String>? = nil) {
        self.init([column], values)
    }

    init(_ columns: [String], _ values: Set<String>? = nil) {
        self.columns = columns
        self.values = values
    }
}

/// Lines left out of net revenue when a column says so. A rule about the order (`.order`, `.receipt`, `.sale`)
/// holds for the order's later rows too when they leave the column blank, and counts orders, not lines.
struct ExclusionRule: Sendable {
    enum Noun: String, Sendable {
        case line, order, receipt, sale

        var perOrder: Bool { self != .line }
    }

    let test: ColumnTest
    let reason: ExclusionReason
    let noun: Noun

    init(_ test: ColumnTest, _ reason: ExclusionReason, per noun: Noun) {
        self.test = test
        self.reason = reason
        self.noun = noun
    }
}

/// Why lines were left out of net revenue.
public enum ExclusionReason: String, Sendable, CaseIterable {
    case voided, cancelled, open, unpaid, failed, refunded
    case giftCard = "gift card"
    /// A service charge or gratuity rung up as a line.
    case serviceCharge = "service charge"
}
