import Foundation
import OpsCore

/// Reads a Shopify store's orders, products and stock (Admin GraphQL API) with an Admin API access token:
/// orders updated since the stored `updated_at` (`orders(query: "updated_at:>…")`, cursor pages, oldest first),
/// each read whole with its refunds; and the inventory levels per location. Waits for the cost bucket Shopify
/// reports (`extensions.cost.throttleStatus`) and retries a THROTTLED answer. Read-only.
public struct ShopifyConnector: SyncConnector {
    public struct Options: Sendable {
        /// "https://corner-cafe.myshopify.com".
        public var baseURL: String
        public var token: String
        public var apiVersion: String
        public var interval: TimeInterval

        public init(baseURL: String, token: String, apiVersion: String = "2025-07", interval: TimeInterval = 300) {
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            self.token = token
            self.apiVersion = apiVersion
            self.interval = interval
        }
    }

    public let source = "shopify"
    let options: Options
    let http: ConnectorHTTP
    public var interval: TimeInterval { options.interval }
    public var secrets: [String] { [options.token] }

    public init(options: Options, http: ConnectorHTTP) {
        self.options = options
        self.http = http
    }

    /// Orders updated this long before the cursor are read again (stored once).
    static let overlap: TimeInterval = 120

    static let ordersQuery = """
        query Orders($cursor: String, $query: String) {
          orders(first: 50, after: $cursor, query: $query, sortKey: UPDATED_AT) {
            pageInfo { hasNextPage endCursor }
            nodes {
              id name createdAt processedAt updatedAt cancelledAt test
              retailLocation { name }
              lineItems(first: 100) {
                nodes {
                  id title variantTitle sku quantity
                  variant { sku }
                  originalUnitPriceSet { shopMoney { amount currencyCode } }
                  totalDiscountSet { shopMoney { amount currencyCode } }
                }
              }
              refunds {
                id createdAt
                refundLineItems(first: 100) {
                  nodes {
                    quantity
                    lineItem { id title variantTitle sku variant { sku } }
                    priceSet { shopMoney { amount currencyCode } }
                    subtotalSet { shopMoney { amount currencyCode } }
                  }
                }
              }
            }
          }
        }
        """

    static let inventoryQuery = """
        query Inventory($cursor: String) {
          inventoryItems(first: 50, after: $cursor) {
            pageInfo { hasNextPage endCursor }
            nodes {
              sku tracked
              variant { title price product { title productType } }
              inventoryLevels(first: 10) {
                nodes { updatedAt location { name } quantities(names: ["available"]) { name quantity } }
              }
            }
          }
        }
        """

    public func firstCursor(importedUntil: Date?) -> String {
        importedUntil.map { ConnectorValues.cursor(["from": ConnectorValues.timestamp($0)]) } ?? ""
    }

    public func read(since cursor: String, now: Date) async throws -> (batch: SyncBatch, cursor: String) {
        var fields = ConnectorValues.cursorFields(cursor)
        let session = Session(connector: self)
        var batch = SyncBatch()
        var newest = fields["orders"].flatMap(ConnectorValues.date)
        // Sales up to `from` came with uploaded files (`firstCursor`).
        let from = fields["from"].flatMap(ConnectorValues.date)
        let since = (newest?.addingTimeInterval(-Self.overlap) ?? from).map(ConnectorValues.timestamp)
        var after: String?
        repeat {
            var variables: [String: Any] = [:]
            if let since { variables["query"] = "updated_at:>='\(since)'" }
            if let after { variables["cursor"] = after }
            let data = try await session.query(Self.ordersQuery, variables: variables)
            let orders = data["orders"]
            for order in orders?["nodes"]?.array ?? [] {
                batch.orders += Self.orders(order).filter { synced in from.map { synced.soldAt > $0 } ?? true }
                if let updated = ConnectorValues.date(order["updatedAt"]?.string), newest.map({ updated > $0 }) ?? true
                {
                    newest = updated
                }
            }
            after = orders?["pageInfo"]?["hasNextPage"]?.bool == true ? orders?["pageInfo"]?["endCursor"]?.string : nil
        } while after != nil

        // Levels are read whole each run (Shopify has no "levels changed since" filter); unchanged ones are
        // not written again.
        after = nil
        repeat {
            let data = try await session.query(Self.inventoryQuery, variables: after.map { ["cursor": $0] } ?? [:])
            let items = data["inventoryItems"]
            for item in items?["nodes"]?.array ?? [] where item["tracked"]?.bool != false {
                let (product, levels) = Self.inventory(item, now: now)
                if let product { batch.products.append(product) }
                batch.stock += levels
            }
            after = items?["pageInfo"]?["hasNextPage"]?.bool == true ? items?["pageInfo"]?["endCursor"]?.string : nil
        } while after != nil
        if let newest { fields["orders"] = ConnectorValues.timestamp(newest) }
        return (batch, ConnectorValues.cursor(fields))
    }

