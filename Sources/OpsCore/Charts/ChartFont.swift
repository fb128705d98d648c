import Foundation

/// Anti-aliased glyphs built into the binary (`ChartFont+Glyphs`, made by Tools/make-chart-font.py), so a
/// chart's labels need no font installed. Sizes are in pixels at the charts' 2× density.
struct ChartFont: Sendable {
    struct Glyph: Sendable {
        let advance: Int
        let left: Int
        let top: Int
        let width: Int
        let height: Int
        let offset: Int
    }

    let ascent: Int
    let descent: Int
    private let glyphs: [UInt32: Glyph]
    let alpha: [UInt8]
    /// What a character the font lacks is drawn as.
    private let fallback: Glyph?

    init(ascent: Int, descent: Int, glyphs: [(UInt32, Int, Int, Int, Int, Int, Int)], alpha: String) {
        self.ascent = ascent
        self.descent = descent
        var table: [UInt32: Glyph] = [:]
        for (scalar, advance, left, top, width, height, offset) in glyphs {
            table[scalar] = Glyph(
                advance: advance, left: left, top: top, width: width, height: height, offset: offset)
        }
        self.glyphs = table
        self.alpha = Data(base64Encoded: alpha.filter { !$0.isWhitespace }).map(Array.init) ?? []
        self.fallback = table[UInt32(("?" as Unicode.Scalar).value)]
    }

    func glyph(_ scalar: Unicode.Scalar) -> Glyph? { glyphs[scalar.value] ?? fallback }

    /// Width in pixels of `text` set in this font.
    func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (glyph($1)?.advance ?? 0) }
    }

    var lineHeight: Int { ascent + descent }
}
