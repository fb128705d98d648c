import Foundation
import OpsNetwork
import Synchronization

/// A loopback Bot API that answers as Telegram documents it, for every test that needs one: updates handed out
/// from the offset asked for (recorded platform JSON), every call recorded, message ids numbered, files served
/// through `getFile`, and faults on demand (a dropped connection, a slow answer, an error envelope, a held send).
public final class BotAPIFake: Sendable {
    public struct Call: Sendable {
        public let method: String
        public let body: JSONValue
        public let raw: [UInt8]
        public let at: Date
    }

    public enum Fault: Sendable {
        /// The connection closes without an answer.
        case drop
        /// The answer comes after this many seconds.
        case slow(TimeInterval)
        /// This status and body instead of the answer (`{"ok":false,…}` or a proxy's page).
        case error(status: Int, body: String)
    }

    private final class State: Sendable {
        let updates = Mutex<[(id: Int64, json: String)]>([])
        let calls = Mutex<[Call]>([])
        let attempts = Mutex<[String: Int]>([:])
        let faults = Mutex<[(method: String, fault: Fault)]>([])
        let holding = Atomic<Bool>(false)
        let sendDelay = Mutex<TimeInterval>(0)
        let whenSending = Mutex<(@Sendable (_ count: Int, _ chatID: Int64) -> Void)?>(nil)
    }

    public let server: HTTPServer
    private let state = State()

    /// `answer`: a test's own answer for a method (nil: the usual one). `files`: downloads by file id.
    public init(
        username: String = "CornerBot", files: [String: [UInt8]] = [:],
        answer: (@Sendable (_ method: String, _ body: JSONValue) -> HTTPServer.Response?)? = nil
    ) throws {
        let state = self.state
        server = try HTTPServer { request in
            if request.path.hasPrefix("/file/") {
                let id = request.path.split(separator: "/").last.map(String.init) ?? ""
                return HTTPServer.Response(status: 200, body: files[id] ?? Array("sku,qty\nCRO,4\n".utf8))
            }
            let method = request.path.split(separator: "/").last.map(String.init) ?? ""
            let body = (try? JSONValue(parsing: request.body)) ?? .null
            state.attempts.withLock { $0[method, default: 0] += 1 }
            let fault = state.faults.withLock { list -> Fault? in
                guard let index = list.firstIndex(where: { $0.method == method }) else { return nil }
                return list.remove(at: index).fault
            }
            switch fault {
            case .drop: return .dropConnection
            case .slow(let seconds): Thread.sleep(forTimeInterval: seconds)
            case .error(let status, let body): return .json(body, status: status)
            case nil: break
            }
            if let answer, let response = answer(method, body) {
                Self.record(Call(method: method, body: body, raw: request.body, at: Date()), in: state)
                return response
            }
            switch method {
            case "getMe":
                return .json(
                    #"{"ok":true,"result":{"id":9,"is_bot":true,"first_name":"Corner","username":"\#(username)"}}"#)
            case "getUpdates":
                let offset = body["offset"]?.int64 ?? 0
                let due = state.updates.withLock { $0.filter { $0.id >= offset }.prefix(100).map(\.json) }
                // A long poll with nothing new waits a little, as Telegram's does (briefly: tests are short).
                if due.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
                return .json(#"{"ok":true,"result":["# + due.joined(separator: ",") + "]}")
            case "getFile":
                Self.record(Call(method: method, body: body, raw: request.body, at: Date()), in: state)
                let id = body["file_id"]?.string ?? "file"
                return .json(
                    #"{"ok":true,"result":{"file_id":"\#(id)","file_unique_id":"u","file_path":"documents/\#(id)"}}"#)
            case "sendMessage", "editMessageText", "sendPhoto", "sendDocument":
                var waited = 0
                while state.holding.load(ordering: .relaxed) && waited < 3_000 {
                    Thread.sleep(forTimeInterval: 0.02)
                    waited += 1
                }
                let delay = state.sendDelay.withLock { $0 }
                if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                let count = Self.record(Call(method: method, body: body, raw: request.body, at: Date()), in: state)
                let chat = body["chat_id"]?.int64 ?? 0
                state.whenSending.withLock { $0 }?(count, chat)
                return .json(
                    #"{"ok":true,"result":{"message_id":\#(100 + count),"date":1,"chat":{"id":\#(chat),"type":"private"}}}"#
                )
            default:
                Self.record(Call(method: method, body: body, raw: request.body, at: Date()), in: state)
                return .json(#"{"ok":true,"result":true}"#)
            }
        }
    }

    deinit { server.stop() }

    /// Records a call; returns how many messages (sends and edits) have been recorded, this one included.
    @discardableResult
    private static func record(_ call: Call, in state: State) -> Int {
        state.calls.withLock { calls in
            calls.append(call)
            return calls.filter { ["sendMessage", "editMessageText", "sendPhoto", "sendDocument"].contains($0.method) }
                .count
        }
    }

    public var baseURL: String { "http://127.0.0.1:\(server.port)" }

    public func api(token: String = "1:T") -> TelegramAPI {
        TelegramAPI(baseURL: baseURL, token: token, client: CurlHTTPClient())
    }

    /// An update as Telegram sends it (its `update_id` is read from it).
    public func post(_ json: String) {
        let id = (try? JSONValue(parsing: Array(json.utf8)))?["update_id"]?.int64 ?? 0
        state.updates.withLock { $0.append((id, json)) }
    }

    /// A text message from `user` in `chat` (a private chat when it is the user's own id).
    public func post(
        id: Int64, text: String, chat: Int64 = 5, chatType: String = "private", user: Int64 = 5, name: String = "Eve"
    ) {
        post(
            #"{"update_id":\#(id),"message":{"message_id":\#(id),"date":1,"chat":{"id":\#(chat),"type":"\#(chatType)"},"#
                + #""from":{"id":\#(user),"is_bot":false,"first_name":"\#(name)"},"text":"\#(text)"}}"#)
    }

    public func replaceUpdates(_ updates: [String]) {
        state.updates.withLock { $0 = [] }
        updates.forEach(post)
    }

    /// The next call of `method` meets `fault` (faults are used once each, in order).
    public func inject(_ method: String, _ fault: Fault) { state.faults.withLock { $0.append((method, fault)) } }

    /// While held, sends are not answered (a test kills the process meanwhile).
    public func hold(_ on: Bool) { state.holding.store(on, ordering: .relaxed) }

    /// Every send is answered this much later.
    public func setSendDelay(_ seconds: TimeInterval) { state.sendDelay.withLock { $0 = seconds } }

    /// Called from the server's thread after each message is recorded, with their count and the chat.
    public func whenSending(_ hook: @escaping @Sendable (_ count: Int, _ chatID: Int64) -> Void) {
        state.whenSending.withLock { $0 = hook }
    }

    public var calls: [Call] { state.calls.withLock { $0 } }
    public func calls(_ method: String) -> [JSONValue] { calls.filter { $0.method == method }.map(\.body) }
    /// The texts of the messages sent, in order.
    public var sentTexts: [String] { calls("sendMessage").map { $0["text"]?.string ?? "" } }
    /// How many calls of `method` arrived, answered or not.
    public func attempts(_ method: String) -> Int { state.attempts.withLock { $0[method] ?? 0 } }
}
