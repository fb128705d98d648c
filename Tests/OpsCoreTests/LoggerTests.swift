import OpsTestSupport
import Testing

@testable import OpsCore

@Suite struct LoggerTests {
    @Test func oneLinePerEventWithQuotedValuesAndALevel() {
        let sink = InMemoryLogSink()
        var logger = Logger(label: "telegram", sink: sink)
        logger.info("telegram.sent", ["chat.id": "5", "detail": "a \"quoted\" value", "empty": ""])
        logger.debug("telegram.noise")
        logger.level = .debug
        logger.debug("telegram.noise")
        #expect(
            sink.lines == [
                #"level=info label=telegram event=telegram.sent chat.id=5 detail="a \"quoted\" value" empty="""#,
                "level=debug label=telegram event=telegram.noise",
            ])
    }
}
