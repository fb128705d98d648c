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

/// True when `a` becomes `b` by at most `limit` insertions, deletions, substitutions or swaps of neighbours
/// (optimal string alignment distance), computed only as far as the limit needs.
func isWithinEdits(_ limit: Int, _ a: [Character], _ b: [Character]) -> Bool {
    guard abs(a.count - b.count) <= limit else { return false }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit }
    var previousRow = [Int](repeating: 0, count: b.count + 1)
    var row = Array(0...b.count)
    var result = row
    for i in 1...a.count {
        previousRow = result
        result = row
        row = [Int](repeating: 0, count: b.count + 1)
        row[0] = i
        var smallest = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(result[j] + 1, row[j - 1] + 1, result[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previousRow[j - 2] + 1) }
            row[j] = value
            smallest = min(smallest, value)
        }
        if smallest > limit { return false }
    }
    return row[b.count] <= limit
}
