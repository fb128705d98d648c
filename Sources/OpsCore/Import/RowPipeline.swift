import Foundation
import Synchronization

/// Reads an import's rows on a thread of its own while the caller writes the rows already read, so
/// parsing and storing a million lines overlap on two cores. A few batches wait at most: memory stays flat.
///
/// The caller must take rows until `next()` returns nil or throws, or call `stop()`: either way the
/// reading thread has ended when they return.
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
        case end(Summary)
        case failed(any Error)
        case stopped
    }

    static let batchSize = 1_024
    static let waitingBatches = 8

    private let channel = Channel()
    /// The rows received and not yet taken, last row first.
    private var batch: [Item] = []
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

    /// The next row with what was read from it; nil after the last. Rethrows a read failure (a quote
    /// never closed, a file gone).
    func next() throws -> Item? {
        while batch.isEmpty {
            guard !finished else { return nil }
            switch channel.receive() {
            case .rows(var items):
                // Reversed so each row is moved out with `popLast` rather than copied (a dozen retains a row).
                items.reverse()
                batch = items
            case .end(let summary):
                finished = true
                self.summary = summary
            case .failed(let error):
                finished = true
                throw error
            case .stopped: finished = true
            }
        }
        return batch.popLast()
    }

    /// Asks the reading thread to stop and waits until it has.
    func stop() {
        guard !finished else { return }
        channel.stopRequested.store(true, ordering: .relaxed)
        while true {
            switch channel.receive() {
            case .rows: continue
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
                    channel.send(.rows(items))
                    items = []
                    items.reserveCapacity(batchSize)
                }
            }
            if !items.isEmpty { channel.send(.rows(items)) }
            return .end(Summary(sha256: try reader.sha256(), sawWindows1252: reader.sawWindows1252))
        } catch {
            return .failed(error)
        }
    }

    /// A bounded queue between the two threads.
    private final class Channel: Sendable {
        let stopRequested = Atomic<Bool>(false)
        private let messages = Mutex<[Message]>([])
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
    }
}

@available(*, unavailable)
extension RowPipeline: Sendable {}
