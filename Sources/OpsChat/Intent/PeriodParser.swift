import OpsCore

/// Finds the period named in a message's words: "today", "last week", "last 7 days", "7d", "since Monday",
/// "on Saturday", "in October", "1-15 Nov", "2024-11-01 to 2024-11-30". Returns the period and the indices of
/// the words it did not use.
struct PeriodParser {
    static let weekdays: [String: Int] = [
        "sunday": 1, "sun": 1, "sundays": 1, "monday": 2, "mon": 2, "mondays": 2, "tuesday": 3, "tue": 3, "tues": 3,
        "tuesdays": 3, "wednesday": 4, "wed": 4, "weds": 4, "wednesdays": 4, "thursday": 5, "thu": 5, "thur": 5,
        "thurs": 5, "thursdays": 5, "friday": 6, "fri": 6, "fridays": 6, "saturday": 7, "sat": 7, "saturdays": 7,
    ]
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let numbers: [String: Int] = [
        "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
        "thirty": 30, "sixty": 60, "ninety": 90, "couple": 2, "few": 3,
    ]
    static let thisWords: Set<String> = ["this", "current", "so", "far"]
    static let lastWords: Set<String> = ["last", "lst", "previous", "past", "prev", "recent"]
    static let rangeWords: Set<String> = ["to", "until", "till", "through", "thru", "and"]

    /// All the words every period could be written with, for the typo rule.
    static var vocabulary: Set<String> {
        Set(weekdays.keys).union(months.keys).union(["today", "yesterday", "week", "month", "year", "days", "weeks"])
            .union(["months", "since", "weekly", "monthly", "yearly", "fortnight", "weekend", "between"])
    }

    static func number(_ word: String) -> Int? { Int(word) ?? numbers[word] }

    /// "1st" → "1", "15th" → "15", "1st-15th" → "1-15": ordinals read as the numbers they are.
    static func withoutOrdinals(_ word: String) -> String {
        guard word.first?.isNumber == true else { return word }
        return word.split(separator: "-", omittingEmptySubsequences: false).map { part -> String in
            for suffix in ["st", "nd", "rd", "th"] where part.hasSuffix(suffix) {
                let number = part.dropLast(2)
                if !number.isEmpty, number.allSatisfy(\.isNumber) { return String(number) }
            }
            return String(part)
        }.joined(separator: "-")
    }

    func parse(_ typedWords: [String]) -> (Period?, [Int]) {
        let words = typedWords.map(Self.withoutOrdinals)
        var used = Set<Int>()
        var period: Period?
        func take(_ indices: Int..., as found: Period) {
            if period == nil { period = found }
            used.formUnion(indices)
        }
        var index = 0
        while index < words.count {
            let word = words[index]
            let next = index + 1 < words.count ? words[index + 1] : nil
            let previous = index > 0 ? words[index - 1] : nil
            switch word {
            case "today", "tday", "tdy", "2day", "tonight", "tonite", "todays": take(index, as: .today)
            case "yesterday", "yday", "yesterdays", "ystd": take(index, as: .yesterday)
            case "weekly", "wtd": take(index, as: .thisWeek)
            case "daily": take(index, as: .today)
            case "monthly", "mtd": take(index, as: .thisMonth)
            case "ytd", "yearly": take(index, as: .thisYear)
            case "week", "wk", "month", "year", "yr":
                let isLast = previous.map(Self.lastWords.contains) ?? false
                let unit = word.hasPrefix("w") ? 0 : word == "month" ? 1 : 2
                let found: Period =
                    isLast
                    ? [Period.lastWeek, .lastMonth, .lastYear][unit] : [Period.thisWeek, .thisMonth, .thisYear][unit]
                if let previous, Self.lastWords.contains(previous) || Self.thisWords.contains(previous) {
                    take(index - 1, index, as: found)
                } else {
                    take(index, as: found)
                }
            case "fortnight", "fortnights":
                // "past fortnight", "last fortnight", "this fortnight": the last 14 days.
                if let previous, Self.lastWords.contains(previous) || Self.thisWords.contains(previous) {
                    take(index - 1, index, as: .lastDays(14))
                } else {
                    take(index, as: .lastDays(14))
                }
            case "weekend", "wkend", "wknd":
                // "weekend vs weekday" compares them: no period.
                let compares = words.contains {
                    ["weekday", "weekdays", "vs", "versus", "compared", "better"].contains($0)
                }
                guard !compares else { break }
                let isLast = previous.map(Self.lastWords.contains) ?? false
                if let previous, isLast || Self.thisWords.contains(previous) {
                    take(index - 1, index, as: .weekend(last: isLast))
                } else {
                    take(index, as: .weekend(last: false))
                }
            case "weeks" where previous.map { Self.lastWords.contains($0) || $0 == "this" } ?? false:
                // "last weeks takings", "this weeks sales" (the apostrophe of "week's" is dropped).
                take(index - 1, index, as: previous == "this" ? .thisWeek : .lastWeek)
            case "days", "day", "weeks", "wks", "months":
                // "last 7 days", "past two weeks", "30 days"
                guard let previous, let count = Self.number(previous), count > 0 else { break }
                var indices = [index - 1, index]
                if index >= 2, Self.lastWords.contains(words[index - 2]) { indices.append(index - 2) }
                let found: Period =
                    word.hasPrefix("w")
                    ? .lastWeeks(count)
                    : word.hasPrefix("month")
                        ? .lastDays(count * 30) : .lastDays(count)
                if period == nil { period = found }
                used.formUnion(indices)
            case "since":
                if let next, let weekday = Self.weekdays[next] { take(index, index + 1, as: .since(weekday: weekday)) }
            default:
                if let found = compact(word) {
                    take(index, as: found)
                } else if let weekday = Self.weekdays[word], !(word == "sun" && previous != "on") {
                    if previous == "since" { break }
                    take(index, as: .onWeekday(weekday))
                } else if let (found, consumed) = explicitDates(words, at: index) {
                    if period == nil { period = found }
                    used.formUnion(consumed)
                    index = (consumed.max() ?? index)
                } else if let month = Self.months[word], word != "may" && word != "mar" || previous == "in" {
                    take(index, as: .month(month))
                } else if word != typedWords[index], let day = Int(word), (1...31).contains(day),
                    previous == "the" || previous == "on"
                {
                    // "the 3rd", "on the 3rd": an ordinal with no month is a day of this month.
                    take(index, as: .dayOfMonth(day))
                    if previous == "the" { used.insert(index - 1) }
                }
            }
            index += 1
        }
        // "in", "on", "for" and "during" before a period belong to it.
        for position in used.sorted() where position > 0 {
            if ["in", "on", "for", "during", "from", "of"].contains(words[position - 1]) { used.insert(position - 1) }
        }
        return (period, words.indices.filter { !used.contains($0) })
    }

