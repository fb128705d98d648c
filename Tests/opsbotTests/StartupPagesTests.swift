import Foundation
import Testing

@testable import opsbot

@Suite struct StartupPagesTests {
    /// The file pages of this very process are handed back, and it goes on running: the code the test runs next
    /// is paged in again as it is used.
    @Test func filePagesAreHandedBackAndTheProcessRunsOn() throws {
        let advised = StartupPages().release()
        #expect(advised > 1 << 20, "\(advised) bytes advised")
        let sorted = (0..<10_000).map { ($0 * 7_919) % 10_007 }.sorted()
        #expect(sorted.first == 0 && sorted.count == 10_000)
        #expect(try String(contentsOfFile: "/proc/self/status", encoding: .utf8).contains("VmRSS"))
    }

    /// /proc/self/maps is read to its end (the stack and the vDSO come last), not the first page of it: the
    /// libraries mapped after the program's own pages were never advised.
    @Test func everyMappingIsRead() throws {
        let maps = try #require(StartupPages.readWhole("/proc/self/maps"))
        #expect(maps.split(separator: "\n").count > 60, "\(maps.split(separator: "\n").count) mappings")
        #expect(maps.contains("[stack]"))
        #expect(maps.contains("libc.so") || maps.contains("libc-"))
        let pages = StartupPages(maps: maps)
        #expect(pages.ranges.count > 20)
    }

    @Test func onlyPrivateFileMappingsAreAdvised() {
        let pages = StartupPages(
            maps: """
                55b0240b9000-55b0257bc000 r-xp 00000000 fe:00 5333656                    /opt/opsbot/opsbot
                55b0257bc000-55b0257c0000 rw-p 01703000 fe:00 5333656                    /opt/opsbot/opsbot
                7f7e8c600000-7f7e8c6c5000 rw-s 00000000 fe:00 333177                     /var/lib/opsbot/shop.sqlite-shm
                7f7e8c700000-7f7e8c800000 rw-p 00000000 00:00 0 
                7ffd1c000000-7ffd1c021000 rw-p 00000000 00:00 0                          [stack]
                not a mapping
                """)
        #expect(pages.ranges == [0x55b0_240b_9000..<0x55b0_257b_c000, 0x55b0_257b_c000..<0x55b0_257c_0000])
    }
}
