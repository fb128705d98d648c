import Foundation
import OpsChat
import OpsCore
import OpsNetwork
import OpsNetworkTestSupport

/// A first Square sync of 10,000 orders (one to three lines, 200 variations) from its loopback fake, 500 orders a
/// page as Square pages them: the seconds from the first request to the orders stored.
struct SyncBenchmark {
    let directory: String
    var orders = 10_000

    func run() async throws -> (seconds: Double, lines: Int) {
        let fake = try SquareFake(currency: "USD", pageSize: 500)
        defer { fake.stop() }
        fake.variations.withLock {
            $0 = (0..<200).map {
                .init(
                    id: "V\($0)", itemID: "I\($0)", itemName: "Item \($0)", sku: "SKU-\($0)", price: 150 + $0 * 7,
                    category: "Category \($0 % 12)")
            }
        }
        let start = Date().addingTimeInterval(-20 * 86_400)
        let stamp = ISO8601DateFormatter()
        var random = SystemRandomNumberGenerator()
        var lines = 0
        fake.orders.withLock { list in
            list = (0..<orders).map { index in
                let at = stamp.string(from: start.addingTimeInterval(Double(index) * 170))
                let items = (0..<Int.random(in: 1...3, using: &random)).map { line -> SquareFake.Line in
                    let variation = Int.random(in: 0..<200, using: &random)
                    return .init(
                        "L\(line)", variation: "V\(variation)", name: "Item \(variation)",
                        quantity: String(Int.random(in: 1...3, using: &random)), basePrice: 150 + variation * 7)
                }
                lines += items.count
                return .init(id: "O\(index)", createdAt: at, lines: items)
            }
        }
        let path = directory + "/sync.sqlite"
        let store = try Store(path: path)
        _ = try store.ensureOrg(timeZone: TimeZone(identifier: "America/New_York")!)
        let service = try ConversationService(databasePath: path)
        let connector = SquareConnector(
            options: .init(baseURL: fake.baseURL, token: SquareFake.token),
            http: ConnectorHTTP(client: CurlHTTPClient()))
        let scheduler = SyncScheduler(
            service: service, connectors: [connector], logger: Logger(label: "sync", sink: NullLogSink()))
        let began = DispatchTime.now().uptimeNanoseconds
        let reports = await scheduler.runDue()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        guard let report = reports["square"] ?? nil, report.orders == orders else {
            throw BenchFailure("the sync read \(reports["square"].flatMap { $0?.orders } ?? 0) of \(orders) orders")
        }
        return (seconds, report.linesInserted)
    }
}
