import Foundation
import OpsCore

/// What the chat is told when a message could not be answered, and what the log gets.
///
/// The chat gets a short message a shop owner can act on and an id; the log gets the id with the whole error
/// (SQL, paths, codes). No reply carries SQL, a host path, a token or a trace.
enum FailureReply {
    static func reply(for error: any Error, message: ChatMessage, logger: Logger) -> Reply {
        let id = Self.newID()
        logger.error(
            "conversation.failed",
            [
                "error.id": id, "transport": message.transport, "chat.id": message.chat.id, "error": "\(error)",
            ])
        return .text(text(for: error, id: id))
    }

    static func text(for error: any Error, id: String) -> String {
        switch (error as? DatabaseError)?.code.map({ $0 & 0xff }) {
        case 5, 6:  // SQLITE_BUSY, SQLITE_LOCKED
            return "The shop's database is busy, try again in a minute."
        case 8:  // SQLITE_READONLY
            return "The shop's database can't be written to on the shop's computer (it is read-only), so nothing was"
                + " changed. Check the file's permissions; this is logged as #\(id)."
        case 13:  // SQLITE_FULL
            return "The shop's computer is out of disk space, so nothing was changed. Free some space and try again;"
                + " this is logged as #\(id)."
        case 11, 26:  // SQLITE_CORRUPT, SQLITE_NOTADB
            return "The shop's database is damaged, so I can't answer. Restore the latest backup (opsbot backup makes"
                + " one); this is logged as #\(id)."
        default:
            return "Something went wrong on our side; it is logged as #\(id)."
        }
    }

    /// Six characters, easy to read out over the phone (no 0/O, 1/I).
    static func newID() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String((0..<6).map { _ in alphabet.randomElement()! })
    }
}
