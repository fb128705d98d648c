import Foundation

/// The one table `opsbot-bench` ends with: every figure beside its anchor measured in the same run, their ratio,
/// the target and whether it is met. The README's performance section is this table.
struct PerformanceTable {
    struct Row {
        let figure: String
        /// The measured value, in `unit`.
        let value: Double
        let unit: String
        /// What the value is compared with, measured in the same run (sqlite3's own import, the process floor).
        let anchor: (name: String, value: Double)?
        /// The target: a ratio to the anchor when `ratioTarget`, else the value itself.
        let limit: Double
        let ratioTarget: Bool
        /// A figure that could not be measured honestly (an answer that was not the question's) says why.
        var failure: String? = nil

        var ratio: Double? { anchor.map { $0.value > 0 ? value / $0.value : .infinity } }
        var met: Bool {
            guard failure == nil else { return false }
            return ratioTarget ? (ratio ?? .infinity) <= limit : value <= limit
        }
    }

    private(set) var rows: [Row] = []

    mutating func add(
        _ figure: String, _ value: Double, _ unit: String, anchor: (String, Double)? = nil, limit: Double,
        ratio: Bool = false, failure: String? = nil
    ) {
        rows.append(
            Row(
                figure: figure, value: value, unit: unit, anchor: anchor.map { (name: $0.0, value: $0.1) },
                limit: limit, ratioTarget: ratio, failure: failure))
    }

    static func number(_ value: Double, _ unit: String) -> String {
        switch unit {
        case "s": return String(format: "%.2f s", value)
        case "MB", "MiB": return String(format: "%.1f %@", value, unit)
        case "ms": return String(format: value < 10 ? "%.2f ms" : value < 100 ? "%.1f ms" : "%.0f ms", value)
        default: return String(format: value < 10 ? "%.2f %@" : "%.0f %@", value, unit)
        }
    }

    /// Markdown, so the README can take it as printed.
    func printed(load: String) -> String {
        var lines = [
            "| Figure | Measured | Anchor (same run) | Ratio | Target | Met |",
            "|---|---:|---|---:|---:|:---:|",
        ]
        for row in rows {
            let anchor = row.anchor.map { "\($0.name) \(Self.number($0.value, row.unit))" } ?? "—"
            let ratio = row.ratio.map { String(format: "%.2f×", $0) } ?? "—"
            let target =
                row.ratioTarget
                ? String(format: "≤ %.1f×", row.limit) : "≤ " + Self.number(row.limit, row.unit)
            let value = row.failure.map { "failed: \($0)" } ?? Self.number(row.value, row.unit)
            lines.append(
                "| \(row.figure) | \(value) | \(anchor) | \(ratio) | \(target) | \(row.met ? "yes" : "**no**") |")
        }
        lines.append("")
        lines.append(load)
        return lines.joined(separator: "\n")
    }

    /// The machine as the figures were taken: its cores and load averages, and the date.
    static func machine() -> String {
        let load =
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ") ?? "?"
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let day = ISO8601DateFormatter().string(from: Date()).prefix(10)
        return "Measured \(day) on \(cores) cores, load average \(load) (1, 5, 15 min) at the end."
    }
}
