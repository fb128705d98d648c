/// Which column of a file holds which field, found from the header names.
///
/// Names are compared ignoring case, spaces and punctuation ("Lineitem quantity" = "lineitemquantity"),
/// through a table of synonyms for plain spreadsheets; the exports known by name (`TillLayout.known`) claim
/// their columns first.
public struct ColumnMap: Sendable, Equatable {
    public enum Field: Int, Sendable, CaseIterable {
        // Sales
        case orderID, line, soldAt, soldDate, soldTime, timeZone, quantity, unitPrice, total, grossSales, discount,
            cost, location, channel
        // Sales: what is not net revenue, refunds, and a payment's list of items
        case tax, tip, serviceCharge, shipping, giftCardSales, refundAmount, refundQuantity, itemList
        // Shared by several kinds; a product's name gains its variant parts ("Tee (Red / M)")
        case sku, name, variant, variant2, variant3, category
        // Inventory
        case countedAt
        // Products
        case unitCost, reorderPoint, leadTimeDays, packSize, supplier, minimumOrder, reviewDays
        // Shifts
        case person, startsAt, endsAt, shiftDate, startTime, endTime, role, hourlyRate, breakMinutes
        // Shifts as scheduling tools export them: the name in two columns, the end's own date, a break in
        // hours, the shift's cost and paid hours (a rate where none is given)
        case firstName, lastName, endDate, breakHours, shiftCost, paidHours
        // Reviews
        case reviewedAt, rating, reviewText, reviewer, reviewID
    }

    public let kind: ImportKind
    public let columns: [Field: Int]
    public let header: [String]
    /// The same as `columns`, indexed by `Field.rawValue`: read for every cell of every row.
    private let lookup: [Int?]
    /// The export this header was recognised as ("Shopify orders export"), if any.
    public let layout: String?
    /// What the recognised export's rows mean (voids, refunds, tax-inclusive amounts), found in this header.
    let rules: SalesRules.Resolved
    /// For a sales file's size and type columns: the products (lowercased names) whose values vary in them, the
    /// only ones the values are part of the name of. Nil: part of every name.
    private(set) var varyingParts: [Field: Set<String>]?

    public subscript(field: Field) -> Int? { lookup[field.rawValue] }

