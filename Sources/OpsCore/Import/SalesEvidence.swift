/// What in a header says "this is a sales export": a date (or a time of day), money (prices, totals, sales, tax,
/// tips) and an order, receipt or transaction id — or a separate time-of-day column, which no product list or
/// stock count has. Such a file is never read as products or stock, whatever else its columns fit: a till's
/// export taken for a product list fills the catalogue with junk ("Croissant (Regular) x 2") and records no sale.
struct SalesEvidence: Equatable {
    /// The columns that gave it away, as the file names them: a date, money, and an id or a time.
    let columns: [String]

    /// Date columns that are not about a price ("Date sale price starts" in a product list).
    static func dateColumns(_ header: [String]) -> [String] {
        header.filter { name in
            let normalized = ColumnMap.normalize(name)
            return normalized.contains("date") && !normalized.contains("price")
        }
    }

    static func of(_ header: [String]) -> SalesEvidence? {
        let names = header.map(ColumnMap.normalize)
        func first(_ test: (String) -> Bool) -> String? { names.firstIndex(where: test).map { header[$0] } }
        let date = first { name in
            name.contains("date") && !name.contains("price")
                || ["soldat", "createdat", "paidat", "timestamp", "datetime"].contains(name)
        }
        let time = first { $0 == "time" || $0 == "timeofsale" }
        let money = first { name in
            ["price", "total", "sales", "amount", "revenue", "tax", "tip", "gross", "net"].contains {
                name.contains($0)
            }
                && !["cost", "costperitem", "unitcost"].contains(name)
        }
        let id = first { name in
            ["order", "receipt", "transaction", "invoice", "payment", "check", "ticket", "sale"].contains {
                name.contains($0)
            }
                && (name.hasSuffix("id") || name.hasSuffix("number") || name.hasSuffix("no") || name.contains("#")
                    || name == "order" || name == "receipt" || name == "ordername")
        }
        guard let date = date ?? time, let money, let marker = id ?? time, marker != date || id != nil else {
            return nil
        }
        let order = { (name: String) in header.firstIndex(of: name) ?? 0 }
        return SalesEvidence(columns: Array(Set([date, money, marker])).sorted { order($0) < order($1) })
    }
}
