import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Issue 23 in chat: who works when, and labour figures with costs for managers and owners only.
@Suite struct StaffingConversationTests {
    let shop: SmallShop

    init() throws {
        shop = try SmallShop()
        let today = shop.org.calendar.startOfDay(shop.now)
        // Sam on now (09–17, £12.00, half an hour's break); Olive tomorrow; nobody has a shift later today.
        try shop.store.upsertShift(
            Shift(
                person: "Sam", startsAt: today.addingTimeInterval(9 * 3600),
                endsAt: today.addingTimeInterval(17 * 3600),
                role: "barista", hourlyRate: 1200, breakMinutes: 30), orgID: shop.org.id)
        try shop.store.upsertShift(
            Shift(
                person: "Olive", startsAt: today.addingTimeInterval(33 * 3600),
                endsAt: today.addingTimeInterval(37 * 3600), hourlyRate: 1800), orgID: shop.org.id)
    }

    func say(_ text: String, as member: Member) -> String {
        Conversation(store: shop.store, clock: FixedClock(shop.now)).handle(
            ChatMessage(
                transport: "test", chat: .init(id: "c\(member.userKey)", kind: .privateChat),
                sender: .init(userKey: member.userKey, displayName: member.name), text: text)
        ).plainText
    }

    @Test func whoWorksWhen() {
        #expect(say("who's on shift", as: shop.staff) == "On shift now: Sam (09:00–17:00, 30 min break)")
        #expect(say("who's working tomorrow", as: shop.staff).contains("Olive 09:00–13:00"))
        let mine = say("my shifts", as: shop.staff)
        #expect(mine.contains("Wed 25 Nov 09:00–17:00, 30 min break") && mine.contains("7.5 hours in all"), "\(mine)")
    }

    /// Two Sams on the rota and neither is the member's name: "my shifts" asks, and the answer is kept, for
    /// the shifts there and for the next rota imported.
    @Test func myShiftsAsksWhichRotaNameIsTheMembersAndKeepsTheAnswer() throws {
        try shop.store.database.execute("DELETE FROM shifts WHERE person = 'Sam'")
        let tomorrow = shop.org.calendar.startOfDay(shop.now, adding: 1)
        for (person, hour) in [("Sam K", 7.0), ("Sam L", 12.0)] {
            try shop.store.upsertShift(
                Shift(
                    person: person, startsAt: tomorrow.addingTimeInterval(hour * 3600),
                    endsAt: tomorrow.addingTimeInterval((hour + 4) * 3600)), orgID: shop.org.id)
        }
        let asked = Conversation(store: shop.store, clock: FixedClock(shop.now)).handle(
            ChatMessage(
                transport: "test", chat: .init(id: "c2", kind: .privateChat),
                sender: .init(userKey: shop.staff.userKey, displayName: "Sam"), text: "my shifts"))
        #expect(asked.plainText.hasPrefix("Which of these is you on the rota?"), "\(asked.plainText)")
        #expect(asked.buttons.map(\.action) == ["I am Sam K on the rota", "I am Sam L on the rota"])
        // Staff may say who they are, not who someone else is.
        #expect(say("olive is Olive B on the rota", as: shop.staff).contains("Only managers and owners"))
        let linked = say("I am Sam K on the rota", as: shop.staff)
        #expect(linked == "You are “Sam K” on the rota: 1 shift linked. “my shifts” shows them.", "\(linked)")
        let mine = say("my shifts", as: shop.staff)
        #expect(mine.contains("Thu 26 Nov 07:00–11:00") && !mine.contains("12:00"), "\(mine)")
        // The next rota keeps the link; the owner can link for someone else.
        let report = try Importer(store: shop.store, org: shop.org).importBytes(
            Array("person,date,start time,end time\nSam K,2026-11-27,08:00,16:00\n".utf8), fileName: "rota.csv",
            options: .init(kind: .shifts, now: shop.now))
        #expect(report.inserted == 1, "\(report)")
        #expect(say("my shifts", as: shop.staff).contains("Fri 27 Nov 08:00–16:00"))
        #expect(say("sam is Sam L on the rota", as: shop.owner).hasPrefix("Sam is “Sam L” on the rota: 1 shift"))
        #expect(say("my shifts", as: shop.staff).contains("12:00–16:00"))
    }

    @Test func theTargetCanBeSetInSalesPerLabourHourOrAsALabourShare() throws {
        #expect(say("settings splh target 2", as: shop.owner).contains("£2.00 of sales per labour hour"))
        #expect(try shop.store.staffingTarget(orgID: shop.org.id) == .splh(200))
        let today = say("overstaffed hours today", as: shop.owner)
        #expect(today.contains("Target: £2.00 sales per labour hour, the shop's target"), "\(today)")
        #expect(say("settings labour target 25%", as: shop.owner).contains("labour at 25.0% of sales"))
        #expect(try shop.store.staffingTarget(orgID: shop.org.id) == .labourPercent(25))
        // Staff cannot change it.
        #expect(!say("settings splh target 9", as: shop.staff).contains("Staffing target"))
    }

