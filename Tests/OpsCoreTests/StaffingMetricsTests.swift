import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// Issue 23: labour figures against hand-worked ones — a break, an overnight shift, a shift with no rate.
@Suite struct StaffingMetricsTests {
    let store: Store
    let org: Org
    let day: Date

    init() throws {
        store = try Store.inMemory()
        org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        day = org.calendar.date(dayKey: "2026-11-20")!
        func at(_ hour: Double) -> Date { day.addingTimeInterval(hour * 3600) }
        // Ann 09–17 at £12.00 with 30 minutes unpaid: 7.5 h, £90.00. Ben 12–16, no rate: 4 h.
        // Cat 22:00–06:00 overnight at £15.00: 2 of its 8 hours fall on the 20th, £30.00.
        for shift in [
            Shift(person: "Ann", startsAt: at(9), endsAt: at(17), hourlyRate: 1200, breakMinutes: 30),
            Shift(person: "Ben", startsAt: at(12), endsAt: at(16)),
            Shift(person: "Cat", startsAt: at(22), endsAt: at(30), hourlyRate: 1500),
        ] {
            try store.upsertShift(shift, orgID: org.id)
        }
        let product = try store.upsertProduct(Product(sku: "LAT", name: "Latte"), orgID: org.id)
        // £50 at 10:00, £150 at 13:00, £100 at 14:00: £300.
        try store.writeSales(org: org) { writer in
            for (order, hour, total) in [("A", 10.25, 5000), ("B", 13.5, 15000), ("C", 14.1, 10000)] {
                try writer.upsert(
                    SaleLine(
                        source: "t", orderID: order, line: 1, soldAt: at(hour), productID: product, quantity: 1,
                        unitPrice: total, total: total))
            }
        }
    }

    @Test func labourHoursCostSPLHAndLabourPercentForADay() throws {
        let totals = try StaffingMetrics(store: store, org: org).totals(from: day, to: day.addingTimeInterval(86_400))
        #expect(abs(totals.labourHours - 13.5) < 1e-9)
        #expect(abs(totals.labourCost - 12_000) < 1e-6, "£90 + £30")
        #expect(abs(totals.hoursWithoutRate - 4) < 1e-9)
        #expect(totals.sales == 30_000)
        // £300 / 13.5 h = £22.22 an hour; £120 of £300 = 40.0 %.
        #expect(Int((totals.splh ?? 0).rounded()) == 2_222)
        #expect(abs((totals.labourPercent ?? 0) - 40.0) < 0.05)
    }

    @Test func theOvernightShiftCountsOnEachDayItWorks() throws {
        let next = day.addingTimeInterval(86_400)
        let totals = try StaffingMetrics(store: store, org: org).totals(from: next, to: next.addingTimeInterval(86_400))
        #expect(abs(totals.labourHours - 6) < 1e-9 && abs(totals.labourCost - 9_000) < 1e-6)
    }

    @Test func hoursOffTargetByAWholePerson() throws {
        // Dan 12–14 too: at 12:00, 2.94 people for no sales (1 needed): over. At 13:00, £150 at a £50 target
        // needs 3 and 2.94 work: not a whole person short. At 14:00, 1.94 for £100 (2 needed): fine.
        try store.upsertShift(
            Shift(
                person: "Dan", startsAt: day.addingTimeInterval(12 * 3600), endsAt: day.addingTimeInterval(14 * 3600)),
            orgID: org.id)
        let metrics = StaffingMetrics(store: store, org: org)
        let result = try metrics.offTarget(from: day, to: day.addingTimeInterval(86_400), target: 5_000)
        #expect(result.over.map(\.hour.start) == [day.addingTimeInterval(12 * 3600)])
        #expect(result.under.isEmpty)
        // At a £30 target, 13:00 needs 5 (2.06 short) and 14:00 needs 3.33 (1.40 short), the worse first.
        let tighter = try metrics.offTarget(from: day, to: day.addingTimeInterval(86_400), target: 3_000)
        #expect(tighter.under.map(\.hour.start) == [13, 14].map { day.addingTimeInterval(Double($0) * 3600) })
        let hour = try #require(
            try metrics.hours(from: day, to: day.addingTimeInterval(86_400)).first {
                $0.start == day.addingTimeInterval(9 * 3600)
            })
        #expect(abs(hour.people - 0.9375) < 1e-9, "7.5 paid of 8 hours")
    }
}
