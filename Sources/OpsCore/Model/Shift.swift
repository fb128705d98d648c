import Foundation

/// A worked (or planned) shift. `hourlyRate` in minor units.
public struct Shift: Sendable, Equatable {
    public var person: String
    public var startsAt: Date
    public var endsAt: Date
    public var role: String
    public var hourlyRate: Int?
    public var location: String
    /// Unpaid break, in minutes: not worked, not paid.
    public var breakMinutes: Int

    public init(
        person: String, startsAt: Date, endsAt: Date, role: String = "", hourlyRate: Int? = nil, location: String = "",
        breakMinutes: Int = 0
    ) {
        self.breakMinutes = breakMinutes
        self.person = person
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.role = role
        self.hourlyRate = hourlyRate
        self.location = location
    }
}
