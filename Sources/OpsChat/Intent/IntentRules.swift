/// Everything the bot understands from words: one rule per intent, each with the clauses that pick it, its help
/// lines, the examples users are shown and the words that suggest it. `IntentParser`, `help` and the
/// "did you mean" suggestions all read this one table; its order is the order help lists things in, and the
/// clauses' priorities the order they are tried in.
enum IntentRules {
    typealias Rule = IntentRule
    typealias Clause = IntentRule.Clause
    typealias Suggestion = IntentRule.Suggestion

    /// Is it about stock at all ("stock", "low", "out of stock", "how many")?
    private static func aboutStock(_ m: MessageFeatures) -> Bool { m.isStock || m.isLow || m.isOut }

    static let all: [Rule] = [
        Rule(
            .lowStock, topic: .stock, help: ["stock low? — at or below the reorder point, most urgent first"],
            summary: "stock low? — what needs reordering", examples: ["stock low?", "anything running low?"],
            suggestions: [
                Suggestion(
                    phrase: "stock low?",
                    words: ["stock", "low", "running", "reorder", "need", "order", "inventory", "empty"], rank: 0)
            ],
            clauses: [
                // "what will run out next week", "which products will run out soon": looking ahead, the low list
                // (with each product's cover), not the stock-outs already past.
                Clause(priority: 7) { m in
                    m.set.contains("out") && !m.set.isDisjoint(with: ["run", "runs", "running"])
                        && !m.set.isDisjoint(with: ["will", "gonna", "going", "soon", "next"])
                        && m.words.allSatisfy { runningOutWords.contains($0) || Vocabulary.filler.contains($0) }
                        ? .lowStock : nil
                },
                Clause(priority: 23) { m in
                    // "what do we need to order this week" names a period and still asks what is low.
                    aboutStock(m) && !m.asksSales && m.productQuery.isEmpty
                        && (m.isLow && m.figure == nil || m.isStock && m.period == nil)
                        ? .lowStock : nil
                },
            ]),
        Rule(
            .outOfStock, topic: .stock, help: ["what's out of stock — nothing left, most missed first"],
            examples: ["what's out of stock", "anything sold out?"],
            suggestions: [
                Suggestion(
                    phrase: "what's out of stock", words: ["out", "none", "zero", "sold", "empty", "gone"], rank: 4)
            ],
            clauses: [
                Clause(priority: 11) { m in m.isOut && m.period == nil && m.productQuery.isEmpty ? .outOfStock : nil },
                Clause(priority: 22) { m in
                    aboutStock(m) && m.isOut && !m.isLow && m.productQuery.isEmpty ? .outOfStock : nil
                },
            ]),
        Rule(
            .productStock, topic: .stock, help: ["stock oat milk / how many eggs left — one product"],
            summary: "stock oat milk — one product's stock", examples: ["stock oat milk", "how many oat milk left"],
            suggestions: [
                Suggestion(
                    phrase: "stock oat milk", words: ["many", "left", "have", "got", "milk", "count", "stock"], rank: 5)
            ],
            clauses: [
                // "anything out of stock?" names no product; "is oat milk low?" does.
                Clause(priority: 20) { m in
                    aboutStock(m) && !m.asksSales && m.period == nil && !m.productQuery.isEmpty
                        && (m.namesOnlyProducts
                            || m.isStock && m.unexplained.allSatisfy { !CommonWords.all.contains($0) })
                        ? .productStock(query: m.product) : nil
                },
                // A bare SKU ("BAK-001").
                Clause(priority: 6) { m in
                    m.typed.count == 1 && m.parser.skus.contains(m.typed[0]) ? .productStock(query: m.typed[0]) : nil
                },
                // A product's name alone ("oat milk?").
                Clause(priority: 40) { m in
                    !m.productQuery.isEmpty && m.productQuery.allSatisfy(m.parser.looksLikeProduct)
                        ? .productStock(query: m.product) : nil
                },
            ]),
        Rule(
            .categoryStock, topic: .stock, help: ["stock dairy — a whole category"], examples: ["stock dairy"],
            clauses: [
                Clause(priority: 21) { m in
                    aboutStock(m) && m.productQuery.isEmpty ? m.category.map { .categoryStock(category: $0.name) } : nil
                },
                Clause(priority: 41) { m in
                    m.productQuery.isEmpty ? m.category.map { .categoryStock(category: $0.name) } : nil
                },
            ]),
        Rule(
            .stockOuts, topic: .stock, help: ["stock-outs last week — what ran out, and for how long"],
            examples: ["stock-outs last week", "what ran out last month"],
            clauses: [Clause(priority: 10) { m in m.isStockOuts ? .stockOuts(m.period ?? .lastDays(30)) : nil }]),
        Rule(
            .sales, topic: .sales,
            help: [
                "sales today — so far, against the same time a week ago",
                "how did we do last week / revenue this month",
                "sales last 7 days, /sales 30d, sales since monday",
                "sales on saturday, sales in october, sales 1-15 nov",
                "Margin shows where products have a cost.",
            ],
            summary: "sales today / yesterday / last week", examples: ["sales today", "how did we do last week"],
            suggestions: [
                Suggestion(
                    phrase: "sales today",
                    words: ["sales", "today", "revenue", "takings", "sold", "money", "made", "did", "how"], rank: 1),
                Suggestion(
                    phrase: "sales yesterday", words: ["yesterday", "sales", "last", "night", "revenue"], rank: 2),
            ],
            clauses: [
                // Every word explained: a word it cannot place is not dropped for a shop-wide answer — nothing
                // matches, and the reply says so. Products and named figures are tried first (`productSales`,
                // `salesFigure`).
                Clause(priority: 30) { m in
                    m.asksAboutSales && m.productQuery.isEmpty
                        ? .sales(m.period ?? .today) : nil
                }
            ]),
        Rule(
            .productSales, topic: .sales,
            help: ["did we sell any croissants yesterday / how many lattes this week / oat milk sales in october"],
            examples: ["did we sell any croissants yesterday", "oat milk sales last week"],
            clauses: [
                Clause(priority: 28) { m in
                    m.asksAboutSales && m.namesOnlyProducts
                        ? .productSales(query: m.product, period: m.period ?? .today) : nil
                }
            ]),
        Rule(
            .salesFigure, topic: .sales,
            help: ["how many orders yesterday / average basket this week / customers today (counted as orders)"],
            examples: ["how many orders yesterday", "average basket this week"],
            clauses: [
                Clause(priority: 29) { m in
                    guard m.asksAboutSales, m.productQuery.isEmpty, let figure = m.figure, figure != .revenue else {
                        return nil
                    }
                    return .salesFigure(m.period ?? .today, figure)
                }
            ]),
        Rule(
            .locationSales, topic: .sales, help: ["sales this week at Market — one of the shop's locations"],
            examples: ["sales this week at Market"],
            // Narrows the rest of the message to a location: the words without "at <location>" are parsed again.
            clauses: [
                Clause(priority: 2) { m in
                    guard let (location, rest) = m.parser.location(in: m.typed) else { return nil }
                    let intent = m.parser.withoutLocations.parse(rest.joined(separator: " "))
                    if case .sales(let period) = intent { return .locationSales(period, location: location) }
                    if case .locations = intent { return intent }
                    return .locationNotSupported(location: location)
                }
            ]),
        Rule(
            .locations, topic: .sales, help: ["sales by location — each location's revenue and orders"],
            examples: ["sales by location"],
            clauses: [
                Clause(priority: 15) { m in
                    !m.restSet.isDisjoint(with: Vocabulary.locations)
                        && m.productQuery.allSatisfy({ !m.parser.looksLikeProduct($0) })
                        ? .locations(m.period ?? .thisWeek) : nil
                }
            ]),
        Rule(
            .topProducts, topic: .products,
            help: [
                "top 5 products this week / worst sellers in bakery last month",
                "top 10 by units, most profitable products",
            ],
            summary: "top 5 products this week", examples: ["top 5 products this week", "worst sellers last month"],
            suggestions: [
                Suggestion(
                    phrase: "top 5 products this week",
                    words: ["top", "best", "products", "selling", "popular", "sellers", "worst"], rank: 3)
            ],
            clauses: [
                Clause(priority: 14) { m in
                    guard m.isTop && (m.productQuery.isEmpty || !m.namesAProduct) else { return nil }
                    // "worst sellers in pastries" with no such category: not the whole shop's worst sellers.
                    if m.namesUnknownFilter {
                        return .unknown(suggestions: ["top 5 products this week", "sales by category this month"])
                    }
                    return .topProducts(topProducts(m))
                }
            ]),
        Rule(
            .productTrend, topic: .products, help: ["how is oat milk doing / trend croissant 30 days"],
            summary: "how is oat milk doing", examples: ["how is oat milk doing"],
            clauses: [
                Clause(priority: 17) { m in
                    m.isTrend && m.namesAProduct
                        ? .productTrend(query: m.product, period: m.period ?? .lastDays(30)) : nil
                }
            ]),
        Rule(
            .weekdays, topic: .patterns, help: ["are weekends better / best day of the week"],
            examples: ["are weekends better", "best day of the week"],
            suggestions: [
                Suggestion(
                    phrase: "are weekends better",
                    words: ["weekend", "weekends", "saturday", "sunday", "weekday", "days"],
                    rank: 7)
            ],
            clauses: [Clause(priority: 13) { m in m.isWeekdays ? .weekdays(m.period ?? .lastDays(28)) : nil }]),
        Rule(
            .busiestHours, topic: .patterns, help: ["busiest hours this month"],
            summary: "busiest hours, are weekends better", examples: ["busiest hours this month"],
            suggestions: [
                Suggestion(
                    phrase: "busiest hours this month",
                    words: ["busy", "busiest", "hours", "when", "time", "rush", "peak"],
                    rank: 6)
            ],
            clauses: [Clause(priority: 12) { m in m.isHours ? .busiestHours(m.period ?? .lastDays(28)) : nil }]),
        Rule(
            .categories, topic: .patterns, help: ["sales by category last week"], examples: ["sales by category"],
            suggestions: [
                Suggestion(
                    phrase: "sales by category", words: ["category", "categories", "department", "breakdown"], rank: 8)
            ],
            clauses: [
                // Before the rankings: "best category this month" ranks categories, not products ("top products
                // in bakery" names a category, and is a ranking).
                Clause(priority: 8) { m in
                    m.isCategories && m.category == nil && m.productQuery.isEmpty && !m.asksMargin
                        ? .categories(m.period ?? .thisWeek) : nil
                }
            ]),
        Rule(
            .categoryMargins, topic: .patterns, help: ["margin by category this month"],
            examples: ["margin by category", "which category makes the most profit"],
            clauses: [
                Clause(priority: 9) { m in
                    m.isCategories && m.category == nil && m.productQuery.isEmpty && m.asksMargin
                        ? .categoryMargins(m.period ?? .thisWeek) : nil
                }
            ]),
        Rule(
            .alert, topic: .alerts,
            help: [
                "alerts — the open ones, most severe first; alert 12 — one, with buttons",
                "ack 12 / assign 12 to @maria / snooze 12 2d / resolve 12",
                "alert history oat milk — a product's alerts and where they were sent",
                "alert me when oat milk below 12 / set reorder point croissant 20",
                "mute sales alerts for 3 days / unmute sales alerts",
                "alert settings / alerts here / no alerts here",
            ],
            summary: "alerts — what needs attention; ack 12, snooze 12 2d", examples: ["alerts", "ack 12"],
            clauses: [Clause(priority: 0) { m in AlertCommandParser().parse(m.text).map(Intent.alert) }]),
        Rule(
            .team, topic: .team,
            help: [
                "invite staff / invite manager / invites / revoke CODE",
                "team / make @sam manager / remove @sam",
                "task: recount the fridge @sam by 5pm / tasks / my tasks / done 7 ordered 2 crates",
                "comment 12 supplier says Friday / activity / what happened today",
            ],
            examples: ["team", "invite staff", "my tasks"],
            clauses: [Clause(priority: 1) { m in TeamCommandParser().parse(m.text).map(Intent.team) }]),
        Rule(
            .settings, topic: .shop,
            help: [
                "settings — the shop's name, time zone, currency and week start",
                "settings timezone Europe/London / settings currency GBP / settings week sunday",
            ],
            examples: ["settings", "settings currency GBP"],
            clauses: [
                Clause(priority: 3) { m in
                    !m.set.isDisjoint(with: Vocabulary.settings)
                        || (m.words.first == "set" && m.words.count > 1 && Vocabulary.settingKeys.contains(m.words[1]))
                        ? .settings(m.parser.settingsChange(text: m.text, words: m.words)) : nil
                }
            ]),
        Rule(
            .ordering, topic: .stock,
            help: [
                "forecast oat milk — the next 7 days, and how good the forecast has been",
                "forecast sales next week / how many croissants will we sell tomorrow / how long will oat milk last",
                "when will oat milk run out / what should I order / order list for Dairy Direct (a CSV)",
                "ordered 24 oat milk arriving friday / received oat milk 24 (or 2 cases of oat milk) / orders",
                "how much oat milk should I order — that product's line of the order list",
                "lead time oat milk 2 days / oat milk comes in packs of 12 / supplier oat milk Dairy Direct",
            ],
            examples: ["forecast oat milk", "what should I order", "ordered 24 oat milk arriving friday"],
            clauses: [
                Clause(priority: -1) { m in OrderingCommandParser().parse(m.text).map(Intent.ordering) },
                // "what do we need to order", "anything need reordering?": the order plan.
                Clause(priority: 19) { m in
                    m.productQuery.isEmpty && !m.asksSales
                        && !m.set.isDisjoint(with: [
                            "order", "reorder", "ordering", "reordering", "restock", "restocking",
                        ])
                        ? .ordering(.orderList(supplier: nil)) : nil
                },
            ]),
        Rule(
            .staffing, topic: .team,
            help: [
                "staffing last week / labour cost this month / sales per labour hour (costs: managers and owners)",
                "overstaffed hours / understaffed yesterday — against the shop's own sales per labour hour",
                "who's on shift / who's working today / who works saturday / next week's rota / my shifts",
                "are we overstaffed on sunday / do we need more people saturday morning — the rota against the forecast",
                "I am Sam K on the rota / sam is Sam K on the rota — whose shifts are whose",
            ],
            examples: ["staffing last week", "who's working today", "overstaffed hours"],
            clauses: [
                Clause(priority: -2) { m in
                    // "staffing last week at Market": the question without the location, then narrowed to it.
                    if let (location, rest) = m.parser.location(in: m.typed),
                        let command = StaffingCommandParser().parse(rest.joined(separator: " "))
                    {
                        return command.at(location).map(Intent.staffing) ?? .locationNotSupported(location: location)
                    }
                    return StaffingCommandParser().parse(m.text).map(Intent.staffing)
                }
            ]),
        Rule(
            .chart, topic: .patterns,
            help: [
                "chart sales last 30 days / graph top products this month / chart oat milk — a picture, with a caption",
                "chart weekdays / chart busiest hours / chart forecast oat milk / chart staffing last week",
            ],
            examples: ["chart sales last 30 days", "graph top products this month", "chart oat milk"],
            clauses: [Clause(priority: -4) { m in ChartRequest.parse(m).map(Intent.chart) }]),
        Rule(
            .reviews, topic: .sales,
            help: [
                "reviews / reviews last month / what do customers say about coffee — themes, happy and unhappy, and "
                    + "what the shop's data says on those days (send a CSV of reviews: date, rating, text)"
            ],
            examples: ["reviews last month", "what do customers say about coffee"],
            clauses: [Clause(priority: -7) { m in ReviewsQuery.parse(m).map(Intent.reviews) }]),
        Rule(
            .briefing, topic: .alerts,
            help: [
                "summary — yesterday in five lines (it also comes every morning at 08:00)",
                "summary here — the morning summary and the weekly insights come to this chat",
                "weekly insights / anything unusual this week — last week's stock-outs, trends, margin, staffing",
            ],
            examples: ["summary", "daily summary", "summary here", "weekly insights", "anything unusual this week"],
            clauses: [Clause(priority: -6) { m in BriefingCommand.parse(m.words).map(Intent.briefing) }]),
        Rule(
            .report, topic: .sales,
            help: ["report / report last month — one HTML page: figures, charts, top products, low stock, alerts"],
            examples: ["report", "report last month"],
            clauses: [
                Clause(priority: -5) { m in
                    // "report", "report last month", "monthly report", "send me the dashboard"; not "low stock
                    // report", which asks for the stock list.
                    let asks: Set<String> = ["report", "dashboard", "overview"]
                    let allowed: Set<String> = [
                        "send", "me", "the", "a", "my", "get", "show", "full", "shop", "monthly", "weekly", "html",
                        "for",
                        "pls", "please",
                    ]
                    // Words beyond a period and the filler ("report nonsense") are not a period to guess.
                    guard let first = m.restWords.first, m.restWords.count <= 5,
                        asks.contains(first) && m.restWords.dropFirst().allSatisfy(allowed.contains)
                            || asks.contains(m.restWords.last ?? "")
                                && m.restWords.dropLast().allSatisfy(allowed.contains)
                    else { return nil }
                    let said = Set(m.restWords)
                    return .report(
                        m.period ?? (said.contains("weekly") ? .lastWeek : .lastMonth))
                }
            ]),
        Rule(
            .sync, topic: .shop,
            help: [
                "sync status — when Square, Shopify or a sheet last synced, and what failed",
                "sync now — read them at once; connect square / connect shopify / connect sheet <link> (owner)",
            ],
            examples: ["sync status", "sync now", "connect square"],
            clauses: [Clause(priority: -3) { m in SyncCommandParser().parse(m.text).map(Intent.sync) }]),
        Rule(
            .notYet, topic: nil,
            help: [
                "not yet: forecasts of customers, rising products, customers by name — I say so instead"
            ],
            examples: ["how many customers will we have tomorrow", "how many staff do we need on saturday"],
            clauses: [Clause(priority: 5) { m in NotYetTopic.asked(in: m).map(Intent.notYet) }]),
        Rule(
            .help, topic: nil, help: ["help — what I understand; help stock, help sales, help alerts …"],
            examples: ["help", "what can you do"],
            clauses: [
                Clause(priority: 4) { m in
                    guard
                        m.words.first.map(Vocabulary.help.contains) == true || m.set.contains("help")
                            || m.containsPhrase(["what", "can", "you", "do"])
                    else { return nil }
                    let topic = m.words.dropFirst().first {
                        !Vocabulary.filler.contains($0) && !Vocabulary.help.contains($0)
                    }
                    return .help(topic: topic)
                }
            ]),
    ]