    // MARK: Mapping

    /// "Tee (Red / M)": the product and its variant, as Shopify's exports name them (no "Default Title").
    static func productName(title: String, variant: String?) -> String {
        guard let variant, !variant.isEmpty, variant != "Default Title", variant != title else { return title }
        return "\(title) (\(variant))"
    }

    static func minor(_ money: JSONValue?) -> Int? {
        let shop = money?["shopMoney"]
        let digits = shop?["currencyCode"]?.string.flatMap(Currency.init(code:))?.minorDigits ?? 2
        return ConnectorValues.minorUnits(shop?["amount"]?.string, digits: digits)
    }

    static func sku(_ line: JSONValue?) -> String? {
        let sku = line?["sku"]?.string ?? line?["variant"]?["sku"]?.string
        return sku.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The order's sold lines (net of their discounts; tax, shipping and tips left out, as the CSV rules do),
    /// and each refund as an order of its own on the day it was made, with negative lines. A cancelled or test
    /// order has no lines, and nor have its refunds.
    static func orders(_ order: JSONValue) -> [SyncBatch.Order] {
        guard let id = order["id"]?.string,
            let soldAt = ConnectorValues.date(order["processedAt"]?.string ?? order["createdAt"]?.string)
        else { return [] }
        let location = order["retailLocation"]?["name"]?.string ?? ""
        let void = order["cancelledAt"]?.string != nil || order["test"]?.bool == true
        var lines: [SyncBatch.Line] = []
        if !void {
            for item in order["lineItems"]?["nodes"]?.array ?? [] {
                guard let quantity = item["quantity"]?.int, quantity != 0, abs(quantity) <= 1_000_000_000,
                    let price = minor(item["originalUnitPriceSet"])
                else { continue }
                let discount = minor(item["totalDiscountSet"]) ?? 0
                let (gross, overflow) = price.multipliedReportingOverflow(by: quantity)
                guard !overflow else { continue }
                lines.append(
                    SyncBatch.Line(
                        sku: sku(item),
                        name: productName(
                            title: item["title"]?.string ?? "Item", variant: item["variantTitle"]?.string),
                        quantity: quantity, unitPrice: price, discount: discount, total: gross - discount))
            }
        }
        var orders = [SyncBatch.Order(id: id, soldAt: soldAt, location: location, channel: "online", lines: lines)]
        for refund in order["refunds"]?.array ?? [] {
            guard let refundID = refund["id"]?.string,
                let at = ConnectorValues.date(refund["createdAt"]?.string)
            else { continue }
            var returned: [SyncBatch.Line] = []
            if !void {
                for item in refund["refundLineItems"]?["nodes"]?.array ?? [] {
                    guard let quantity = item["quantity"]?.int, quantity > 0, quantity <= 1_000_000_000 else {
                        continue
                    }
                    let line = item["lineItem"]
                    let price = minor(item["priceSet"]) ?? 0
                    let (gross, overflow) = price.multipliedReportingOverflow(by: quantity)
                    guard !overflow else { continue }
                    let subtotal = minor(item["subtotalSet"]) ?? gross
                    returned.append(
                        SyncBatch.Line(
                            sku: sku(line),
                            name: productName(
                                title: line?["title"]?.string ?? "Item", variant: line?["variantTitle"]?.string),
                            quantity: -quantity, unitPrice: price, discount: -(gross - subtotal),
                            total: -subtotal))
                }
            }
            orders.append(
                SyncBatch.Order(
                    id: "\(id)/refund/\(refundID)", soldAt: at, location: location, channel: "online", lines: returned))
        }
        return orders
    }

    static func inventory(_ item: JSONValue, now: Date) -> (SyncBatch.Product?, [SyncBatch.StockLevel]) {
        let variant = item["variant"]
        let sku = sku(item)
        guard let title = variant?["product"]?["title"]?.string else { return (nil, []) }
        let name = productName(title: title, variant: variant?["title"]?.string)
        let price = ConnectorValues.minorUnits(variant?["price"]?.string, digits: 2)
        let product = SyncBatch.Product(
            sku: sku, name: name, category: variant?["product"]?["productType"]?.string ?? "", unitPrice: price)
        var levels: [SyncBatch.StockLevel] = []
        for level in item["inventoryLevels"]?["nodes"]?.array ?? [] {
            guard
                let available = level["quantities"]?.array?.first(where: { $0["name"]?.string == "available" })?[
                    "quantity"]?.int, abs(available) <= 1_000_000_000
            else { continue }
            levels.append(
                SyncBatch.StockLevel(
                    sku: sku, name: name, location: level["location"]?["name"]?.string ?? "", quantity: available,
                    countedAt: ConnectorValues.date(level["updatedAt"]?.string) ?? now))
        }
        return (product, levels)
    }

    // MARK: Requests

    /// One run's requests: the cost bucket Shopify last reported, waited for before the next query.
    final class Session: @unchecked Sendable {
        // Unchecked: one run uses it from one task, a request at a time.
        let connector: ShopifyConnector
        var waitBeforeNext: TimeInterval = 0

        init(connector: ShopifyConnector) { self.connector = connector }

        func query(_ query: String, variables: [String: Any]) async throws -> JSONValue {
            if waitBeforeNext > 0 { await connector.http.sleep(waitBeforeNext) }
            let options = connector.options
            var request = try HTTPRequest.json(
                "POST", url: "\(options.baseURL)/admin/api/\(options.apiVersion)/graphql.json",
                object: ["query": query, "variables": variables])
            request.headers += [("X-Shopify-Access-Token", options.token), ("Accept", "application/json")]
            let answer = try await connector.http.send(
                request, platform: "Shopify", explain: ShopifyConnector.explain,
                retryAfter: ShopifyConnector.throttledWait)
            waitBeforeNext = ShopifyConnector.pace(answer)
            if let errors = answer["errors"]?.array, let first = errors.first {
                throw ShopifyConnector.explain(error: first)
            }
            guard let data = answer["data"], case .object = data else {
                throw ConnectorError(.platform, "Shopify answered without data.")
            }
            return data
        }
    }

    /// A THROTTLED answer: how long until the bucket holds the query's cost again.
    static func throttledWait(_ answer: JSONValue) -> TimeInterval? {
        let throttled = answer["errors"]?.array?.contains { $0["extensions"]?["code"]?.string == "THROTTLED" } ?? false
        guard throttled else { return nil }
        return max(1, bucketWait(answer, need: answer["extensions"]?["cost"]?["requestedQueryCost"]?.double ?? 100))
    }

    /// After a successful query, the wait before the next one costs as much again.
    static func pace(_ answer: JSONValue) -> TimeInterval {
        bucketWait(answer, need: answer["extensions"]?["cost"]?["requestedQueryCost"]?.double ?? 0)
    }

    static func bucketWait(_ answer: JSONValue, need: Double) -> TimeInterval {
        let status = answer["extensions"]?["cost"]?["throttleStatus"]
        guard let available = status?["currentlyAvailable"]?.double, let rate = status?["restoreRate"]?.double,
            rate > 0, need > available
        else { return 0 }
        return min(60, (need - available) / rate)
    }

    /// Shopify's refusals: 401 for a token it does not know (uninstalled app, revoked token), 402/423 for a shop
    /// frozen or locked, 404 for a wrong domain.
    static func explain(_ refusal: ConnectorHTTP.Refusal) -> ConnectorError {
        switch refusal.status {
        case 401:
            return ConnectorError(
                .access, "Shopify refused the Admin API access token (revoked, or the app was uninstalled).")
        case 402: return ConnectorError(.access, "Shopify says the shop is frozen (its bill is unpaid).")
        case 403: return ConnectorError(.access, "Shopify refused the read: the app lacks a permission.")
        case 404: return ConnectorError(.setup, "Shopify has no shop at the configured domain.")
        case 423: return ConnectorError(.access, "Shopify says the shop is locked.")
        default: return ConnectorError(.platform, "Shopify answered HTTP \(refusal.status).")
        }
    }

    /// A GraphQL error in a 200 answer; ACCESS_DENIED names the scope it needs.
    static func explain(error: JSONValue) -> ConnectorError {
        let code = error["extensions"]?["code"]?.string ?? ""
        let message = (error["message"]?.string ?? "").prefix(200)
        if code == "ACCESS_DENIED" {
            return ConnectorError(
                .access,
                "Shopify refused a read (\(message)). The app needs read_orders, read_products and read_inventory.")
        }
        return ConnectorError(.platform, "Shopify answered an error: \(code.isEmpty ? "" : code + " ")\(message)")
    }
}
