import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// Issue 23: the rota against the forecast, on a shop whose takings are the same every day — £100 in the
/// 10:00 hour and £500 in the 12:00 hour — so the forecast and the people needed can be worked by hand.
@Suite struct RotaCheckTests {
    let store: Store
    let org: Org
    let now: Date
    let friday: Date

    init() throws {
        store = try Store.inMemory()
        org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        // Wednesday 2 Dec 2026, 12:00 (London is on UTC in winter).
        let today = org.calendar.date(dayKey: "2026-12-02")!
        now = today.addingTimeInterval(12 * 3600)
        friday = org.calendar.startOfDay(today, adding: 2)
        let product = try store.upsertProduct(Product(sku: "LAT", name: "Latte"), orgID: org.id)
        try store.writeSales(org: org) { writer in
            for back in 1...90 {
                let day = org.calendar.startOfDay(today, adding: -back)
                for (line, hour, total) in [(1, 10.5, 10_000), (2, 12.5, 50_000)] {
                    try writer.upsert(
                        SaleLine(
                            source: "t", orderID: "\(back)", line: line, soldAt: day.addingTimeInterval(hour * 3600),
                            productID: product, quantity: 1, unitPrice: total, total: total))
                }
            }
        }
        // £100 of sales per labour hour.
        try store.setStaffingTarget(.splh(10_000), orgID: org.id)
        // Friday's plan: Ann 09–13 at £10, Ben 09–13 at £12, Cat 12–13 without a rate.
        func at(_ hour: Double) -> Date { friday.addingTimeInterval(hour * 3600) }
        for shift in [
            Shift(person: "Ann", startsAt: at(9), endsAt: at(13), hourlyRate: 1000),
            Shift(person: "Ben", startsAt: at(9), endsAt: at(13), hourlyRate: 1200),
            Shift(person: "Cat", startsAt: at(12), endsAt: at(13)),
        ] {
            try store.upsertShift(shift, orgID: org.id)
        }
    }

    @Test func theHoursToAddAndCutAgainstTheForecast() throws {
        let check = try #require(
            try RotaCheck(store: store, org: org).check(
                from: friday, to: org.calendar.startOfDay(friday, adding: 1), now: now))
        // 09–12: two on where one is needed (09 and 11 sell nothing, 10 sells £100): cut one, saving the
        // average rate of the two, £11 an hour, for three hours.
        #expect(check.cut.count == 1)
        let cut = try #require(check.cut.first)
        #expect(cut.start == friday.addingTimeInterval(9 * 3600) && cut.end == friday.addingTimeInterval(12 * 3600))
        #expect(cut.people == -1 && cut.hours == 3)
        #expect(abs((cut.wages ?? 0) - 3_300) < 1, "\(cut)")
        #expect(abs(cut.forecastSales - 10_000) < 50, "\(cut)")
        // 12:00: £500 forecast needs five; three are on: add two, at the plan's rated average (£11).
        let add = try #require(check.add.first)
        #expect(check.add.count == 1)
        #expect(add.start == friday.addingTimeInterval(12 * 3600) && add.people == 2 && add.hours == 1)
        #expect(abs((add.wages ?? 0) - 2_200) < 1, "\(add)")
        #expect(abs(add.forecastSales - 50_000) < 250, "\(add)")
        #expect(abs(check.plannedHours - 9) < 1e-9 && abs(check.plannedCost - 8_800) < 1e-6)
        #expect(check.target == 10_000 && check.rule == "the shop's target")
    }

    @Test func aPartOfTheDayAndADayWithoutAPlan() throws {
        let morning = try #require(
            try RotaCheck(store: store, org: org).check(
                from: friday, to: org.calendar.startOfDay(friday, adding: 1), now: now, localHours: 0..<12))
        #expect(morning.add.isEmpty && morning.cut.count == 1)
        // Thursday has no shifts planned: nothing to check, not "all fine".
        let thursday = org.calendar.startOfDay(friday, adding: -1)
        #expect(try RotaCheck(store: store, org: org).check(from: thursday, to: friday, now: now) == nil)
        // A span already past is not a plan.
        #expect(
            try RotaCheck(store: store, org: org).check(
                from: org.calendar.startOfDay(now, adding: -7), to: org.calendar.startOfDay(now), now: now) == nil)
    }
}
