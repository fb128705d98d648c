import Foundation
import Testing

@testable import OpsNetwork

/// Issue 27: Slack's request signing, with the example from Slack's "Verifying requests from Slack".
@Suite struct SlackSignatureTests {
    static let secret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let body = Array(
        ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").utf8)
    static let signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    static let sent = Date(timeIntervalSince1970: 1_531_420_618)

    func headers(_ signature: String = Self.signature, timestamp: String = "1531420618") -> [String: String] {
        ["x-slack-signature": signature, "x-slack-request-timestamp": timestamp]
    }

    @Test func slacksExampleIsAccepted() throws {
        #expect(
            SlackSignature.signature(secret: Self.secret, timestamp: "1531420618", body: Self.body) == Self.signature)
        try SlackSignature(secrets: [Self.secret]).verify(headers: headers(), body: Self.body, now: Self.sent + 60)
        // During a rotation the previous secret still works.
        try SlackSignature(secrets: ["new-secret", Self.secret]).verify(
            headers: headers(), body: Self.body, now: Self.sent)
    }

    @Test func aBadSignatureAnOldTimestampAndAChangedBodyAreRefused() {
        let verifier = SlackSignature(secrets: [Self.secret])
        #expect(throws: SlackSignature.Refusal.mismatch) {
            try verifier.verify(
                headers: headers("v0=" + String(repeating: "0", count: 64)), body: Self.body, now: Self.sent)
        }
        #expect(throws: SlackSignature.Refusal.stale(seconds: 301)) {
            try verifier.verify(headers: headers(), body: Self.body, now: Self.sent + 301)
        }
        #expect(throws: SlackSignature.Refusal.mismatch) {
            try verifier.verify(headers: headers(), body: Self.body + [0x20], now: Self.sent)
        }
        #expect(throws: SlackSignature.Refusal.missing) {
            try verifier.verify(headers: [:], body: Self.body, now: Self.sent)
        }
        #expect(throws: SlackSignature.Refusal.missing) {
            try verifier.verify(headers: headers(timestamp: "99999999999999999999999"), body: Self.body, now: Self.sent)
        }
    }
}
