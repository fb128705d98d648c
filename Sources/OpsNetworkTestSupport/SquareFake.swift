import Foundation
import OpsNetwork
import Synchronization

/// A loopback Square API (v2) answering as Square documents it: `ListLocations`, `SearchOrders` (location,
/// state and `updated_at` filters, `UPDATED_AT` ascending, `cursor` pages), `BatchRetrieveCatalogObjects` with
/// related items and categories, `BatchRetrieveInventoryCounts` (`updated_after`, pages), Bearer tokens, and
/// Square's error envelope for a refused token and the rate limit.
public final class SquareFake: Sendable {
    public struct Line: Sendable {
        public var uid: String
        public var variationID: String?
        public var name: String
        public var variationName: String
        public var quantity: String
        public var basePrice: Int
        public var discount: Int
        public var tax: Int

        public init(
            _ uid: String, variation: String?, name: String, variationName: String = "Regular", quantity: String,
            basePrice: Int, discount: Int = 0, tax: Int = 0
        ) {
            self.uid = uid
            self.variationID = variation
            self.name = name
            self.variationName = variationName
            self.quantity = quantity
            self.basePrice = basePrice
            self.discount = discount
            self.tax = tax
        }
    }

    public struct Order: Sendable {
        public var id: String
        public var locationID: String
        public var state: String
        public var createdAt: String
        public var updatedAt: String
        public var lines: [Line]
        /// Items handed back (this order records a refund of `returnsOf`).
        public var returns: [Line]
        public var returnsOf: String?
        public var tip: Int

        public init(
            id: String, location: String = "L1", state: String = "COMPLETED", createdAt: String,
            updatedAt: String? = nil,
            lines: [Line], returns: [Line] = [], returnsOf: String? = nil, tip: Int = 0
        ) {
            self.id = id
            self.locationID = location
            self.state = state
            self.createdAt = createdAt
            self.updatedAt = updatedAt ?? createdAt
            self.lines = lines
            self.returns = returns
            self.returnsOf = returnsOf
            self.tip = tip
        }
    }

    public struct Variation: Sendable {
        public var id: String
        public var itemID: String
        public var itemName: String
        public var name: String
        public var sku: String
        public var price: Int
        public var category: String

        public init(
            id: String, itemID: String, itemName: String, name: String = "Regular", sku: String, price: Int,
            category: String
        ) {
            self.id = id
            self.itemID = itemID
            self.itemName = itemName
            self.name = name
            self.sku = sku
            self.price = price
            self.category = category
        }
    }

    public struct Count: Sendable {
        public var variationID: String
        public var locationID: String
        public var quantity: String
        public var calculatedAt: String

        public init(variation: String, location: String = "L1", quantity: String, calculatedAt: String) {
            self.variationID = variation
            self.locationID = location
            self.quantity = quantity
            self.calculatedAt = calculatedAt
        }
    }

    public static let token = "EAAAl-test-square-token"
    public let currency: String
    public let pageSize: Int
    public let server: HTTPServer
    public var baseURL: String { "http://127.0.0.1:\(server.port)" }

    public let orders = Mutex<[Order]>([])
    public let variations = Mutex<[Variation]>([])
    public let counts = Mutex<[Count]>([])
    public let locations = Mutex<[(id: String, name: String)]>([("L1", "High Street")])
    /// The next this many requests are answered 429 RATE_LIMITED.
    public let rateLimited = Mutex(0)
    /// Every request from now on is refused: the seller revoked the token.
    public let revoked = Mutex(false)
    public let requests = Mutex<[(path: String, body: JSONValue?)]>([])

    public init(currency: String = "GBP", pageSize: Int = 2) throws {
        self.currency = currency
        self.pageSize = pageSize
        let holder = Mutex<SquareFake?>(nil)
        server = try HTTPServer { request in
            guard let fake = holder.withLock({ $0 }) else { return .text("starting", status: 503) }
            return fake.answer(request)
        }
        holder.withLock { $0 = self }
    }

    public func stop() { server.stop() }

