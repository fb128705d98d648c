import Foundation
import Testing

@testable import OpsNetwork

@Suite struct ConnectorValuesTests {
    /// Square's and Shopify's times as they write them: UTC or with an offset, with or without fractions.
    @Test func platformTimesAreReadWithOrWithoutFractionsAndOffsets() {
        let noon = Date(timeIntervalSince1970: 1_796_385_600)  // 2026-12-04T12:00:00Z
        #expect(ConnectorValues.date("2026-12-04T12:00:00Z") == noon)
        #expect(ConnectorValues.date("2026-12-04T07:00:00-05:00") == noon)
        #expect(ConnectorValues.date("2026-12-04T13:00:00+01:00") == noon)
        #expect(ConnectorValues.date("2026-12-04T12:00:00.250Z") == noon.addingTimeInterval(0.25))
        #expect(ConnectorValues.date("2026-12-04") == nil && ConnectorValues.date("yesterday") == nil)
        #expect(ConnectorValues.date(nil) == nil)
        #expect(ConnectorValues.timestamp(noon.addingTimeInterval(0.5)) == "2026-12-04T12:00:00.500Z")
        #expect(ConnectorValues.date(ConnectorValues.timestamp(noon)) == noon)
    }
}
