/// What a member may do in their org. Ordered: an owner can do all a manager can, a manager all staff can.
public enum Role: String, Sendable, CaseIterable, Comparable {
    case staff
    case manager
    case owner

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .staff: return 0
        case .manager: return 1
        case .owner: return 2
        }
    }
}
