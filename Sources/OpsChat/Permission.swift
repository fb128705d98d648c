import OpsCore

/// What a member may do, each with the least role allowed to: an owner can do all a manager can, a manager
/// all staff can. Every intent is checked against this table before its handler runs; the README shows it.
public enum Permission: String, CaseIterable, Sendable {
    case readFigures
    case uploadStockCounts
    case seeAlerts
    case acknowledgeAlerts
    case ownTasks
    case importData
    case handleAlerts
    case configureAlerts
    case assignTasks
    case inviteStaff
    case addGroup
    case seeActivity
    case inviteManagers
    case changeRoles
    case shopSettings
    case orderStock

    public var minimumRole: Role {
        switch self {
        // Who may move an alert is the lifecycle's to say.
        case .acknowledgeAlerts: return AlertLifecycle.minimumRole(for: .acknowledge) ?? .staff
        case .handleAlerts: return AlertLifecycle.minimumRole(for: .resolve) ?? .manager
        case .readFigures, .uploadStockCounts, .seeAlerts, .ownTasks: return .staff
        case .importData, .configureAlerts, .assignTasks, .inviteStaff, .addGroup, .seeActivity, .orderStock:
            return .manager
        case .inviteManagers, .changeRoles, .shopSettings: return .owner
        }
    }

    /// What it covers, as the README's table says it.
    public var summary: String {
        switch self {
        case .readFigures: return "ask for sales, stock, products, patterns, help"
        case .uploadStockCounts: return "upload a stock-count CSV"
        case .seeAlerts: return "see alerts, an alert, alert history and settings"
        case .acknowledgeAlerts: return "acknowledge an alert, comment on an alert or task"
        case .ownTasks: return "see and finish their own tasks (my tasks, done 7)"
        case .importData: return "import sales, products and shifts"
        case .handleAlerts: return "snooze, resolve and assign alerts"
        case .configureAlerts: return "change thresholds, reorder points, mutes, alert chats"
        case .assignTasks: return "give tasks, see everyone's tasks, finish anyone's"
        case .inviteStaff: return "invite staff, list and revoke invites"
        case .addGroup: return "add a group chat to the shop (/start there)"
        case .seeActivity: return "see the activity feed"
        case .inviteManagers: return "invite managers"
        case .changeRoles: return "change roles, remove people"
        case .shopSettings: return "see and change the shop's settings (name, time zone, currency)"
        case .orderStock: return "record purchase orders and deliveries, set lead times, packs, minimums, suppliers"
        }
    }

    /// The permission an intent needs.
    static func required(for intent: Intent) -> Permission {
        switch intent {
        case .help, .lowStock, .outOfStock, .productStock, .categoryStock, .stockOuts, .sales, .topProducts,
            .productTrend, .categories, .weekdays, .busiestHours, .unknown, .locationSales, .locations,
            .locationNotSupported, .productSales, .salesFigure, .categoryMargins, .notYet, .staffing, .chart, .report,
            .reviews:
            return .readFigures
        case .ordering(let command):
            switch command {
            case .forecast, .shopForecast, .runOut, .orderList, .orderFor, .purchaseOrders, .usage: return .readFigures
            case .ordered, .approve, .received, .receivedPacks, .leadTime, .packSize, .minimumOrder, .supplier:
                return .orderStock
            }
        case .settings:
            return .shopSettings
        case .briefing(let command):
            return command == .here ? .configureAlerts : .readFigures
        case .sync(let command):
            switch command {
            case .status: return .readFigures
            // A run now is an import; connecting names the shop's tokens and configuration.
            case .now: return .importData
            case .connect: return .shopSettings
            }
        case .alert(let command):
            switch command {
            case .list, .show, .history, .settings, .usage: return .seeAlerts
            case .acknowledge: return .acknowledgeAlerts
            case .assign, .snooze, .resolve: return .handleAlerts
            case .threshold, .reorderPoint, .mute, .here: return .configureAlerts
            }
        case .team(let command):
            switch command {
            case .start: return .readFigures
            case .invite(let role): return role == .staff ? .inviteStaff : .inviteManagers
            case .invites, .revoke: return .inviteStaff
            case .members: return .readFigures
            case .setRole, .remove: return .changeRoles
            case .task: return .assignTasks
            case .tasks(let mine): return mine ? .ownTasks : .assignTasks
            case .done: return .ownTasks
            case .comment: return .acknowledgeAlerts
            case .activity: return .seeActivity
            case .taskFollowUp: return .configureAlerts
            case .usage: return .readFigures
            }
        }
    }

    /// "That needs a manager or the owner — you're staff."
    func refusal(for member: Member) -> String {
        let who = minimumRole == .owner ? "the owner" : "a manager or the owner"
        return "Only \(who) can \(summary); you're \(Self.noun(member.role))."
    }

    /// "a staff member", "a manager", "an owner".
    static func noun(_ role: Role) -> String {
        switch role {
        case .staff: return "a staff member"
        case .manager: return "a manager"
        case .owner: return "an owner"
        }
    }
}
