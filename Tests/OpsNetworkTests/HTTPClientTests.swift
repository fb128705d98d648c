import Foundation
import Testing

@testable import OpsNetwork

#if canImport(Glibc)
    import Glibc
#endif

/// libcurl against the project's own HTTP server, both on 127.0.0.1.
@Suite(.timeLimit(.minutes(1))) struct HTTPClientTests {
    let client = CurlHTTPClient()

    /// Echoes what it got as JSON; `/slow` waits, `/status/N` answers N.
    static func echoServer() throws -> HTTPServer {
        try HTTPServer { request in
            if request.path == "/slow" {
                Thread.sleep(forTimeInterval: 1.5)
                return .text("late")
            }
            if request.path.hasPrefix("/status/"), let status = Int(request.path.dropFirst(8)) {
                return .json(#"{"ok":false,"error_code":\#(status)}"#, status: status)
            }
            let object: [String: Any] = [
                "method": request.method, "path": request.path, "query": request.query,
                "contentType": request.headers["content-type"] ?? "",
                "body": String(decoding: request.body, as: UTF8.self),
                "length": request.body.count,
            ]
            let data = try! JSONSerialization.data(withJSONObject: object, options: .sortedKeys)
            return HTTPServer.Response(
                status: 201, headers: [("Content-Type", "application/json"), ("X-Test", "yes")],
                body: Array(data))
        }
    }

    func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test func getWithAQueryAndHeadersBack() async throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let response = try await client.send(
            HTTPRequest(url: "http://127.0.0.1:\(server.port)/getUpdates?offset=7&timeout=50"))
        #expect(response.status == 201)
        #expect(response.headers["x-test"] == "yes")
        let echo = try json(response)
        #expect(echo["method"] as? String == "GET")
        #expect(echo["path"] as? String == "/getUpdates")
        #expect(echo["query"] as? [String: String] == ["offset": "7", "timeout": "50"])
    }

    @Test func postJSONAndMultipart() async throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/sendMessage"
        let posted = try json(try await client.send(try .json(url: url, object: ["chat_id": 42, "text": "Café <b>"])))
        #expect(posted["method"] as? String == "POST")
        #expect(posted["contentType"] as? String == "application/json")
        #expect((posted["body"] as? String)?.contains("\"chat_id\":42") == true)

        let file = [UInt8](repeating: 0x41, count: 300_000)
        let upload = try json(
            try await client.send(
                HTTPRequest(
                    method: "POST", url: url,
                    body: .multipart([
                        .field("chat_id", "42"),
                        .init(name: "document", data: file, fileName: "report.csv", contentType: "text/csv"),
                    ]))))
        #expect((upload["contentType"] as? String)?.hasPrefix("multipart/form-data; boundary=") == true)
        let body = try #require(upload["body"] as? String)
        #expect(body.contains("name=\"document\"; filename=\"report.csv\""))
        #expect((upload["length"] as? Int ?? 0) > 300_000)
    }

    @Test func errorStatusesAreAnswersNotErrors() async throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let response = try await client.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/status/429"))
        #expect(response.status == 429)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":false,"error_code":429}"#)
    }

    @Test func aSlowServerTimesOutAsATransientError() async throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        do {
            _ = try await client.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/slow", timeout: 0.3))
            Issue.record("a 1.5 s answer arrived within 0.3 s")
        } catch let error as HTTPError {
            #expect(error.isTransient)
            guard case .transport(let code, _, _) = error else { return }
            #expect(code == 28)
        }
    }

    @Test func aClosedPortIsRefusedAndTheTokenNeverShows() async throws {
        let server = try Self.echoServer()
        let port = server.port
        server.stop()
        do {
            _ = try await client.send(
                HTTPRequest(url: "http://127.0.0.1:\(port)/bot123456:SECRET-token/getMe", timeout: 2))
            Issue.record("a stopped server answered")
        } catch let error as HTTPError {
            #expect(error.isTransient)
            #expect(!error.description.contains("SECRET"))
            #expect(error.description.contains("/bot<redacted>/getMe"))
        }
    }

    /// The held request blocks a thread until the quick ones are done: if requests ran on the cooperative
    /// pool (two threads here), the quick ones could not finish and the time limit would end the test.
    @Test func aHeldRequestDoesNotHoldUpOthers() async throws {
        let gate = DispatchSemaphore(value: 0)
        let server = try HTTPServer { request in
            if request.path == "/held" { _ = gate.wait(timeout: .now() + 20) }
            return .text(request.path)
        }
        defer { server.stop() }
        async let held = client.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/held", timeout: 30))
        async let alsoHeld = client.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/held", timeout: 30))
        for index in 0..<5 {
            let quick = try await client.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/quick\(index)"))
            #expect(String(decoding: quick.body, as: UTF8.self) == "/quick\(index)")
        }
        gate.signal()
        gate.signal()
        #expect(try await held.status == 200)
        #expect(try await alsoHeld.status == 200)
    }
}

@Suite(.timeLimit(.minutes(2))) struct HTTPClientCancellationTests {
    /// A long poll must end when its task is cancelled (shutdown), not when the server answers.
    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let gate = DispatchSemaphore(value: 0)
        let server = try HTTPServer { _ in
            _ = gate.wait(timeout: .now() + 55)
            return .text("answered")
        }
        defer {
            gate.signal()
            server.stop()
        }
        let task = Task {
            try await CurlHTTPClient().send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/poll", timeout: 60))
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        do {
            let response = try await task.value
            Issue.record("the transfer ran to its end: \(response.status)")
        } catch let error as HTTPError {
            guard case .transport(let code, _, _) = error else { return }
            #expect(code == 42)  // CURLE_ABORTED_BY_CALLBACK
        }
    }
}

@Suite(.timeLimit(.minutes(1))) struct HTTPServerTests {
    /// Sends raw bytes and returns the raw answer.
    func exchange(_ bytes: String, port: Int) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        _ = Array(bytes.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        shutdown(fd, Int32(SHUT_WR))
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            answer.append(contentsOf: chunk[..<count])
        }
        return String(decoding: answer, as: UTF8.self)
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", "HTTP/1.1 400"),
        ("GET nopath HTTP/1.1\r\n\r\n", "HTTP/1.1 400"),
        ("GET / HTTP/1.1\r\nBad Header\r\n\r\n", "HTTP/1.1 400"),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "HTTP/1.1 501"),
        ("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n", "HTTP/1.1 413"),
        ("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc", "HTTP/1.1 400"),
    ])
    func malformedRequestsAreRefused(_ request: String, _ status: String) throws {
        let server = try HTTPServer(maxBody: 1024) { _ in .text("should not be reached") }
        defer { server.stop() }
        let answer = try exchange(request, port: server.port)
        #expect(answer.hasPrefix(status), "\(answer)")
        #expect(!answer.contains("should not be reached"))
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try HTTPServer { request in .text("you asked for \(request.path)") }
        defer { server.stop() }
        let answer = try exchange(
            "GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            port: server.port)
        #expect(answer.contains("you asked for /one"))
        #expect(answer.contains("you asked for /two"))
        #expect(answer.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
    }
}