    static func normalize(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSetASCII.isAlphanumeric($0) }.map(Character.init))
    }

    /// Synonyms per kind and field, most specific first. Earlier fields claim a column before later ones.
    static let synonyms: [ImportKind: [(Field, [String])]] = [
        .sales: [
            (
                .orderID,
                [
                    "orderid", "ordernumber", "orderno", "order", "transactionid", "receiptnumber", "receiptno",
                    "receipt", "invoicenumber", "invoice", "ticket", "checkid", "saleid",
                ]
            ),
            (.line, ["line", "lineno", "linenumber", "lineitemnumber", "itemline"]),
            (
                .soldAt,
                [
                    "soldat", "datetime", "timestamp", "createdat", "orderdate", "saledate", "transactiondate",
                    "paidat", "senddate", "sentdate",
                ]
            ),
            (.soldDate, ["date", "day"]),
            (.soldTime, ["time"]),
            (.timeZone, ["timezone", "tz"]),
            (
                .sku,
                [
                    "sku", "lineitemsku", "variantsku", "itemsku", "productcode", "itemcode", "code", "plu", "upc",
                    "barcode", "gtin",
                ]
            ),
            // "name" late: in Shopify's orders export it is the order number, and "Lineitem name" comes first.
            // "model" is what a bike or hardware dealer's order lines call the product.
            (
                .name,
                [
                    "product", "productname", "lineitemname", "item", "itemname", "menuitem", "description",
                    "title", "lineitem", "name", "model",
                ]
            ),
            (.variant, ["pricepointname", "variation", "variationname", "variant"]),
            (
                .category,
                [
                    "category", "productcategory", "producttype", "department", "salescategory", "menugroup",
                    "category1",
                ]
            ),
            (.quantity, ["quantity", "qty", "lineitemquantity", "units", "unitssold", "quantitysold", "count"]),
            (.unitPrice, ["unitprice", "price", "lineitemprice", "itemprice", "priceeach", "sellingprice"]),
            (
                .total,
                [
                    "linetotal", "netsales", "total", "amount", "lineamount", "nettotal", "sales", "revenue",
                    "netprice",
                ]
            ),
            (.grossSales, ["grosssales", "grossamount", "grossprice"]),
            (.discount, ["discount", "discounts", "lineitemdiscount", "discountamount"]),
            (.cost, ["cost", "linecost", "costofgoods", "cogs"]),
            (.location, ["location", "store", "shop", "outlet", "branch", "site"]),
            (.channel, ["channel", "saleschannel", "source", "diningoption"]),
            (.tax, ["tax", "taxes", "salestax", "taxamount", "vat", "gst"]),
            (.tip, ["tip", "tips", "gratuity"]),
            (.serviceCharge, ["servicecharge", "servicecharges"]),
            (.shipping, ["shipping", "shippingtotal", "delivery", "deliveryfee"]),
            // A line-item file's size and type are parts of the product's name, when they vary (`NameParts`).
            (.variant2, ["size"]),
            (.variant3, ["type", "style", "flavour", "flavor"]),
        ],
        .inventory: [
            (.sku, ["sku", "variantsku", "itemsku", "productcode", "itemcode", "code", "barcode", "upc", "plu"]),
            (.name, ["product", "productname", "item", "itemname", "name", "title", "description"]),
            (.variant, ["variant", "variation", "variationname", "option1value"]),
            (.variant2, ["option2value"]),
            (.variant3, ["option3value"]),
            (
                .quantity,
                [
                    "onhandcurrent", "onhand", "quantity", "qty", "count", "stock", "stocklevel", "instock",
                    "available", "availablenoteditable", "counted", "units", "level", "currentquantity",
                ]
            ),
            (.location, ["location", "store", "shop", "outlet", "branch", "site"]),
            (.countedAt, ["countedat", "date", "countdate", "datetime", "timestamp", "asof", "time"]),
        ],
        .products: [
            (.sku, ["sku", "variantsku", "itemsku", "productcode", "itemcode", "code", "handle"]),
            (.name, ["name", "productname", "title", "itemname", "item", "product", "description"]),
            (.variant, ["variant", "variation", "variationname", "option1value"]),
            (.variant2, ["option2value"]),
            (.variant3, ["option3value"]),
            (.category, ["category", "type", "producttype", "department", "productcategory", "group"]),
            (.unitCost, ["unitcost", "cost", "costperitem", "costprice", "defaultunitcost", "supplycost"]),
            (.unitPrice, ["unitprice", "price", "variantprice", "retailprice", "sellingprice", "saleprice", "rrp"]),
            (
                .reorderPoint,
                [
                    "reorderpoint", "reorderlevel", "minstock", "minimum", "min", "stockalertlevel",
                    "alertlevel", "parlevel", "par",
                ]
            ),
            (.leadTimeDays, ["leadtimedays", "leadtime", "leaddays", "deliverydays"]),
            (.packSize, ["packsize", "casesize", "caseqty", "pack", "unitspercase", "outer"]),
            // Shopify's "Vendor", Square's "Default Vendor Name", Lightspeed's "Supplier name".
            (.supplier, ["supplier", "suppliername", "defaultvendorname", "vendorname", "vendor", "defaultsupplier"]),
            (
                .minimumOrder,
                ["minimumorder", "minorder", "moq", "minimumorderquantity", "minorderqty", "minimumorderqty"]
            ),
            (
                .reviewDays,
                ["reviewdays", "reviewperiod", "reviewperioddays", "ordereverydays", "orderevery", "orderintervaldays"]
            ),
        ],
        .shifts: [
            (
                .person,
                [
                    "person", "employee", "staff", "staffname", "employeename", "name", "teammember", "worker",
                    "teammembername", "user", "fullname", "employeefullname", "staffmember", "username",
                ]
            ),
            (.firstName, ["firstname", "employeefirstname", "givenname", "first", "teammemberfirstname"]),
            (.lastName, ["lastname", "employeelastname", "surname", "familyname", "last", "teammemberlastname"]),
            (
                .startsAt,
                [
                    "startsat", "start", "startdatetime", "clockin", "clockedin", "shiftstart", "in", "punchin",
                    "clockedinat", "clockinat", "shiftstartsat",
                ]
            ),
            (
                .endsAt,
                [
                    "endsat", "end", "enddatetime", "clockout", "clockedout", "shiftend", "out", "punchout",
                    "clockedoutat", "clockoutat", "shiftendsat",
                ]
            ),
            (
                .shiftDate,
                ["date", "shiftdate", "day", "workdate", "startdate", "clockindate", "shiftstartdate", "timesheetdate"]
            ),
            (.endDate, ["enddate", "clockoutdate", "shiftenddate"]),
            (.startTime, ["starttime", "timein", "from", "clockintime", "shiftstarttime", "intime"]),
            (.endTime, ["endtime", "timeout", "to", "until", "clockouttime", "shiftendtime", "outtime"]),
            (
                .role,
                ["role", "position", "job", "jobtitle", "department", "area", "areaname", "jobname", "positionname"]
            ),
            (
                .hourlyRate,
                [
                    "hourlyrate", "rate", "wage", "payrate", "hourlywage", "wagerate", "hourlypay", "rateperhour",
                    "wageperhour", "baserate", "hourlywagerate",
                ]
            ),
            (.location, ["location", "store", "shop", "site", "branch", "locationname", "storename", "sitename"]),
            (
                .breakMinutes,
                [
                    "break", "breakminutes", "breakmins", "unpaidbreak", "unpaidbreakminutes", "breaks", "unpaidbreaks",
                    "mealbreak", "breakduration", "breaklength", "totalmealbreak", "mealbreakminutes", "totalbreak",
                    "unpaidbreaksminutes",
                ]
            ),
            (
                .breakHours,
                ["breakhours", "unpaidbreakhours", "unpaidbreakshours", "totalbreakhours", "mealbreakhours"]
            ),
            (
                .shiftCost,
                [
                    "totalcost", "labourcost", "laborcost", "shiftcost", "estimatedwages", "wages", "totalpay",
                    "grosspay", "totalwages", "cost",
                ]
            ),
            (.paidHours, ["paidhours", "totalpaidhours", "totalhours", "hoursworked", "workedhours", "hours"]),
        ],
        // A plain "date,rating,text" file, and what review scrapers and exports name them (Google Maps reviews
        // through Outscraper or Apify: review_text, review_rating, review_datetime_utc; text, stars,
        // publishedAtDate; Trustpilot-style title and body).
        .reviews: [
            (.reviewID, ["reviewid", "id", "reviewurl"]),
            (
                .reviewedAt,
                [
                    "date", "reviewdate", "reviewdatetimeutc", "reviewdatetime", "publishedatdate", "publishedat",
                    "publishdate", "createdat", "created", "time", "datetime", "posted", "postedat", "dateposted",
                    "reviewtime", "submittedat",
                ]
            ),
            (.rating, ["rating", "reviewrating", "stars", "starrating", "score", "reviewstars", "ratingvalue"]),
            (
                .reviewText,
                [
                    "text", "reviewtext", "review", "comment", "comments", "body", "content", "reviewbody",
                    "reviewcontent", "feedback", "textoriginal",
                ]
            ),
            (
                .reviewer,
                ["author", "authorname", "authortitle", "reviewer", "reviewername", "name", "user", "username"]
            ),
        ],
    ]

    /// Fields a file of the kind cannot do without; alternatives are in inner arrays (any one will do).
    static let required: [ImportKind: [[Field]]] = [
        // No quantity column: each row is one unit sold (Clover's line items, a one-row-per-item file).
        .sales: [[.soldAt, .soldDate], [.sku, .name, .itemList], [.unitPrice, .total, .grossSales]],
        .inventory: [[.sku, .name], [.quantity]],
        .products: [[.sku, .name]],
        .shifts: [[.person, .firstName], [.startsAt, .startTime], [.endsAt, .endTime]],
        // A rating as well as the words: a sales file's "comment" column alone never makes it a review.
        .reviews: [[.reviewText], [.rating]],
    ]

    /// Maps `header` for `kind`, or nil when its required columns are not all there.
    public static func map(header: [String], kind: ImportKind) -> ColumnMap? {
        let map = assign(header: header, kind: kind)
        return map.missing.isEmpty ? map : nil
    }

    /// The kind whose columns the header fits best, with its map; nil when none fits. `ImportDetection` decides
    /// between close kinds and asks when it cannot.
    public static func detect(header: [String]) -> ColumnMap? {
        candidates(header: header).first
    }

    /// Every kind the header fits, best first: a recognised export before the rest, then the most fields
    /// present (sales before inventory before products before shifts when equal).
    static func candidates(header: [String]) -> [ColumnMap] {
        let maps = ImportKind.allCases.map { assign(header: header, kind: $0) }.filter { $0.missing.isEmpty }
        return maps.enumerated().sorted { a, b in
            if (a.element.layout != nil) != (b.element.layout != nil) { return a.element.layout != nil }
            if a.element.columns.count != b.element.columns.count {
                return a.element.columns.count > b.element.columns.count
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The required fields of `kind` that `header` lacks, as readable names.
    public static func missingFields(header: [String], kind: ImportKind) -> [String] {
        assign(header: header, kind: kind).missing.map { alternatives in
            alternatives.map(\.label).joined(separator: " or ")
        }
    }

    private static func assign(header: [String], kind: ImportKind) -> ColumnMap {
        let normalized = header.map(normalize)
        let layout = TillLayout.recognise(normalized).flatMap { $0.kind == kind ? $0 : nil }
        var columns: [Field: Int] = [:]
        var taken = Set<Int>()
        func claim(_ field: Field, _ names: [String]) {
            guard columns[field] == nil else { return }
            for name in names {
                if let index = normalized.indices.first(where: { !taken.contains($0) && normalized[$0] == name }) {
                    columns[field] = index
                    taken.insert(index)
                    return
                }
            }
        }
        for (field, names) in layout?.columns ?? [] { claim(field, names) }
        let cleared = Set(layout?.cleared ?? [])
        for (field, names) in synonyms[kind] ?? [] where !cleared.contains(field) { claim(field, names) }
        let missing = (required[kind] ?? []).filter { alternatives in alternatives.allSatisfy { columns[$0] == nil } }
        return ColumnMap(
            kind: kind, columns: columns, header: header, layout: layout?.name,
            rules: layout?.rules.resolved(normalized) ?? .none, missing: missing)
    }

    private let missing: [[Field]]

    private init(
        kind: ImportKind, columns: [Field: Int], header: [String], layout: String?, rules: SalesRules.Resolved,
        missing: [[Field]]
    ) {
        self.kind = kind
        self.rules = rules
        self.columns = columns
        self.header = header
        var lookup = [Int?](repeating: nil, count: Field.allCases.count)
        for (field, index) in columns { lookup[field.rawValue] = index }
        self.lookup = lookup
        self.layout = layout
        self.missing = missing
    }

    /// The same map with its size and type columns naming variants only of the products they vary for.
    func naming(variantsOf varying: [Field: Set<String>]) -> ColumnMap {
        var map = self
        map.varyingParts = varying
        return map
    }

    public static func == (lhs: ColumnMap, rhs: ColumnMap) -> Bool {
        lhs.kind == rhs.kind && lhs.columns == rhs.columns && lhs.header == rhs.header
    }
}

extension ColumnMap.Field {
    /// How the field is named to people ("quantity", "sold at").
    public var label: String {
        switch self {
        case .orderID: return "order id"
        case .soldAt: return "sold at (date and time)"
        case .soldDate: return "date"
        case .soldTime: return "time"
        case .timeZone: return "time zone"
        case .unitPrice: return "unit price"
        case .grossSales: return "gross sales"
        case .countedAt: return "counted at"
        case .unitCost: return "unit cost"
        case .reorderPoint: return "reorder point"
        case .leadTimeDays: return "lead time days"
        case .packSize: return "pack size"
        case .minimumOrder: return "minimum order"
        case .reviewDays: return "order every (days)"
        case .startsAt: return "start"
        case .endsAt: return "end"
        case .shiftDate: return "date"
        case .startTime: return "start time"
        case .endTime: return "end time"
        case .hourlyRate: return "hourly rate"
        case .breakMinutes: return "break minutes"
        case .firstName: return "first name"
        case .lastName: return "last name"
        case .endDate: return "end date"
        case .breakHours: return "break hours"
        case .shiftCost: return "shift cost"
        case .paidHours: return "paid hours"
        case .reviewedAt: return "review date"
        case .reviewText: return "review text"
        case .reviewID: return "review id"
        case .sku: return "SKU"
        case .name: return "product name"
        case .itemList: return "item list"
        case .serviceCharge: return "service charge"
        case .giftCardSales: return "gift card sales"
        case .refundAmount: return "refund amount"
        case .refundQuantity: return "refunded quantity"
        default: return String(describing: self)
        }
    }
}

enum CharacterSetASCII {
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
