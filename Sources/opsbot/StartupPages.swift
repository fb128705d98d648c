import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The program's code and read-only data pages that only starting needed (migrations, configuration, the first
/// evaluations), handed back to the kernel once `opsbot run` is idle: `MADV_PAGEOUT` (Linux 5.4) reclaims the
/// clean file pages mapped only here, and the few a running bot uses come back at their next use. The kernel maps
/// 64 KB around every page fault, so a start touches far more of an 80 MB binary than it runs again.
enum StartupPages {
    /// Linux's `MADV_PAGEOUT`; Glibc's headers on Debian 12 name it, older ones do not.
    static let pageOut: Int32 = 21

    /// Advises every read-only mapping of a file; returns the bytes advised (0 where the kernel declines).
    @discardableResult
    static func release() -> Int {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return 0 }
        var advised = 0
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            // "start-end perms offset dev inode path": file mappings only, never writable ones.
            guard fields.count >= 6, fields[5].hasPrefix("/"), !fields[1].contains("w") else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16),
                end > start, let address = UnsafeMutableRawPointer(bitPattern: start)
            else { continue }
            if madvise(address, Int(end - start), pageOut) == 0 { advised += Int(end - start) }
        }
        return advised
    }
}
