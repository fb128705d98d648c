/// Which column of a file holds which field, found from the header names.
///
/// Names are compared ignoring case, spaces and punctuation ("Lineitem quantity" = "lineitemquantity"),
/// through a table of synonyms that covers plain spreadsheets and the exports of Shopify and Square.
public struct ColumnMap: Sendable, Equatable {
    public enum Field: Int, Sendable, CaseIterable {
        // Sales
        case orderID, line, soldAt, soldDate, soldTime, timeZone, quantity, unitPrice, total, grossSales, discount,
            cost, location, channel
        // Shared by several kinds
        case sku, name, variant, category
        // Inventory
        case countedAt
        // Products
        case unitCost, reorderPoint, leadTimeDays, packSize
        // Shifts
        case person, startsAt, endsAt, shiftDate, startTime, endTime, role, hourlyRate
    }

    public let kind: ImportKind
    public let columns: [Field: Int]
    public let header: [String]
    /// The same as `columns`, indexed by `Field.rawValue`: read for every cell of every row.
    private let lookup: [Int?]
    /// The export this header was recognised as ("Shopify orders export"), if any.
    public let layout: String?

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
            // "name" last: in Shopify's orders export it is the order number, and "Lineitem name" comes first.
            (
                .name,
                [
                    "product", "productname", "lineitemname", "item", "itemname", "menuitem", "description",
                    "title", "lineitem", "name",
                ]
            ),
            (.variant, ["pricepointname", "variation", "variationname", "variant"]),
            (
                .category,
                [
                    "category", "productcategory", "type", "producttype", "department", "salescategory",
                    "menugroup",
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
        ],
        .inventory: [
            (.sku, ["sku", "variantsku", "itemsku", "productcode", "itemcode", "code", "barcode", "upc", "plu"]),
            (.name, ["product", "productname", "item", "itemname", "name", "title", "description"]),
            (.variant, ["variant", "variation", "variationname", "option1value"]),
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
        ],
        .shifts: [
            (.person, ["person", "employee", "staff", "staffname", "employeename", "name", "teammember", "worker"]),
            (.startsAt, ["startsat", "start", "startdatetime", "clockin", "clockedin", "shiftstart", "in"]),
            (.endsAt, ["endsat", "end", "enddatetime", "clockout", "clockedout", "shiftend", "out"]),
            (.shiftDate, ["date", "shiftdate", "day", "workdate"]),
            (.startTime, ["starttime", "timein", "from"]),
            (.endTime, ["endtime", "timeout", "to", "until"]),
            (.role, ["role", "position", "job", "jobtitle"]),
            (.hourlyRate, ["hourlyrate", "rate", "wage", "payrate", "hourlywage"]),
            (.location, ["location", "store", "shop", "site", "branch"]),
        ],
    ]

    /// Fields a file of the kind cannot do without; alternatives are in inner arrays (any one will do).
    static let required: [ImportKind: [[Field]]] = [
        .sales: [[.soldAt, .soldDate], [.sku, .name], [.quantity], [.unitPrice, .total, .grossSales]],
        .inventory: [[.sku, .name], [.quantity]],
        .products: [[.sku, .name]],
        .shifts: [[.person], [.startsAt, .startTime], [.endsAt, .endTime]],
    ]

    /// Maps `header` for `kind`, or nil when its required columns are not all there.
    public static func map(header: [String], kind: ImportKind) -> ColumnMap? {
        let map = assign(header: header, kind: kind)
        return map.missing.isEmpty ? map : nil
    }

    /// The kind whose columns the header fits best, with its map; nil when none fits.
    public static func detect(header: [String]) -> ColumnMap? {
        let candidates = ImportKind.allCases.map { assign(header: header, kind: $0) }.filter { $0.missing.isEmpty }
        // The kind with most of its fields present wins; sales before inventory before products before shifts.
        return candidates.max { a, b in
            a.columns.count < b.columns.count
        }
    }

    /// The required fields of `kind` that `header` lacks, as readable names.
    public static func missingFields(header: [String], kind: ImportKind) -> [String] {
        assign(header: header, kind: kind).missing.map { alternatives in
            alternatives.map(\.label).joined(separator: " or ")
        }
    }

    private static func assign(header: [String], kind: ImportKind) -> ColumnMap {
        let normalized = header.map(normalize)
        var columns: [Field: Int] = [:]
        var taken = Set<Int>()
        for (field, names) in synonyms[kind] ?? [] {
            for name in names {
                if let index = normalized.indices.first(where: { !taken.contains($0) && normalized[$0] == name }) {
                    columns[field] = index
                    taken.insert(index)
                    break
                }
            }
        }
        var layout: String?
        // Shopify's orders export: "Name" is the order number and "Total" the order's total, not the line's.
        if kind == .sales, normalized.contains("lineitemquantity"), normalized.contains("lineitemname") {
            layout = "Shopify orders export"
            if let name = normalized.firstIndex(of: "name") {
                columns[.orderID] = name
            }
            columns[.total] = nil
            columns[.channel] = normalized.firstIndex(of: "source")
        }
        // Square's item sales export: the line's amount is "Net Sales"; "Gross Sales" is qty × price.
        if kind == .sales, normalized.contains("netsales"), normalized.contains("transactionid") {
            layout = "Square item sales export"
        }
        if kind == .products, normalized.contains("variantsku"), normalized.contains("handle") {
            layout = "Shopify products export"
            columns[.sku] = normalized.firstIndex(of: "variantsku")
        }
        if kind == .inventory, normalized.contains("onhandcurrent") || normalized.contains("availablenoteditable") {
            layout = "Shopify inventory export"
        }
        let missing = (required[kind] ?? []).filter { alternatives in alternatives.allSatisfy { columns[$0] == nil } }
        return ColumnMap(kind: kind, columns: columns, header: header, layout: layout, missing: missing)
    }

    private let missing: [[Field]]

    private init(kind: ImportKind, columns: [Field: Int], header: [String], layout: String?, missing: [[Field]]) {
        self.kind = kind
        self.columns = columns
        self.header = header
        var lookup = [Int?](repeating: nil, count: Field.allCases.count)
        for (field, index) in columns { lookup[field.rawValue] = index }
        self.lookup = lookup
        self.layout = layout
        self.missing = missing
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
        case .startsAt: return "start"
        case .endsAt: return "end"
        case .shiftDate: return "date"
        case .startTime: return "start time"
        case .endTime: return "end time"
        case .hourlyRate: return "hourly rate"
        case .sku: return "SKU"
        case .name: return "product name"
        default: return String(describing: self)
        }
    }
}

enum CharacterSetASCII {
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