    /// Clauses from here on answer with figures; those before are commands, help and "not yet".
    static let firstFigurePriority = 6

    /// The words of "which products will run out next week" and its like, beside filler.
    static let runningOutWords: Set<String> = [
        "what", "whats", "which", "products", "items", "anything", "stuff", "will", "run", "runs", "running", "out",
        "next", "week", "soon", "gonna", "going", "to", "be", "is", "are", "of", "stock", "this", "tomorrow", "we",
        "days", "few", "coming", "likely",
    ]

    /// Every clause of every rule, in the order they are tried.
    static let clauses: [Clause] = all.flatMap(\.clauses).sorted { $0.priority < $1.priority }

    /// Every suggestion, in rank order.
    static let suggestions: [Suggestion] = all.flatMap(\.suggestions).sorted { $0.rank < $1.rank }

    /// "top 5", "worst sellers", "most profitable", "top 10 by units".
    private static func topProducts(_ m: MessageFeatures) -> TopProducts {
        // The category's own words are not a count: "worst sellers in category 3" is the worst five of "Category 3".
        var words = m.restWords
        if let named = m.category?.words, !named.isEmpty,
            let start = words.indices.first(where: { words[$0...].starts(with: named) })
        {
            words.removeSubrange(start..<(start + named.count))
        }
        let count = words.compactMap { $0 == "a" ? nil : PeriodParser.number($0) }.first { $0 > 0 && $0 <= 50 } ?? 5
        let metric: TopProducts.Metric =
            m.rankedBy
            ?? (!m.set.isDisjoint(with: Vocabulary.margin)
                ? .margin
                : (!m.set.isDisjoint(with: Vocabulary.units) || m.set.contains("sold")) && !m.set.contains("sellers")
                    ? .units : .revenue)
        return TopProducts(
            period: m.period ?? .thisWeek, metric: metric, count: count,
            bottom: !m.set.isDisjoint(with: Vocabulary.bottom),
            category: m.category?.name)
    }
}
