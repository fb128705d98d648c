import Foundation
import OpsNetwork
import OpsTestSupport
import Synchronization
import Testing

@Suite("Email over SMTP")
struct SMTPMailerTests {
    let message = EmailMessage(
        from: "OpsBot <bot@example.com>", to: ["owner@example.com", "Maria <maria@example.com>"],
        subject: "[Corner Café] 2 alerts", text: "#1 Out of stock: Croissant — none left\n",
        html: "<html><body><p>Croissant &amp; co</p></body></html>")

    /// The decoded body of the part with this content type.
    func part(_ data: String, _ type: String) -> String? {
        let sections = data.components(
            separatedBy: "Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
        guard sections.count == 2, let end = sections[1].range(of: "\r\n--") else { return nil }
        let encoded = sections[1][..<end.lowerBound].replacingOccurrences(of: "\r\n", with: "")
        return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("a message reaches a real SMTP server with its envelope, headers and both parts")
    func delivered() async throws {
        let server = try SMTPTestServer(username: "bot@example.com", password: "s3cret")
        defer { server.stop() }
        let mailer = SMTPMailer(
            settings: .init(
                url: "smtp://127.0.0.1:\(server.port)", username: "bot@example.com", password: "s3cret",
                from: "OpsBot <bot@example.com>", requireTLS: false))
        let code = try await mailer.send(message, date: Date(timeIntervalSince1970: 1_795_600_000))
        #expect(code == 250)
        let mail = try #require(server.mails.first)
        #expect(mail.from == "bot@example.com")
        #expect(mail.recipients == ["owner@example.com", "maria@example.com"])
        #expect(mail.username == "bot@example.com" && mail.password == "s3cret")
        let headers = mail.data.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(headers.contains("From: OpsBot <bot@example.com>"))
        #expect(headers.contains("To: owner@example.com, Maria <maria@example.com>"))
        #expect(headers.contains("Subject: =?UTF-8?B?\(Data("[Corner Café] 2 alerts".utf8).base64EncodedString())?="))
        #expect(headers.contains("Date: Wed, 25 Nov 2026 09:46:40 +0000"))
        #expect(headers.contains("MIME-Version: 1.0"))
        #expect(headers.contains { $0.hasPrefix("Message-ID: <") && $0.hasSuffix("@example.com>") })
        #expect(headers.contains { $0.hasPrefix("Content-Type: multipart/alternative; boundary=\"opsbot-") })
        #expect(part(mail.data, "text/plain") == message.text)
        #expect(part(mail.data, "text/html") == message.html)
    }

    @Test("STARTTLS is required by default: a server without it gets nothing")
    func requiresTLS() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let mailer = SMTPMailer(settings: .init(url: "smtp://127.0.0.1:\(server.port)", from: "bot@example.com"))
        await #expect {
            _ = try await mailer.send(message)
        } throws: { error in
            let error = error as? SMTPError
            return error?.transient == false && error?.description.contains("does not offer STARTTLS") == true
        }
        #expect(server.mails.isEmpty)
    }

    @Test("a wrong password is a permanent failure; a server that is down is a transient one")
    func failures() async throws {
        let server = try SMTPTestServer(username: "bot@example.com", password: "right")
        defer { server.stop() }
        let wrong = SMTPMailer(
            settings: .init(
                url: "smtp://127.0.0.1:\(server.port)", username: "bot@example.com", password: "wrong",
                from: "bot@example.com", requireTLS: false))
        await #expect { _ = try await wrong.send(message) } throws: { ($0 as? SMTPError)?.transient == false }
        let port = server.port
        server.stop()
        let down = SMTPMailer(
            settings: .init(url: "smtp://127.0.0.1:\(port)", from: "bot@example.com", requireTLS: false))
        await #expect { _ = try await down.send(message) } throws: { ($0 as? SMTPError)?.transient == true }
    }
}

@Suite("SMS through Twilio")
struct TwilioClientTests {
    static let sid = "AC" + String(repeating: "a", count: 32)

    /// A loopback Twilio: checks each request as the Messages API documents it and answers as Twilio does.
    final class FakeTwilio: Sendable {
        let requests = Mutex<[HTTPServer.Request]>([])
        let rateLimitFirst: Bool

        init(rateLimitFirst: Bool = false) throws {
            self.rateLimitFirst = rateLimitFirst
        }

