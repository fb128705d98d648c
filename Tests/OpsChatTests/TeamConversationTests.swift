import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// The team through `Conversation`: several people in the shop's group and in private chats with the bot.
@Suite("Team, roles and tasks")
struct TeamConversationTests {
    let shop: SmallShop
    let clock: MutableClock
    let conversation: Conversation
    let group = ChatMessage.Chat(id: "-100", kind: .group, title: "Shop floor")

    init() throws {
        shop = try SmallShop()
        clock = MutableClock(shop.now)
        conversation = Conversation(store: shop.store, clock: clock)
        // As Telegram's transport describes itself (its identity lives in OpsNetwork).
        conversation.setIdentity(
            TransportIdentity(transport: "test", botUsername: "CornerBot") { "https://t.me/CornerBot?start=\($0)" })
        // Olive (owner) and Sam (staff) have private chats with the bot; on this transport a private chat's id
        // is the user's id, as on Telegram.
        for key in ["1", "2"] {
            try shop.store.recordChat(orgID: shop.org.id, transport: "test", chatKey: key, kind: "private", title: nil)
        }
    }

    /// `who`: a member, or a stranger's (user key, name).
    @discardableResult
    func say(_ text: String, as member: Member? = nil, stranger: (String, String)? = nil, inGroup: Bool = false)
        -> Reply
    {
        let sender: ChatMessage.Sender
        if let stranger {
            sender = .init(userKey: stranger.0, displayName: stranger.1, handle: stranger.1.lowercased())
        } else {
            let member = member ?? shop.owner
            sender = .init(userKey: member.userKey, displayName: member.name, handle: member.handle)
        }
        let chat = inGroup ? group : ChatMessage.Chat(id: sender.userKey, kind: .privateChat)
        return conversation.handle(ChatMessage(transport: "test", chat: chat, sender: sender, text: text))
    }

