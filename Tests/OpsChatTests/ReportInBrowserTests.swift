import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Issue 25: the report as a browser shows it. Needs Debian's `chromium` (apt install chromium); without it the
/// test says so and passes nothing off as checked.
@Suite(.timeLimit(.minutes(2))) struct ReportInBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(
        .enabled(if: chromium != nil, "Chromium is not installed (apt install chromium): the report is not rendered"))
    func headlessChromiumRendersTheReportAsAPageWithContent() throws {
        let shop = try DemoShopFixture.shop()
        let report = try ShopReport(store: shop.store, org: shop.org, now: shop.now).html(period: .lastMonth)
        let directory = TemporaryDirectory()
        let page = directory.file("report.html")
        try report.html.write(toFile: page, atomically: true, encoding: .utf8)
        let shot = directory.file("report.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.chromium))
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,1600",
            "--user-data-dir=" + directory.file("profile"), "--screenshot=" + shot, "file://" + page,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: shot)))
        let image = try PNGDecoder.decode(bytes)
        #expect(image.width == 1000 && image.height == 1600)
        // Not blank: the cards, the chart's blue and the text are there, in many colours.
        var colours: Set<Int> = []
        var blue = 0
        for y in stride(from: 0, to: image.height, by: 3) {
            for x in stride(from: 0, to: image.width, by: 3) {
                let (r, g, b) = image.rgb(x, y)
                colours.insert(Int(r) << 16 | Int(g) << 8 | Int(b))
                if b > 180 && r < 90 && g > 80 && g < 140 { blue += 1 }
            }
        }
        #expect(colours.count > 200, "\(colours.count) colours")
        #expect(blue > 1_000, "\(blue) blue pixels")
    }
}

/// Two months of the demo shop: realistic sales, stock and alerts to draw.
enum DemoShopFixture {
    static func shop() throws -> (store: Store, org: Org, now: Date) {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(name: "Corner Café", timeZone: TimeZone(identifier: "Europe/London")!)
        let now = org.calendar.date(dayKey: "2026-11-25")!.addingTimeInterval(15 * 3600)
        _ = try DemoShop(seed: 42, now: now, days: 60).generate(into: store, org: org)
        return (store, org, now)
    }
}
