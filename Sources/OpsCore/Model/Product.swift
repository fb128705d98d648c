/// Something the shop sells. Money in minor units; `reorderPoint` in units of stock.
public struct Product: Sendable, Equatable {
    public var id: Int64
    public var sku: String
    public var name: String
    public var category: String
    public var unitCost: Int?
    public var unitPrice: Int?
    public var reorderPoint: Int?
    public var leadTimeDays: Int?
    public var packSize: Int?

    public init(
        id: Int64 = 0, sku: String, name: String, category: String = "", unitCost: Int? = nil,
        unitPrice: Int? = nil, reorderPoint: Int? = nil, leadTimeDays: Int? = nil, packSize: Int? = nil
    ) {
        self.id = id
        self.sku = sku
        self.name = name
        self.category = category
        self.unitCost = unitCost
        self.unitPrice = unitPrice
        self.reorderPoint = reorderPoint
        self.leadTimeDays = leadTimeDays
        self.packSize = packSize
    }
}
