import Foundation
import OpsCore

/// Any bytes as a CSV file: the header is mapped for every kind and detected; every cell of the first rows
/// goes through the money, number and date parsers the importer uses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzColumnMapper(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var reader = CSVReader(bytes: Array(UnsafeRawBufferPointer(start: start, count: count)))
    guard let header = try? reader.next() else { return 0 }
    for kind in ImportKind.allCases {
        if let map = ColumnMap.map(header: header.fields, kind: kind) {
            for index in map.columns.values { precondition(index < header.fields.count, "a column past the header") }
        } else {
            _ = ColumnMap.missingFields(header: header.fields, kind: kind)
        }
    }
    _ = ColumnMap.detect(header: header.fields)
    let numbers = [NumberParser(decimalComma: false), NumberParser(decimalComma: true)]
    var dates = DateTimeParser(timeZone: TimeZone(identifier: "Europe/London")!, order: .dayFirst)
    var rows = 0
    while rows < 50, let row = try? reader.next() {
        rows += 1
        for field in row.fields + header.fields {
            for parser in numbers {
                _ = parser.money(field, digits: 2)
                _ = parser.money(field, digits: 0)
                _ = parser.wholeNumber(field)
            }
            _ = dates.parse(field)
            _ = DateTimeParser.evidence(field)
            _ = dates.parse(date: field, time: row.fields.first, zone: nil)
        }
    }
    return 0
}
