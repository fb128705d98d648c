/// Distinct orders per rollup bucket (a day, an hour), counted while lines are written, so a large import
/// need not read its lines back to count them.
///
/// Files come in time order: the bucket being written keeps its order keys, and a bucket left behind keeps
/// only its count. A count covers the lines written since the bucket was last entered or last lost a line,
/// and is trusted only when those are all the bucket holds (`count(_:storedLines:)`); otherwise the bucket is
/// recounted from the stored lines.
struct OrderTally<Bucket: Hashable & Sendable>: Sendable {
    private struct Open: Sendable {
        let bucket: Bucket
        var lines = 0
        /// An order's lines come together: a line of the order just added needs no hashing.
        var lastOrder: String?
    }

    private var open: Open?
    /// The open bucket's orders. Emptied, not replaced, when the bucket closes: it would otherwise grow from
    /// nothing again for each of a year's 8,760 hours.
    private var openOrders: Set<String> = []
    private var closed: [Bucket: (orders: Int, lines: Int)] = [:]

    mutating func add(order: String, to bucket: Bucket) {
        if open?.bucket != bucket {
            close()
            open = Open(bucket: bucket)
        }
        if open?.lastOrder != order {
            openOrders.insert(order)
            open?.lastOrder = order
        }
        open?.lines += 1
    }

    /// A line left the bucket (updated to another time or product): what was counted there is dropped, since
    /// the line that left may have been one of them.
    mutating func remove(from bucket: Bucket) {
        if open?.bucket == bucket {
            open = nil
            openOrders.removeAll(keepingCapacity: true)
        }
        closed[bucket] = nil
    }

    /// The bucket's distinct orders, when every one of its `storedLines` was counted here; nil otherwise.
    mutating func count(_ bucket: Bucket, storedLines: Int) -> Int? {
        close()
        guard let tally = closed[bucket], tally.lines == storedLines else { return nil }
        return tally.orders
    }

    /// A bucket entered again after it was left starts over: its lines then fall short of the stored ones
    /// and `count` declines it.
    private mutating func close() {
        guard let tally = open else { return }
        closed[tally.bucket] = (openOrders.count, tally.lines)
        open = nil
        openOrders.removeAll(keepingCapacity: true)
    }
}
