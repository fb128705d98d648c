import Foundation
import OpsCore

/// Reads the team commands, which have a fixed shape, before the free-text parser. Titles, notes and
/// comments keep the words as typed.
struct TeamCommandParser {
    func parse(_ text: String) -> TeamCommand? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = TextNormalizer.tokens(trimmed)
        guard let first = words.first else { return nil }
        let rest = Array(words.dropFirst())
        // The typed words after the first `count` ones, as written.
        func tail(_ count: Int) -> String? {
            let parts = trimmed.split(separator: " ", maxSplits: count, omittingEmptySubsequences: true)
            guard parts.count > count else { return nil }
            let value = String(parts[count]).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }

        switch first {
        case "start" where trimmed.hasPrefix("/"), "join":
            let code = trimmed.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init)
            return .start(code: code.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 })
        case "invite":
            switch rest {
            case ["staff"], ["staff", "member"], ["someone"], []: return .invite(.staff)
            case ["manager"], ["a", "manager"]: return .invite(.manager)
            case ["owner"], ["an", "owner"]: return .invite(.owner)
            default: return rest.count <= 2 ? .usage("Invite whom? “invite staff” or “invite manager”.") : nil
            }
        case "invites":
            return rest.isEmpty ? .invites : nil
        case "revoke":
            return rest.count == 1
                ? .revoke(code: rest[0])
                : rest.isEmpty ? .usage("Revoke which invite? “revoke CODE”; “invites” lists them.") : nil
        case "team", "members", "staff", "people", "who":
            return rest.isEmpty || rest == ["is", "here"] || rest == ["list"] ? .members : nil
        case "make", "role", "set":
            // "make @sam manager", "role sam staff", "set role sam manager".
            var words = rest
            if first == "set" { guard words.first == "role" else { return nil }; words.removeFirst() }
            words.removeAll { $0 == "a" || $0 == "an" || $0 == "to" || $0 == "as" }
            guard words.count == 2, let role = Role(rawValue: words[1]) else {
                let roleWord = words.last.map { ["staff", "manager", "owner", "admin", "boss"].contains($0) } ?? false
                return roleWord ? .usage("“make @sam manager”: the roles are staff, manager and owner.") : nil
            }
            let person = trimmed.split(separator: " ").first { TextNormalizer.tokens(String($0)) == [words[0]] }
            return .setRole(person: person.map(String.init) ?? words[0], role: role)
        case "remove":
            guard let person = tail(1), !person.contains(" ") else { return nil }
            return .remove(person: person)
        case "task" where !(rest.first.map { Int64($0) != nil } ?? false):
            return task(String(trimmed.dropFirst(4)).trimmingCharacters(in: CharacterSet(charactersIn: ": ")))
                ?? .usage("Say what and who: “task: recount the fridge @sam by 5pm”.")
        case "tasks":
            if rest.isEmpty { return .tasks(mine: false) }
            if rest == ["resolve", "alerts"] || rest == ["close", "alerts"] { return .taskFollowUp(resolve: true) }
            if rest == ["acknowledge", "alerts"] || rest == ["ack", "alerts"] { return .taskFollowUp(resolve: false) }
            return nil
        case "my" where rest == ["tasks"] || rest == ["task"]:
            return .tasks(mine: true)
        case "done", "finished":
            guard let id = rest.first.flatMap({ Int64($0) }) else {
                return rest.isEmpty ? .usage("Which task? Say “done 7”; “my tasks” lists yours.") : nil
            }
            return .done(id, note: tail(2))
        case "comment", "note":
            if rest.first == "task", rest.count >= 3, let id = Int64(rest[1]) {
                return tail(3).map { .comment(alertID: nil, taskID: id, text: $0) }
            }
            guard let id = rest.first.flatMap({ Int64($0) }), let text = tail(2) else {
                return rest.count <= 1
                    ? .usage("“comment 12 supplier says Friday” (alert 12), “comment task 7 …”.") : nil
            }
            return .comment(alertID: id, taskID: nil, text: text)
        case "activity", "feed", "log":
            if rest.isEmpty { return .activity(today: false) }
            return rest == ["today"] ? .activity(today: true) : nil
        case "what"
        where rest == ["happened", "today"] || rest == ["happened"] || rest == ["happened", "here", "today"]:
            return .activity(today: rest.contains("today"))
        default:
            return nil
        }
    }

    /// "recount the fridge @sam by 5pm" → title, person, due words.
    private func task(_ body: String) -> TeamCommand? {
        var title = body
        var due: String?
        if let range = title.range(of: " by ", options: [.caseInsensitive, .backwards]) {
            due = String(title[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            title = String(title[..<range.lowerBound])
        }
        var person: String?
        let words = title.split(separator: " ").map(String.init)
        if let mention = words.last(where: { $0.hasPrefix("@") && $0.count > 1 }) {
            person = mention
            title = words.filter { $0 != mention }.joined(separator: " ")
        }
        title = title.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else { return nil }
        return .task(title: title, person: person, due: due)
    }
}