    /// "7d", "30d", "2w".
    private func compact(_ word: String) -> Period? {
        guard word.count >= 2, let last = word.last, last == "d" || last == "w",
            let count = Int(word.dropLast()), count > 0
        else { return nil }
        return last == "d" ? .lastDays(count) : .lastWeeks(count)
    }

    /// ISO dates and ranges, and day-month forms: "2024-11-01 to 2024-11-30", "1-15 nov", "1 nov - 15 nov",
    /// "nov 1-15", "15 nov".
    private func explicitDates(_ words: [String], at index: Int) -> (Period, [Int])? {
        let word = words[index]
        func at(_ position: Int) -> String? { position < words.count ? words[position] : nil }
        if let first = Self.isoDate(word) {
            var position = index + 1
            if let connector = at(position), Self.rangeWords.contains(connector) { position += 1 }
            if let next = at(position), let last = Self.isoDate(next) {
                return (.dates(first, last), Array(index...position))
            }
            return (.dates(first, first), [index])
        }
        // A month then days: "nov 1-15", "nov 3".
        if let month = Self.months[word], let next = at(index + 1) {
            if let (from, to) = Self.dayRange(next) {
                return (.monthDays(month: month, from: from, to: to), [index, index + 1])
            }
            if let day = Int(next), (1...31).contains(day) {
                return (.monthDays(month: month, from: day, to: day), [index, index + 1])
            }
        }
        // "1-15" then a month, or a month then "1-15".
        if let (from, to) = Self.dayRange(word) {
            if let name = at(index + 1), let month = Self.months[name] {
                return (.monthDays(month: month, from: from, to: to), [index, index + 1])
            }
            if index > 0, let month = Self.months[words[index - 1]] {
                return (.monthDays(month: month, from: from, to: to), [index - 1, index])
            }
        }
        // "between 10 and 20 nov", "10 to 20 nov".
        if let day = Int(word), (1...31).contains(day), let connector = at(index + 1),
            Self.rangeWords.contains(connector), let endText = at(index + 2), let end = Int(endText),
            (day...31).contains(end), let name = at(index + 3), let month = Self.months[name]
        {
            var consumed = Array(index...(index + 3))
            if index > 0, words[index - 1] == "between" || words[index - 1] == "from" { consumed.append(index - 1) }
            return (.monthDays(month: month, from: day, to: end), consumed)
        }
        // "1 nov", "1 nov to 15 nov", "1 nov - 15 nov" (the "-" is dropped by the tokenizer).
        if let day = Int(word), (1...31).contains(day), let name = at(index + 1), let month = Self.months[name] {
            var position = index + 2
            if let connector = at(position), Self.rangeWords.contains(connector) { position += 1 }
            if let endText = at(position), let end = Int(endText), (1...31).contains(end),
                let endName = at(position + 1), Self.months[endName] == month
            {
                return (.monthDays(month: month, from: day, to: end), Array(index...(position + 1)))
            }
            return (.monthDays(month: month, from: day, to: day), [index, index + 1])
        }
        return nil
    }

    static func isoDate(_ word: String) -> CivilDate? {
        let parts = word.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), (1900...2200).contains(year),
            let month = Int(parts[1]),
            let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    static func dayRange(_ word: String) -> (Int, Int)? {
        let parts = word.split(separator: "-")
        guard parts.count == 2, let from = Int(parts[0]), let to = Int(parts[1]), (1...31).contains(from),
            (1...31).contains(to), from <= to
        else { return nil }
        return (from, to)
    }
}
