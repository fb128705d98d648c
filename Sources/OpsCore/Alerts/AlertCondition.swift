/// A cause found true by one evaluation: what would open an alert, or keep one open.
struct AlertCondition {
    let kind: AlertKind
    let cause: String
    let productID: Int64?
    let day: String?
    let value: Int
    let threshold: Int?
    let subject: String
    /// A more severe cause holds for the same product (out of stock over low stock over days of cover):
    /// this one keeps an existing alert open but opens none.
    var suppressed = false

    static func productCause(_ kind: AlertKind, _ productID: Int64) -> String {
        "\(kind.rawValue):product:\(productID)"
    }

    static func dayCause(_ kind: AlertKind, _ day: String) -> String { "\(kind.rawValue):day:\(day)" }
}
