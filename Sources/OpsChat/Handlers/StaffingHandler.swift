import Foundation
import OpsCore

/// Labour against sales and who works when. Managers and owners see costs; staff see hours, who works when
/// and their own shifts, never a rate or a cost.
struct StaffingHandler {
    func reply(_ command: StaffingCommand, context: HandlerContext) throws -> Reply {
        let metrics = StaffingMetrics(store: context.store, org: context.org)
        switch command {
        case .summary(let period, let location):
            return try summary(
                period, metrics: StaffingMetrics(store: context.store, org: context.org, location: location),
                context: context)
        case .offTarget(let period, let over, let location):
            return try offTarget(
                period, over: over,
                metrics: StaffingMetrics(store: context.store, org: context.org, location: location), context: context)
        case .onShift:
            let now = context.now
            let on = try metrics.shifts(from: now, to: now.addingTimeInterval(1)).map(\.shift)
            guard !on.isEmpty else {
                return .text("Nobody is on shift now by the rota. “who's working today” lists today's shifts.")
            }
            return .text(
                "On shift now: " + on.map { "\($0.person) (\(times($0, context: context)))" }.joined(separator: ", "))
        case .working(let days): return try working(days, metrics: metrics, context: context)
        case .myShifts: return try myShifts(metrics: metrics, context: context)
        case .linkRotaName(let member, let person):
            return try linkRotaName(member: member, person: person, context: context)
        case .rota(let days, let over, let localHours):
            return try rota(days, over: over, localHours: localHours, context: context)
        }
    }

    var seesCost: (HandlerContext) -> Bool { { $0.member.role >= .manager } }

    func times(_ shift: Shift, context: HandlerContext) -> String {
        let calendar = context.org.calendar.calendar
        func hhmm(_ date: Date) -> String {
            let parts = calendar.dateComponents([.hour, .minute], from: date)
            return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        }
        return "\(hhmm(shift.startsAt))–\(hhmm(shift.endsAt))"
            + (shift.breakMinutes > 0 ? ", \(shift.breakMinutes) min break" : "")
    }

    private func summary(_ period: Period, metrics: StaffingMetrics, context: HandlerContext) throws -> Reply {
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        let totals = try metrics.totals(from: resolved.start, to: resolved.end)
        let title = PeriodText(calendar: context.org.calendar, now: context.now).title(
            "Staffing" + (metrics.location.map { " at \($0)" } ?? ""), resolved)
        guard totals.shifts > 0 else {
            return Reply(blocks: [
                .title(title),
                .text(
                    (metrics.location.map {
                        "No shifts at \($0) in this period (the shifts file's location column names it). "
                    } ?? "No shifts in this period. ")
                        + "Import your rota or timesheet (a shifts CSV) to compare labour with sales."
                ),
            ])
        }
        let money = context.money
        var lines = [
            "Labour: \(NumberText.short(totals.labourHours)) hours over \(NumberText.grouped(totals.shifts)) shift\(totals.shifts == 1 ? "" : "s")",
            "Sales: \(money.format(totals.sales))",
            "Sales per labour hour: " + (totals.splh.map { money.format(Int($0.rounded())) } ?? "–"),
        ]
        if seesCost(context) {
            lines.append(
                "Labour cost: \(money.format(Int(totals.labourCost.rounded())))"
                    + (totals.labourPercent.map { String(format: " — %.1f%% of sales", $0) } ?? ""))
            if totals.hoursWithoutRate > 0 {
                lines.append(
                    "\(NumberText.short(totals.hoursWithoutRate)) hours have no rate: counted in hours, not in cost.")
            }
        } else {
            lines.append("Labour cost is for managers and owners.")
        }
        var blocks: [Reply.Block] = [.title(title), .text(lines.joined(separator: "\n"))]
        if let table = try dayTable(from: resolved.start, to: resolved.end, metrics: metrics, context: context) {
            blocks.append(.table(table))
        }
        return Reply(blocks: blocks)
    }

    /// Per day of a span of two days to a fortnight: hours, sales per labour hour and, for managers and owners,
    /// labour as a share of sales.
    func dayTable(from start: Date, to end: Date, metrics: StaffingMetrics, context: HandlerContext) throws -> Table? {
        let calendar = context.org.calendar
        var days: [Date] = []
        var day = calendar.startOfDay(start)
        while day < end, days.count <= 14 {
            days.append(day)
            day = calendar.startOfDay(day, adding: 1)
        }
        guard (2...14).contains(days.count) else { return nil }
        let money = context.money
        var rows: [[String]] = []
        for day in days {
            let totals = try metrics.totals(from: max(day, start), to: min(calendar.startOfDay(day, adding: 1), end))
            guard totals.shifts > 0 || totals.sales > 0 else { continue }
            var row = [
                context.dates.day(day, now: context.now), NumberText.short(totals.labourHours),
                totals.splh.map { money.format(Int($0.rounded())) } ?? "–",
            ]
            if seesCost(context) { row.append(totals.labourPercent.map { String(format: "%.0f%%", $0) } ?? "–") }
            rows.append(row)
        }
        guard rows.count >= 2 else { return nil }
        var columns = [Table.Column("Day"), Table.Column("Hours", .right), Table.Column("SPLH", .right)]
        if seesCost(context) { columns.append(Table.Column("Lab%", .right)) }
        return Table(columns: columns, rows: rows)
    }

