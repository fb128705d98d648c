/// An opaque colour, 8 bits a channel. The palette reads on a phone in light and dark mode alike: mid-tone
/// colours on an off-white card.
public struct ChartColor: Sendable, Equatable {
    public let red: UInt8
    public let green: UInt8
    public let blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// "#2f6fdf" for SVG.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + [red, green, blue].map { "\(digits[Int($0 >> 4)])\(digits[Int($0 & 15)])" }.joined()
    }

    public static let background = ChartColor(250, 250, 248)
    public static let ink = ChartColor(40, 44, 52)
    public static let muted = ChartColor(110, 116, 128)
    public static let grid = ChartColor(222, 224, 228)
    public static let primary = ChartColor(47, 111, 223)
    public static let secondary = ChartColor(160, 166, 178)
    public static let accent = ChartColor(230, 126, 34)
    public static let good = ChartColor(39, 160, 96)
    public static let band = ChartColor(205, 220, 246)
}
