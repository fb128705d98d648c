import OpsChat
import OpsNetwork
import Testing

/// The group rules every platform shares, without a platform.
@Suite struct GroupChatPolicyTests {
    let policy = GroupChatPolicy(botUsername: "CornerBot")

    @Test(
        arguments: [
            ("stock low?", false, false, "stock low?"),  // private chats: everything
            ("/stock@CornerBot", true, false, "/stock@CornerBot"),
            ("/stock@OtherBot", true, false, nil),
            ("hey @cornerbot how many eggs", true, false, "hey @cornerbot how many eggs"),
            ("lunch anyone?", true, false, nil),  // not understood, not addressed
            ("lunch anyone?", true, true, "lunch anyone?"),  // a reply to the bot
            ("sales today", true, false, "sales today"),  // understood
            ("/ask how many oat milk left", true, false, "how many oat milk left"),
            ("", false, false, nil),
        ] as [(String, Bool, Bool, String?)])
    func whatTheBotAnswers(_ text: String, _ inGroup: Bool, _ repliesToBot: Bool, _ expected: String?) async {
        let answered = await policy.text(of: text, inGroup: inGroup, repliesToBot: repliesToBot) { words in
            words == "sales today" || words == "how many oat milk left"
        }
        #expect(answered == expected, "“\(text)”")
    }

    @Test func aGroupHearsNoDidntGetThat() {
        let puzzled = Reply(blocks: [.text("Sorry, I didn't get that.")], kind: .notUnderstood)
        #expect(!policy.posts(puzzled, inGroup: true))
        #expect(policy.posts(puzzled, inGroup: false))
        #expect(policy.posts(.text("Sales today …"), inGroup: true))
    }
}
