import Foundation
import OpsNetwork
import Synchronization

/// A loopback Shopify Admin GraphQL API answering as Shopify documents it: `orders` (the `updated_at` search
/// syntax, `UPDATED_AT` order, cursor pages with `pageInfo`), `inventoryItems` with their levels, the
/// `X-Shopify-Access-Token` header, `extensions.cost.throttleStatus` in every answer, THROTTLED errors and the
/// 401 of a revoked token.
public final class ShopifyFake: Sendable {
    public struct Line: Sendable {
        public var id: String
        public var title: String
        public var variantTitle: String?
        public var sku: String
        public var quantity: Int
        public var price: String
        public var discount: String

        public init(
            _ id: String, title: String, variant: String? = nil, sku: String, quantity: Int, price: String,
            discount: String = "0.00"
        ) {
            self.id = id
            self.title = title
            self.variantTitle = variant
            self.sku = sku
            self.quantity = quantity
            self.price = price
            self.discount = discount
        }
    }

    public struct Refund: Sendable {
        public var id: String
        public var createdAt: String
        public var lineID: String
        public var quantity: Int
        public var subtotal: String

        public init(id: String, createdAt: String, lineID: String, quantity: Int, subtotal: String) {
            self.id = id
            self.createdAt = createdAt
            self.lineID = lineID
            self.quantity = quantity
            self.subtotal = subtotal
        }
    }

    public struct Order: Sendable {
        public var id: String
        public var createdAt: String
        public var updatedAt: String
        public var cancelledAt: String?
        public var lines: [Line]
        public var refunds: [Refund]

        public init(id: String, createdAt: String, updatedAt: String? = nil, lines: [Line], refunds: [Refund] = []) {
            self.id = id
            self.createdAt = createdAt
            self.updatedAt = updatedAt ?? createdAt
            self.lines = lines
            self.refunds = refunds
        }
    }

    public struct Item: Sendable {
        public var sku: String
        public var product: String
        public var variant: String
        public var productType: String
        public var price: String
        public var available: Int
        public var updatedAt: String

        public init(
            sku: String, product: String, variant: String = "Default Title", productType: String, price: String,
            available: Int, updatedAt: String
        ) {
            self.sku = sku
            self.product = product
            self.variant = variant
            self.productType = productType
            self.price = price
            self.available = available
            self.updatedAt = updatedAt
        }
    }

    public static let token = "shpat_test0123456789abcdef"
    public let pageSize: Int
    public let server: HTTPServer
    public var baseURL: String { "http://127.0.0.1:\(server.port)" }
    public let orders = Mutex<[Order]>([])
    public let items = Mutex<[Item]>([])
    /// The next this many queries are answered THROTTLED (HTTP 200, as Shopify does).
    public let throttled = Mutex(0)
    public let revoked = Mutex(false)
    public let queries = Mutex<[JSONValue]>([])

    public init(pageSize: Int = 2) throws {
        self.pageSize = pageSize
        let holder = Mutex<ShopifyFake?>(nil)
        server = try HTTPServer { request in
            guard let fake = holder.withLock({ $0 }) else { return .text("starting", status: 503) }
            return fake.answer(request)
        }
        holder.withLock { $0 = self }
    }

    public func stop() { server.stop() }

    func cost(available: Double) -> [String: Any] {
        [
            "requestedQueryCost": 52, "actualQueryCost": 12,
            "throttleStatus": ["maximumAvailable": 2000.0, "currentlyAvailable": available, "restoreRate": 100.0],
        ]
    }

