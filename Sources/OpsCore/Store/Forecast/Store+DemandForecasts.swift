import Foundation

extension Store {
    static let demandForecastColumns = "product_id, made_for, daily, method, typical_error"
    static let selectDemandForecast =
        "SELECT \(demandForecastColumns) FROM demand_forecasts WHERE product_id = ?"
    static let selectDemandForecasts =
        "SELECT \(demandForecastColumns) FROM demand_forecasts WHERE org_id = ?"
    static let insertDemandForecast = """
        INSERT INTO demand_forecasts (product_id, org_id, made_for, daily, method, typical_error)
        VALUES (?, ?, ?, ?, ?, ?)
        """
    static let selectForecastRun = "SELECT made_for, stale FROM forecast_runs WHERE org_id = ?"
    static let upsertForecastRun = """
        INSERT INTO forecast_runs (org_id, made_for, made_at, stale) VALUES (?, ?, ?, 0)
        ON CONFLICT (org_id) DO UPDATE SET made_for = excluded.made_for, made_at = excluded.made_at, stale = 0
        """

    public func demandForecast(productID: Int64) throws -> StoredForecast? {
        try database.queryFirst(Self.selectDemandForecast, [.integer(productID)], Self.decodeDemandForecast)
    }

    public func demandForecasts(orgID: Int64) throws -> [Int64: StoredForecast] {
        var result: [Int64: StoredForecast] = [:]
        try database.forEachRow(Self.selectDemandForecasts, [.integer(orgID)]) { row in
            let forecast = Self.decodeDemandForecast(row)
            result[forecast.productID] = forecast
        }
        return result
    }

    /// Every product's daily units from `offset(madeFor)` days into its forecast; products whose offset is nil or
    /// past the end are left out. One read of the table, each forecast decoded in place.
    func demandForecasts(orgID: Int64, offset: (String) -> Int?) throws -> [Int64: [Double]] {
        var result: [Int64: [Double]] = [:]
        var known: (madeFor: String, offset: Int?)?
        try database.forEachRow(
            "SELECT product_id, made_for, daily FROM demand_forecasts WHERE org_id = ?", [.integer(orgID)]
        ) {
            row in
            let madeFor = row.string(1)
            if known?.madeFor != madeFor { known = (madeFor, offset(madeFor)) }
            guard let skip = known?.offset, skip >= 0 else { return }
            let daily = row.withBytes(2) { bytes in
                skip * 4 < bytes.count ? Self.decodeDaily(UnsafeRawBufferPointer(rebasing: bytes[(skip * 4)...])) : []
            }
            if !daily.isEmpty { result[row.int64(0)] = daily }
        }
        return result
    }

    /// Replaces the org's forecasts with `forecasts`, made on local day `madeFor`.
    func replaceDemandForecasts(_ forecasts: [StoredForecast], orgID: Int64, madeFor: String, now: Date) throws {
        try database.write {
            try database.execute("DELETE FROM demand_forecasts WHERE org_id = ?", [.integer(orgID)])
            for forecast in forecasts {
                try database.execute(
                    Self.insertDemandForecast,
                    [
                        .integer(forecast.productID), .integer(orgID), .text(forecast.madeFor),
                        .blob(Self.encodeDaily(forecast.daily)), .text(forecast.method), .real(forecast.typicalError),
                    ])
            }
            try database.execute(
                Self.upsertForecastRun, [.integer(orgID), .text(madeFor), .integer(Int64(now.timeIntervalSince1970))])
        }
    }

    /// The day the org's forecasts were last made for, and whether sales or stock changed since.
    func forecastRun(orgID: Int64) throws -> (madeFor: String, stale: Bool)? {
        try database.queryFirst(Self.selectForecastRun, [.integer(orgID)]) { ($0.string(0), $0.int(1) != 0) }
    }

    /// Sales or stock changed: the next alert evaluation makes the forecasts again.
    func markForecastsStale(orgID: Int64) throws {
        try database.execute("UPDATE forecast_runs SET stale = 1 WHERE org_id = ?", [.integer(orgID)])
    }

    /// Daily units as little-endian 32-bit floats: 28 days in 112 bytes, read back without parsing.
    static func encodeDaily(_ daily: [Double]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(daily.count * 4)
        for value in daily {
            let bits = Float(value).bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// A value that does not read as a finite number of units counts as none: a damaged row never traps.
    static func decodeDaily(_ bytes: UnsafeRawBufferPointer) -> [Double] {
        (0..<bytes.count / 4).map { index in
            let value = Float(
                bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
            return value.isFinite ? Double(max(0, value)) : 0
        }
    }

    static func decodeDemandForecast(_ row: Row) -> StoredForecast {
        StoredForecast(
            productID: row.int64(0), madeFor: row.string(1), daily: row.withBytes(2, decodeDaily),
            method: row.string(3), typicalError: row.double(4))
    }
}
