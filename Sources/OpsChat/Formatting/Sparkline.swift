/// A row of block characters that shows a series' shape in one line: "▁▂▅▇█▃".
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// At most `width` characters: longer series are averaged into buckets.
    public static func render(_ values: [Int], width: Int = 30) -> String {
        guard !values.isEmpty else { return "" }
        var series = values.map(Double.init)
        if series.count > width {
            let size = Double(series.count) / Double(width)
            series = (0..<width).map { bucket in
                let from = Int(Double(bucket) * size)
                let to = max(from + 1, Int(Double(bucket + 1) * size))
                let slice = values[from..<min(to, values.count)]
                return slice.reduce(0.0) { $0 + Double($1) } / Double(slice.count)
            }
        }
        series = series.map { $0.isFinite ? $0 : 0 }
        let low = series.min() ?? 0
        let high = series.max() ?? 0
        guard high > low else { return String(repeating: high > 0 ? "▄" : "▁", count: series.count) }
        let span = high - low
        return String(
            series.map { value -> Character in
                let level: Double = ((value - low) / span * 7.999).rounded(.down)
                return blocks[min(7, max(0, level.clampedInt))]
            })
    }
}