    static func error(_ status: Int, category: String, code: String, detail: String) -> HTTPServer.Response {
        .json(#"{"errors":[{"category":"\#(category)","code":"\#(code)","detail":"\#(detail)"}]}"#, status: status)
    }

    func answer(_ request: HTTPServer.Request) -> HTTPServer.Response {
        let body = try? JSONValue(parsing: request.body)
        requests.withLock { $0.append((request.path, body)) }
        if revoked.withLock({ $0 }) {
            return Self.error(
                401, category: "AUTHENTICATION_ERROR", code: "ACCESS_TOKEN_REVOKED",
                detail: "The provided access token has been revoked.")
        }
        guard request.headers["authorization"] == "Bearer \(Self.token)" else {
            return Self.error(
                401, category: "AUTHENTICATION_ERROR", code: "UNAUTHORIZED",
                detail: "This request could not be authorized.")
        }
        let limited = rateLimited.withLock { count in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
        if limited {
            return Self.error(429, category: "RATE_LIMIT_ERROR", code: "RATE_LIMITED", detail: "Rate limited.")
        }
        switch (request.method, request.path) {
        case ("GET", "/v2/locations"):
            let list = locations.withLock { $0 }.map { ["id": $0.id, "name": $0.name, "status": "ACTIVE"] }
            return Self.json(["locations": list])
        case ("POST", "/v2/orders/search"): return searchOrders(body)
        case ("POST", "/v2/catalog/batch-retrieve"): return batchRetrieve(body)
        case ("POST", "/v2/inventory/counts/batch-retrieve"): return inventoryCounts(body)
        default:
            return Self.error(404, category: "INVALID_REQUEST_ERROR", code: "NOT_FOUND", detail: "Not found.")
        }
    }

    static func json(_ object: Any) -> HTTPServer.Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return HTTPServer.Response(status: 200, headers: [("Content-Type", "application/json")], body: Array(data))
    }

    func money(_ amount: Int) -> [String: Any] { ["amount": amount, "currency": currency] }

    private func page<T>(_ all: [T], cursor: String?) -> (items: [T], next: String?) {
        let start = cursor.flatMap(Int.init) ?? 0
        let end = min(all.count, start + pageSize)
        return (Array(all[min(start, all.count)..<end]), end < all.count ? String(end) : nil)
    }

    private func searchOrders(_ body: JSONValue?) -> HTTPServer.Response {
        let query = body?["query"]
        let sortField = query?["sort"]?["sort_field"]?.string ?? "CREATED_AT"
        let range = query?["filter"]?["date_time_filter"]?["updated_at"]
        if range != nil && sortField != "UPDATED_AT" {
            return Self.error(
                400, category: "INVALID_REQUEST_ERROR", code: "BAD_REQUEST",
                detail: "sort_field must match the date_time_filter field")
        }
        let locationIDs = Set(body?["location_ids"]?.array?.compactMap(\.string) ?? [])
        let states = query?["filter"]?["state_filter"]?["states"]?.array?.compactMap(\.string)
        let startAt = range?["start_at"]?.string.flatMap(Self.date)
        // Each order's time read once (a formatter per comparison made a sort of 10,000 orders take a minute).
        let matching = orders.withLock { $0 }
            .filter { locationIDs.contains($0.locationID) }
            .filter { states?.contains($0.state) ?? true }
            .map { (order: $0, updated: Self.date($0.updatedAt) ?? .distantPast) }
            .filter { item in startAt.map { item.updated >= $0 } ?? true }
            .sorted { $0.updated < $1.updated }
            .map(\.order)
        let (items, next) = page(matching, cursor: body?["cursor"]?.string)
        var answer: [String: Any] = ["orders": items.map(render)]
        if let next { answer["cursor"] = next }
        return Self.json(answer)
    }

    private func renderLine(_ line: Line, returned: Bool) -> [String: Any] {
        let quantity = Double(line.quantity) ?? 0
        let gross = Int((Double(line.basePrice) * quantity).rounded())
        var object: [String: Any] = [
            "uid": line.uid, "name": line.name, "variation_name": line.variationName, "quantity": line.quantity,
            "item_type": "ITEM", "base_price_money": money(line.basePrice),
            returned ? "gross_return_money" : "gross_sales_money": money(gross),
            "total_discount_money": money(line.discount), "total_tax_money": money(line.tax),
            "total_money": money(gross - line.discount + line.tax),
        ]
        if let variation = line.variationID { object["catalog_object_id"] = variation }
        return object
    }

    private func render(_ order: Order) -> [String: Any] {
        let lines = order.lines.map { renderLine($0, returned: false) }
        var object: [String: Any] = [
            "id": order.id, "location_id": order.locationID, "state": order.state, "created_at": order.createdAt,
            "updated_at": order.updatedAt, "version": 1, "line_items": lines,
            "total_tip_money": money(order.tip),
            "total_tax_money": money(order.lines.reduce(0) { $0 + $1.tax }),
        ]
        if order.state == "COMPLETED" { object["closed_at"] = order.createdAt }
        if !order.returns.isEmpty {
            object["returns"] = [
                [
                    "uid": "R-\(order.id)", "source_order_id": order.returnsOf ?? "",
                    "return_line_items": order.returns.map { renderLine($0, returned: true) },
                ]
            ]
        }
        return object
    }

    private func batchRetrieve(_ body: JSONValue?) -> HTTPServer.Response {
        let ids = Set(body?["object_ids"]?.array?.compactMap(\.string) ?? [])
        let found = variations.withLock { $0 }.filter { ids.contains($0.id) }
        let objects: [[String: Any]] = found.map { variation in
            [
                "type": "ITEM_VARIATION", "id": variation.id,
                "item_variation_data": [
                    "item_id": variation.itemID, "name": variation.name, "sku": variation.sku,
                    "pricing_type": "FIXED_PRICING", "price_money": money(variation.price),
                ],
            ]
        }
        var related: [[String: Any]] = []
        var seen: Set<String> = []
        for variation in found where seen.insert(variation.itemID).inserted {
            let categoryID = "CAT-" + variation.category
            related.append([
                "type": "ITEM", "id": variation.itemID,
                "item_data": [
                    "name": variation.itemName, "categories": [["id": categoryID]],
                    "reporting_category": ["id": categoryID],
                ],
            ])
            if seen.insert(categoryID).inserted {
                related.append([
                    "type": "CATEGORY", "id": categoryID, "category_data": ["name": variation.category],
                ])
            }
        }
        return Self.json(["objects": objects, "related_objects": related])
    }

    private func inventoryCounts(_ body: JSONValue?) -> HTTPServer.Response {
        let after = body?["updated_after"]?.string.flatMap(Self.date)
        let locationIDs = body?["location_ids"]?.array.map { Set($0.compactMap(\.string)) }
        let matching = counts.withLock { $0 }
            .filter { count in after.map { Self.date(count.calculatedAt)! > $0 } ?? true }
            .filter { locationIDs?.contains($0.locationID) ?? true }
        let (items, next) = page(matching, cursor: body?["cursor"]?.string)
        var answer: [String: Any] = [
            "counts": items.map { count in
                [
                    "catalog_object_id": count.variationID, "catalog_object_type": "ITEM_VARIATION",
                    "state": "IN_STOCK", "location_id": count.locationID, "quantity": count.quantity,
                    "calculated_at": count.calculatedAt,
                ]
            }
        ]
        if let next { answer["cursor"] = next }
        return Self.json(answer)
    }

    public static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