    private func offTarget(_ period: Period, over: Bool?, metrics: StaffingMetrics, context: HandlerContext) throws
        -> Reply
    {
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        let title = PeriodText(calendar: context.org.calendar, now: context.now).title(
            (over == true ? "Overstaffed hours" : over == false ? "Understaffed hours" : "Hours off target")
                + (metrics.location.map { " at \($0)" } ?? ""), resolved)
        guard let (target, rule) = try metrics.target(now: context.now) else {
            return Reply(blocks: [
                .title(title), .text("No shifts in the last 8 weeks to set a target from. Import a shifts CSV first."),
            ])
        }
        let result = try metrics.offTarget(from: resolved.start, to: resolved.end, target: target)
        let dates = context.dates
        func describe(_ entry: StaffingMetrics.OffTarget) -> String {
            "\(dates.moment(entry.hour.start, now: context.now)) — \(NumberText.short(entry.hour.people)) on, "
                + "\(NumberText.short(entry.needed)) needed (\(entry.difference > 0 ? "+" : "")\(NumberText.short(entry.difference)))"
        }
        var lines: [String] = []
        if over != false {
            lines.append(result.over.isEmpty ? "Overstaffed: none." : "Overstaffed (\(result.over.count)):")
            lines += result.over.prefix(8).map(describe)
            if result.over.count > 8 { lines.append("+\(result.over.count - 8) more") }
        }
        if over != true {
            lines.append(result.under.isEmpty ? "Understaffed: none." : "Understaffed (\(result.under.count)):")
            lines += result.under.prefix(8).map(describe)
            if result.under.count > 8 { lines.append("+\(result.under.count - 8) more") }
        }
        lines.append(
            "Target: \(context.money.format(Int(target.rounded()))) sales per labour hour, \(rule) "
                + "(“settings splh target 60” or “settings labour target 25%” sets one). An hour is off when the people on and the people its sales needed differ by a whole person "
                + "(at least one while open).")
        return Reply(blocks: [.title(title), .text(lines.joined(separator: "\n"))])
    }

    private func working(_ days: StaffingCommand.Days, metrics: StaffingMetrics, context: HandlerContext) throws
        -> Reply
    {
        let calendar = context.org.calendar
        let (start, end) = span(days, context: context)
        let shifts = try metrics.shifts(from: start, to: end).map(\.shift)
        let span = context.dates.days(start, calendar.startOfDay(end, adding: -1), now: context.now)
        guard !shifts.isEmpty else {
            return .text("No shifts on the rota for \(span). Import the shifts file for those dates to see who works.")
        }
        var lines: [String] = []
        var current = ""
        for shift in shifts.prefix(40) {
            let day = context.dates.day(calendar.startOfDay(shift.startsAt), now: context.now)
            if day != current {
                current = day
                lines.append("\(day):")
            }
            lines.append(
                "  \(shift.person) \(times(shift, context: context))" + (shift.role.isEmpty ? "" : " · \(shift.role)"))
        }
        if shifts.count > 40 { lines.append("+\(shifts.count - 40) more shifts") }
        var blocks: [Reply.Block] = [.title("Who works: \(span)"), .text(lines.joined(separator: "\n"))]
        // A rota still to come is checked against the forecast.
        if end > context.now,
            let check = try RotaCheck(store: context.store, org: context.org).check(
                from: start, to: end, now: context.now)
        {
            blocks.append(.text(rotaLines(check, over: nil, brief: true, context: context).joined(separator: "\n")))
        }
        return Reply(blocks: blocks)
    }

