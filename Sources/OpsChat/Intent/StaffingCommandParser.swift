/// Reads staffing questions before the free-text rules: they share words with sales ("labour hours") and
/// with "not yet" (rotas), and each names its days its own way (a weekday here is the coming one).
struct StaffingCommandParser {
    static let summaryWords: Set<String> = [
        "staffing", "labour", "labor", "splh", "staff", "manhours",
    ]
    static let whoWords: Set<String> = ["working", "work", "works", "on", "in", "shift", "shifts", "rota", "rostered"]

    func parse(_ text: String) -> StaffingCommand? {
        if let link = rotaLink(text) { return link }
        let words = TextNormalizer.tokens(text)
        let set = Set(words)
        // "settings labour target 25%" is a setting.
        guard let first = words.first, !["settings", "setting", "set"].contains(first) else { return nil }
        func phrase(_ p: [String]) -> Bool { MessageFeatures.containsPhrase(words, p) }
        let (period, _) = PeriodParser().parse(words)

        if phrase(["my", "shifts"]) || phrase(["my", "shift"]) || phrase(["my", "rota"])
            || phrase(["when", "am", "i", "working"]) || phrase(["when", "do", "i", "work"])
        {
            return .myShifts
        }
        let over =
            !set.isDisjoint(with: ["overstaffed", "overstaffing"]) || phrase(["over", "staffed"])
            || phrase(["too", "many", "staff"]) || phrase(["too", "many", "people"])
        let under =
            !set.isDisjoint(with: ["understaffed", "understaffing"]) || phrase(["under", "staffed"])
            || phrase(["short", "staffed"]) || phrase(["more", "people"]) || phrase(["more", "staff"])
        if over || under {
            let which: Bool? = over && under ? nil : over
            if let days = comingDays(words) { return .rota(days, over: which, localHours: Self.partOfDay(words)) }
            return .offTarget(period ?? .lastWeek, over: which)
        }
        // "check next week's rota", "rota vs forecast", "is the rota right for saturday".
        if !set.isDisjoint(with: ["rota", "roster", "schedule"]),
            !set.isDisjoint(with: ["check", "forecast", "enough", "right", "ok", "okay", "vs", "against"])
        {
            return .rota(comingDays(words) ?? .nextWeek, over: nil, localHours: Self.partOfDay(words))
        }
        let asksWho = words.first == "who" || words.first == "whos" || set.contains("rota") || set.contains("roster")
        if asksWho, !set.isDisjoint(with: Self.whoWords) || set.contains("roster") {
            if set.contains("tomorrow") || set.contains("tmrw") { return .working(.tomorrow) }
            if phrase(["next", "week"]) || phrase(["next", "weeks"]) { return .working(.nextWeek) }
            if let weekday = words.compactMap({ PeriodParser.weekdays[$0] }).first, !set.contains("last") {
                return .working(.weekday(weekday))
            }
            if set.contains("today") || set.contains("tonight") { return .working(.today) }
            if phrase(["this", "week"]) { return .working(.thisWeek) }
            if let period { return .working(.past(period)) }
            // "who's on shift", "who is working", "who's in": now.
            return set.contains("rota") ? .working(.thisWeek) : .onShift
        }
        // "wages last week" is labour; "what's the minimum wage" is not a question of the shop's.
        let pay = !set.isDisjoint(with: ["wages", "payroll", "wage"]) && period != nil
        let summary =
            pay
            || !set.isDisjoint(with: Self.summaryWords)
                && (set.contains("staff") ? !set.isDisjoint(with: ["cost", "costs", "hours", "staffing"]) : true)
        if summary || phrase(["sales", "per", "labour", "hour"]) || phrase(["sales", "per", "labor", "hour"])
            || phrase(["labour", "cost"]) || phrase(["hours", "worked"])
        {
            return .summary(period ?? .lastWeek)
        }
        return nil
    }

    /// The coming days a question names: a weekday without "last" is the coming one (today included).
    private func comingDays(_ words: [String]) -> StaffingCommand.Days? {
        let set = Set(words)
        guard !set.contains("last"), !set.contains("yesterday") else { return nil }
        if set.contains("tomorrow") || set.contains("tmrw") { return .tomorrow }
        if MessageFeatures.containsPhrase(words, ["next", "week"])
            || MessageFeatures.containsPhrase(words, ["next", "weeks"])
        {
            return .nextWeek
        }
        // "on mondays" asks about a habit: the past weeks answer it, not the next rota.
        if let weekday = words.compactMap({ $0.hasSuffix("days") ? nil : PeriodParser.weekdays[$0] }).first {
            return .weekday(weekday)
        }
        if set.contains("tonight") { return .today }
        return nil
    }

    /// "morning", "afternoon", "evening", "lunch": the local hours meant.
    static func partOfDay(_ words: [String]) -> Range<Int>? {
        let set = Set(words)
        if set.contains("morning") || set.contains("mornings") { return 0..<12 }
        if set.contains("lunch") || set.contains("lunchtime") { return 11..<14 }
        if set.contains("afternoon") || set.contains("afternoons") { return 12..<17 }
        if set.contains("evening") || set.contains("evenings") || set.contains("tonight") { return 17..<24 }
        return nil
    }

    static let rotaSuffixes = [
        " on the rota", " on rota", " in the rota", " on the roster", " on the schedule", " on the rotas",
    ]

    /// "sam is Sam K on the rota", "I'm Sam K on the rota": the member's words and the rota name as typed.
    private func rotaLink(_ text: String) -> StaffingCommand? {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        guard let suffix = Self.rotaSuffixes.first(where: { body.lowercased().hasSuffix($0) }) else { return nil }
        body = String(body.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        for prefix in ["i am ", "i'm ", "im ", "i’m ", "me is "]
        where body.range(of: prefix, options: [.caseInsensitive, .anchored]) != nil {
            let person = body.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            return person.isEmpty ? nil : .linkRotaName(member: nil, person: person)
        }
        guard let range = body.range(of: " is ", options: .caseInsensitive) else { return nil }
        let member = String(body[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
        let person = String(body[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        guard !member.isEmpty, !person.isEmpty, member.split(separator: " ").count <= 3,
            !["who", "what", "when", "which", "where", "how"].contains(member.lowercased())
        else { return nil }
        return .linkRotaName(member: member, person: person)
    }
}
