import Foundation
import OpsChat
import OpsNetworkTestSupport
import Synchronization
import Testing

@testable import OpsNetwork

/// The Bot API client against a loopback fake that answers with Telegram's documented envelopes.
@Suite(.timeLimit(.minutes(1))) struct TelegramAPITests {
    static let token = "123456:TEST-token"

    static let updates = #"""
        {"ok":true,"result":[
          {"update_id":901,"message":{"message_id":5,"date":1,"chat":{"id":-100123,"type":"supergroup","title":"Shop"},
            "from":{"id":77,"is_bot":false,"first_name":"Tom","username":"tom"},"text":"/sales@CornerBot yesterday"}},
          {"update_id":902,"callback_query":{"id":"cb1","from":{"id":77,"is_bot":false,"first_name":"Tom"},
            "message":{"message_id":6,"date":1,"chat":{"id":77,"type":"private"}},"data":"stock OAT-1"}},
          {"update_id":903,"message":{"message_id":7,"date":1,"chat":{"id":77,"type":"private"},
            "from":{"id":77,"is_bot":false,"first_name":"Tom"},"caption":"counts",
            "document":{"file_id":"F1","file_unique_id":"U1","file_name":"count.csv","file_size":14}}},
          {"update_id":904,"my_chat_member":{"chat":{"id":-5,"type":"group","title":"Old"},"from":{"id":1,"is_bot":false,"first_name":"A"},
            "date":1,"old_chat_member":{"status":"member","user":{"id":9,"is_bot":true,"first_name":"Bot"}},
            "new_chat_member":{"status":"kicked","user":{"id":9,"is_bot":true,"first_name":"Bot"},"until_date":0}}},
          {"update_id":905,"message":{"message_id":8,"date":1,"chat":{"id":-5,"type":"group"},"migrate_to_chat_id":-100555}}
        ]}
        """#

    @Test func getUpdatesReadsEveryKindTheBotUses() async throws {
        let fake = try BotAPIFake(answer: { _, _ in .json(Self.updates) })
        let updates = try await fake.api(token: Self.token).getUpdates(offset: 901, timeout: 1)
        #expect(updates.map(\.id) == [901, 902, 903, 904, 905])
        #expect(updates[0].message?.text == "/sales@CornerBot yesterday")
        #expect(updates[0].message?.chat == .init(id: -100123, type: "supergroup", title: "Shop"))
        #expect(updates[0].message?.from?.username == "tom")
        #expect(updates[1].callback?.data == "stock OAT-1")
        #expect(updates[1].callback?.message?.chat.id == 77)
        #expect(updates[2].message?.document == .init(fileID: "F1", fileName: "count.csv", fileSize: 14))
        #expect(updates[2].message?.text == "counts")
        #expect(updates[3].membership?.status == "kicked")
        #expect(updates[4].message?.migrateToChatID == -100555)
        let sent = try #require(fake.calls.first)
        #expect(sent.method == "getUpdates")
        #expect(sent.body["offset"]?.int == 901)
        #expect(sent.body["allowed_updates"]?.array?.compactMap(\.string) == TelegramAPI.allowedUpdates)
    }

    @Test func errorsComeBackTyped() async throws {
        let fake = try BotAPIFake(answer: { method, _ in
            switch method {
            case "sendMessage":
                return .json(
                    #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}"#,
                    status: 429)
            case "getUpdates":
                return .json(
                    #"{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}"#,
                    status: 409)
            case "editMessageText":
                return .json(
                    #"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#,
                    status: 403)
            default:
                return HTTPServer.Response(status: 502, body: Array("<html>Bad Gateway</html>".utf8))
            }
        })
        await #expect(
            throws: TelegramAPIError.api(
                code: 429, description: "Too Many Requests: retry after 3", retryAfter: 3, migrateToChatID: nil)
        ) {
            try await fake.api(token: Self.token).sendMessage(chatID: 1, text: "hi")
        }
        do {
            _ = try await fake.api(token: Self.token).getUpdates(offset: nil, timeout: 1)
            Issue.record("a conflict was taken for updates")
        } catch let error as TelegramAPIError {
            #expect(error.isConflict && !error.isTransient)
        }
        do {
            try await fake.api(token: Self.token).editMessageText(chatID: 1, messageID: 2, text: "x")
            Issue.record("a blocked bot was taken for a sent edit")
        } catch let error as TelegramAPIError {
            #expect(error.isForbidden)
        }
        do {
            try await fake.api(token: Self.token).answerCallbackQuery(id: "cb")
            Issue.record("an HTML page was taken for an answer")
        } catch let error as TelegramAPIError {
            #expect(error.isTransient)
            #expect(error.description.contains("HTTP 502"))
        }
    }

    @Test func sendMessageUsesHTMLAndInlineButtons() async throws {
        let fake = try BotAPIFake(answer: { _, _ in
            .json(#"{"ok":true,"result":{"message_id":42,"date":1,"chat":{"id":1,"type":"private"}}}"#)
        })
        let buttons = [[try #require(TelegramButton(text: "Oat Milk", callbackData: "stock OAT-1"))]]
        let id = try await fake.api(token: Self.token).sendMessage(chatID: 1, text: "<b>Stock</b>", keyboard: buttons)
        #expect(id == 42)
        let body = try #require(fake.calls.first?.body)
        #expect(body["parse_mode"]?.string == "HTML")
        #expect(
            body["reply_markup"]?["inline_keyboard"]?.array?.first?.array?.first?["callback_data"]?.string
                == "stock OAT-1")
    }

    @Test func aDocumentIsFetchedThroughGetFile() async throws {
        let fake = try BotAPIFake(answer: { method, _ in
            method == "getFile"
                ? .json(
                    #"{"ok":true,"result":{"file_id":"F1","file_unique_id":"U","file_size":14,"file_path":"documents/file_1.csv"}}"#
                )
                : .json(#"{"ok":false,"error_code":400,"description":"Bad Request"}"#, status: 400)
        })
        let bytes = try await fake.api(token: Self.token).downloadFile(fileID: "F1")
        #expect(String(decoding: bytes, as: UTF8.self) == "sku,qty\nCRO,4\n")
    }

    @Test func theTokenNeverShowsInAnError() async throws {
        let fake = try BotAPIFake(answer: { _, _ in .json("{}") })
        let port = fake.server.port
        fake.server.stop()
        let api = TelegramAPI(baseURL: "http://127.0.0.1:\(port)", token: Self.token, client: CurlHTTPClient())
        do {
            _ = try await api.call("getMe", timeout: 2)
            Issue.record("a stopped fake answered")
        } catch let error as TelegramAPIError {
            #expect(error.isTransient)
            #expect(!error.description.contains("TEST-token"))
        }
    }
}

@Suite struct TelegramRendererTests {
    @Test func namesAreEscapedAndTablesArePre() {
        let reply = Reply(blocks: [
            .title("Hi <Tom & \"Jerry\">"),
            .table(Table(columns: [.init("A"), .init("B", .right)], rows: [["x<y", "1"]])),
        ])
        let messages = TelegramRenderer.render(reply)
        #expect(messages.count == 1)
        #expect(messages[0].html == "<b>Hi &lt;Tom &amp; \"Jerry\"&gt;</b>\n<pre>A   B\nx&lt;y 1</pre>")
    }

    @Test func longRepliesSplitOnLinesWithBalancedPre() {
        let rows = (0..<900).map { ["Product \($0)", "\($0)"] }
        let reply = Reply(
            blocks: [
                .title("Long"), .table(Table(columns: [.init("P"), .init("Q", .right)], rows: rows)), .text("end"),
            ],
            buttons: [.init(label: "Again", action: "stock low?")])
        let messages = TelegramRenderer.render(reply)
        #expect(messages.count > 1)
        for message in messages {
            #expect(message.html.count <= TelegramRenderer.maxLength)
            #expect(
                message.html.components(separatedBy: "<pre>").count
                    == message.html.components(separatedBy: "</pre>").count)
        }
        #expect(messages.dropLast().allSatisfy { $0.keyboard.isEmpty })
        #expect(messages.last?.keyboard.first?.first?.callbackData == "stock low?")
        let joined = messages.map(\.html).joined(separator: "\n")
        #expect(joined.contains("Product 0 ") && joined.contains("Product 899 ") && joined.hasSuffix("end"))
    }

    @Test func buttonsBeyondSixtyFourBytesAreLeftOut() {
        let long = String(repeating: "é", count: 40)  // 80 bytes
        let reply = Reply(
            blocks: [.text("x")], buttons: [.init(label: "ok", action: "help"), .init(label: "long", action: long)])
        #expect(TelegramRenderer.render(reply)[0].keyboard.flatMap { $0 }.map(\.text) == ["ok"])
    }
}
