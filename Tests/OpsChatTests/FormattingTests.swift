import Foundation
import OpsCore
import Testing

@testable import OpsChat

@Suite struct FormattingTests {
    @Test(arguments: [
        ("USD", 123_456, "$1,234.56"), ("USD", -5, "-$0.05"), ("GBP", 1_000_000_00, "£1,000,000.00"),
        ("JPY", 1200, "¥1,200"), ("KWD", 1234, "KWD 1.234"), ("EUR", 0, "€0.00"),
    ])
    func money(_ code: String, _ minor: Int, _ expected: String) throws {
        let currency = try #require(Currency(code: code))
        #expect(MoneyFormatter(currency: currency).format(minor) == expected)
    }

    @Test func numbersAndChanges() {
        #expect(NumberText.grouped(0) == "0")
        #expect(NumberText.grouped(-1_234_567) == "-1,234,567")
        #expect(NumberText.change(from: 100, to: 112) == "+12%")
        #expect(NumberText.change(from: 100, to: 97) == "-3%")
        #expect(NumberText.change(from: 0, to: 5) == "new")
        #expect(NumberText.change(from: 0, to: 0) == "0%")
        #expect(NumberText.short(0.44) == "0.4")
        #expect(NumberText.short(31.2) == "31")
    }

    @Test func tablesNeverExceedAPhoneLine() {
        let table = Table(
            columns: [.init("Product"), .init("Qty", .right), .init("Min", .right), .init("Cover", .right)],
            rows: [["A product with a very long name indeed", "1,234", "5,000", "12.5d"], ["Oat Milk 1L", "3", "28", "out"]])
        let lines = table.rendered().split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= Table.maxWidth })
        #expect(lines[1].hasPrefix("A product"))
        #expect(lines[1].contains("…"))
        #expect(lines[2].hasSuffix("out"))
    }

    @Test func datesAreShownInTheOrgsTimeZone() throws {
        let instant = try #require(ISO8601DateFormatter().date(from: "2026-11-25T02:30:00Z"))
        let newYork = DateText(calendar: OrgCalendar(timeZone: TimeZone(identifier: "America/New_York")!))
        #expect(newYork.day(instant) == "Tue 24 Nov")
        #expect(newYork.time(instant) == "21:30")
        let tokyo = DateText(calendar: OrgCalendar(timeZone: TimeZone(identifier: "Asia/Tokyo")!))
        #expect(tokyo.day(instant) == "Wed 25 Nov")
        #expect(tokyo.moment(instant, now: instant.addingTimeInterval(3600)) == "today 11:30")
    }
}

@Suite struct PeriodTests {
    let london = OrgCalendar(timeZone: TimeZone(identifier: "Europe/London")!)

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func todayRunsToNowAndComparesWithTheSameTimeAWeekAgo() {
        let resolved = Period.today.resolve(now: at("2026-11-25T14:30:00Z"), calendar: london)
        #expect(resolved.start == at("2026-11-25T00:00:00Z"))
        #expect(resolved.end == at("2026-11-25T14:30:00Z"))
        #expect(resolved.previousStart == at("2026-11-18T00:00:00Z"))
        #expect(resolved.previousEnd == at("2026-11-18T14:30:00Z"))
        #expect(resolved.isPartial)
    }

    @Test func yesterdayAcrossTheClocksGoingBackIsTwentyFiveHours() {
        // BST ended at 01:00 UTC on Sunday 25 Oct 2026.
        let resolved = Period.yesterday.resolve(now: at("2026-10-26T10:00:00Z"), calendar: london)
        #expect(resolved.start == at("2026-10-24T23:00:00Z"))
        #expect(resolved.end == at("2026-10-26T00:00:00Z"))
        #expect(resolved.previousStart == at("2026-10-17T23:00:00Z"))
        #expect(resolved.previousEnd == at("2026-10-18T23:00:00Z"))
        #expect(!resolved.isPartial)
    }

    @Test func weeksStartOnTheOrgsWeekStart() {
        let wednesday = at("2026-11-25T12:00:00Z")
        #expect(Period.thisWeek.resolve(now: wednesday, calendar: london).start == at("2026-11-23T00:00:00Z"))
        let sundays = OrgCalendar(timeZone: TimeZone(identifier: "Europe/London")!, weekStart: .sunday)
        #expect(Period.thisWeek.resolve(now: wednesday, calendar: sundays).start == at("2026-11-22T00:00:00Z"))
        let lastWeek = Period.lastWeek.resolve(now: wednesday, calendar: london)
        #expect(lastWeek.start == at("2026-11-16T00:00:00Z"))
        #expect(lastWeek.end == at("2026-11-23T00:00:00Z"))
    }

    @Test func lastWeekAcrossAYearEnd() {
        let resolved = Period.lastWeek.resolve(now: at("2027-01-02T12:00:00Z"), calendar: london)
        #expect(resolved.start == at("2026-12-21T00:00:00Z"))
        #expect(resolved.end == at("2026-12-28T00:00:00Z"))
    }
}
