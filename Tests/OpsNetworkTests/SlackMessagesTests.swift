import Foundation
import OpsChat
import Testing

@testable import OpsNetwork

/// Issue 27: Socket Mode envelopes, Slack events read as messages, replies rendered as Block Kit.
@Suite struct SlackMessagesTests {
    static func json(_ text: String) -> JSONValue { try! JSONValue(parsing: Array(text.utf8)) }

    @Test func envelopesAreReadAndAcknowledgedByTheirID() {
        #expect(SlackEnvelope(text: Array(#"{"type":"hello","num_connections":1}"#.utf8)) == .hello)
        #expect(
            SlackEnvelope(text: Array(#"{"type":"disconnect","reason":"refresh_requested"}"#.utf8))
                == .disconnect(reason: "refresh_requested"))
        let event = SlackEnvelope(
            text: Array(
                #"{"envelope_id":"57d6a792","type":"events_api","accepts_response_payload":false,"retry_attempt":0,"payload":{"type":"event_callback","event_id":"Ev08MFMKH6","event":{"type":"message","channel":"D024BE91L","user":"U2147483697","text":"sales today","ts":"1355517523.000005","channel_type":"im"}}}"#
                    .utf8))
        guard case .event(let id, let eventID, let body) = event else {
            Issue.record("\(String(describing: event))")
            return
        }
        #expect(id == "57d6a792" && eventID == "Ev08MFMKH6" && body["text"]?.string == "sales today")
        #expect(event?.acknowledgement == #"{"envelope_id":"57d6a792"}"#)
        #expect(SlackEnvelope(text: Array("not json".utf8)) == nil)
        #expect(
            SlackEnvelope(text: Array(#"{"envelope_id":"x","type":"events_api","payload":{}}"#.utf8))
                == .other(envelopeID: "x", type: "events_api"))
    }

    @Test func messagesAreReadAsTheConversationTakesThem() throws {
        let dm = try #require(
            SlackIncoming(
                event: Self.json(
                    #"{"type":"message","channel":"D024BE91L","user":"U1","text":"sales &amp; stock &lt;today&gt;","ts":"1.5","channel_type":"im"}"#
                ),
                botUserID: "UBOT"))
        #expect(dm.isDirect && dm.text == "sales & stock <today>" && dm.threadTS == nil)
        let mention = try #require(
            SlackIncoming(
                event: Self.json(
                    #"{"type":"app_mention","channel":"C1","user":"U2","text":"<@UBOT> stock low? <@U9> <https://x.y|the list>","ts":"2.0","thread_ts":"1.0"}"#
                ),
                botUserID: "UBOT"))
        #expect(!mention.isDirect && mention.text == "stock low?  the list" && mention.threadTS == "1.0")
        #expect(mention.dedupeKey == "C1:2.0")
        // Said by a bot (this one too), edited, or a join: nothing to answer.
        #expect(
            SlackIncoming(
                event: Self.json(#"{"type":"message","channel":"C1","bot_id":"B1","user":"U3","text":"hi","ts":"3"}"#),
                botUserID: "UBOT") == nil)
        #expect(
            SlackIncoming(
                event: Self.json(#"{"type":"message","channel":"C1","user":"UBOT","text":"hi","ts":"3"}"#),
                botUserID: "UBOT") == nil)
        #expect(
            SlackIncoming(
                event: Self.json(
                    #"{"type":"message","subtype":"message_changed","channel":"C1","user":"U1","text":"hi","ts":"3"}"#),
                botUserID: nil) == nil)
        #expect(
            SlackIncoming(
                event: Self.json(
                    #"{"type":"message","subtype":"channel_join","channel":"C1","user":"U1","text":"joined","ts":"3"}"#),
                botUserID: nil) == nil)
        let file = try #require(
            SlackIncoming(
                event: Self.json(
                    #"{"type":"message","subtype":"file_share","channel":"C1","user":"U1","text":"","ts":"4","files":[{"id":"F1","name":"stock.csv","size":120,"url_private_download":"https://files.slack.com/files-pri/T1-F1/download/stock.csv"}]}"#
                ),
                botUserID: "UBOT"))
        #expect(
            file.file
                == .init(
                    name: "stock.csv", size: 120, url: "https://files.slack.com/files-pri/T1-F1/download/stock.csv"))
    }

    @Test func repliesBecomeBlockKitWithinSlacksLimits() throws {
        let reply = Reply(
            blocks: [
                .title("Sales <today> & more"), .text("Revenue up"),
                .table(Table(columns: [.init("Item"), .init("£", .right)], rows: [["Latte", "£12.00"]])),
            ],
            buttons: [.init(label: "ack 12", action: "ack 12"), .init(label: "Snooze 12 1d", action: "snooze 12 1d")])
        let messages = SlackRenderer.render(reply)
        #expect(messages.count == 1)
        let blocks = messages[0].blocks
        #expect(blocks[0]["text"]?["text"]?.string == "*Sales &lt;today&gt; &amp; more*")
        #expect(blocks[2]["text"]?["text"]?.string?.hasPrefix("```") == true)
        let actions = try #require(blocks.last?["elements"]?.array)
        #expect(
            actions.count == 2 && actions[1]["value"]?.string == "snooze 12 1d"
                && actions[1]["action_id"]?.string == "opsbot_1")
        #expect(messages[0].text.hasPrefix("Sales <today> & more"))
        // A long reply: sections under 3,000 characters, messages under 50 blocks.
        let long = Reply(blocks: (0..<120).map { .text(String(repeating: "x", count: 100) + " \($0)") })
        let many = SlackRenderer.render(long)
        #expect(many.allSatisfy { $0.blocks.count <= 50 })
        #expect(many.flatMap(\.blocks).allSatisfy { ($0["text"]?["text"]?.string?.count ?? 0) <= 3000 })
    }

    @Test func aChannelGetsAboutAMessageASecondAfterABurstOfThree() {
        let pacer = SlackPacer(interval: 1, burst: 3)
        let now = Date(timeIntervalSince1970: 1_000)
        let waits = (0..<6).map { _ in pacer.reserve(channel: "C1", now: now) }
        #expect(waits == [0, 0, 0, 1, 2, 3])
        // Another channel has turns of its own; a quiet second gives one back.
        #expect(pacer.reserve(channel: "C2", now: now) == 0)
        #expect(pacer.reserve(channel: "C1", now: now.addingTimeInterval(10)) == 0)
    }

    /// FuzzSlackEvent found it: keys JSONSerialization's `.sortedKeys` compared by locale, freeing a stack address.
    /// What the inbox keeps is written by `JSONValue.jsonText` now, and read back the same.
    @Test func aFuzzedEventIsKeptAndReadBackWithoutFoundationsKeySort() throws {
        let bytes = try #require(
            Data(
                base64Encoded:
                    "eyJlbnZlbG9wZV9pZCI6ImUxIiwidHlwZSI6ImV2ZW50c19hcGkiLCJwYXlsb2FkIjp7ImV2ZW50X2lkIjoia2VuPXgmY2hhbm5lbF9pZD0mdXNlcl9pZD0mRXYyIiwiZXZlbnQiOgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB7InR5cGUiOiJhcHBfbWVudGlvbiIsImNoYW5uZWwiOiJDMCIsInVzZXIiIjE6VSwiInRleHQiOiJAVUI8T1Q+IHN0b2NrOyIsInRzIjoiMS4yIiwidGhyZWFkX3RzIjEiLCJ0eXBlIjoiZXZlbnRzX2FwaSIsInBheWxvYWQiOnsiZXZlbnRfaWQiOiJrZW49eCZjaGFubmVsX2lkPSZ1c2VyX2lkPSZFdjIiLCJldmVudCI6eyJ0eXBlIjoiYXBwX21lbnRpb24iLCJjaGFubmVsIjoiQzAiLCJ1c2VyIiIxOlUsIiJ0ZXh0IjoiQFVCPE9UPiBzdG9jazsiLCJ0cyI6IjEuMCJ9fX0="
            ))
        // Read as a slash command's form: keys with NULs and quotes in them.
        guard case .work(let inbound) = SlackEventsEndpoint.read(path: "/slack/commands", body: Array(bytes)) else {
            Issue.record("not read as a command")
            return
        }
        #expect(SlackInbound(kind: inbound.kind, stored: inbound.stored) == inbound)
    }

    @Test func jsonTextIsReadBackAsTheSameValue() throws {
        let values: [JSONValue] = [
            .object([
                "a": .string("quote \" back \\ slash \n\t\r \u{0} \u{1F} é 日本 🙂"), "b": .integer(Int64.max),
                "c": .number(1.5), "d": .array([.null, .bool(true), .bool(false), .object([:]), .array([])]),
                "": .string(""), "\u{0}key": .integer(9),
            ]),
            .string("\u{7F}\u{2028}"), .number(-2.5e300), .integer(0),
        ]
        for value in values {
            #expect(try JSONValue(parsing: Array(value.jsonText.utf8)) == value, "\(value.jsonText)")
            if case .object(let object) = value {
                for (key, item) in object {
                    let single = JSONValue.object([key: item])
                    #expect(try JSONValue(parsing: Array(single.jsonText.utf8)) == single, "\(single.jsonText)")
                }
            }
        }
        #expect(JSONValue.object(["b": .integer(1), "a": .integer(2)]).jsonText == #"{"a":2,"b":1}"#)
        #expect(JSONValue.number(.infinity).jsonText == "null")
    }
}
