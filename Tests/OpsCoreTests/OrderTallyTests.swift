import Testing

@testable import OpsCore

@Suite struct OrderTallyTests {
    @Test func countsDistinctOrdersOfABucketWrittenInOneGo() {
        var tally = OrderTally<Int>()
        for order in ["A", "A", "B"] { tally.add(order: order, to: 1) }
        for order in ["C", "A"] { tally.add(order: order, to: 2) }
        #expect(tally.count(1, storedLines: 3) == 2)
        #expect(tally.count(2, storedLines: 2) == 2)
    }

    @Test func declinesBucketsWithOtherLines() {
        var tally = OrderTally<Int>()
        tally.add(order: "A", to: 1)
        tally.add(order: "B", to: 1)
        // Stored lines from an earlier import: their orders are unknown here.
        #expect(tally.count(1, storedLines: 5) == nil)
        // Written, left and written again: only the last visit is kept, so the lines fall short.
        tally.add(order: "C", to: 2)
        tally.add(order: "D", to: 3)
        tally.add(order: "E", to: 2)
        #expect(tally.count(2, storedLines: 2) == nil)
        #expect(tally.count(3, storedLines: 1) == 1)
    }

    @Test func aLineLeavingDropsWhatWasCountedThere() {
        var tally = OrderTally<Int>()
        // Two lines of order A written, then both moved elsewhere; two older lines (orders B and C) remain:
        // two lines stored and two counted, but counting A would say 1 where the answer is 2.
        tally.add(order: "A", to: 1)
        tally.add(order: "A", to: 1)
        tally.remove(from: 1)
        tally.remove(from: 1)
        #expect(tally.count(1, storedLines: 2) == nil)
        // After the line left, order D comes in and is all the bucket holds: counted.
        tally.add(order: "D", to: 1)
        #expect(tally.count(1, storedLines: 1) == 1)
        #expect(tally.count(1, storedLines: 2) == nil)
        // The same for a bucket already left: E counted in 2, then moved out; an older line stays there.
        tally.add(order: "E", to: 2)
        tally.add(order: "F", to: 3)
        tally.remove(from: 2)
        #expect(tally.count(2, storedLines: 1) == nil)
    }
}
