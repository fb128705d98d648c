import Foundation
import Synchronization

/// Reads an import's rows on a thread of its own while the caller writes the rows already read, so
/// parsing and storing a million lines overlap on two cores. A few batches wait at most: memory stays flat.
///
/// The caller must take rows until `forEach` returns or throws, or call `stop()`: either way the reading
/// thread has ended when they return.
final class RowPipeline {
    struct Item: Sendable {
        let row: ImportRow
        let values: Result<RowValues, RowProblem>
    }

    /// The end of the input: its SHA-256 and whether any field had to be read as Windows-1252.
    struct Summary: Sendable {
        let sha256: String
        let sawWindows1252: Bool
    }

    private enum Message: Sendable {
        case rows([Item])
        /// Rollup sums of the rows sent before, to be written with them (`RowReader.takeSums`).
        case sums(RollupDeltas, last: Bool)
        case end(Summary)
        case failed(any Error)
        case stopped
    }

    static let batchSize = 1_024
    /// Batches read ahead of the writer. The two threads now take about as long as each other, and on a shared
    /// machine each stalls in turn: 16 batches absorb that (a million-line import 0.25 s faster than with 8,
    /// interleaved; no faster with 32) for 5 MB more.
    static let waitingBatches = 16

    private let channel = Channel()
    private var finished = false
    private(set) var summary: Summary?

    /// Starts reading `source` after its header row.
    init(source: CSVSource, map: ColumnMap, numbers: NumberParser, reader rowReader: RowReader) {
        let channel = self.channel
        let thread = Thread {
            channel.send(Self.read(source: source, map: map, numbers: numbers, reader: rowReader, channel: channel))
        }
        thread.name = "opsbot.import.reader"
        thread.start()
    }

    deinit { stop() }

    /// Hands each row, with what was read from it, to `body`, in file order; rethrows a read failure (a quote
    /// never closed, a file gone) or what `body` throws.
    ///
    /// Rows are lent in place, not copied, and a batch is sent back to the reading thread to be freed there:
    /// copying and freeing a million rows' strings took a tenth of the writing thread's time.
    ///
    /// `sums` gets the rollup sums the reading thread gathered, after the rows they sum.
    func forEach(
        _ body: (_ row: borrowing ImportRow, _ values: borrowing Result<RowValues, RowProblem>) throws -> Void,
        sums: (_ sums: RollupDeltas, _ last: Bool) throws -> Void
    ) throws {
        while !finished {
            switch channel.receive() {
            case .rows(let items):
                defer { channel.recycle(items) }
                // Through the buffer: Array's subscript hands out a copy of each row.
                try items.withUnsafeBufferPointer { rows in
                    for index in rows.indices { try body(rows[index].row, rows[index].values) }
                }
            case .sums(let deltas, let last):
                try sums(deltas, last)
            case .end(let summary):
                finished = true
                self.summary = summary
            case .failed(let error):
                finished = true
                throw error
            case .stopped: finished = true
            }
        }
    }

    /// Asks the reading thread to stop and waits until it has.
    func stop() {
        guard !finished else { return }
        channel.stopRequested.store(true, ordering: .relaxed)
        while true {
            switch channel.receive() {
            case .rows, .sums: continue
            case .end, .failed, .stopped:
                finished = true
                return
            }
        }
    }

    private static func read(
        source: CSVSource, map: ColumnMap, numbers: NumberParser, reader rowReader: RowReader, channel: Channel
    ) -> Message {
        var rowReader = rowReader
        do {
            var reader = try source.open()
            _ = try reader.next()
            var items: [Item] = []
            items.reserveCapacity(batchSize)
            while let row = try reader.next() {
                let importRow = ImportRow(fields: row.fields, line: row.line, map: map, numbers: numbers)
                let values: Result<RowValues, RowProblem>
                do {
                    values = .success(try rowReader.read(importRow))
                } catch let problem as RowProblem {
                    values = .failure(problem)
                }
                items.append(Item(row: importRow, values: values))
                if items.count == batchSize {
                    if channel.stopRequested.load(ordering: .relaxed) { return .stopped }
                    channel.freeSpentBatches()
                    channel.send(.rows(items))
                    items = []
                    items.reserveCapacity(batchSize)
                    // Only after the rows they sum: those name the new products the sums stand for.
                    if let sums = rowReader.takeSums(last: false) { channel.send(.sums(sums, last: false)) }
                }
            }
            if !items.isEmpty { channel.send(.rows(items)) }
            if let sums = rowReader.takeSums(last: true) { channel.send(.sums(sums, last: true)) }
            return .end(Summary(sha256: try reader.sha256(), sawWindows1252: reader.sawWindows1252))
        } catch {
            return .failed(error)
        }
    }

    /// A bounded queue between the two threads.
    private final class Channel: Sendable {
        let stopRequested = Atomic<Bool>(false)
        private let messages = Mutex<[Message]>([])
        /// Batches the writing side is done with, freed by the reading thread.
        private let spent = Mutex<[[Item]]>([])
        private let free = DispatchSemaphore(value: RowPipeline.waitingBatches)
        private let ready = DispatchSemaphore(value: 0)

        func send(_ message: Message) {
            free.wait()
            messages.withLock { $0.append(message) }
            ready.signal()
        }

        func receive() -> Message {
            ready.wait()
            let message = messages.withLock { $0.removeFirst() }
            free.signal()
            return message
        }

        func recycle(_ batch: [Item]) {
            spent.withLock { $0.append(batch) }
        }

        /// Frees the spent batches on the calling thread (the reading one); at most `waitingBatches` + 1 wait.
        func freeSpentBatches() {
            var batches: [[Item]] = []
            spent.withLock { swap(&batches, &$0) }
            batches.removeAll()
        }
    }
}

@available(*, unavailable)
extension RowPipeline: Sendable {}
