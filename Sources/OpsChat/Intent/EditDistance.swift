/// True when `a` becomes `b` by at most one insertion, deletion, substitution or swap of neighbours.
func isWithinOneEdit(_ a: [Character], _ b: [Character]) -> Bool {
    if a == b { return true }
    let (short, long) = a.count <= b.count ? (a, b) : (b, a)
    guard long.count - short.count <= 1 else { return false }
    var i = 0
    while i < short.count && short[i] == long[i] { i += 1 }
    if short.count == long.count {
        if short[(i + 1)...] == long[(i + 1)...] { return true }
        // A swap of two neighbours: "yseterday".
        return i + 1 < short.count && short[i] == long[i + 1] && short[i + 1] == long[i]
            && short[(i + 2)...] == long[(i + 2)...]
    }
    return short[i...] == long[(i + 1)...]
}
