import Foundation
import Testing

@testable import OpsCore

@Suite struct NumberParserTests {
    @Test(arguments: [
        ("1,234.56", false, 123_456), ("$12.50", false, 1250), ("€12,50", true, 1250), ("(12.50)", false, -1250),
        ("-$3", false, -300), ("1.234,56", true, 123_456), ("1 234,56 €", true, 123_456), ("12", false, 1200),
        ("0.005", false, 1), ("-0.004", false, 0), ("USD 7.10", false, 710), ("1.234", true, 123_400),
        ("$1,000", false, 100_000), ("£0.99", false, 99), (".5", false, 50),
    ])
    func money(_ text: String, _ decimalComma: Bool, _ cents: Int) {
        #expect(NumberParser(decimalComma: decimalComma).money(text, digits: 2) == cents, "“\(text)”")
    }

    @Test(arguments: ["two", "", "12.5.6,7x", "1-2", "$", "N/A", "not stocked"])
    func notMoney(_ text: String) {
        #expect(NumberParser(decimalComma: false).money(text, digits: 2) == nil, "“\(text)”")
    }

    @Test func wholeNumbers() {
        let parser = NumberParser(decimalComma: false)
        #expect(parser.wholeNumber("3") == 3)
        #expect(parser.wholeNumber("1.0") == 1)
        #expect(parser.wholeNumber("1,200") == 1200)
        #expect(parser.wholeNumber("-2") == -2)
        #expect(parser.wholeNumber("1.5") == nil)
        #expect(parser.isFraction("1.5"))
        #expect(parser.wholeNumber("two") == nil)
        #expect(NumberParser(decimalComma: true).wholeNumber("2,0") == 2)
    }

    /// Plain amounts and counts are read straight from their bytes; whatever the text, the answer is the one
    /// the reader of every other way of writing them gives.
    @Test func plainNumbersReadAsEveryOtherWay() {
        var random = SeededRandom(seed: 7)
        let alphabet = Array("0123456789-.,$ 9")
        var texts = [
            "", "-", ".", "-.", "5.", "-.5", "0.005", "0.0049", "-0.004", "999999999999999999", "99999999999999999",
            "12.345", "12.3456789", "007", "-0", "1.2.3", "--1", "1-", " 1", "1 ",
        ]
        for _ in 0..<20_000 {
            let length = Int(random.next() % 12) + 1
            texts.append(String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        for decimalComma in [false, true] {
            let parser = NumberParser(decimalComma: decimalComma)
            for text in texts {
                for digits in [0, 2, 3] {
                    #expect(
                        parser.money(text, digits: digits) == parser.moneyAsWritten(text, digits: digits),
                        "“\(text)”, \(digits)")
                }
                #expect(parser.wholeNumber(text) == parser.wholeNumberAsWritten(text), "“\(text)”")
            }
        }
        #expect(NumberParser(decimalComma: false).money("12.505", digits: 2) == 1251)
    }
}

@Suite struct DateTimeParserTests {
    static let london = TimeZone(identifier: "Europe/London")!

    func iso(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test(arguments: [
        ("2024-03-05 14:03:00 -0500", "2024-03-05T19:03:00Z"),
        ("2024-03-05T14:03:00Z", "2024-03-05T14:03:00Z"),
        ("2024-03-05T14:03:00+01:00", "2024-03-05T13:03:00Z"),
        ("2024-03-05T14:03:00.250Z", "2024-03-05T14:03:00Z"),
        ("2024-03-05", "2024-03-05T00:00:00Z"),
        ("2024-07-05 09:30", "2024-07-05T08:30:00Z"),
        ("05/03/2024 14:03", "2024-03-05T14:03:00Z"),
        ("05.03.2024", "2024-03-05T00:00:00Z"),
        ("16-Dec-2023 02:44 AM EST", "2023-12-16T07:44:00Z"),
        ("21/1/23 1:17 PM", "2023-01-21T13:17:00Z"),
        ("20240305", "2024-03-05T00:00:00Z"),
    ])
    func parsesInLondon(_ text: String, _ expected: String) {
        var parser = DateTimeParser(timeZone: Self.london, order: .dayFirst)
        #expect(parser.parse(text) == iso(expected), "“\(text)”")
    }

    @Test(arguments: ["12/03/99999", "999999999-01-01", "1899-12-31", "2201-01-01 10:00"])
    func yearsNoTillWritesAreNotDates(_ text: String) {
        var parser = DateTimeParser(timeZone: Self.london, order: .dayFirst)
        #expect(parser.parse(text) == nil, "“\(text)”")
    }

    @Test func monthFirstAndSeparateTimeAndZone() {
        var parser = DateTimeParser(timeZone: TimeZone(identifier: "America/Los_Angeles")!, order: .monthFirst)
        #expect(parser.parse("11/15/2017") == iso("2017-11-15T08:00:00Z"))
        #expect(parser.parse(date: "11/15/2017", time: "21:18:15") == iso("2017-11-16T05:18:15Z"))
        #expect(
            parser.parse(date: "11/15/2017", time: "21:18:15", zone: TimeZone(identifier: "America/New_York")!)
                == iso("2017-11-16T02:18:15Z"))
    }

    @Test func daylightSavingIsRespected() {
        var parser = DateTimeParser(timeZone: Self.london, order: .dayFirst)
        #expect(parser.parse("2026-03-29 00:30") == iso("2026-03-29T00:30:00Z"))
        #expect(parser.parse("2026-03-29 03:30") == iso("2026-03-29T02:30:00Z"))
        #expect(parser.parse("2026-10-25 12:00") == iso("2026-10-25T12:00:00Z"))
        #expect(parser.parse("2026-10-24 12:00") == iso("2026-10-24T11:00:00Z"))
    }

    @Test(arguments: ["yesterday", "2024-13-01", "2024-02-30", "31/31/2024", "2024-03-05 25:00", "12:00", ""])
    func rejects(_ text: String) {
        var parser = DateTimeParser(timeZone: Self.london, order: .dayFirst)
        #expect(parser.parse(text) == nil, "“\(text)”")
    }

    @Test func evidenceDecidesTheOrder() {
        #expect(DateTimeParser.evidence("13/05/2024") == .dayFirst)
        #expect(DateTimeParser.evidence("05/13/2024 10:00") == .monthFirst)
        #expect(DateTimeParser.evidence("05/06/2024") == nil)
        #expect(DateTimeParser.evidence("2024-05-13") == nil)
        #expect(DateTimeParser.defaultOrder(for: TimeZone(identifier: "America/Chicago")!) == .monthFirst)
        #expect(DateTimeParser.defaultOrder(for: Self.london) == .dayFirst)
    }
}
