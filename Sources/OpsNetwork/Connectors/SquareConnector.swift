import Foundation
import OpsCore

/// Reads a Square seller's orders, catalogue and stock counts (Square API v2) with a personal access token:
/// `SearchOrders` by `updated_at` from the stored cursor, the variations the lines name (`BatchRetrieveCatalogObjects`)
/// for SKU and price, and the counts changed since the last run (`BatchRetrieveInventoryCounts`). Read-only.
public struct SquareConnector: SyncConnector {
    public struct Options: Sendable {
        public var baseURL: String
        public var token: String
        /// The `Square-Version` header: the API version the answers are read as.
        public var version: String
        public var interval: TimeInterval

        public init(
            baseURL: String = "https://connect.squareup.com", token: String, version: String = "2025-01-23",
            interval: TimeInterval = 300
        ) {
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            self.token = token
            self.version = version
            self.interval = interval
        }
    }

    public let source = "square"
    let options: Options
    let http: ConnectorHTTP
    public var interval: TimeInterval { options.interval }
    public var secrets: [String] { [options.token] }

    public init(options: Options, http: ConnectorHTTP) {
        self.options = options
        self.http = http
    }

    /// Orders updated up to this long before the cursor are read again: Square's search index lags its writes a
    /// little, and an order read twice is stored once.
    static let overlap: TimeInterval = 120
    /// SearchOrders takes at most 10 locations a request; BatchRetrieveCatalogObjects 1,000 ids.
    static let locationsPerSearch = 10
    static let objectsPerRetrieve = 1_000

    struct Variation {
        let sku: String?
        let name: String
        let category: String
        let price: Int?
    }

    public func firstCursor(importedUntil: Date?) -> String {
        importedUntil.map { ConnectorValues.cursor(["from": ConnectorValues.timestamp($0)]) } ?? ""
    }

