/// One-time codes for invites and the first owner's setup: random from the system's cryptographic generator
/// (getrandom on Linux), from an alphabet without look-alikes (no 0/O, 1/I/L), stored only as a SHA-256 hash.
public enum InviteCode {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    /// 10 characters of 31: about 49 bits, far beyond guessing at the rate wrong codes are allowed.
    static let length = 10

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// What people type back: upper case, no spaces or dashes.
    static func normalized(_ code: String) -> String {
        String(code.uppercased().filter { $0.isLetter || $0.isNumber })
    }

    static func hash(_ code: String) -> String { SHA256.hex(Array(normalized(code).utf8)) }

    /// The first characters, to tell invites apart in a list without showing the code.
    static func hint(_ code: String) -> String { String(normalized(code).prefix(3)) + "…" }
}
