/// What "overstaffed" is measured against: sales per labour hour (minor units), or labour as a share of sales.
/// Neither: the shop's own sales per labour hour over the last 8 weeks.
public enum StaffingTarget: Sendable, Equatable {
    case splh(Int)
    case labourPercent(Double)
}