    func answer(_ request: HTTPServer.Request) -> HTTPServer.Response {
        guard request.method == "POST", request.path.hasPrefix("/admin/api/"), request.path.hasSuffix("/graphql.json")
        else { return .json(#"{"errors":"Not Found"}"#, status: 404) }
        if revoked.withLock({ $0 }) || request.headers["x-shopify-access-token"] != Self.token {
            return .json(
                #"{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}"#,
                status: 401)
        }
        let body = (try? JSONValue(parsing: request.body)) ?? .null
        queries.withLock { $0.append(body) }
        let isThrottled = throttled.withLock { count in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
        if isThrottled {
            return Self.json([
                "errors": [
                    [
                        "message": "Throttled",
                        "extensions": [
                            "code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits",
                        ],
                    ]
                ],
                "extensions": ["cost": cost(available: 10)],
            ])
        }
        let query = body["query"]?.string ?? ""
        let variables = body["variables"]
        if query.contains("orders(") { return ordersAnswer(variables) }
        if query.contains("inventoryItems(") { return inventoryAnswer(variables) }
        return Self.json(["errors": [["message": "Field doesn't exist", "extensions": ["code": "undefinedField"]]]])
    }

    static func json(_ object: Any) -> HTTPServer.Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return HTTPServer.Response(status: 200, headers: [("Content-Type", "application/json")], body: Array(data))
    }

    func money(_ amount: String) -> [String: Any] { ["shopMoney": ["amount": amount, "currencyCode": "GBP"]] }

    private func page<T>(_ all: [T], after: String?) -> (nodes: [T], info: [String: Any]) {
        let start = after.flatMap { Int($0.dropFirst(7)) } ?? 0
        let end = min(all.count, start + pageSize)
        return (
            Array(all[min(start, all.count)..<end]),
            ["hasNextPage": end < all.count, "endCursor": end > start ? "cursor:\(end)" : NSNull()]
        )
    }

    private func ordersAnswer(_ variables: JSONValue?) -> HTTPServer.Response {
        var since: Date?
        if let search = variables?["query"]?.string, let open = search.firstIndex(of: "'") {
            let value = search[search.index(after: open)...].prefix { $0 != "'" }
            since = SquareFake.date(String(value))
        }
        let matching = orders.withLock { $0 }
            .filter { order in since.map { SquareFake.date(order.updatedAt)! >= $0 } ?? true }
            .sorted { SquareFake.date($0.updatedAt)! < SquareFake.date($1.updatedAt)! }
        let (nodes, info) = page(matching, after: variables?["cursor"]?.string)
        let rendered: [[String: Any]] = nodes.map { order in
            let lines: [[String: Any]] = order.lines.map { line in
                [
                    "id": line.id, "title": line.title, "variantTitle": line.variantTitle ?? NSNull(), "sku": line.sku,
                    "quantity": line.quantity, "variant": ["sku": line.sku],
                    "originalUnitPriceSet": money(line.price), "totalDiscountSet": money(line.discount),
                ]
            }
            let refunds: [[String: Any]] = order.refunds.map { refund in
                let line = order.lines.first { $0.id == refund.lineID }!
                let lineItem: [String: Any] = [
                    "id": line.id, "title": line.title, "variantTitle": line.variantTitle ?? NSNull(), "sku": line.sku,
                    "variant": ["sku": line.sku],
                ]
                let refundLine: [String: Any] = [
                    "quantity": refund.quantity, "lineItem": lineItem, "priceSet": money(line.price),
                    "subtotalSet": money(refund.subtotal),
                ]
                return [
                    "id": refund.id, "createdAt": refund.createdAt,
                    "refundLineItems": ["nodes": [refundLine]],
                ]
            }
            return [
                "id": order.id, "name": "#\(order.id.split(separator: "/").last ?? "")", "createdAt": order.createdAt,
                "processedAt": order.createdAt, "updatedAt": order.updatedAt,
                "cancelledAt": order.cancelledAt ?? NSNull(), "test": false, "retailLocation": NSNull(),
                "lineItems": ["nodes": lines], "refunds": refunds,
            ]
        }
        return Self.json([
            "data": ["orders": ["nodes": rendered, "pageInfo": info]], "extensions": ["cost": cost(available: 1948)],
        ])
    }

    private func inventoryAnswer(_ variables: JSONValue?) -> HTTPServer.Response {
        let (nodes, info) = page(items.withLock { $0 }, after: variables?["cursor"]?.string)
        let rendered: [[String: Any]] = nodes.map { item in
            [
                "sku": item.sku, "tracked": true,
                "variant": [
                    "title": item.variant, "price": item.price,
                    "product": ["title": item.product, "productType": item.productType],
                ],
                "inventoryLevels": [
                    "nodes": [
                        [
                            "updatedAt": item.updatedAt, "location": ["name": "Shop floor"],
                            "quantities": [["name": "available", "quantity": item.available]],
                        ]
                    ]
                ],
            ]
        }
        return Self.json([
            "data": ["inventoryItems": ["nodes": rendered, "pageInfo": info]],
            "extensions": ["cost": cost(available: 1900)],
        ])
    }
}
