import Testing

@testable import OpsChat

/// The table of rules is the one source: every rule is documented, its examples parse to it, and help and the
/// suggestions show only what parses.
@Suite struct IntentRulesTests {
    static let parser = IntentParser(
        productNames: ["Oat Milk 1L", "Croissant"], categories: ["Dairy"], locations: ["Market", "High Street"])

    @Test(arguments: IntentRules.all.map { ($0.name, $0.examples, $0.help) })
    func everyRuleHasHelpAndExamplesThatParseToIt(_ name: Intent.Name, _ examples: [String], _ help: [String]) {
        #expect(!help.isEmpty && help.allSatisfy { !$0.isEmpty }, "\(name) has no help line")
        #expect(!examples.isEmpty, "\(name) has no example")
        for example in examples {
            #expect(Self.parser.parse(example).name == name, "“\(example)” does not parse to \(name)")
        }
    }

    @Test func everyIntentHasARuleAndEachRuleOneName() {
        let named = Set(IntentRules.all.map(\.name))
        // Nothing matched, and a location asked of a figure that has none, are outcomes of rules, not rules.
        #expect(named == Set(Intent.Name.allCases).subtracting([.unknown, .locationNotSupported]))
        #expect(named.count == IntentRules.all.count)
    }

    @Test func suggestionsAndSummariesParseToTheirRules() {
        for rule in IntentRules.all {
            for suggestion in rule.suggestions {
                #expect(Self.parser.parse(suggestion.phrase).name == rule.name, "“\(suggestion.phrase)”")
            }
        }
        #expect(Set(IntentRules.suggestions.map(\.rank)).count == IntentRules.suggestions.count, "two share a rank")
    }

    @Test func everyTopicListsItsRulesAndHelpNamesEveryTopic() {
        for topic in HelpTopic.allCases {
            #expect(!HelpHandler.lines(topic).isEmpty, "help \(topic.rawValue) is empty")
            for name in topic.names { #expect(HelpHandler.topic(named: name) == topic) }
        }
        #expect(HelpHandler.lines(.stock).first == "stock low? — at or below the reorder point, most urgent first")
    }

    @Test func clausesAreTriedInPriorityOrderWithNoTwoAlike() {
        let priorities = IntentRules.clauses.map(\.priority)
        #expect(priorities == priorities.sorted())
        #expect(Set(priorities).count == priorities.count, "two clauses share a priority: their order is undefined")
    }
}
