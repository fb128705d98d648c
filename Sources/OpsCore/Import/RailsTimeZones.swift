import Foundation

/// Square writes the "Time Zone" column with Rails-style names; this maps the common ones to IANA zones.
enum RailsTimeZones {
    static let names: [String: String] = [
        "Pacific Time (US & Canada)": "America/Los_Angeles", "Mountain Time (US & Canada)": "America/Denver",
        "Central Time (US & Canada)": "America/Chicago", "Eastern Time (US & Canada)": "America/New_York",
        "Arizona": "America/Phoenix", "Alaska": "America/Juneau", "Hawaii": "Pacific/Honolulu",
        "Atlantic Time (Canada)": "America/Halifax", "Newfoundland": "America/St_Johns",
        "London": "Europe/London", "Edinburgh": "Europe/London", "Dublin": "Europe/Dublin",
        "Lisbon": "Europe/Lisbon", "Paris": "Europe/Paris", "Berlin": "Europe/Berlin", "Madrid": "Europe/Madrid",
        "Rome": "Europe/Rome", "Amsterdam": "Europe/Amsterdam", "Brussels": "Europe/Brussels",
        "Stockholm": "Europe/Stockholm", "Copenhagen": "Europe/Copenhagen", "Vienna": "Europe/Vienna",
        "Warsaw": "Europe/Warsaw", "Athens": "Europe/Athens", "Helsinki": "Europe/Helsinki",
        "Sydney": "Australia/Sydney", "Melbourne": "Australia/Melbourne", "Brisbane": "Australia/Brisbane",
        "Adelaide": "Australia/Adelaide", "Perth": "Australia/Perth", "Auckland": "Pacific/Auckland",
        "Tokyo": "Asia/Tokyo", "Singapore": "Asia/Singapore", "Hong Kong": "Asia/Hong_Kong", "UTC": "UTC",
    ]

    static func zone(_ name: String) -> TimeZone? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let identifier = names[trimmed] { return TimeZone(identifier: identifier) }
        return TimeZone(identifier: trimmed) ?? TimeZone(abbreviation: trimmed)
    }
}