    /// The local days `days` names, as a span.
    func span(_ days: StaffingCommand.Days, context: HandlerContext) -> (Date, Date) {
        let calendar = context.org.calendar
        let today = calendar.startOfDay(context.now)
        let (start, end): (Date, Date)
        switch days {
        case .today: (start, end) = (today, calendar.startOfDay(context.now, adding: 1))
        case .tomorrow:
            (start, end) = (calendar.startOfDay(context.now, adding: 1), calendar.startOfDay(context.now, adding: 2))
        case .weekday(let weekday):
            let ahead = (weekday - calendar.calendar.component(.weekday, from: context.now) + 7) % 7
            (start, end) = (
                calendar.startOfDay(context.now, adding: ahead), calendar.startOfDay(context.now, adding: ahead + 1)
            )
        case .thisWeek:
            (start, end) = (
                calendar.startOfWeek(context.now), calendar.startOfDay(calendar.startOfWeek(context.now), adding: 7)
            )
        case .nextWeek:
            let next = calendar.startOfDay(calendar.startOfWeek(context.now), adding: 7)
            (start, end) = (next, calendar.startOfDay(next, adding: 7))
        case .past(let period):
            let resolved = period.resolve(now: context.now, calendar: calendar)
            (start, end) = (resolved.start, resolved.end)
        }
        return (start, end)
    }

    private func myShifts(metrics: StaffingMetrics, context: HandlerContext) throws -> Reply {
        let calendar = context.org.calendar
        let from = calendar.startOfDay(context.now, adding: -7)
        let to = calendar.startOfDay(context.now, adding: 15)
        let linked = Set(
            try context.store.rotaNames(orgID: context.org.id).filter { $0.value == context.member.id }.map(\.key))
        var names = linked
        var guessed: String?
        if linked.isEmpty {
            // Not linked yet: the rota names that are the member's name, or start with its first name.
            let full = context.member.name.lowercased()
            let first = full.split(separator: " ").first.map(String.init) ?? full
            let people = try context.store.rotaPeople(orgID: context.org.id, from: from, to: to)
            let exact = people.filter { $0.lowercased() == full }
            let candidates =
                exact.isEmpty
                ? people.filter { $0.lowercased().split(separator: " ").first.map(String.init) == first } : exact
            if candidates.count > 1 {
                return Reply(
                    blocks: [
                        .text(
                            "Which of these is you on the rota? (“I am \(candidates[0]) on the rota” tells me for good.)"
                        )
                    ],
                    buttons: candidates.prefix(6).map {
                        Reply.Button(label: $0, action: "I am \($0) on the rota")
                    })
            }
            guessed = candidates.first
            names = Set(candidates.map { $0.lowercased() })
        }
        let mine = try metrics.shifts(from: from, to: to).filter { worked in
            worked.memberID == context.member.id || names.contains(worked.shift.person.lowercased())
        }
        guard !mine.isEmpty else {
            return .text(
                "No shifts for \(context.member.name) from last week to two weeks ahead on the rota. "
                    + "If the rota spells you differently: “I am Sam K on the rota”.")
        }
        let hours = mine.reduce(0.0) { total, worked in
            let shift = worked.shift
            return total
                + max(0, shift.endsAt.timeIntervalSince(shift.startsAt) / 3600 - Double(shift.breakMinutes) / 60)
        }
        let lines = mine.map { worked in
            "\(context.dates.day(calendar.startOfDay(worked.shift.startsAt), now: context.now)) \(times(worked.shift, context: context))"
        }
        var text = lines.joined(separator: "\n") + "\n\(NumberText.short(hours)) hours in all."
        if let guessed, guessed.lowercased() != context.member.name.lowercased() {
            text += "\nAs “\(guessed)” on the rota; “I am … on the rota” changes it."
        }
        return Reply(blocks: [.title("Shifts: \(context.member.name)"), .text(text)])
    }

    /// "sam is Sam K on the rota": the member's shifts under that name are theirs. Anyone may say who they are;
    /// linking someone else is for managers and owners.
    private func linkRotaName(member: String?, person: String, context: HandlerContext) throws -> Reply {
        let target: Member
        if let member {
            switch try MemberResolver(context: context).resolve(member) {
            case .one(let found): target = found
            case .several(let found):
                return Reply(
                    blocks: [.text("Which \(member)?")],
                    buttons: MemberResolver.buttons(found) { "id:\($0.userKey) is \(person) on the rota" })
            case .none:
                return .text(
                    "I don't know “\(member)” in this shop. “team” lists its people; they join with an invite.")
            }
        } else {
            target = context.member
        }
        guard target.id == context.member.id || context.member.role >= .manager else {
            return .text(
                "Only managers and owners can say who someone else is on the rota; “I am … on the rota” is yours.")
        }
        let linked = try context.store.linkRotaName(person, memberID: target.id, orgID: context.org.id)
        let who = target.id == context.member.id ? "You are" : "\(target.name) is"
        return .text(
            "\(who) “\(person)” on the rota: "
                + (linked == 0
                    ? "no shift has that name yet; the next rota with it will be linked."
                    : "\(NumberText.grouped(linked)) shift\(linked == 1 ? "" : "s") linked. “my shifts” shows them."))
    }
}
