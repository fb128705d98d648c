/// Staffing questions: labour against sales, hours off target, who works when.
public enum StaffingCommand: Sendable, Equatable {
    /// The days a "who works" question names; a weekday is the coming one (today included).
    public enum Days: Sendable, Equatable {
        case today
        case tomorrow
        case weekday(Int)
        case thisWeek
        case nextWeek
        case past(Period)
    }

    /// "staffing last week", "labour cost this month", "sales per labour hour"; "… at Market": one location's.
    case summary(Period, location: String? = nil)
    /// "overstaffed hours", "understaffed yesterday"; `over` nil: both.
    case offTarget(Period, over: Bool?, location: String? = nil)
    /// "are we overstaffed on sunday", "do we need more people saturday morning", "check next week's rota": the
    /// planned shifts against the forecast; `localHours` the part of the day named (a morning: 0 ..< 12).
    case rota(Days, over: Bool?, localHours: Range<Int>?)
    /// "who's on shift": now.
    case onShift
    /// "who's working today", "who works saturday", "next week's rota".
    case working(Days)
    /// "my shifts".
    case myShifts
    /// "sam is Sam K on the rota", "I am Sam K on the rota": `member` nil is the one asking; `person` as typed.
    case linkRotaName(member: String?, person: String)

    /// The same question about one location, where it can be asked of one.
    func at(_ location: String) -> StaffingCommand? {
        switch self {
        case .summary(let period, _): return .summary(period, location: location)
        case .offTarget(let period, let over, _): return .offTarget(period, over: over, location: location)
        default: return nil
        }
    }
}
