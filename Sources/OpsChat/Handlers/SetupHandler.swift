import Foundation
import OpsCore

/// The owner's first minutes, one question at a time: the shop's name, its time zone, its currency, a first till
/// export, then the staff group. Every step has a Skip button and can be done later; "setup" comes back to it.
///
/// A message that asks the bot something ("stock low?") is answered as usual while a step waits; only what is
/// not a question answers the step.
struct SetupHandler {
    enum Step: String, CaseIterable {
        case name, timeZone = "timezone", currency, firstImport = "import", group
    }

    /// "setup", "/setup", and the buttons' "setup skip", "setup timezone Europe/London", "setup currency GBP".
    static func isCommand(_ text: String) -> Bool {
        let words = text.lowercased().split(separator: " ")
        return words.first == "setup" || words.first == "/setup"
    }

    /// The first question, for an owner who just joined or said "setup".
    func begin(context: HandlerContext) throws -> Reply {
        try context.store.setSetupStep(Step.name.rawValue, memberID: context.member.id, now: context.now)
        return ask(.name, org: context.org, sender: context.message.sender)
    }

    /// A "setup …" command: resume, skip the step, or a button's answer.
    func command(_ text: String, context: HandlerContext) throws -> Reply {
        guard context.member.role == .owner else {
            return .text("Only the shop's owner sets it up; “settings” shows how it is set.")
        }
        let words = text.split(separator: " ").dropFirst().map(String.init)
        guard let first = words.first?.lowercased() else { return try begin(context: context) }
        let step = try context.store.setupStep(memberID: context.member.id).flatMap(Step.init) ?? .name
        if first == "skip" || first == "done" { return try advance(from: step, saved: nil, context: context) }
        // A button names its step ("setup currency GBP"): answered as that step.
        let named = Step(rawValue: first).map { ($0, words.dropFirst().joined(separator: " ")) }
        let (answered, value) = named ?? (step, words.joined(separator: " "))
        return try answer(value, step: answered, context: context)
            ?? ask(step, org: context.org, sender: context.message.sender)
    }

    /// The step the member is on, when they are in the setup.
    static func step(of member: Member, in store: Store) throws -> Step? {
        try store.setupStep(memberID: member.id).flatMap(Step.init)
    }