    @Test func staffNeverSeeARateOrACost() {
        // So far today (to 14:30): 5.5 of Sam's 8 hours, 7.5 of them paid: 5.16 hours, × £12.00 = £61.88.
        let owner = say("staffing today", as: shop.owner)
        #expect(owner.contains("Labour: 5.2 hours over 1 shift") && owner.contains("Labour cost: £61.88"), "\(owner)")
        let staff = say("staffing today", as: shop.staff)
        #expect(
            staff.contains("Labour: 5.2 hours") && !staff.contains("£61") && staff.contains("for managers and owners"))
        #expect(!say("who's on shift", as: shop.staff).contains("£"))
    }
}

/// The demo shop is staffed on purpose off its own sales per labour hour: "overstaffed hours" finds its quiet
/// Tuesday afternoons, "understaffed" its Saturday lunch.
@Suite struct DemoStaffingTests {
    @Test func theDemoFindsTheHoursItWasBuiltWith() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        let now = org.calendar.date(dayKey: "2026-11-25")!.addingTimeInterval(15 * 3600)
        try DemoShop(seed: 42, now: now).generate(into: store, org: org)
        let owner = try store.upsertMember(orgID: org.id, transport: "test", userKey: "1", name: "Olive", role: .owner)
        func ask(_ text: String) -> String {
            Conversation(store: store, clock: FixedClock(now)).handle(
                ChatMessage(
                    transport: owner.transport, chat: .init(id: "c", kind: .privateChat),
                    sender: .init(userKey: owner.userKey, displayName: owner.name), text: text)
            ).plainText
        }
        let over = ask("overstaffed hours last week")
        for hour in 14..<18 { #expect(over.contains("Tue 17 Nov \(hour):00"), "\(hour):00 in \(over)") }
        let under = ask("understaffed last week")
        for hour in 12..<14 { #expect(under.contains("Sat 21 Nov \(hour):00"), "\(hour):00 in \(under)") }
        let staffing = ask("staffing last week")
        // About a quarter of sales, as a café's labour is.
        let percent = staffing.split(separator: "—").last.flatMap {
            Double($0.prefix { $0 != "%" }.trimmingCharacters(in: .whitespaces))
        }
        #expect((20...32).contains(percent ?? 0), "\(staffing)")
        // Per day: Tuesday's two extra people make its sales per labour hour the week's lowest.
        let reply = Conversation(store: store, clock: FixedClock(now)).handle(
            ChatMessage(
                transport: owner.transport, chat: .init(id: "c", kind: .privateChat),
                sender: .init(userKey: owner.userKey, displayName: owner.name), text: "staffing last week"))
        guard case .table(let table) = reply.blocks.last else {
            Issue.record("no table: \(reply.plainText)")
            return
        }
        #expect(table.rows.count == 7 && table.columns.map(\.title) == ["Day", "Hours", "SPLH", "Lab%"])
        func splh(_ row: [String]) -> Double { Double(row[2].filter { $0.isNumber || $0 == "." }) ?? 0 }
        let lowest = table.rows.min { splh($0) < splh($1) }
        #expect(lowest?.first == "Tue 17 Nov", "\(table.rows)")
    }

    /// Next week's rota has the same two mistakes: the check against the forecast names them, with the money.
    @Test func theDemosNextWeekRotaIsCheckedAgainstTheForecast() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        let now = org.calendar.date(dayKey: "2026-11-25")!.addingTimeInterval(15 * 3600)
        try DemoShop(seed: 42, now: now).generate(into: store, org: org)
        let owner = try store.upsertMember(orgID: org.id, transport: "test", userKey: "1", name: "Olive", role: .owner)
        let staff = try store.upsertMember(orgID: org.id, transport: "test", userKey: "2", name: "Sam", role: .staff)
        func ask(_ text: String, as member: Member) -> String {
            Conversation(store: store, clock: FixedClock(now)).handle(
                ChatMessage(
                    transport: member.transport, chat: .init(id: "c\(member.userKey)", kind: .privateChat),
                    sender: .init(userKey: member.userKey, displayName: member.name), text: text)
            ).plainText
        }
        let rota = ask("next week's rota", as: owner)
        #expect(rota.contains("Who works: Mon 30 Nov – Sun 6 Dec") && rota.contains("Planned: "), "\(rota)")
        #expect(rota.contains("Cut (") && rota.contains("Tue 1 Dec 14:00–"), "\(rota)")
        #expect(rota.contains("; saves ~") && rota.contains(" in wages"), "\(rota)")
        let saturday = ask("do we need more people saturday", as: owner)
        #expect(saturday.hasPrefix("Rota vs forecast: Sat 28 Nov"), "\(saturday)")
        #expect(saturday.contains("Sat 28 Nov 12:00–") || saturday.contains("Sat 28 Nov 11:00–"), "\(saturday)")
        #expect(!saturday.contains("Cut"), "only what was asked: \(saturday)")
        // Staff see the hours, never the wages.
        let seen = ask("next week's rota", as: staff)
        #expect(seen.contains("Tue 1 Dec 14:00–") && !seen.contains("wages") && !seen.contains("saves"), "\(seen)")
    }
}
