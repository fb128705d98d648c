import Foundation
import Testing

@testable import OpsCore

/// The fast local clock agrees with Foundation's calendar on every hour of two years, across daylight-saving
/// changes, in zones with whole, quarter and half-hour offsets.
@Suite struct LocalClockTests {
    @Test(arguments: ["Europe/London", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC"])
    func agreesWithTheCalendar(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var clock = LocalClock(zone: zone)
        let start = ISO8601DateFormatter().date(from: "2025-06-01T00:30:00Z")!
        var mismatches: [String] = []
        for hour in 0..<(2 * 365 * 24) {
            let date = start.addingTimeInterval(Double(hour) * 3600)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday, .hour], from: date)
            let day = CivilDate(year: parts.year!, month: parts.month!, day: parts.day!).daysSince1970
            if clock.day(date) != day || clock.weekday(date) != parts.weekday! - 1 || clock.hour(date) != parts.hour! {
                mismatches.append("\(date)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        // Asked out of order, it still answers right.
        let earlier = start.addingTimeInterval(-200 * 86_400)
        #expect(clock.hour(earlier) == calendar.component(.hour, from: earlier))
        #expect(CivilDate(key: "2026-11-25")?.daysSince1970 == CivilDate(year: 2026, month: 11, day: 25).daysSince1970)
        #expect(CivilDate(key: "2026-13-01") == nil && CivilDate(key: "soon") == nil)
    }
}