        static func form(_ body: [UInt8]) -> [String: String] {
            var fields: [String: String] = [:]
            for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
                }
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
            return fields
        }

        func answer(_ request: HTTPServer.Request) -> HTTPServer.Response {
            let count = requests.withLock { list in
                list.append(request)
                return list.count
            }
            let expectedAuth = "Basic " + Data("\(TwilioClientTests.sid):tok3n".utf8).base64EncodedString()
            guard request.method == "POST",
                request.path == "/2010-04-01/Accounts/\(TwilioClientTests.sid)/Messages.json"
            else {
                return .json(
                    #"{"code": 20404, "message": "The requested resource was not found", "status": 404}"#, status: 404)
            }
            guard request.headers["authorization"] == expectedAuth else {
                return .json(
                    #"{"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}"#,
                    status: 401)
            }
            guard request.headers["content-type"] == "application/x-www-form-urlencoded" else {
                return .json(#"{"code": 20001, "message": "Unsupported content type", "status": 400}"#, status: 400)
            }
            let form = Self.form(request.body)
            if rateLimitFirst && count == 1 {
                return .json(
                    #"{"code": 20429, "message": "Too Many Requests", "more_info": "https://www.twilio.com/docs/errors/20429", "status": 429}"#,
                    status: 429)
            }
            guard let to = form["To"], to.hasPrefix("+"), to.count >= 8 else {
                let to = form["To"] ?? ""
                return .json(
                    #"{"code": 21211, "message": "Invalid 'To' Phone Number: \#(to)", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}"#,
                    status: 400)
            }
            return .json(
                """
                {"account_sid": "\(TwilioClientTests.sid)", "api_version": "2010-04-01", "body": "\(form["Body"] ?? "")",
                 "direction": "outbound-api", "from": "\(form["From"] ?? "")", "status": "queued",
                 "sid": "SM\(String(repeating: "b", count: 31))\(count)", "to": "\(to)", "num_segments": "1",
                 "error_code": null, "error_message": null}
                """, status: 201)
        }
    }

    func client(_ fake: FakeTwilio) throws -> (TwilioClient, HTTPServer) {
        let server = try HTTPServer { fake.answer($0) }
        let client = TwilioClient(
            settings: .init(
                baseURL: "http://127.0.0.1:\(server.port)/", accountSID: Self.sid, authToken: "tok3n",
                from: "+15550001111"),
            client: CurlHTTPClient())
        return (client, server)
    }

    @Test("a message is posted form-encoded with basic auth, and Twilio's SID comes back")
    func sends() async throws {
        let fake = try FakeTwilio()
        let (client, server) = try client(fake)
        defer { server.stop() }
        let sid = try await client.send(to: "+15550002222", body: "Corner Café: #3 Out of stock: Croissant & co")
        #expect(sid.hasPrefix("SM") && sid.count == 34)
        let request = try #require(fake.requests.withLock { $0.first })
        #expect(
            FakeTwilio.form(request.body) == [
                "To": "+15550002222", "From": "+15550001111", "Body": "Corner Café: #3 Out of stock: Croissant & co",
            ])
        #expect(
            String(decoding: request.body, as: UTF8.self).hasPrefix(
                "To=%2B15550002222&From=%2B15550001111&Body=Corner+Caf%C3%A9%3A"))
    }

    @Test("a 429 is transient with Twilio's code; a 400 for a bad number is permanent")
    func errors() async throws {
        let fake = try FakeTwilio(rateLimitFirst: true)
        let (client, server) = try client(fake)
        defer { server.stop() }
        await #expect {
            _ = try await client.send(to: "+15550002222", body: "hi")
        } throws: { error in
            guard let error = error as? TwilioError, case .api(429, 20429, "Too Many Requests", _) = error else {
                return false
            }
            return error.isTransient
        }
        #expect(try await client.send(to: "+15550002222", body: "hi").hasPrefix("SM"))
        await #expect {
            _ = try await client.send(to: "12", body: "hi")
        } throws: { error in
            guard let error = error as? TwilioError, case .api(400, 21211, _, _) = error else { return false }
            return !error.isTransient
                && error.description == "Twilio answered 400 (error 21211): Invalid 'To' Phone Number: 12"
        }
    }
}
