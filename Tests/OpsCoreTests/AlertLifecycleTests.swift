import Testing

@testable import OpsCore

/// Every move of an alert, from every state: the one table the engine, the desk and tasks follow.
@Suite struct AlertLifecycleTests {
    typealias Move = AlertLifecycle.Move

    @Test(
        arguments: [
            (Move.open, nil, AlertStatus.open),
            (.acknowledge, .open, .acknowledged), (.acknowledge, .acknowledged, .acknowledged),
            (.acknowledge, .assigned, .assigned),
            (.assign, .open, .assigned), (.assign, .acknowledged, .assigned), (.assign, .assigned, .assigned),
            (.snooze, .open, .open), (.snooze, .assigned, .assigned),
            (.resolve, .open, .resolved), (.resolve, .assigned, .resolved), (.clear, .acknowledged, .resolved),
            (.handBack, .assigned, .acknowledged), (.handBack, .open, .acknowledged),
        ] as [(Move, AlertStatus?, AlertStatus)])
    func movesLeadWhereTheLifecycleSays(_ move: Move, _ from: AlertStatus?, _ to: AlertStatus) {
        #expect(AlertLifecycle.status(after: move, from: from) == to)
    }

    @Test(arguments: Move.allCases)
    func aResolvedAlertMovesNoMoreAndOnlyTheEngineOpens(_ move: Move) {
        #expect(AlertLifecycle.status(after: move, from: .resolved) == nil)
        if move != .open {
            #expect(AlertLifecycle.status(after: move, from: nil) == nil)
        }
        #expect(AlertLifecycle.status(after: .open, from: .open) == nil)
    }

    @Test func staffAcknowledgeManagersHandleTheEngineAndTasksNeedNoRole() {
        #expect(AlertLifecycle.minimumRole(for: .acknowledge) == .staff)
        for move in [Move.assign, .snooze, .resolve] { #expect(AlertLifecycle.minimumRole(for: move) == .manager) }
        for move in [Move.open, .clear, .handBack] { #expect(AlertLifecycle.minimumRole(for: move) == nil) }
    }

    @Test func alertBelowIsStoredAsTheLastQuantityThatAlerts() {
        let rule = AlertRule.lowStock(productID: 7, below: 12)
        #expect(rule.threshold == 11 && rule.alertsBelow == 12 && rule.scope == .product(7))
    }
}
