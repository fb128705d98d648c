import Foundation
import OpsNetwork
import Testing

/// The server's parser over bytes anyone who reaches the port can send: every odd request is answered or
/// refused, none ends the process.
@Suite struct HTTPRequestParserTests {
    func parse(_ text: String, maxBody: Int = 1024) -> HTTPRequestParser.Step {
        var buffer = Array(text.utf8)
        return HTTPRequestParser.parse(&buffer, maxBody: maxBody)
    }

    func query(_ target: String) throws -> [String: String] {
        guard case .request(let request, _) = parse("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n") else {
            Issue.record("\(target) was not parsed")
            return [:]
        }
        return request.query
    }

    @Test func emptyQueryPairsAndBadEscapesAreReadNotTrappedOn() throws {
        // `GET /healthz?=` ended `opsbot run` with "Index out of range".
        #expect(try query("/healthz?=") == ["": ""])
        #expect(try query("/healthz?&&=&a") == ["": "", "a": ""])
        #expect(try query("/x?%zz=%&k=%E2%82%AC+x&=v") == ["%zz": "%", "k": "€ x", "": "v"])
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nContent-Length: +5\r\n\r\nhello", 400),
        ("GET / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        ("GET / HTTP/1.1\r\nX: a\nInjected: b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nX: a\u{0}b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n folded: x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n: empty\r\n\r\n", 400),
        ("get / HTTP/1.1\r\n\r\n", 400),
        ("GET  / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/2\r\n\r\n", 400),
        ("\r\n\r\n", 400),
    ])
    func malformedHeadsAreRefused(_ text: String, _ status: Int) {
        guard case .invalid(let answered, _) = parse(text) else {
            Issue.record("accepted: \(text.debugDescription)")
            return
        }
        #expect(answered == status)
    }

    @Test func aRequestIsTakenOnlyWhenItsBodyHasArrivedAndPipelinedOnesFollow() {
        var buffer = Array("POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel".utf8)
        guard case .needMore = HTTPRequestParser.parse(&buffer, maxBody: 100) else {
            Issue.record("a request taken before its body")
            return
        }
        #expect(buffer.count == 42)
        buffer += Array("loGET /b?x=1 HTTP/1.0\r\n\r\n".utf8)
        guard case .request(let first, let keepAlive) = HTTPRequestParser.parse(&buffer, maxBody: 100) else {
            Issue.record("the first request was not read")
            return
        }
        #expect(first.body == Array("hello".utf8) && keepAlive)
        guard case .request(let second, let secondKeepAlive) = HTTPRequestParser.parse(&buffer, maxBody: 100) else {
            Issue.record("the pipelined request was not read")
            return
        }
        #expect(second.path == "/b" && second.query == ["x": "1"] && !secondKeepAlive)
        #expect(buffer.isEmpty)
    }

    @Test func aHeadPastSixteenKilobytesIsRefusedBeforeItEnds() {
        guard case .invalid(431, _) = parse("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 17_000)) else {
            Issue.record("a long head was not refused")
            return
        }
    }

    @Test func theHealthEndpointAnswersAnEmptyQueryPair() throws {
        let server = try HTTPServer { request in
            request.path == "/healthz" ? .json(#"{"status":"ok"}"#) : .text("no", status: 404)
        }
        defer { server.stop() }
        let answer = try HTTPServerTests().exchange("GET /healthz?= HTTP/1.1\r\nHost: x\r\n\r\n", port: server.port)
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        // And it still serves afterwards.
        #expect(
            try HTTPServerTests().exchange("GET /healthz HTTP/1.1\r\n\r\n", port: server.port).hasPrefix("HTTP/1.1 200")
        )
    }
}

/// Numbers in API answers are read exactly or not at all; none is a fatal error.
@Suite struct JSONNumberTests {
    func value(_ text: String) throws -> JSONValue { try JSONValue(parsing: Array(text.utf8)) }

    @Test(arguments: [
        ("5", Int64(5)), ("-7", -7), ("5.0", 5), ("9223372036854775807", .max), ("-9223372036854775808", .min),
        ("4503599627370497", 4_503_599_627_370_497),
    ])
    func wholeNumbersThatFitAreExact(_ text: String, _ expected: Int64) throws {
        #expect(try value(text).int64 == expected)
    }

    @Test(arguments: ["1e20", "12345678901234567890", "9223372036854775808", "1.5", "-1e300", "\"5\"", "true"])
    func numbersPastInt64OrWithAFractionAreNotIntegers(_ text: String) throws {
        #expect(try value(text).int64 == nil)
        #expect(try value(text).int == nil)
    }

    @Test func anUpdateWithAChatIdPastInt64IsKeptWithoutItsMessage() throws {
        let json = try value(
            #"{"update_id":12,"message":{"message_id":1,"date":1,"chat":{"id":12345678901234567890,"type":"private"},"#
                + #""from":{"id":1e20,"is_bot":false,"first_name":"X"},"text":"hi"}}"#)
        let update = try #require(TelegramUpdate(json))
        #expect(update.id == 12)
        #expect(update.message == nil)
        #expect(TelegramUpdate(try value(#"{"update_id":1e20}"#)) == nil)
        let largest = try #require(
            TelegramUpdate(
                try value(
                    #"{"update_id":1,"message":{"message_id":2,"date":1,"chat":{"id":9223372036854775807,"type":"group"},"text":"x"}}"#
                )))
        #expect(largest.message?.chat.id == .max)
    }
}
