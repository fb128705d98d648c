import Foundation
import Testing

@testable import opsbot

@Suite struct StartupPagesTests {
    /// The read-only file pages of this very process are handed back, and it goes on running: the code the test
    /// runs next is paged in again as it is used.
    @Test func readOnlyFilePagesAreHandedBackAndTheProcessRunsOn() throws {
        let advised = StartupPages.release()
        #expect(advised > 1 << 20, "\(advised) bytes advised")
        let sorted = (0..<10_000).map { ($0 * 7_919) % 10_007 }.sorted()
        #expect(sorted.first == 0 && sorted.count == 10_000)
        #expect(try String(contentsOfFile: "/proc/self/status", encoding: .utf8).contains("VmRSS"))
    }
}
