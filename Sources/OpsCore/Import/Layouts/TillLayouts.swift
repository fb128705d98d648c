/// The exports OpsBot knows by name, each from its vendor's documentation or public samples (see
/// `shared/reference/till-exports.md` and the fixtures' comments). Adding one is adding an entry here and a
/// fixture in `Tests/Fixtures/imports/layouts`.
extension TillLayout {
    private static let yes: Set<String> = ["true", "yes", "y", "1"]
    /// The order's status column: `status` by default, `order_status` when renamed in the exporter's settings.
    private static let wooStatus = ["status", "orderstatus"]

    static let known: [TillLayout] =
        shiftExports + [
            TillLayout(
                name: "Square Item Sales Detail export", kind: .sales,
                signature: ["item", "netsales", "transactionid"],
                columns: [
                    (.name, ["item"]), (.variant, ["pricepointname"]), (.total, ["netsales"]),
                    (.grossSales, ["grosssales"]), (.discount, ["discounts"]), (.tax, ["tax"]), (.quantity, ["qty"]),
                ],
                rules: SalesRules(
                    exclusions: [ExclusionRule(ColumnTest("itemizationtype", ["gift card"]), .giftCard, per: .line)],
                    refundWhen: ColumnTest("eventtype", ["refund"]))),
            TillLayout(
                name: "Square Transactions export", kind: .sales,
                signature: ["transactionid", "netsales", "description", "totalcollected"], without: ["item"],
                columns: [
                    (.orderID, ["transactionid"]), (.itemList, ["description"]), (.total, ["netsales"]),
                    (.grossSales, ["grosssales"]), (.discount, ["discounts"]), (.tax, ["tax"]), (.tip, ["tip"]),
                    (.giftCardSales, ["giftcardsales"]), (.refundAmount, ["partialrefunds"]),
                    (.serviceCharge, ["servicecharges"]),
                ],
                cleared: [.name, .quantity, .unitPrice],
                rules: SalesRules(
                    exclusions: [
                        ExclusionRule(ColumnTest("description", ["gift card", "egift card"]), .giftCard, per: .line)
                    ],
                    refundWhen: ColumnTest("eventtype", ["refund"]), itemList: true)),
            TillLayout(
                name: "Shopify orders export", kind: .sales, signature: ["lineitemquantity", "lineitemname"],
                columns: [
                    (.orderID, ["name"]), (.name, ["lineitemname"]), (.sku, ["lineitemsku"]),
                    (.quantity, ["lineitemquantity"]), (.unitPrice, ["lineitemprice"]),
                    (.discount, ["lineitemdiscount"]),
                    (.soldAt, ["createdat"]), (.channel, ["source"]), (.tax, ["taxes"]), (.shipping, ["shipping"]),
                ],
                // "Total" and "Subtotal" are the order's, on its first row only.
                cleared: [.total, .grossSales],
                rules: SalesRules(exclusions: [
                    ExclusionRule(ColumnTest("cancelledat"), .cancelled, per: .order),
                    ExclusionRule(ColumnTest("financialstatus", ["voided"]), .voided, per: .order),
                ])),
            TillLayout(
                name: "Shopify products export", kind: .products, signature: ["handle", "variantsku"],
                columns: [
                    (.sku, ["variantsku"]), (.name, ["title"]), (.variant, ["option1value"]),
                    (.variant2, ["option2value"]), (.variant3, ["option3value"]), (.unitPrice, ["variantprice"]),
                    (.unitCost, ["costperitem"]), (.category, ["type", "productcategory"]),
                ]),
            TillLayout(
                name: "Shopify inventory export", kind: .inventory, signature: ["handle", "option1value", "location"],
                columns: [
                    (.sku, ["sku"]), (.name, ["title"]), (.variant, ["option1value"]), (.variant2, ["option2value"]),
                    (.variant3, ["option3value"]),
                    (.quantity, ["onhandcurrent", "availablenoteditable", "onhand", "available"]),
                    (.location, ["location"]),
                ]),
            TillLayout(
                name: "Clover Line Items export", kind: .sales,
                signature: ["orderid", "orderpaymentstate", "itemname"],
                columns: [
                    (.soldAt, ["lineitemdate", "orderdate", "createddate"]), (.orderID, ["orderid"]),
                    (.name, ["itemname"]), (.sku, ["itemsku", "sku", "itemcode"]),
                    (.unitPrice, ["price", "itemprice"]),
                    (.discount, ["discounts", "discount"]), (.tip, ["tip"]), (.serviceCharge, ["servicecharge"]),
                    (.tax, ["taxamount"]), (.category, ["itemrevenueclass", "category"]),
                ],
                // "Per Unit Quantity" is a weight or a measure: a line is one unit.
                cleared: [.quantity, .total],
                rules: SalesRules(exclusions: [
                    ExclusionRule(
                        ColumnTest("orderpaymentstate", ["open", "partially paid", "partiallypaid", "unpaid"]), .open,
                        per: .order),
                    ExclusionRule(ColumnTest("orderpaymentstate", ["refunded"]), .refunded, per: .order),
                    ExclusionRule(ColumnTest("refunded", yes), .refunded, per: .line),
                    ExclusionRule(
                        ColumnTest("itemname", ["service charge", "gratuity", "auto gratuity", "tip"]), .serviceCharge,
                        per: .line),
                ])),
            TillLayout(
                name: "Toast ItemSelectionDetails export", kind: .sales, signature: ["menuitem", "void", "netprice"],
                columns: [
                    (.orderID, ["orderid"]), (.soldAt, ["orderdate", "sentdate"]), (.name, ["menuitem"]),
                    (.sku, ["sku", "plu"]), (.category, ["salescategory", "menugroup"]), (.grossSales, ["grossprice"]),
                    (.discount, ["discount"]), (.total, ["netprice"]), (.quantity, ["qty"]), (.tax, ["tax"]),
                    (.location, ["location"]), (.channel, ["diningoption"]),
                ],
                rules: SalesRules(exclusions: [
                    ExclusionRule(ColumnTest("void", yes), .voided, per: .line),
                    // Deferred revenue: a gift card sold, not an item.
                    ExclusionRule(ColumnTest("deferred", yes), .giftCard, per: .line),
                ])),
            TillLayout(
                name: "Lightspeed Retail X-series sales export", kind: .sales,
                signature: ["receiptnumber", "linetype"],
                columns: [
                    (.orderID, ["receiptnumber"]), (.soldDate, ["date", "saledate"]),
                    (.name, ["product", "productname", "details", "description"]), (.sku, ["sku"]),
                    (.quantity, ["quantity"]), (.grossSales, ["subtotal"]), (.tax, ["salestax", "tax"]),
                    (.discount, ["discount"]), (.total, ["total"]), (.location, ["outlet", "register"]),
                ],
                cleared: [.unitPrice],
                rules: SalesRules(
                    lineWhen: ColumnTest("linetype", ["sale line", "saleline", "sale_line"]),
                    exclusions: [
                        ExclusionRule(ColumnTest("status", ["voided"]), .voided, per: .sale),
                        ExclusionRule(ColumnTest("status", ["saved", "parked", "layby", "open"]), .open, per: .sale),
                    ],
                    taxIncluded: true)),
            TillLayout(
                name: "Lightspeed Retail R-series sales lines export", kind: .sales,
                signature: ["saleid", "customsku"],
                columns: [
                    (.orderID, ["saleid"]), (.line, ["salelineid", "lineid"]),
                    (.soldAt, ["date", "timestamp", "completed", "saledate"]), (.name, ["item", "description"]),
                    (.sku, ["customsku", "manufactsku", "upc", "systemid"]), (.quantity, ["qty", "quantity"]),
                    (.unitPrice, ["price", "unitprice"]), (.grossSales, ["subtotal"]),
                    (.discount, ["discount", "discounts"]), (.total, ["total"]), (.tax, ["tax"]), (.cost, ["cost"]),
                    (.location, ["shop"]), (.category, ["category"]),
                ]),
            TillLayout(
                name: "WooCommerce orders export (one row per item)", kind: .sales,
                signature: ["orderid", "itemquantity"],
                columns: [
                    (.orderID, ["ordernumber", "orderid"]), (.soldAt, ["orderdate", "date"]), (.name, ["itemname"]),
                    (.sku, ["itemsku"]), (.quantity, ["itemquantity"]), (.grossSales, ["itemsubtotal"]),
                    (.total, ["itemtotal"]), (.tax, ["itemtotaltax", "itemtax"]), (.refundAmount, ["itemrefunded"]),
                    (.refundQuantity, ["itemrefundedqty"]), (.shipping, ["shippingtotal"]),
                    (.serviceCharge, ["feetotal"]),
                ],
                cleared: [.unitPrice, .discount],
                rules: SalesRules(exclusions: [
                    ExclusionRule(ColumnTest(Self.wooStatus, ["cancelled", "wc-cancelled"]), .cancelled, per: .order),
                    ExclusionRule(ColumnTest(Self.wooStatus, ["failed", "wc-failed"]), .failed, per: .order),
                    ExclusionRule(
                        ColumnTest(Self.wooStatus, ["pending", "wc-pending", "checkout-draft", "draft", "trash"]),
                        .unpaid,
                        per: .order),
                    ExclusionRule(ColumnTest(Self.wooStatus, ["refunded", "wc-refunded"]), .refunded, per: .order),
                ])),
            TillLayout(
                name: "Loyverse receipts by item export", kind: .sales,
                signature: ["receiptnumber", "receipttype", "netsales"], without: ["description"],
                columns: [
                    (.orderID, ["receiptnumber"]), (.soldDate, ["date"]), (.name, ["item", "itemname"]),
                    (.variant, ["variant"]), (.sku, ["sku"]), (.category, ["category"]), (.quantity, ["quantity"]),
                    (.grossSales, ["grosssales"]), (.discount, ["discounts"]), (.total, ["netsales"]),
                    (.cost, ["costofgoods"]), (.tax, ["taxes"]), (.location, ["store"]), (.channel, ["diningoption"]),
                ],
                rules: SalesRules(
                    exclusions: [
                        ExclusionRule(ColumnTest("status", ["cancelled", "canceled"]), .cancelled, per: .receipt)
                    ],
                    refundWhen: ColumnTest("receipttype", ["refund"]))),
            TillLayout(
                name: "Loyverse receipts export", kind: .sales,
                signature: ["receiptnumber", "receipttype", "netsales", "description"],
                columns: [
                    (.orderID, ["receiptnumber"]), (.soldDate, ["date"]), (.itemList, ["description"]),
                    (.grossSales, ["grosssales"]), (.discount, ["discounts"]), (.total, ["netsales"]),
                    (.tax, ["taxes"]), (.location, ["store"]), (.channel, ["diningoption"]),
                ],
                cleared: [.name, .quantity, .cost],
                rules: SalesRules(
                    exclusions: [
                        ExclusionRule(ColumnTest("status", ["cancelled", "canceled"]), .cancelled, per: .receipt)
                    ],
                    refundWhen: ColumnTest("receipttype", ["refund"]), itemList: true)),
        ]