    /// A message's text as the answer to `step`; nil when it does not answer it (the caller asks again).
    func answer(_ text: String, step: Step, context: HandlerContext) throws -> Reply? {
        var org = context.org
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines).singleLine
        switch step {
        case .name:
            guard !value.isEmpty, value.count <= 60 else { return nil }
            org.name = value
            try context.store.updateOrg(org)
            return try advance(from: step, saved: "The shop is “\(value)”.", context: context, org: org)
        case .timeZone:
            guard let zone = Self.zone(named: value) else {
                var reply = ask(step, org: org, sender: context.message.sender)
                reply.blocks.insert(.text("I don't know “\(value)” as a time zone or a city."), at: 0)
                return reply
            }
            org.timeZone = zone
            try context.store.updateOrg(org)
            return try advance(
                from: step, saved: "Time zone: \(zone.identifier).", context: context, org: org)
        case .currency:
            guard let currency = Currency(code: value), value.count == 3 else {
                var reply = ask(step, org: org, sender: context.message.sender)
                reply.blocks.insert(.text("“\(value)” is not a currency code (three letters, like GBP)."), at: 0)
                return reply
            }
            org.currency = currency
            try context.store.updateOrg(org)
            return try advance(from: step, saved: "Currency: \(currency.code).", context: context, org: org)
        case .firstImport, .group:
            return nil
        }
    }

    /// After a file is imported while the setup waits for one: on to the group.
    func imported(context: HandlerContext) throws -> Reply {
        try advance(from: .firstImport, saved: nil, context: context)
    }

    private func advance(from step: Step, saved: String?, context: HandlerContext, org: Org? = nil) throws -> Reply {
        let org = org ?? context.org
        let steps = Step.allCases
        let next = steps.firstIndex(of: step).map { $0 + 1 }.flatMap { $0 < steps.count ? steps[$0] : nil }
        try context.store.setSetupStep(next?.rawValue, memberID: context.member.id, now: context.now)
        guard let next else {
            return .text(
                (saved.map { $0 + " " } ?? "")
                    + "Setup done. Try “stock low?”, “sales today” or “help”; “setup” goes through it again.")
        }
        var reply = ask(next, org: org, sender: context.message.sender)
        if let saved { reply.blocks.insert(.text(saved), at: 0) }
        return reply
    }

    func ask(_ step: Step, org: Org, sender: ChatMessage.Sender) -> Reply {
        let skip = Reply.Button(label: "Skip", action: "setup skip")
        switch step {
        case .name:
            return Reply(
                blocks: [.text("Setup 1/5 — what is the shop called? (It is “\(org.name)” now.)")], buttons: [skip])
        case .timeZone:
            let zones = Self.likelyZones(languageCode: sender.languageCode)
            return Reply(
                blocks: [
                    .text(
                        "Setup 2/5 — which time zone is the shop in? Tap one, or send a city (“London”, "
                            + "“New York”). It is \(org.timeZone.identifier) now.")
                ],
                buttons: zones.map { Reply.Button(label: Self.city($0), action: "setup timezone \($0)") } + [skip])
        case .currency:
            let codes = Self.likelyCurrencies(zone: org.timeZone)
            return Reply(
                blocks: [
                    .text("Setup 3/5 — which currency? Tap one or send its code. It is \(org.currency.code) now.")
                ],
                buttons: codes.map { Reply.Button(label: $0, action: "setup currency \($0)") } + [skip])
        case .firstImport:
            return Reply(
                blocks: [
                    .text(
                        "Setup 4/5 — send me your till's sales export as a CSV file, as it comes: Square (Item Sales "
                            + "Detail or Transactions), Shopify orders, Clover Line Items, Toast ItemSelectionDetails, "
                            + "Lightspeed, WooCommerce, Loyverse, or a spreadsheet saved as CSV. Product lists and "
                            + "stock counts work too.")
                ], buttons: [skip])
        case .group:
            return Reply(
                blocks: [
                    .text(
                        "Setup 5/5 — add me to your staff group, then send /start there: alerts go to that group. "
                            + "“invite staff” then makes invites for your team.")
                ], buttons: [Reply.Button(label: "Done", action: "setup done")])
        }
    }

    /// A time zone from its identifier ("Europe/London") or its city ("london", "New York", "sao paulo").
    static func zone(named text: String) -> TimeZone? {
        if text.contains("/"), let zone = TimeZone(identifier: text) { return zone }
        let city = text.lowercased().replacingOccurrences(of: " ", with: "_")
        guard !city.isEmpty else { return nil }
        let match = TimeZone.knownTimeZoneIdentifiers.first { identifier in
            identifier.split(separator: "/").last.map { $0.lowercased() == city } ?? false
        }
        return match.flatMap(TimeZone.init(identifier:))
    }

    /// "America/New_York" → "New York".
    static func city(_ identifier: String) -> String {
        String(identifier.split(separator: "/").last ?? Substring(identifier)).replacingOccurrences(of: "_", with: " ")
    }

    /// The zones a speaker of the language most likely keeps a shop in, else the commonest.
    static func likelyZones(languageCode: String?) -> [String] {
        let language = languageCode?.lowercased().split(separator: "-").first.map(String.init) ?? ""
        switch language {
        case "de": return ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"]
        case "fr": return ["Europe/Paris", "Europe/Brussels", "America/Toronto"]
        case "es": return ["Europe/Madrid", "America/Mexico_City", "America/Bogota"]
        case "it": return ["Europe/Rome"]
        case "pt": return ["Europe/Lisbon", "America/Sao_Paulo"]
        case "nl": return ["Europe/Amsterdam", "Europe/Brussels"]
        default: return ["Europe/London", "America/New_York", "America/Los_Angeles", "Australia/Sydney"]
        }
    }

    /// The currency of the shop's zone first, then the commonest.
    static func likelyCurrencies(zone: TimeZone) -> [String] {
        let id = zone.identifier
        let local: String?
        switch true {
        case id == "Europe/London": local = "GBP"
        case ["Europe/Zurich"].contains(id): local = "CHF"
        case id.hasPrefix("Europe/"): local = "EUR"
        case ["America/Toronto", "America/Vancouver", "America/Edmonton", "America/Winnipeg"].contains(id):
            local = "CAD"
        case id == "America/Mexico_City": local = "MXN"
        case id == "America/Sao_Paulo": local = "BRL"
        case id.hasPrefix("America/"): local = "USD"
        case id.hasPrefix("Australia/"): local = "AUD"
        case id == "Pacific/Auckland": local = "NZD"
        default: local = nil
        }
        var codes = [local].compactMap { $0 }
        for code in ["USD", "EUR", "GBP"] where !codes.contains(code) { codes.append(code) }
        return Array(codes.prefix(3))
    }
}
