import Foundation
import OpsCore

/// "are we overstaffed on sunday", "do we need more people saturday morning", and the check under a rota still
/// to come: the planned shifts against the people the forecast sales need.
extension StaffingHandler {
    func rota(_ days: StaffingCommand.Days, over: Bool?, localHours: Range<Int>?, context: HandlerContext) throws
        -> Reply
    {
        let calendar = context.org.calendar
        let (start, end) = span(days, context: context)
        let named = context.dates.days(start, calendar.startOfDay(end, adding: -1), now: context.now)
        let part = localHours.map { " \(Self.partName($0))" } ?? ""
        let title = "Rota vs forecast: \(named)\(part)"
        guard
            let check = try RotaCheck(store: context.store, org: context.org).check(
                from: start, to: end, now: context.now, localHours: localHours)
        else {
            let planned = try StaffingMetrics(store: context.store, org: context.org).shifts(from: start, to: end)
            let why =
                planned.isEmpty
                ? "No shifts are planned for \(named)\(part) yet: import the rota (a shifts file for those dates) and I'll check it against the forecast."
                : "No shifts in the last 8 weeks to set a target from, and none set (“settings splh target 60”)."
            var text = why
            if case .weekday(let weekday) = days {
                text +=
                    " “\(over == false ? "understaffed" : "overstaffed") last \(Self.weekdayNames[weekday - 1])” checks the last one by its sales."
            }
            return Reply(blocks: [.title(title), .text(text)])
        }
        return Reply(blocks: [
            .title(title), .text(rotaLines(check, over: over, brief: false, context: context).joined(separator: "\n")),
        ])
    }

    static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    static func partName(_ hours: Range<Int>) -> String {
        switch (hours.lowerBound, hours.upperBound) {
        case (0, 12): return "morning"
        case (11, 14): return "lunchtime"
        case (12, 17): return "afternoon"
        case (17, 24): return "evening"
        default: return "\(hours.lowerBound):00–\(hours.upperBound):00"
        }
    }

    /// The planned hours against the forecast: what to add, what to cut, with the wages for managers and owners.
    /// `brief`: under a rota, the changes and the rule in short.
    func rotaLines(_ check: RotaCheck.Result, over: Bool?, brief: Bool, context: HandlerContext) -> [String] {
        let money = context.money
        let dates = context.dates
        let cost = seesCost(context)
        func pounds(_ minor: Double) -> String { money.format(Int(minor.rounded())) }
        func describe(_ change: RotaCheck.Change) -> String {
            let count = abs(change.people)
            var line =
                "\(dates.day(change.start, now: context.now)) \(dates.time(change.start))–\(dates.time(change.end)): "
                + "\(change.people > 0 ? "+" : "−")\(count) \(count == 1 ? "person" : "people")"
            line += " (~\(pounds(change.forecastSales)) forecast sales"
            if cost, let wages = change.wages {
                line += change.people > 0 ? ", ~\(pounds(wages)) in wages)" : "; saves ~\(pounds(wages)))"
            } else {
                line += ")"
            }
            return line
        }
        var lines: [String] = []
        var planned =
            "Planned: \(NumberText.short(check.plannedHours)) labour hours for ~\(pounds(check.forecastSales)) forecast sales"
        if cost, check.plannedCost > 0 {
            planned += ", \(pounds(check.plannedCost)) in wages"
            if check.forecastSales > 0 {
                planned += String(format: " (%.1f%% of sales)", check.plannedCost / check.forecastSales * 100)
            }
        }
        lines.append(planned)
        let limit = brief ? 5 : 10
        if over != true {
            lines.append(check.add.isEmpty ? "Add: none." : "Add (\(check.add.count)):")
            lines += check.add.prefix(limit).map { "  " + describe($0) }
            if check.add.count > limit { lines.append("  +\(check.add.count - limit) more") }
        }
        if over != false {
            lines.append(check.cut.isEmpty ? "Cut: none." : "Cut (\(check.cut.count)):")
            lines += check.cut.prefix(limit).map { "  " + describe($0) }
            if check.cut.count > limit { lines.append("  +\(check.cut.count - limit) more") }
        }
        lines.append(
            "Needed = forecast sales ÷ \(money.format(Int(check.target.rounded()))) per labour hour (\(check.rule)); "
                + "an hour is off when planned and needed differ by a whole person (at least one while open)."
                + (brief
                    ? ""
                    : " The forecast is the last half year's takings by day, spread by each hour's share over the last 8 weeks.")
        )
        return lines
    }
}
