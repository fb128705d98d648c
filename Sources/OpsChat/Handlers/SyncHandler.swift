import Foundation
import OpsCore

/// "sync status", "sync now", "connect square": the tills and sheets the bot reads on its own. Connecting is
/// the owner's and a run now a manager's (`Permission`); connecting is done in the configuration and the
/// environment, never by pasting a token in chat. The errors, which may name the setup, are for managers up.
struct SyncHandler {
    func reply(_ command: SyncCommand, context: HandlerContext) throws -> Reply {
        switch command {
        case .status: return try status(context: context)
        case .now(let platform): return try now(platform, context: context)
        case .connect(let platform, let sheet): return connect(platform, sheet: sheet, context: context)
        }
    }

    static let noneYet =
        "No till or sheet is connected, so I only know the files you upload. The owner can connect one: "
        + "“connect square”, “connect shopify” or “connect sheet <link>”."

    private func status(context: HandlerContext) throws -> Reply {
        let sources = try context.store.syncSources(orgID: context.org.id)
        guard !sources.isEmpty else { return .text(Self.noneYet) }
        let seesErrors = context.member.role != .staff
        let dates = context.dates
        var lines: [String] = []
        for source in sources {
            var line = "\(source.title): "
            if let success = source.lastSuccessAt {
                line += "last synced \(dates.moment(success, now: context.now))"
                line +=
                    source.lastRows > 0
                    ? " (\(NumberText.grouped(source.lastRows)) row\(source.lastRows == 1 ? "" : "s"))"
                    : " (nothing new)"
            } else {
                line += "not synced yet"
            }
            if source.failures > 0 {
                line += "; failing since then (\(source.failures) run\(source.failures == 1 ? "" : "s"))"
                if seesErrors, let error = source.lastError { line += ": \(error)" }
            }
            if let next = source.nextRunAt, next > context.now {
                line += ". Next \(dates.moment(next, now: context.now))"
            } else {
                line += ". Next: within a minute"
            }
            lines.append(line + ".")
        }
        let total = sources.reduce(0) { $0 + $1.totalRows }
        lines.append("\(NumberText.grouped(total)) rows synced in all. “sync now” runs them at once.")
        return .text(lines.joined(separator: "\n"))
    }

    private func now(_ platform: SyncCommand.Platform?, context: HandlerContext) throws -> Reply {
        let sources = try context.store.syncSources(orgID: context.org.id)
        guard !sources.isEmpty else { return .text(Self.noneYet) }
        let asked = platform?.rawValue
        guard asked == nil || sources.contains(where: { $0.source == asked }) else {
            return .text(
                "\(SyncSourceState.title(asked ?? "")) is not connected. Connected: "
                    + sources.map(\.title).joined(separator: ", ") + ".")
        }
        try context.store.requestSync(orgID: context.org.id, source: asked, now: context.now)
        let names = sources.filter { asked == nil || $0.source == asked }.map(\.title)
        return .text(
            "Syncing \(names.joined(separator: " and ")) now (while the bot runs, within half a minute). "
                + "“sync status” shows how it went.")
    }

    private func connect(_ platform: SyncCommand.Platform, sheet: String?, context: HandlerContext) -> Reply {
        let text: String
        switch platform {
        case .square:
            text = """
                To connect Square (read-only: orders, items, stock counts):
                1. developer.squareup.com › Apps › your app › Production › Access token (a personal access token \
                for your own shop; with OAuth, the scopes ORDERS_READ, ITEMS_READ, INVENTORY_READ, \
                MERCHANT_PROFILE_READ).
                2. On the bot's machine: export SQUARE_ACCESS_TOKEN=<the token>
                3. In the config file: "square": { "token_env": "SQUARE_ACCESS_TOKEN", "sync_minutes": 5 }
                4. Restart opsbot run. “sync status” then shows the first sync.
                Never paste the token here: chats are not a safe place for it.
                """
        case .shopify:
            text = """
                To connect Shopify (read-only: orders, products, stock levels):
                1. Shopify admin › Settings › Apps › Develop apps › Create an app › Admin API scopes: \
                read_orders, read_products, read_inventory (and read_all_orders for orders older than 60 days). \
                Install it and copy the Admin API access token.
                2. On the bot's machine: export SHOPIFY_ADMIN_TOKEN=<the token>
                3. In the config file: "shopify": { "shop": "your-shop.myshopify.com", \
                "token_env": "SHOPIFY_ADMIN_TOKEN", "api_version": "2025-07" }
                4. Restart opsbot run. “sync status” then shows the first sync.
                Never paste the token here: chats are not a safe place for it.
                """
        case .sheet:
            let id = sheet ?? "<the id in the sheet's link>"
            text = """
                To read a Google Sheet of stock counts or sales (read-only, every 15 minutes):
                1. Share the sheet with a service account's email (Google Cloud › IAM › Service accounts › Keys › \
                JSON key), or share it with “anyone with the link” and make an API key for the Sheets API.
                2. In the config file: "sheets": { "spreadsheet": "\(id)", "range": "Stock!A1:F500", \
                "kind": "inventory", "service_account_key_file": "/etc/opsbot/sheets-key.json" } \
                (or "api_key_env": "GOOGLE_API_KEY" with the key exported under that name).
                3. Restart opsbot run. The first row must be the column names, as in a CSV.
                """
        }
        return .text(text)
    }
}
