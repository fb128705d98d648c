import Foundation

/// The local day, weekday and hour of instants in one zone, by the zone's offset, looked up again only past a
/// daylight-saving change. Foundation's calendar maths costs microseconds a call, and the staffing answers ask it
/// for every hour of weeks of trade.
struct LocalClock {
    let zone: TimeZone
    private var offset = 0
    private var validFrom = TimeInterval.infinity
    private var validUntil = -TimeInterval.infinity

    init(zone: TimeZone) { self.zone = zone }

    /// Seconds since 1970 on the local wall clock.
    mutating func localSeconds(_ date: Date) -> Int {
        let seconds = date.timeIntervalSince1970
        if seconds < validFrom || seconds >= validUntil {
            offset = zone.secondsFromGMT(for: date)
            validFrom = seconds
            validUntil = zone.nextDaylightSavingTimeTransition(after: date)?.timeIntervalSince1970 ?? .infinity
        }
        return Int(seconds.rounded(.down)) + offset
    }

    /// The local day, as days since 1970-01-01 (`CivilDate.daysSince1970`).
    mutating func day(_ date: Date) -> Int { Self.floorDivide(localSeconds(date), 86_400) }

    /// 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday.
    static func weekday(ofDay day: Int) -> Int { ((day + 4) % 7 + 7) % 7 }

    mutating func weekday(_ date: Date) -> Int { Self.weekday(ofDay: day(date)) }

    mutating func hour(_ date: Date) -> Int {
        let seconds = localSeconds(date)
        return (seconds - Self.floorDivide(seconds, 86_400) * 86_400) / 3600
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
