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
            rows: [
                ["A product with a very long name indeed", "1,234", "5,000", "12.5d"],
                ["Oat Milk 1L", "3", "28", "out"],
            ])
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

    @Test func aSpanAcrossANewYearShowsBothYears() throws {
        let utc = DateText(calendar: OrgCalendar(timeZone: TimeZone(identifier: "UTC")!))
        let date = { (text: String) in try #require(ISO8601DateFormatter().date(from: text + "T12:00:00Z")) }
        let now = try date("2026-11-26")
        #expect(try utc.days(date("2026-01-01"), date("2027-01-01"), now: now) == "Thu 1 Jan 2026 – Fri 1 Jan 2027")
        #expect(try utc.days(date("2026-03-02"), date("2026-03-08"), now: now) == "Mon 2 Mar – Sun 8 Mar")
        #expect(try utc.days(date("2025-03-02"), date("2025-03-02"), now: now) == "Sun 2 Mar 2025")
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

    /// Issue 21: "this weekend" on a Sunday is the one under way; "last weekend" then is the one before. On a
    /// weekday both are the weekend just gone.
    @Test(arguments: [
        ("2026-11-22T12:00:00Z", false, "2026-11-21T00:00:00Z", "2026-11-22T12:00:00Z"),
        ("2026-11-22T12:00:00Z", true, "2026-11-14T00:00:00Z", "2026-11-16T00:00:00Z"),
        ("2026-11-25T12:00:00Z", true, "2026-11-21T00:00:00Z", "2026-11-23T00:00:00Z"),
        ("2026-11-25T12:00:00Z", false, "2026-11-21T00:00:00Z", "2026-11-23T00:00:00Z"),
        ("2026-11-21T09:00:00Z", false, "2026-11-21T00:00:00Z", "2026-11-21T09:00:00Z"),
    ])
    func weekends(now: String, last: Bool, start: String, end: String) {
        let resolved = Period.weekend(last: last).resolve(now: at(now), calendar: london)
        #expect(resolved.start == at(start) && resolved.end == at(end), "\(resolved)")
    }

    /// "the 3rd" is this month's once it has begun, else last month's; a day a month lacks does not trap.
    @Test func aDayOfTheMonth() {
        let now = at("2026-11-25T12:00:00Z")
        #expect(Period.dayOfMonth(3).resolve(now: now, calendar: london).start == at("2026-11-03T00:00:00Z"))
        #expect(Period.dayOfMonth(28).resolve(now: now, calendar: london).start == at("2026-10-28T00:00:00Z"))
        _ = Period.dayOfMonth(31).resolve(now: at("2026-12-01T12:00:00Z"), calendar: london)
        #expect(
            IntentParser().parse("sales between 10 and 20 nov") == .sales(.monthDays(month: 11, from: 10, to: 20)))
        #expect(IntentParser().parse("takings 1st-15th nov") == .sales(.monthDays(month: 11, from: 1, to: 15)))
        #expect(IntentParser().parse("sales on the 3rd") == .sales(.dayOfMonth(3)))
        #expect(IntentParser().parse("sales past fortnight") == .sales(.lastDays(14)))
        #expect(IntentParser().parse("last weeks takings") == .sales(.lastWeek))
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

@Suite struct PeriodRangeTests {
    let london = OrgCalendar(timeZone: TimeZone(identifier: "Europe/London")!)
    let sundays = OrgCalendar(timeZone: TimeZone(identifier: "America/New_York")!, weekStart: .sunday)

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func thisMonthOnTheLastDayComparesWithTheMonthBefore() {
        let resolved = Period.thisMonth.resolve(now: at("2026-03-31T12:00:00Z"), calendar: london)
        #expect(resolved.start == at("2026-03-01T00:00:00Z"))
        #expect(resolved.previousStart == at("2026-02-01T00:00:00Z"))
        // 31 March has no 31 February: the comparison stops at the end of February.
        #expect(
            resolved.previousEnd == at("2026-03-01T00:00:00Z") || resolved.previousEnd <= at("2026-03-01T00:00:00Z"))
        #expect(resolved.isPartial)
    }

    @Test func lastMonthAndLastYearAcrossTheYearEnd() {
        let now = at("2027-01-01T09:00:00Z")
        let month = Period.lastMonth.resolve(now: now, calendar: london)
        #expect(month.start == at("2026-12-01T00:00:00Z") && month.end == at("2027-01-01T00:00:00Z"))
        #expect(month.previousStart == at("2026-11-01T00:00:00Z") && month.previousEnd == at("2026-12-01T00:00:00Z"))
        let year = Period.lastYear.resolve(now: now, calendar: london)
        #expect(year.start == at("2026-01-01T00:00:00Z") && year.end == at("2027-01-01T00:00:00Z"))
        #expect(year.previousStart == at("2025-01-01T00:00:00Z"))
    }

    @Test func lastSevenDaysAcrossTheClocksGoingForward() {
        // BST began at 01:00 UTC on Sunday 29 March 2026.
        let resolved = Period.lastDays(7).resolve(now: at("2026-04-01T11:00:00Z"), calendar: london)
        // Seven local days, today included: Thu 26 March to Wed 1 April, noon BST.
        #expect(resolved.start == at("2026-03-26T00:00:00Z"))
        #expect(resolved.previousStart == at("2026-03-19T00:00:00Z"))
        #expect(resolved.previousEnd == at("2026-03-25T12:00:00Z"))
        #expect(resolved.label == "last 7 days")
    }

    @Test func weekdaysAndSinceFollowTheWeekStart() {
        // Wednesday 25 November 2026, in New York with Sunday weeks.
        let now = at("2026-11-25T17:00:00Z")
        #expect(Period.thisWeek.resolve(now: now, calendar: sundays).start == at("2026-11-22T05:00:00Z"))
        #expect(Period.lastWeek.resolve(now: now, calendar: sundays).start == at("2026-11-15T05:00:00Z"))
        #expect(Period.since(weekday: 2).resolve(now: now, calendar: sundays).start == at("2026-11-23T05:00:00Z"))
        // "on Wednesday" asked on a Wednesday is last week's.
        let wednesday = Period.onWeekday(4).resolve(now: now, calendar: sundays)
        #expect(wednesday.start == at("2026-11-18T05:00:00Z") && wednesday.end == at("2026-11-19T05:00:00Z"))
        #expect(Period.since(weekday: 4).resolve(now: now, calendar: sundays).start == at("2026-11-25T05:00:00Z"))
    }

    @Test func monthNamesAndDayRangesPickTheMostRecent() {
        let now = at("2026-11-10T12:00:00Z")
        let december = Period.month(12).resolve(now: now, calendar: london)
        #expect(december.start == at("2025-12-01T00:00:00Z") && december.end == at("2026-01-01T00:00:00Z"))
        let november = Period.monthDays(month: 11, from: 1, to: 15).resolve(now: now, calendar: london)
        #expect(november.start == at("2026-11-01T00:00:00Z"))
        #expect(november.end == now)
        let october = Period.monthDays(month: 11, from: 20, to: 25).resolve(now: now, calendar: london)
        #expect(october.start == at("2025-11-20T00:00:00Z") && october.end == at("2025-11-26T00:00:00Z"))
        #expect(
            october.previousStart == at("2025-11-14T00:00:00Z") && october.previousEnd == at("2025-11-20T00:00:00Z"))
    }

    /// From FuzzTesting/FailCases/slow-unit-3782…: a millennium-long range made "best day" walk 365,000 days.
    @Test func explicitRangesAreAtMostTenYears() throws {
        let now = at("2026-11-25T12:00:00Z")
        let resolved = Period.dates(CivilDate(year: 1013, month: 11, day: 10), CivilDate(year: 2026, month: 11, day: 1))
            .resolve(now: now, calendar: london)
        // Ten years of local days (plus the day itself, and an hour of summer time at most).
        #expect(resolved.end.timeIntervalSince(resolved.start) <= Double(Period.longestSpanDays + 1) * 86_400 + 3600)
        let parsed = IntentParser().parse("best day 2026-11-1 1013-11-10 week")
        guard case .weekdays = parsed else {
            Issue.record("parsed as \(parsed)")
            return
        }
    }
}