    /// The code in an invite reply ("Invite for a manager: CODE").
    func code(_ reply: Reply) throws -> String {
        let first = try #require(reply.plainText.split(separator: "\n").first)
        return String(try #require(first.split(separator: " ").last))
    }

    func member(_ key: String) throws -> Member { try #require(try shop.store.member(transport: "test", userKey: key)) }

    func notices(to chat: String) throws -> [String] {
        try shop.store.dueDeliveries(now: .distantFuture, limit: 500).filter { $0.kind == .notice && $0.target == chat }
            .compactMap(\.body)
    }

    @Test("setup: the first owner joins with the code the bot printed, once")
    func setup() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(name: "New Shop", timeZone: TimeZone(identifier: "Europe/London")!)
        let conversation = Conversation(store: store, clock: FixedClock(shop.now))
        func say(_ text: String, _ key: String, _ name: String) -> String {
            conversation.handle(
                ChatMessage(
                    transport: "test", chat: .init(id: key, kind: .privateChat),
                    sender: .init(userKey: key, displayName: name),
                    text: text)
            ).plainText
        }
        let code = try #require(try Invites(store: store, org: org).setupCode(now: shop.now))
        #expect(code.count == 10 && code.allSatisfy { "ABCDEFGHJKMNPQRSTUVWXYZ23456789".contains($0) })
        #expect(
            try store.database.queryInt(
                "SELECT COUNT(*) FROM invites WHERE code_hash = ? OR hint = ?", [.text(code), .text(code)]) == 0)
        // Issue 20, point 1: before anyone owns the shop, a bare /start is told about the setup code, not an invite.
        let bare = say("/start", "7", "Ana")
        #expect(bare.hasPrefix("Hi Ana! New Shop has no owner yet. To become its owner, send /start"), "\(bare)")
        #expect(bare.contains("event=run.setup code=") && !bare.contains(code))
        #expect(say("/start \(code)", "7", "Ana").hasPrefix("Welcome to New Shop, Ana!\nYou're an owner."))
        #expect(try store.member(transport: "test", userKey: "7")?.role == .owner)
        #expect(say("/start \(code)", "8", "Ben") == InviteError.invalid.description)
        #expect(say("hello", "8", "Ben").hasPrefix("Hi Ben! You're not a member of New Shop yet."), "an owner exists")
        #expect(
            try Invites(store: store, org: org).setupCode(now: shop.now) == nil, "an owner exists: no more setup codes")
    }

    /// Issue 20, point 2: the first owner is taken through the setup — name, time zone (buttons from the app's
    /// language, or a city), currency (the zone's first), a first export, the group — each step skippable, a
    /// question asked meanwhile answered as usual, and "setup" going through it again.
    @Test func theFirstOwnerIsGuidedThroughTheSetup() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(name: "My Shop", timeZone: TimeZone(identifier: "Etc/UTC")!)
        let conversation = Conversation(store: store, clock: FixedClock(shop.now))
        func say(_ text: String, action: String? = nil, file: String? = nil, language: String? = nil) -> Reply {
            let bytes = file.map { Array($0.utf8) }
            return conversation.handle(
                ChatMessage(
                    transport: "test", chat: .init(id: "7", kind: .privateChat),
                    sender: .init(userKey: "7", displayName: "Ana", languageCode: language), text: text,
                    attachment: bytes.map { bytes in .init(fileName: "items.csv", size: bytes.count, fetch: { bytes })
                    },
                    action: action),
                file: bytes)
        }
        let code = try #require(try Invites(store: store, org: org).setupCode(now: shop.now))
        let welcome = say("/start \(code)")
        #expect(welcome.plainText.hasPrefix("Welcome to My Shop, Ana!\nYou're an owner."), "\(welcome.plainText)")
        #expect(welcome.plainText.contains("Setup 1/5 — what is the shop called?"))
        #expect(welcome.buttons.map(\.label) == ["Skip"])

        let named = say("Corner Café", language: "de")
        #expect(named.plainText.hasPrefix("The shop is “Corner Café”."))
        #expect(named.plainText.contains("Setup 2/5"))
        #expect(named.buttons.map(\.label) == ["Berlin", "Vienna", "Zurich", "Skip"], "from the app's language")
        #expect(say("Atlantis").plainText.hasPrefix("I don't know “Atlantis” as a time zone or a city."))
        let zoned = say("New York")
        #expect(zoned.plainText.hasPrefix("Time zone: America/New_York."))
        #expect(zoned.buttons.first?.label == "USD", "the zone's currency first")
        let priced = say("USD", action: zoned.buttons[0].action)
        #expect(priced.plainText.hasPrefix("Currency: USD.") && priced.plainText.contains("Setup 4/5"))
        // A question meanwhile is answered, and the step waits.
        let asked = say("sales today")
        #expect(asked.plainText.hasPrefix("Sales today") && !asked.plainText.contains("Setup"), "\(asked.plainText)")
        let ana = try #require(try store.member(transport: "test", userKey: "7"))
        #expect(try store.setupStep(memberID: ana.id) == "import")
        let imported = say("", file: "date,product,qty,price\n2026-11-20,Latte,2,3.50\n")
        #expect(imported.plainText.contains("Imported sales from items.csv"), "\(imported.plainText)")
        #expect(imported.plainText.contains("Setup 5/5 — add me to your staff group"))
        #expect(say("Done", action: "setup done").plainText.hasPrefix("Setup done."))

        let saved = try store.org(id: org.id)
        #expect(saved.name == "Corner Café" && saved.timeZone.identifier == "America/New_York")
        #expect(saved.currency.code == "USD")
        #expect(try store.setupStep(memberID: ana.id) == nil)
        // "setup" again, and Skip moves on without changing anything.
        #expect(say("setup").plainText.contains("Setup 1/5"))
        #expect(say("Skip", action: "setup skip").plainText.hasPrefix("Setup 2/5"))
        #expect(try store.org(id: org.id).name == "Corner Café")
    }

    @Test("invites: one use, 7 days, revocable; a wrong code is answered the same whatever the reason")
    func invites() throws {
        let made = say("invite manager")
        let code = try code(made)
        #expect(made.plainText.contains("https://t.me/CornerBot?start=\(code)"))
        #expect(
            say("/start \(code)", stranger: ("10", "Maria")).plainText.hasPrefix(
                "Welcome to Test Shop, Maria!\nYou're a manager."))
        #expect(try member("10").role == .manager)
        let refused = InviteError.invalid.description
        #expect(say("/start \(code)", stranger: ("11", "Reuse")).plainText == refused, "used")

        let expiring = try self.code(say("invite staff"))
        clock.now = shop.now.addingTimeInterval(Invites.validity + 60)
        #expect(say("/start \(expiring)", stranger: ("12", "Late")).plainText == refused, "expired")

        clock.now = shop.now
        let revoked = try self.code(say("invite staff"))
        #expect(say("invites").plainText.contains("\(revoked.prefix(3))… staff, by Olive"))
        #expect(say("revoke \(revoked)").plainText == "Revoked: that code no longer works.")
        #expect(say("/start \(revoked)", stranger: ("13", "Rev")).plainText == refused, "revoked")
        #expect(say("/start NOSUCHCODE", stranger: ("14", "Guess")).plainText == refused, "never existed")

        // Five wrong codes in 15 minutes (the revoked one was the first), then even a good one waits.
        let good = try self.code(say("invite staff"))
        for _ in 0..<4 { say("/start WRONG\(Int.random(in: 0...999))", stranger: ("13", "Rev")) }
        #expect(say("/start \(good)", stranger: ("13", "Rev")).plainText == InviteError.tooManyAttempts.description)
        clock.now = shop.now.addingTimeInterval(Invites.attemptWindow + 60)
        #expect(say("/start \(good)", stranger: ("13", "Rev")).plainText.contains("You're a staff member"))

        // Managers invite staff, not managers.
        let maria = try member("10")
        #expect(say("invite staff", as: maria).plainText.hasPrefix("Invite for a staff member:"))
        #expect(say("invite manager", as: maria).plainText == Permission.inviteManagers.refusal(for: maria))
    }

    /// One message per permission, and a file for the two that are about uploads.
    static let samples: [Permission: String] = [
        .readFigures: "sales today", .seeAlerts: "alerts", .acknowledgeAlerts: "ack 1", .ownTasks: "my tasks",
        .handleAlerts: "snooze 1 1d", .configureAlerts: "mute sales alerts for 1 day", .assignTasks: "tasks",
        .inviteStaff: "invites", .addGroup: "/start", .seeActivity: "activity", .inviteManagers: "invite manager",
        .changeRoles: "make @sam staff", .shopSettings: "settings", .orderStock: "ordered 24 oat milk arriving friday",
    ]

    @Test(
        "every permission: allowed from its role up, refused below it, saying which role it needs",
        arguments: Permission.allCases)
    func permission(_ permission: Permission) throws {
        try AlertEngine(store: shop.store, org: shop.org).evaluate(now: shop.now)
        let maria = try shop.store.upsertMember(
            orgID: shop.org.id, transport: "test", userKey: "10", name: "Maria", handle: "maria", role: .manager)
        for member in [shop.staff, maria, shop.owner] {
            let allowed = member.role >= permission.minimumRole
            let reply: String
            let refusedText: String
            switch permission {
            case .uploadStockCounts, .importData:
                let csv =
                    permission == .importData
                    ? "order,sold at,sku,qty,price\nZ1,2026-11-25 09:00,CRO,4,2.60\n" : "sku,qty\nCRO,24\n"
                reply =
                    conversation.handle(
                        ChatMessage(
                            transport: "test", chat: group,
                            sender: .init(userKey: member.userKey, displayName: member.name),
                            text: "", attachment: .init(fileName: "f.csv", size: csv.utf8.count) { Array(csv.utf8) }),
                        file: Array(csv.utf8)
                    ).plainText
                refusedText = "Only managers and owners can import"
            default:
                reply = say(Self.samples[permission]!, as: member, inGroup: permission == .addGroup).plainText
                refusedText = permission.refusal(for: member)
            }
            #expect(reply.contains(refusedText) == !allowed, "\(member.role) → \(permission): \(reply)")
        }
    }

    @Test("assign → the assignee is told → done with a note → the alert is resolved; or only acknowledged")
    func taskFromAlert() throws {
        let opened = try AlertEngine(store: shop.store, org: shop.org).evaluate(now: shop.now).opened
        let oat = try #require(opened.first { $0.subject == "Oat Milk 1L" })
        let assigned = say("assign \(oat.id) to @sam", inGroup: true).plainText
        #expect(
            assigned == "Alert #\(oat.id) assigned to Sam as task #1: Low stock: Oat Milk 1L — 4 left (alert at 12). "
                + "Sam is told in private chat.")
        #expect(
            try notices(to: "2").first?.hasPrefix("Olive gave you task #1: Alert #\(oat.id): Low stock: Oat Milk 1L")
                == true)
        #expect(say("my tasks", as: shop.staff).plainText.contains("#1 Alert #\(oat.id): Low stock: Oat Milk 1L"))

        let done = say("done 1 ordered 2 crates", as: shop.staff).plainText
        #expect(
            done == "Task #1 done: Alert #\(oat.id): Low stock: Oat Milk 1L — 4 left (alert at 12) — ordered 2 crates. "
                + "Alert #\(oat.id) resolved.")
        let alert = try #require(try shop.store.alert(id: oat.id, orgID: shop.org.id))
        #expect(alert.status == .resolved && alert.resolution == "by Sam")
        #expect(
            try notices(to: "1").contains { $0.hasPrefix("Sam finished task #1") && $0.hasSuffix("ordered 2 crates") })
        #expect(say("done 1", as: shop.staff).plainText == "Task #1 is already done.")

        // The managers prefer to check themselves: finishing a task only acknowledges its alert.
        #expect(say("tasks acknowledge alerts").plainText.contains("its alert will be acknowledged"))
        let egg = try #require(opened.first { $0.subject == "Free Range Eggs 6" })
        say("assign \(egg.id) to me")
        #expect(say("done 2").plainText.hasSuffix("Alert #\(egg.id) acknowledged."))
        #expect(try shop.store.alert(id: egg.id, orgID: shop.org.id)?.status == .acknowledged)

        // Staff finish only their own tasks.
        let croissant = try #require(opened.first { $0.subject == "Croissant" })
        say("assign \(croissant.id) to me")
        #expect(say("done 3", as: shop.staff).plainText == "Task #3 is Olive's; a manager can close it for them.")
        #expect(
            say("comment \(croissant.id) supplier says Friday", as: shop.staff).plainText
                == "Noted on alert #\(croissant.id).")
        #expect(say("alert \(croissant.id)").plainText.hasSuffix("💬 Sam, today 14:30: supplier says Friday"))
    }

    @Test("a task with a due time reminds its assignee once when due, then its assigner once an hour later")
    func reminders() throws {
        let reply = say("task: recount the fridge @sam by 5pm", inGroup: true).plainText
        #expect(reply == "Task #1 for Sam: recount the fridge, due today 17:00. Sam is told in private chat.")
        let desk = TaskDesk(store: shop.store, org: shop.org)
        let five = shop.org.calendar.startOfDay(shop.now).addingTimeInterval(17 * 3600)
        #expect(try desk.remindOverdue(now: five.addingTimeInterval(-60)) == 0)
        #expect(try desk.remindOverdue(now: five.addingTimeInterval(60)) == 1)
        #expect(try notices(to: "2").last == "Task #1 is due: recount the fridge. Say “done 1” when it's done.")
        #expect(try desk.remindOverdue(now: five.addingTimeInterval(1800)) == 0)
        #expect(try desk.remindOverdue(now: five.addingTimeInterval(3660)) == 1)
        #expect(try notices(to: "1").last == "Task #1 for Sam is overdue since Wed 25 Nov 17:00: recount the fridge")
        #expect(try desk.remindOverdue(now: five.addingTimeInterval(7200)) == 0)
        clock.now = five.addingTimeInterval(3700)
        #expect(say("tasks").plainText.contains("#1 recount the fridge — Sam · OVERDUE since today 17:00"))
        #expect(say("task: tidy up").plainText.hasPrefix("Who should do it?"))
        #expect(say("task: tidy up @sam by someday").plainText.hasPrefix("I can't read “by someday”"))
        #expect(say("task: tidy up @nobody").plainText.hasPrefix("No member is called “@nobody”"))
    }

    @Test(
        "due times in the shop's time zone",
        arguments: [
            ("5pm", "2026-11-25 17:00"), ("9am", "2026-11-26 09:00"), ("17:30", "2026-11-25 17:30"),
            ("tomorrow", "2026-11-26 17:00"), ("tomorrow 9am", "2026-11-26 09:00"), ("friday", "2026-11-27 17:00"),
            ("fri 3pm", "2026-11-27 15:00"), ("wednesday", "2026-12-02 17:00"), ("2026-12-01", "2026-12-01 17:00"),
            ("noon", "2026-11-26 12:00"), ("5 pm", "2026-11-25 17:00"),
        ])
    func dueTimes(_ text: String, _ expected: String) throws {
        let due = try #require(DueTimeParser(calendar: shop.org.calendar, now: shop.now).parse(text))
        let formatter = DateFormatter()
        formatter.timeZone = shop.org.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        #expect(formatter.string(from: due) == expected)
    }

    @Test("due times that are not", arguments: ["someday", "25pm", "13:75", "later"])
    func badDueTimes(_ text: String) {
        #expect(DueTimeParser(calendar: shop.org.calendar, now: shop.now).parse(text) == nil)
    }

    @Test("roles: the owner promotes and removes; the only owner stays; people are told")
    func roles() throws {
        #expect(say("make @sam manager").plainText == "Sam is now a manager (was staff).")
        #expect(try notices(to: "2").last == "Olive made you a manager of Test Shop.")
        let sam = try member("2")
        #expect(say("make @olive staff", as: sam).plainText == Permission.changeRoles.refusal(for: sam))
        #expect(say("make me staff").plainText == "Olive is the only owner; make someone else owner first.")
        #expect(say("team").plainText.contains("Sam @sam — manager"))
        #expect(say("remove @sam").plainText == "Sam is no longer in Test Shop; their open tasks went with them.")
        #expect(try shop.store.member(transport: "test", userKey: "2") == nil)
        #expect(say("sales today", stranger: ("2", "Sam")).plainText.hasPrefix("Hi Sam! You're not a member"))
    }

    @Test("a group joins the shop when a manager or the owner sends /start there")
    func groupJoins() throws {
        // The transport has seen the group (someone added the bot): that alone sends it no alerts.
        try shop.store.recordChat(
            orgID: shop.org.id, transport: "test", chatKey: "-100", kind: "group", title: "Shop floor")
        #expect(try shop.store.alertChats(orgID: shop.org.id).isEmpty)
        #expect(say("/start", as: shop.staff, inGroup: true).plainText == Permission.addGroup.refusal(for: shop.staff))
        #expect(try shop.store.alertChats(orgID: shop.org.id).isEmpty)
        #expect(say("/start", inGroup: true).plainText.hasPrefix("This group is now part of Test Shop"))
        #expect(try shop.store.alertChats(orgID: shop.org.id).map(\.chatKey) == ["-100"])
    }

    @Test("the activity feed: imports, alerts, tasks and joins, newest first, with who")
    func activityFeed() throws {
        clock.now = shop.now.addingTimeInterval(-3600)
        let code = try code(say("invite staff"))
        say("/start \(code)", stranger: ("20", "Priya"))
        clock.now = shop.now
        let opened = try AlertEngine(store: shop.store, org: shop.org).evaluate(now: shop.now).opened
        let croissant = try #require(opened.first { $0.subject == "Croissant" })
        clock.now = shop.now.addingTimeInterval(60)
        say("assign \(croissant.id) to @priya")
        clock.now = shop.now.addingTimeInterval(120)
        say("done 1 baked 40 more", as: try member("20"))
        let lines = say("what happened today").plainText.split(separator: "\n").map(String.init)
        #expect(lines.first == "Today")
        #expect(
            lines[1]
                == "14:32 Priya finished task #1: Alert #\(croissant.id): Out of stock: Croissant — none left — baked 40 more"
        )
        #expect(lines[2] == "14:32 Priya resolved alert #\(croissant.id) (Out of stock — Croissant)")
        #expect(
            lines.contains(
                "14:31 Olive gave task #1 to Priya: Alert #\(croissant.id): Out of stock: Croissant — none left"))
        #expect(lines.contains("14:30 Alert #\(croissant.id) opened: Out of stock — Croissant"))
        #expect(lines.last == "13:30 Olive made a staff invite (\(code.prefix(3))…)")
        #expect(lines.contains("13:30 Priya joined as staff (invited by Olive)"))
    }
}

@Suite struct PermissionTableTests {
    @Test("the README's roles table says what the code enforces")
    func readmeMatchesCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for permission in Permission.allCases {
            let cells = Role.allCases.map { $0 >= permission.minimumRole ? "✓" : "—" }
            let row = "| \(permission.summary) | " + cells.joined(separator: " | ") + " |"
            #expect(readme.contains(row), "README lacks: \(row)")
        }
    }
}
