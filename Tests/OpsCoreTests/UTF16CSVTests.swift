import Foundation
import Testing

@testable import OpsCore

/// CSVs saved as UTF-16 (Excel's "Unicode Text", some tills) read as the text they hold, not as
/// `" s o l d   a t "`.
@Suite struct UTF16CSVTests {
    static let text =
        "sold at\tsku\tname\tquantity\ttotal\r\n2026-11-01 10:00\tCAF-1\tCafé Crème ☕\t2\t6.40\r\n"
        + "2026-11-01 11:30\tHON-2\t\"Honey, 🐝 wildflower\"\t1\t5.00\r\n"

    static func encoded(_ text: String, bigEndian: Bool, mark: Bool) -> [UInt8] {
        var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    static let expected = [
        ["sold at", "sku", "name", "quantity", "total"],
        ["2026-11-01 10:00", "CAF-1", "Café Crème ☕", "2", "6.40"],
        ["2026-11-01 11:30", "HON-2", "Honey, 🐝 wildflower", "1", "5.00"],
    ]

    @Test(arguments: [(false, true), (true, true), (false, false), (true, false)])
    func bothByteOrdersWithOrWithoutAMarkReadTheSameAtEveryBufferSize(_ bigEndian: Bool, _ mark: Bool) throws {
        let bytes = Self.encoded(Self.text, bigEndian: bigEndian, mark: mark)
        // Small reads cut code units and the emoji's surrogate pairs in every place.
        for readSize in [1, 2, 3, 5, 7, 64, 256 * 1024] {
            var reader = CSVReader(bytes: bytes, readSize: readSize)
            var rows: [[String]] = []
            while let row = try reader.next() { rows.append(row.fields) }
            #expect(rows == Self.expected, "read \(readSize) bytes at a time")
            #expect(reader.delimiter == UInt8(ascii: "\t"))
            #expect(!reader.sawWindows1252)
        }
    }

    @Test func anUnpairedSurrogateIsAReplacementCharacterNotACrash() {
        var transcoder = try! #require(UTF16Transcoder.detect([0xFF, 0xFE]))
        let output = transcoder.transcode([0xFF, 0xFE, 0x3D, 0xD8, 0x41, 0x00, 0x00, 0xDC, 0x42], final: true)
        #expect(String(decoding: output, as: UTF8.self) == "\u{FFFD}A\u{FFFD}\u{FFFD}")
    }

    @Test func utf8AndWindows1252AreNotTakenForUTF16() {
        #expect(UTF16Transcoder.detect(Array("sku,name,quantity\nA,Äpfel,3\n".utf8)) == nil)
        #expect(UTF16Transcoder.detect([0x73, 0x6B, 0x75, 0x2C, 0xC4, 0x70, 0x66, 0x65, 0x6C]) == nil)
        #expect(UTF16Transcoder.detect([0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0]) == nil, "UTF-32 is not UTF-16")
    }

    @Test func aUTF16SalesExportImports() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        let report = try Importer(store: store, org: org).importBytes(
            Self.encoded(Self.text, bigEndian: false, mark: true), fileName: "Sales.txt",
            options: .init(now: ISO8601DateFormatter().date(from: "2026-11-02T12:00:00Z")!))
        #expect(report.status == .imported && report.kind == .sales, "\(report.errors)")
        #expect(report.inserted == 2)
        #expect(try store.database.queryInt("SELECT revenue FROM daily_sales WHERE day = '2026-11-01'") == 1_140)
        let names = try store.database.query("SELECT name FROM products ORDER BY name") { $0.string(0) }
        #expect(names == ["Café Crème ☕", "Honey, 🐝 wildflower"])
    }
}