    public func read(since cursor: String, now: Date) async throws -> (batch: SyncBatch, cursor: String) {
        var fields = ConnectorValues.cursorFields(cursor)
        let locations = try await self.locations()
        guard !locations.isEmpty else { return (SyncBatch(), cursor) }
        // Sales up to `from` came with uploaded files (`firstCursor`).
        let from = fields["from"].flatMap(ConnectorValues.date)
        let ordersSince =
            fields["orders"].flatMap(ConnectorValues.date).map { $0.addingTimeInterval(-Self.overlap) } ?? from
        var orders: [JSONValue] = []
        var newest = fields["orders"].flatMap(ConnectorValues.date)
        let ids = locations.map(\.id)
        for start in stride(from: 0, to: ids.count, by: Self.locationsPerSearch) {
            let chunk = Array(ids[start..<min(start + Self.locationsPerSearch, ids.count)])
            for order in try await searchOrders(locationIDs: chunk, since: ordersSince) {
                orders.append(order)
                if let updated = ConnectorValues.date(order["updated_at"]?.string), newest.map({ updated > $0 }) ?? true
                {
                    newest = updated
                }
            }
        }
        let inventorySince = fields["inventory"].flatMap(ConnectorValues.date).map {
            $0.addingTimeInterval(-Self.overlap)
        }
        let counts = try await inventoryCounts(locationIDs: ids, since: inventorySince)

        var objectIDs: [String] = []
        var seen: Set<String> = []
        for order in orders {
            for item in (order["line_items"]?.array ?? []) + Self.returnLines(order) {
                if let id = item["catalog_object_id"]?.string, seen.insert(id).inserted { objectIDs.append(id) }
            }
        }
        for count in counts {
            if let id = count["catalog_object_id"]?.string, seen.insert(id).inserted { objectIDs.append(id) }
        }
        let variations = try await self.variations(ids: objectIDs)

        let names = Dictionary(locations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var batch = SyncBatch()
        var fractional = 0
        var skipped = 0
        for order in orders {
            guard let mapped = Self.order(order, locations: names, variations: variations) else {
                skipped += 1
                continue
            }
            if let from, mapped.order.soldAt <= from { continue }
            batch.orders.append(mapped.order)
            fractional += mapped.fractional
        }
        var inventoryNewest = fields["inventory"].flatMap(ConnectorValues.date)
        for count in counts {
            guard count["state"]?.string == "IN_STOCK", let id = count["catalog_object_id"]?.string,
                let quantity = ConnectorValues.wholeQuantity(count["quantity"]?.string),
                let at = ConnectorValues.date(count["calculated_at"]?.string)
            else { continue }
            let variation = variations[id]
            guard variation?.sku != nil || variation?.name != nil else { continue }
            if quantity.fractional { fractional += 1 }
            batch.stock.append(
                SyncBatch.StockLevel(
                    sku: variation?.sku, name: variation?.name,
                    location: count["location_id"]?.string.flatMap { names[$0] } ?? "", quantity: quantity.value,
                    countedAt: at))
            if inventoryNewest.map({ at > $0 }) ?? true { inventoryNewest = at }
        }
        for id in objectIDs {
            guard let variation = variations[id] else { continue }
            batch.products.append(
                SyncBatch.Product(
                    sku: variation.sku, name: variation.name, category: variation.category,
                    unitPrice: variation.price))
        }
        if fractional > 0 {
            batch.notes.append(
                "\(fractional) quantit\(fractional == 1 ? "y" : "ies") with a fraction (sold by weight?) counted "
                    + "as whole units")
        }
        if skipped > 0 {
            batch.notes.append("\(skipped) order\(skipped == 1 ? "" : "s") without a readable date left out")
        }
        if let newest { fields["orders"] = ConnectorValues.timestamp(newest) }
        if let inventoryNewest { fields["inventory"] = ConnectorValues.timestamp(inventoryNewest) }
        return (batch, ConnectorValues.cursor(fields))
    }

    // MARK: Mapping

    /// Square's returns hang off the order that records the refund (its `returns`), each naming the sold line.
    static func returnLines(_ order: JSONValue) -> [JSONValue] {
        (order["returns"]?.array ?? []).flatMap { $0["return_line_items"]?.array ?? [] }
    }

    /// An amount in minor units; nil past a trillion, so no sum or product of amounts can overflow.
    static func money(_ value: JSONValue?) -> Int? {
        value?["amount"]?.int.flatMap { $0.magnitude <= 1_000_000_000_000 ? $0 : nil }
    }

    /// "Latte (Large)": the item and its variation, as Square's item sales export writes them (no "Regular").
    static func productName(item: String, variation: String?) -> String {
        guard let variation, !variation.isEmpty, variation.lowercased() != "regular", variation != item else {
            return item
        }
        return "\(item) (\(variation))"
    }

    /// An order as lines: sold items net of their discounts (tax, tips and service charges left out, as the CSV
    /// rules do), then returned items as negative lines. Cancelled orders have none.
    static func order(_ order: JSONValue, locations: [String: String], variations: [String: Variation])
        -> (order: SyncBatch.Order, fractional: Int)?
    {
        guard let id = order["id"]?.string,
            let soldAt = ConnectorValues.date(order["closed_at"]?.string ?? order["created_at"]?.string)
        else { return nil }
        let location = order["location_id"]?.string.flatMap { locations[$0] } ?? ""
        var lines: [SyncBatch.Line] = []
        var fractional = 0
        if order["state"]?.string == "COMPLETED" {
            for (item, sign) in (order["line_items"]?.array ?? []).map({ ($0, 1) })
                + returnLines(order).map({ ($0, -1) })
            {
                // Gift cards sold are money held, not sales.
                guard item["item_type"]?.string != "GIFT_CARD",
                    let quantity = ConnectorValues.wholeQuantity(item["quantity"]?.string)
                else { continue }
                if quantity.fractional { fractional += 1 }
                let variation = item["catalog_object_id"]?.string.flatMap { variations[$0] }
                let name =
                    variation?.name
                    ?? productName(
                        item: item["name"]?.string ?? "Custom amount", variation: item["variation_name"]?.string)
                let unitPrice = money(item["base_price_money"]) ?? 0
                let (product, overflow) = unitPrice.multipliedReportingOverflow(by: quantity.value)
                guard
                    let gross = money(sign > 0 ? item["gross_sales_money"] : item["gross_return_money"])
                        ?? (overflow ? nil : product)
                else { continue }
                let discount = money(item["total_discount_money"]) ?? 0
                lines.append(
                    SyncBatch.Line(
                        sku: variation?.sku, name: name, quantity: sign * quantity.value, unitPrice: unitPrice,
                        discount: sign * discount, total: sign * (gross - discount)))
            }
        }
        return (SyncBatch.Order(id: id, soldAt: soldAt, location: location, lines: lines), fractional)
    }

    // MARK: Requests

    private func request(_ method: String, _ path: String, body: [String: Any]? = nil) throws -> HTTPRequest {
        var request =
            try body.map { try HTTPRequest.json(method, url: options.baseURL + path, object: $0) }
            ?? HTTPRequest(method: method, url: options.baseURL + path)
        request.headers += [
            ("Authorization", "Bearer \(options.token)"), ("Square-Version", options.version),
            ("Accept", "application/json"),
        ]
        return request
    }

    private func send(_ request: HTTPRequest) async throws -> JSONValue {
        try await http.send(request, platform: "Square", explain: Self.explain)
    }

    /// Square's documented errors: `{"errors": [{"category", "code", "detail"}]}`.
    static func explain(_ refusal: ConnectorHTTP.Refusal) -> ConnectorError {
        let first = refusal.body?["errors"]?.array?.first
        let code = first?["code"]?.string ?? ""
        switch (refusal.status, code) {
        case (_, "ACCESS_TOKEN_REVOKED"):
            return ConnectorError(.access, "Square says the access token was revoked. Make a new one and set it again.")
        case (_, "ACCESS_TOKEN_EXPIRED"):
            return ConnectorError(.access, "Square says the access token has expired. Make a new one and set it again.")
        case (_, "INSUFFICIENT_SCOPES"):
            return ConnectorError(
                .access,
                "Square refused a read: the token lacks a permission (it needs ORDERS_READ, ITEMS_READ, "
                    + "INVENTORY_READ and MERCHANT_PROFILE_READ).")
        case (401, _):
            return ConnectorError(.access, "Square refused the access token (\(code.isEmpty ? "401" : code)).")
        case (403, _):
            return ConnectorError(.access, "Square refused the read (\(code.isEmpty ? "403" : code)).")
        default:
            let detail = first?["detail"]?.string.map { ": \($0.prefix(200))" } ?? ""
            return ConnectorError(.platform, "Square answered HTTP \(refusal.status) \(code)\(detail).")
        }
    }

    struct Location {
        let id: String
        let name: String
    }

    func locations() async throws -> [Location] {
        let answer = try await send(try request("GET", "/v2/locations"))
        return (answer["locations"]?.array ?? []).compactMap { location in
            guard let id = location["id"]?.string else { return nil }
            return Location(id: id, name: location["name"]?.string ?? id)
        }
    }

    func searchOrders(locationIDs: [String], since: Date?) async throws -> [JSONValue] {
        var filter: [String: Any] = ["state_filter": ["states": ["COMPLETED", "CANCELED"]]]
        if let since {
            filter["date_time_filter"] = ["updated_at": ["start_at": ConnectorValues.timestamp(since)]]
        }
        var body: [String: Any] = [
            "location_ids": locationIDs, "limit": 500,
            "query": ["filter": filter, "sort": ["sort_field": "UPDATED_AT", "sort_order": "ASC"]],
        ]
        var orders: [JSONValue] = []
        while true {
            let answer = try await send(try request("POST", "/v2/orders/search", body: body))
            orders += answer["orders"]?.array ?? []
            guard let cursor = answer["cursor"]?.string, !cursor.isEmpty else { return orders }
            body["cursor"] = cursor
        }
    }

    func inventoryCounts(locationIDs: [String], since: Date?) async throws -> [JSONValue] {
        var body: [String: Any] = ["location_ids": locationIDs, "states": ["IN_STOCK"], "limit": 1000]
        if let since { body["updated_after"] = ConnectorValues.timestamp(since) }
        var counts: [JSONValue] = []
        while true {
            let answer = try await send(try request("POST", "/v2/inventory/counts/batch-retrieve", body: body))
            counts += answer["counts"]?.array ?? []
            guard let cursor = answer["cursor"]?.string, !cursor.isEmpty else { return counts }
            body["cursor"] = cursor
        }
    }

    /// The variations by id, each with its item's name and category.
    func variations(ids: [String]) async throws -> [String: Variation] {
        var variations: [String: Variation] = [:]
        for start in stride(from: 0, to: ids.count, by: Self.objectsPerRetrieve) {
            let chunk = Array(ids[start..<min(start + Self.objectsPerRetrieve, ids.count)])
            let answer = try await send(
                try request(
                    "POST", "/v2/catalog/batch-retrieve",
                    body: ["object_ids": chunk, "include_related_objects": true]))
            let related = (answer["related_objects"]?.array ?? []) + (answer["objects"]?.array ?? [])
            var items: [String: JSONValue] = [:]
            var categories: [String: String] = [:]
            for object in related {
                guard let id = object["id"]?.string else { continue }
                switch object["type"]?.string {
                case "ITEM": items[id] = object
                case "CATEGORY": categories[id] = object["category_data"]?["name"]?.string
                default: break
                }
            }
            for object in answer["objects"]?.array ?? [] where object["type"]?.string == "ITEM_VARIATION" {
                guard let id = object["id"]?.string, let data = object["item_variation_data"] else { continue }
                let item = data["item_id"]?.string.flatMap { items[$0] }?["item_data"]
                let categoryID =
                    item?["reporting_category"]?["id"]?.string ?? item?["categories"]?.array?.first?["id"]?.string
                    ?? item?["category_id"]?.string
                let sku = data["sku"]?.string.flatMap { $0.isEmpty ? nil : $0 }
                variations[id] = Variation(
                    sku: sku,
                    name: Self.productName(
                        item: item?["name"]?.string ?? data["name"]?.string ?? id, variation: data["name"]?.string),
                    category: categoryID.flatMap { categories[$0] } ?? "", price: Self.money(data["price_money"]))
            }
        }
        return variations
    }
}
