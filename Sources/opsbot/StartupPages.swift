import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The program's and its libraries' file pages that only starting needed (migrations, configuration, the first
/// evaluations), handed back to the kernel once `opsbot run` is idle: `MADV_PAGEOUT` (Linux 5.4) reclaims the
/// clean file pages mapped only here, and the few a running bot uses come back at their next use. The kernel maps
/// 64 KB around every page fault, so a start touches far more of an 80 MB binary than it runs again.
struct StartupPages {
    /// Linux's `MADV_PAGEOUT`; Glibc's headers on Debian 12 name it, older ones do not.
    static let pageOut: Int32 = 21

    /// The address ranges to advise: private file mappings. Their copied-on-write pages are the process's own
    /// memory, which the kernel keeps (or swaps) rather than drops; shared ones (SQLite's `-shm`) are left alone.
    let ranges: [Range<UInt>]

    var bytes: Int { ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) } }

    /// This process's mappings now.
    init() { self.init(maps: Self.readWhole("/proc/self/maps") ?? "") }

    /// `maps` in the format of `/proc/PID/maps`: "start-end perms offset dev inode path".
    init(maps: String) {
        ranges = maps.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[5].hasPrefix("/"), fields[1].hasSuffix("p") else { return nil }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16),
                end > start
            else { return nil }
            return start..<end
        }
    }

    /// Advises every range; returns the bytes advised (0 where the kernel declines).
    @discardableResult
    func release() -> Int {
        var advised = 0
        for range in ranges {
            guard let address = UnsafeMutableRawPointer(bitPattern: range.lowerBound) else { continue }
            let length = Int(range.upperBound - range.lowerBound)
            if madvise(address, length, Self.pageOut) == 0 { advised += length }
        }
        return advised
    }

    /// A file read to its end. Files under /proc say they are empty and hand over a page or so a read:
    /// Foundation's `String(contentsOfFile:)` stopped after the first one, at 40 of this process's 200 mappings.
    static func readWhole(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}
