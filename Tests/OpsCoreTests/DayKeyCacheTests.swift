import Foundation
import Testing

@testable import OpsCore

/// Issue 28: the local date of instants in any order, from the days kept, is the calendar's own, across summer
/// time and in zones whose offsets are not whole hours.
@Suite struct DayKeyCacheTests {
    @Test(arguments: ["America/New_York", "Europe/London", "Australia/Adelaide", "Asia/Kathmandu", "Pacific/Chatham"])
    func instantsInAnyOrderGetTheCalendarsDate(_ zone: String) throws {
        let calendar = OrgCalendar(timeZone: try #require(TimeZone(identifier: zone)))
        var cache = DayKeyCache(calendar: calendar)
        var state: UInt64 = 42
        // Two years of instants in random order, and every quarter hour around this zone's changes of offset.
        let start = 1_767_225_600.0  // 2026-01-01
        var instants = (0..<3_000).map { _ -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return start + Double(state >> 40).truncatingRemainder(dividingBy: 2 * 365 * 86_400)
        }
        var cursor = Date(timeIntervalSince1970: start)
        while let change = calendar.timeZone.nextDaylightSavingTimeTransition(after: cursor),
            change.timeIntervalSince1970 < start + 2 * 365 * 86_400
        {
            instants += stride(from: -26 * 3600.0, through: 26 * 3600, by: 900).map {
                change.timeIntervalSince1970 + $0
            }
            cursor = change
        }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let parts = calendar.calendar.dateComponents([.year, .month, .day], from: date)
            let expected = CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)
            #expect(cache.civilDate(for: date) == expected, "\(zone) \(date)")
            let bounds = cache.bounds(for: date)
            #expect(bounds.start <= date && date < bounds.end && bounds.start == calendar.startOfDay(date))
        }
    }
}