    /// Exports that hold no item lines: recognised so the reply can say which export to send instead.
    static let orderSummaries: [(name: String, signature: [String], without: [String], instead: String)] = [
        (
            "Clover Orders export", ["orderid", "orderpaymentstate", "ordertotal"], ["itemname"],
            "It has each order's total but not the items sold. In Clover, export Orders › Line Items instead."
        )
    ]

    /// Scheduling tools' timesheet exports, from Deputy's help centre ("Export Timesheets as CSV/Excel - All
    /// Fields"; "Comparing clocked time against approved time"). Other tools' files (7shifts, Homebase, When I Work,
    /// Square) are read by the shift synonyms: a first and last name, clock-in and clock-out dates and times, a
    /// break in minutes or hours, a shift's cost.
    static let shiftExports: [TillLayout] = [
        TillLayout(
            name: "Deputy timesheets export", kind: .shifts,
            signature: ["employeename", "date", "start", "end", "mealbreak", "totalhours"],
            columns: [
                (.person, ["employeename"]), (.shiftDate, ["date"]), (.startTime, ["start"]), (.endTime, ["end"]),
                (.breakMinutes, ["mealbreak"]), (.paidHours, ["totalhours"]), (.shiftCost, ["totalcost"]),
                (.role, ["areaname", "area"]), (.location, ["locationname", "location"]),
            ],
            cleared: [.startsAt, .endsAt]),
        TillLayout(
            name: "Deputy timesheets export with history audit", kind: .shifts,
            signature: ["employeefirstname", "employeelastname", "starttime", "endtime", "totalmealbreak"],
            columns: [
                (.firstName, ["employeefirstname"]), (.lastName, ["employeelastname"]), (.role, ["areaname"]),
                (.location, ["locationname"]), (.startsAt, ["starttime"]), (.endsAt, ["endtime"]),
                (.breakMinutes, ["totalmealbreak"]),
            ],
            cleared: [.startTime, .endTime, .shiftDate, .person]),
    ]
}
