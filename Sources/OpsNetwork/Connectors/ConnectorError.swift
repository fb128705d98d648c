import Foundation

/// Why a connector run failed, in words a shop owner can act on. The message never holds a token.
public struct ConnectorError: Error, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The token was refused (revoked, expired, wrong) or lacks a scope: it needs the owner.
        case access
        /// Asked too often and still refused after waiting.
        case rateLimited
        /// The platform failed or answered something unreadable; tried again at the next run.
        case platform
        /// The network did not get through.
        case network
        /// The configuration is incomplete (no token in the environment, no shop domain).
        case setup
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Whether only the owner can mend it (said at the first failure, not after several).
    public var needsOwner: Bool { kind == .access || kind == .setup }
}
