import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// Issue 23: shifts files as scheduling tools export them. Deputy's two exports are recognised by name from the
/// column tables in its help centre; the others are read by the shift synonyms (a first and last name, clock-in
/// and clock-out dates and times, a break in minutes or hours, a shift's cost instead of a rate).
@Suite struct ScheduleExportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/imports/layouts")

    let store: Store
    let org: Org
    let now: Date

    init() throws {
        store = try Store.inMemory()
        org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!
    }

    func importText(_ text: String, name: String = "shifts.csv") throws -> ImportReport {
        try Importer(store: store, org: org).importBytes(Array(text.utf8), fileName: name, options: .init(now: now))
    }

    /// "person start–end (hours) break rate role location", the local times in the shop's zone.
    func shifts() throws -> [String] {
        let calendar = org.calendar
        return try store.database.query(
            """
            SELECT person, starts_at, ends_at, break_minutes, hourly_rate, role, location FROM shifts
            ORDER BY starts_at, person
            """
        ) { row in
            func hhmm(_ date: Date) -> String {
                let parts = calendar.calendar.dateComponents([.hour, .minute], from: date)
                return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
            }
            let start = Date(timeIntervalSince1970: TimeInterval(row.int64(1)))
            let end = Date(timeIntervalSince1970: TimeInterval(row.int64(2)))
            return "\(row.string(0)) \(calendar.dayKey(start)) \(hhmm(start))–\(calendar.dayKey(end)) \(hhmm(end)) "
                + "break \(row.int(3)) rate \(row.optionalInt(4).map(String.init) ?? "none") \(row.string(5)) \(row.string(6))"
        }
    }

    @Test func deputysAllFieldsExportHasItsCostTurnedIntoARate() throws {
        let report = try Importer(store: store, org: org).importFile(
            path: Self.fixtures.appendingPathComponent("deputy_timesheets_all_fields.csv").path,
            options: .init(now: now))
        #expect(report.kind == .shifts && report.layout == "Deputy timesheets export", "\(report)")
        #expect(report.inserted == 3 && report.errors.isEmpty, "\(report.errors)")
        // £210 over 8 paid hours is £26.25; Tom's shift runs past midnight (no end date: the next morning).
        #expect(
            try shifts() == [
                "Eddie Brock 2026-11-03 07:00–2026-11-03 15:30 break 30 rate 2625 Barista High Street",
                "Ana Silva 2026-11-03 11:00–2026-11-03 15:00 break 0 rate 1200 Floor High Street",
                "Tom Reed 2026-11-03 18:00–2026-11-04 02:00 break 30 rate 1600 Bar High Street",
            ])
    }

    @Test func deputysHistoryAuditExportReadsTheApprovedTimes() throws {
        let report = try Importer(store: store, org: org).importFile(
            path: Self.fixtures.appendingPathComponent("deputy_timesheets_history_audit.csv").path,
            options: .init(now: now))
        #expect(report.layout == "Deputy timesheets export with history audit", "\(report)")
        #expect(report.inserted == 2 && report.errors.isEmpty, "\(report.errors)")
        #expect(
            try shifts() == [
                "Eddie Brock 2026-11-03 07:00–2026-11-03 15:30 break 30 rate none Barista High Street",
                "Ana Silva 2026-11-03 11:00–2026-11-03 15:00 break 0 rate none Floor High Street",
            ])
    }

    @Test func timecardsWithANameInTwoColumnsAndTheEndsOwnDate() throws {
        let report = try importText(
            """
            First Name,Last Name,Role,Clock in date,Clock in time,Clock out date,Clock out time,Unpaid breaks,Total paid hours,Estimated wages
            Sam,King,Barista,2026-11-05,07:00,2026-11-05,15:00,0:30,7.5,93.75
            Lee,Wong,Bar,2026-11-05,20:00,2026-11-06,01:00,0,5,60.00

            """)
        #expect(report.kind == .shifts && report.inserted == 2 && report.errors.isEmpty, "\(report.errors)")
        #expect(
            try shifts() == [
                "Sam King 2026-11-05 07:00–2026-11-05 15:00 break 30 rate 1250 Barista ",
                "Lee Wong 2026-11-05 20:00–2026-11-06 01:00 break 0 rate 1200 Bar ",
            ])
    }

    @Test func aBreakInAColumnOfHoursAndClockedInDatetimes() throws {
        let report = try importText(
            """
            First Name,Last Name,Position,Location,Clocked In,Clocked Out,Unpaid Break Hours,Hourly Wage
            Ana,Silva,Floor,Market St,2026-11-06 09:00,2026-11-06 17:00,1,11.00
            Ben,Ode,Kitchen,Market St,2026-11-06 10:00,2026-11-06 14:00,0.25,12.00

            """)
        #expect(report.inserted == 2 && report.errors.isEmpty, "\(report.errors)")
        // A bare 1 in a column of hours is an hour, not a minute.
        #expect(
            try shifts() == [
                "Ana Silva 2026-11-06 09:00–2026-11-06 17:00 break 60 rate 1100 Floor Market St",
                "Ben Ode 2026-11-06 10:00–2026-11-06 14:00 break 15 rate 1200 Kitchen Market St",
            ])
    }

    @Test func aNameMissingFromBothColumnsAndAnEndDateBeforeTheStartAreRefusedByRow() throws {
        var text = "First Name,Last Name,Clock in date,Clock in time,Clock out date,Clock out time\n"
        for day in 10...30 { text += "Ann,Lee,2026-10-\(day),09:00,2026-10-\(day),17:00\n" }
        text += ",,2026-10-31,09:00,2026-10-31,17:00\n"
        text += "Ann,Lee,2026-11-01,09:00,2026-10-31,17:00\n"
        let report = try importText(text)
        #expect(report.inserted == 21, "\(report)")
        #expect(
            report.errors.map(\.description) == [
                "line 23, column \"First Name\": is empty; the person's name is needed",
                "line 24, column \"Clock out time\": is not after the start",
            ], "\(report.errors)")
    }
}
