/// The numbered schema of the OpsBot store. Append new migrations; never edit a released one.
///
/// Conventions: money columns are INTEGER minor units of the org's currency; `*_at` columns are
/// INTEGER seconds since 1970 UTC; `day` columns are the org's local date as `YYYY-MM-DD`.
public enum Schema {
    static let migrations: [Migration] = [
        v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23,
    ]

    public static var currentVersion: Int { migrations.map(\.version).max() ?? 0 }

    static let v1 = Migration(
        version: 1, name: "initial schema",
        sql: """
            CREATE TABLE orgs (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                timezone TEXT NOT NULL,
                currency TEXT NOT NULL,
                week_start TEXT NOT NULL DEFAULT 'monday' CHECK (week_start IN ('monday', 'sunday')),
                created_at INTEGER NOT NULL
            );

            CREATE TABLE members (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                transport TEXT NOT NULL,
                user_key TEXT NOT NULL,
                name TEXT NOT NULL,
                handle TEXT,
                role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
                joined_at INTEGER NOT NULL,
                UNIQUE (transport, user_key)
            );

            CREATE TABLE chats (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                transport TEXT NOT NULL,
                chat_key TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('private', 'group')),
                title TEXT,
                active INTEGER NOT NULL DEFAULT 1,
                receives_alerts INTEGER NOT NULL DEFAULT 0,
                UNIQUE (transport, chat_key)
            );

            CREATE TABLE imports (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                file_name TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                rows_total INTEGER NOT NULL DEFAULT 0,
                rows_imported INTEGER NOT NULL DEFAULT 0,
                rows_rejected INTEGER NOT NULL DEFAULT 0,
                errors TEXT,
                member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX imports_by_sha ON imports (org_id, sha256);

            CREATE TABLE products (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                sku TEXT NOT NULL,
                name TEXT NOT NULL,
                category TEXT NOT NULL DEFAULT '',
                unit_cost INTEGER,
                unit_price INTEGER,
                reorder_point INTEGER,
                lead_time_days INTEGER,
                pack_size INTEGER,
                active INTEGER NOT NULL DEFAULT 1,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (org_id, sku)
            );
            CREATE INDEX products_by_name ON products (org_id, name COLLATE NOCASE);

            CREATE TABLE inventory_levels (
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                location TEXT NOT NULL DEFAULT '',
                quantity INTEGER NOT NULL,
                counted_at INTEGER NOT NULL,
                PRIMARY KEY (product_id, location)
            ) WITHOUT ROWID;

            CREATE TABLE inventory_history (
                id INTEGER PRIMARY KEY,
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                location TEXT NOT NULL DEFAULT '',
                quantity INTEGER NOT NULL,
                counted_at INTEGER NOT NULL,
                reason TEXT NOT NULL,
                import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL
            );
            CREATE INDEX inventory_history_by_product ON inventory_history (product_id, counted_at);

            CREATE TABLE sales (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                source TEXT NOT NULL,
                order_id TEXT NOT NULL,
                line INTEGER NOT NULL,
                sold_at INTEGER NOT NULL,
                product_id INTEGER NOT NULL REFERENCES products(id),
                quantity INTEGER NOT NULL,
                unit_price INTEGER NOT NULL,
                discount INTEGER NOT NULL DEFAULT 0,
                total INTEGER NOT NULL,
                cost INTEGER,
                location TEXT NOT NULL DEFAULT '',
                channel TEXT NOT NULL DEFAULT '',
                import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,
                UNIQUE (org_id, source, order_id, line)
            );
            CREATE INDEX sales_by_time ON sales (org_id, sold_at);
            CREATE INDEX sales_by_product ON sales (product_id, sold_at);

            -- Rollups, kept in step with `sales` in the same transaction by SalesWriter.
            -- revenue = SUM(total); cost = SUM(cost) over lines whose cost is known;
            -- costed_revenue = SUM(total) over those same lines, so margin is never overstated.
            CREATE TABLE daily_product_sales (
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                day TEXT NOT NULL,
                units INTEGER NOT NULL,
                revenue INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                costed_revenue INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                PRIMARY KEY (product_id, day)
            ) WITHOUT ROWID;
            -- Covering: rankings over a span read this index alone, in day order.
            CREATE INDEX daily_product_sales_by_day
                ON daily_product_sales (day, product_id, revenue, units, cost, costed_revenue);

            -- The same sums per calendar month ('YYYY-MM'), so a ranking over months reads one row per product
            -- and month instead of one per day.
            CREATE TABLE monthly_product_sales (
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                month TEXT NOT NULL,
                units INTEGER NOT NULL,
                revenue INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                costed_revenue INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                PRIMARY KEY (product_id, month)
            ) WITHOUT ROWID;
            CREATE INDEX monthly_product_sales_by_month
                ON monthly_product_sales (month, product_id, revenue, units, cost, costed_revenue);

            CREATE TABLE daily_sales (
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                day TEXT NOT NULL,
                units INTEGER NOT NULL,
                revenue INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                costed_revenue INTEGER NOT NULL,
                orders INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                PRIMARY KEY (org_id, day)
            ) WITHOUT ROWID;

            -- hour_start is the UTC start of the hour (seconds), so partial days need no time zone maths.
            CREATE TABLE hourly_sales (
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                hour_start INTEGER NOT NULL,
                units INTEGER NOT NULL,
                revenue INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                costed_revenue INTEGER NOT NULL,
                orders INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                PRIMARY KEY (org_id, hour_start)
            ) WITHOUT ROWID;

            CREATE TABLE shifts (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                person TEXT NOT NULL,
                member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
                starts_at INTEGER NOT NULL,
                ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
                role TEXT NOT NULL DEFAULT '',
                hourly_rate INTEGER,
                location TEXT NOT NULL DEFAULT '',
                import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,
                UNIQUE (org_id, person, starts_at)
            );
            CREATE INDEX shifts_by_time ON shifts (org_id, starts_at);

            CREATE TABLE activity (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                at INTEGER NOT NULL,
                member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
                kind TEXT NOT NULL,
                summary TEXT NOT NULL
            );
            CREATE INDEX activity_by_time ON activity (org_id, at);

            CREATE TABLE transport_state (
                transport TEXT NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (transport, key)
            ) WITHOUT ROWID;
            """)

    /// The import audit learns outcomes: a rejected file is recorded too, with why.
    static let v2 = Migration(
        version: 2, name: "import outcomes",
        sql: """
            ALTER TABLE imports ADD COLUMN status TEXT NOT NULL DEFAULT 'imported'
                CHECK (status IN ('imported', 'rejected'));
            ALTER TABLE imports ADD COLUMN rows_updated INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE imports ADD COLUMN rows_unchanged INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE imports ADD COLUMN first_at INTEGER;
            ALTER TABLE imports ADD COLUMN last_at INTEGER;
            """)

    /// Alerts: rules, one open alert per cause, the outbox of deliveries and each attempt, and the people seen
    /// in each chat (so the members most active in a chat are offered first when an alert is assigned).
    static let v3 = Migration(
        version: 3, name: "alerts and outbox",
        sql: """
            -- scope '' is the org-wide rule; 'product:<id>' and 'category:<name>' narrow a threshold.
            -- route: space-separated targets: chats, email, sms, member:<id>, chat:<transport>:<key>.
            CREATE TABLE alert_rules (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                kind TEXT NOT NULL
                    CHECK (kind IN ('low_stock', 'out_of_stock', 'days_of_cover', 'sales_drop', 'sales_spike')),
                scope TEXT NOT NULL DEFAULT '',
                threshold INTEGER,
                severity TEXT NOT NULL DEFAULT 'warning' CHECK (severity IN ('critical', 'warning', 'info')),
                route TEXT NOT NULL DEFAULT 'chats',
                repeat_minutes INTEGER NOT NULL DEFAULT 1440 CHECK (repeat_minutes >= 0),
                enabled INTEGER NOT NULL DEFAULT 1,
                muted_until INTEGER,
                updated_at INTEGER NOT NULL,
                UNIQUE (org_id, kind, scope)
            );

            CREATE TABLE alerts (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                cause TEXT NOT NULL,
                product_id INTEGER REFERENCES products(id) ON DELETE CASCADE,
                day TEXT,
                severity TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'assigned', 'resolved')),
                value INTEGER NOT NULL DEFAULT 0,
                threshold INTEGER,
                subject TEXT NOT NULL,
                opened_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                notified_at INTEGER,
                snoozed_until INTEGER,
                acknowledged_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
                acknowledged_at INTEGER,
                assignee_transport TEXT,
                assignee_key TEXT,
                assignee_name TEXT,
                resolved_at INTEGER,
                resolved_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
                resolution TEXT
            );
            -- One open alert per cause, enforced by the database itself.
            CREATE UNIQUE INDEX alerts_open_cause ON alerts (org_id, cause) WHERE status <> 'resolved';
            CREATE INDEX alerts_by_product ON alerts (product_id, opened_at);
            CREATE INDEX alerts_by_time ON alerts (org_id, opened_at);

            -- What must be sent: written in the transaction that caused it, sent by the delivery loop.
            -- kind: alert (new alerts, grouped), reminder, resolved (a reply in the alert's thread), edit,
            -- notice (the text in body: a task handed to someone, a reminder that it is due).
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                channel TEXT NOT NULL CHECK (channel IN ('chat', 'email', 'sms')),
                transport TEXT NOT NULL DEFAULT '',
                target TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('alert', 'reminder', 'resolved', 'edit', 'notice')),
                refers_to INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
                body TEXT,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                sent_at INTEGER,
                message_key TEXT,
                last_error TEXT
            );
            CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

            CREATE TABLE outbox_alerts (
                outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
                alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
                PRIMARY KEY (outbox_id, alert_id)
            ) WITHOUT ROWID;
            CREATE INDEX outbox_alerts_by_alert ON outbox_alerts (alert_id, outbox_id);

            CREATE TABLE delivery_attempts (
                id INTEGER PRIMARY KEY,
                outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
                at INTEGER NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'retry', 'failed')),
                answer TEXT NOT NULL
            );
            CREATE INDEX delivery_attempts_by_outbox ON delivery_attempts (outbox_id, at);

            CREATE TABLE chat_people (
                transport TEXT NOT NULL,
                chat_key TEXT NOT NULL,
                user_key TEXT NOT NULL,
                name TEXT NOT NULL,
                handle TEXT,
                last_seen_at INTEGER NOT NULL,
                PRIMARY KEY (transport, chat_key, user_key)
            ) WITHOUT ROWID;
            """)

    /// The team: invites (stored as hashes), wrong-code attempts, tasks, comments, and org-wide settings.
    static let v4 = Migration(
        version: 4, name: "team and tasks",
        sql: """
            CREATE TABLE invites (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                code_hash TEXT NOT NULL UNIQUE,
                hint TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
                created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
                used_at INTEGER,
                revoked_at INTEGER
            );

            CREATE TABLE start_attempts (
                transport TEXT NOT NULL,
                user_key TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            CREATE INDEX start_attempts_by_user ON start_attempts (transport, user_key, at);

            CREATE TABLE tasks (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                title TEXT NOT NULL,
                alert_id INTEGER REFERENCES alerts(id) ON DELETE SET NULL,
                assignee_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                assigner_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
                due_at INTEGER,
                status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
                created_at INTEGER NOT NULL,
                done_at INTEGER,
                note TEXT,
                reminded_assignee_at INTEGER,
                reminded_assigner_at INTEGER
            );
            CREATE INDEX tasks_by_assignee ON tasks (assignee_id, status);
            CREATE INDEX tasks_due ON tasks (org_id, status, due_at);

            CREATE TABLE comments (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                alert_id INTEGER REFERENCES alerts(id) ON DELETE CASCADE,
                task_id INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
                member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
                at INTEGER NOT NULL,
                text TEXT NOT NULL
            );

            CREATE TABLE org_settings (
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (org_id, key)
            ) WITHOUT ROWID;
            """)

    /// Per-product sums per calendar year ('YYYY'), filled from the monthly rollup: a ranking over this year
    /// reads one row per product instead of twelve.
    static let v5 = Migration(
        version: 5, name: "yearly product rollup",
        sql: """
            CREATE TABLE yearly_product_sales (
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                year TEXT NOT NULL,
                units INTEGER NOT NULL,
                revenue INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                costed_revenue INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                PRIMARY KEY (product_id, year)
            ) WITHOUT ROWID;
            CREATE INDEX yearly_product_sales_by_year
                ON yearly_product_sales (year, product_id, revenue, units, cost, costed_revenue);
            INSERT INTO yearly_product_sales (product_id, year, units, revenue, cost, costed_revenue, lines)
            SELECT product_id, substr(month, 1, 4), SUM(units), SUM(revenue), SUM(cost), SUM(costed_revenue), SUM(lines)
            FROM monthly_product_sales GROUP BY product_id, substr(month, 1, 4);
            """)

    /// Sales per location and local day, for "sales this week at Market"; the locations an org has sold at.
    static let v6 = Migration(
        version: 6, name: "location rollup",
        sql: """
            CREATE TABLE daily_location_sales (
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                location TEXT NOT NULL,
                day TEXT NOT NULL,
                units INTEGER NOT NULL,
                revenue INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                costed_revenue INTEGER NOT NULL,
                orders INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                PRIMARY KEY (org_id, location, day)
            ) WITHOUT ROWID;
            CREATE TABLE locations (
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                PRIMARY KEY (org_id, name)
            ) WITHOUT ROWID;
            -- The minutes at the edges of a span at one location come from the lines.
            CREATE INDEX sales_by_location ON sales (org_id, location, sold_at);
            """,
        afterwards: { database in
            let orgs = try database.query("SELECT id FROM orgs") { $0.int64(0) }
            for id in orgs {
                guard let org = try Store.org(id: id, in: database) else { continue }
                try SalesRollups(database: database, org: org).rebuild()
            }
        })

    // An index over every sales line that only answered "last sold": a large import spent a second
    // rebuilding it. The product rollup finds the last day, that day's lines the time.
    // Products are never deleted (they are made inactive), so the foreign key needs no index.
    static let v7 = Migration(
        version: 7, name: "no sales-by-product index",
        sql: """
            DROP INDEX sales_by_product;
            """)

    // Only lines sold at a named location: most shops have one till and name none, and then the index is
    // empty instead of a second copy of the time index. Queries on it say `location <> ''` so SQLite uses it.
    static let v8 = Migration(
        version: 8, name: "location index without unnamed locations",
        sql: """
            DROP INDEX sales_by_location;
            CREATE INDEX sales_by_location ON sales (org_id, location, sold_at) WHERE location <> '';
            """)

    // Product days kept in day order: an import of sales in time order then appends its days at the end of
    // the table instead of updating rows across all of it, and rankings over days read the table itself. The
    // per-product index carries what the per-product figures read (units, revenue), so they need no lookup.
    static let v9 = Migration(
        version: 9, name: "product days in day order",
        sql: """
            CREATE TABLE daily_product_sales_by_day_first (
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                day TEXT NOT NULL,
                units INTEGER NOT NULL,
                revenue INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                costed_revenue INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                PRIMARY KEY (day, product_id)
            ) WITHOUT ROWID;
            INSERT INTO daily_product_sales_by_day_first (product_id, day, units, revenue, cost, costed_revenue, lines)
            SELECT product_id, day, units, revenue, cost, costed_revenue, lines FROM daily_product_sales ORDER BY day, product_id;
            DROP TABLE daily_product_sales;
            ALTER TABLE daily_product_sales_by_day_first RENAME TO daily_product_sales;
            CREATE INDEX daily_product_sales_by_product ON daily_product_sales (product_id, day, units, revenue);
            """)

    /// The size of each imported file: a file the size of an earlier import is hashed before its rows are read,
    /// so importing the same file again is answered at once instead of after a pass that is then rolled back.
    static let v10 = Migration(
        version: 10, name: "import sizes",
        sql: """
            ALTER TABLE imports ADD COLUMN bytes INTEGER;
            """)

    /// The lines' foreign keys checked at the commit instead of after each statement. An immediate foreign key
    /// may abort a statement part way, so SQLite journals every page an insert of 64 lines touches, to undo it
    /// alone: 2.3 GB of temporary file a million-line import. Deferred (with `INSERT OR FAIL`, see
    /// `SalesWriter`), there is nothing to undo; every line is still checked, and a transaction that leaves one
    /// without its product is refused whole at its commit.
    static let v11 = Migration(
        version: 11, name: "sales foreign keys checked at commit",
        sql: """
            CREATE TABLE sales_checked_at_commit (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                source TEXT NOT NULL,
                order_id TEXT NOT NULL,
                line INTEGER NOT NULL,
                sold_at INTEGER NOT NULL,
                product_id INTEGER NOT NULL REFERENCES products(id) DEFERRABLE INITIALLY DEFERRED,
                quantity INTEGER NOT NULL,
                unit_price INTEGER NOT NULL,
                discount INTEGER NOT NULL DEFAULT 0,
                total INTEGER NOT NULL,
                cost INTEGER,
                location TEXT NOT NULL DEFAULT '',
                channel TEXT NOT NULL DEFAULT '',
                import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
                UNIQUE (org_id, source, order_id, line)
            );
            INSERT INTO sales_checked_at_commit (id, org_id, source, order_id, line, sold_at, product_id, quantity,
                                                 unit_price, discount, total, cost, location, channel, import_id)
            SELECT id, org_id, source, order_id, line, sold_at, product_id, quantity, unit_price, discount, total, cost,
                   location, channel, import_id
            FROM sales ORDER BY org_id, source, order_id, line;
            DROP TABLE sales;
            ALTER TABLE sales_checked_at_commit RENAME TO sales;
            CREATE INDEX sales_by_time ON sales (org_id, sold_at);
            CREATE INDEX sales_by_location ON sales (org_id, location, sold_at) WHERE location <> '';
            """)

    /// The per-product rollups' foreign keys checked at the commit, as the lines' (schema 11): a period the table
    /// has no row for yet is then written by plain inserts, with no statement journal (`RollupDeltas`); an upsert
    /// that may update keeps one whatever the keys, a gigabyte of temporary file for a million-line import.
    static let v12 = Migration(
        version: 12, name: "product rollups' foreign keys checked at commit",
        sql: """
            CREATE TABLE daily_product_sales_checked_at_commit (
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                day TEXT NOT NULL,
                units INTEGER NOT NULL,
                revenue INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                costed_revenue INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                PRIMARY KEY (day, product_id)
            ) WITHOUT ROWID;
            INSERT INTO daily_product_sales_checked_at_commit (product_id, day, units, revenue, cost, costed_revenue, lines)
            SELECT product_id, day, units, revenue, cost, costed_revenue, lines FROM daily_product_sales ORDER BY day, product_id;
            DROP TABLE daily_product_sales;
            ALTER TABLE daily_product_sales_checked_at_commit RENAME TO daily_product_sales;
            CREATE INDEX daily_product_sales_by_product ON daily_product_sales (product_id, day, units, revenue);
            CREATE TABLE monthly_product_sales_checked_at_commit (
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                month TEXT NOT NULL,
                units INTEGER NOT NULL,
                revenue INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                costed_revenue INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                PRIMARY KEY (product_id, month)
            ) WITHOUT ROWID;
            INSERT INTO monthly_product_sales_checked_at_commit (product_id, month, units, revenue, cost, costed_revenue, lines)
            SELECT product_id, month, units, revenue, cost, costed_revenue, lines FROM monthly_product_sales ORDER BY product_id, month;
            DROP TABLE monthly_product_sales;
            ALTER TABLE monthly_product_sales_checked_at_commit RENAME TO monthly_product_sales;
            CREATE INDEX monthly_product_sales_by_month
                ON monthly_product_sales (month, product_id, revenue, units, cost, costed_revenue);
            CREATE TABLE yearly_product_sales_checked_at_commit (
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                year TEXT NOT NULL,
                units INTEGER NOT NULL,
                revenue INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                costed_revenue INTEGER NOT NULL,
                lines INTEGER NOT NULL,
                PRIMARY KEY (product_id, year)
            ) WITHOUT ROWID;
            INSERT INTO yearly_product_sales_checked_at_commit (product_id, year, units, revenue, cost, costed_revenue, lines)
            SELECT product_id, year, units, revenue, cost, costed_revenue, lines FROM yearly_product_sales ORDER BY product_id, year;
            DROP TABLE yearly_product_sales;
            ALTER TABLE yearly_product_sales_checked_at_commit RENAME TO yearly_product_sales;
            CREATE INDEX yearly_product_sales_by_year
                ON yearly_product_sales (year, product_id, revenue, units, cost, costed_revenue);
            """)

    static let v13 = Migration(
        version: 13, name: "files waiting for their kind",
        sql: """
            -- A file sent in chat whose kind was not clear: kept until someone answers which kind it is (a day).
            CREATE TABLE IF NOT EXISTS pending_imports (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
                file_name TEXT NOT NULL,
                bytes BLOB NOT NULL,
                created_at INTEGER NOT NULL
            );
            """)

    static let v14 = Migration(
        version: 14, name: "the owner's setup steps",
        sql: """
            -- The step of the guided setup a member is on (name, time zone, currency, first import, group).
            CREATE TABLE IF NOT EXISTS setup_steps (
                member_id INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
                step TEXT NOT NULL,
                updated_at INTEGER NOT NULL
            );
            """)

    static let v15 = Migration(
        version: 15, name: "ordering terms and purchase orders",
        sql: """
            -- How a product is ordered: from whom, how often the shop orders, the least it may order, the
            -- chance of not running out it aims for. Lead time and pack size stay on products.
            CREATE TABLE IF NOT EXISTS product_ordering (
                product_id INTEGER PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
                supplier TEXT,
                review_days INTEGER,
                min_order INTEGER,
                service_level REAL
            );
            -- Stock ordered and not yet received: it counts as on order until received in full.
            CREATE TABLE IF NOT EXISTS purchase_orders (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                received INTEGER NOT NULL DEFAULT 0,
                ordered_at INTEGER NOT NULL,
                due_at INTEGER,
                ordered_by TEXT NOT NULL DEFAULT '',
                reminded_at INTEGER,
                closed_at INTEGER
            );
            CREATE INDEX IF NOT EXISTS purchase_orders_open ON purchase_orders (org_id, product_id) WHERE closed_at IS NULL;
            """)

    // ALTER TABLE cannot say IF NOT EXISTS: the column is added only where it is missing, so a migration run
    // again (a shop's file taken back to an older version, as the tests do) finds it done.
    static let v16 = Migration(
        version: 16, name: "unpaid breaks on shifts", sql: "SELECT 1",
        afterwards: { database in
            let columns = try database.query("PRAGMA table_info(shifts)") { $0.string(1) }
            guard !columns.contains("break_minutes") else { return }
            try database.execute(
                "ALTER TABLE shifts ADD COLUMN break_minutes INTEGER NOT NULL DEFAULT 0 CHECK (break_minutes >= 0)")
        })

    static let v17 = Migration(
        version: 17, name: "staffing targets",
        sql: """
            -- The hours a shop calls over- or under-staffed are judged against this: sales per labour hour, or
            -- labour as a share of sales. Neither set: the shop's own last 8 weeks.
            CREATE TABLE IF NOT EXISTS staffing_targets (
                org_id INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
                splh INTEGER CHECK (splh > 0),
                labour_percent REAL CHECK (labour_percent > 0 AND labour_percent < 100)
            );
            """)

    static let v18 = Migration(
        version: 18, name: "demand forecasts",
        sql: """
            -- Each product's forecast, made nightly and after an import: the stock cover in alerts and replies
            -- reads it. daily: units per day from made_for (the local day it was made on), as little-endian
            -- 32-bit floats.
            CREATE TABLE IF NOT EXISTS demand_forecasts (
                product_id INTEGER PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                made_for TEXT NOT NULL,
                daily BLOB NOT NULL,
                method TEXT NOT NULL,
                typical_error REAL NOT NULL
            );
            CREATE INDEX IF NOT EXISTS demand_forecasts_org ON demand_forecasts(org_id);
            -- When the org's forecasts were last made; stale: sales or stock changed since.
            CREATE TABLE IF NOT EXISTS forecast_runs (
                org_id INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
                made_for TEXT NOT NULL,
                made_at INTEGER NOT NULL,
                stale INTEGER NOT NULL DEFAULT 0
            );
            """)

    static let v19 = Migration(
        version: 19, name: "order proposals",
        sql: """
            -- An order list as shown, one per supplier, so its Approve button records exactly what was shown
            -- (the plan moves with every sale). approved_at: pressed once; a second press changes nothing.
            CREATE TABLE IF NOT EXISTS order_proposals (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                supplier TEXT,
                made_at INTEGER NOT NULL,
                approved_at INTEGER,
                approved_by TEXT
            );
            CREATE INDEX IF NOT EXISTS order_proposals_org ON order_proposals (org_id, made_at);
            CREATE TABLE IF NOT EXISTS order_proposal_lines (
                proposal_id INTEGER NOT NULL REFERENCES order_proposals(id) ON DELETE CASCADE,
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                due_at INTEGER,
                PRIMARY KEY (proposal_id, product_id)
            );
            """)

    static let v20 = Migration(
        version: 20, name: "rota names",
        sql: """
            -- A member's name as the rota writes it ("sam is Sam K on the rota"): their shifts, imported before
            -- or after, are theirs in "my shifts". One member may have several; a name is one member's.
            CREATE TABLE IF NOT EXISTS rota_names (
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                person TEXT NOT NULL COLLATE NOCASE,
                member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
                PRIMARY KEY (org_id, person)
            );
            """)

    static let v21 = Migration(
        version: 21, name: "sync sources",
        sql: """
            -- A till or sheet the bot reads on its own (Square, Shopify, a Google Sheet): where the last read
            -- stopped (the connector's cursor, written in the transaction that stored what it read), when it runs
            -- next, and how it has been failing (the owner is told once, not at every run).
            CREATE TABLE IF NOT EXISTS sync_sources (
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                source TEXT NOT NULL,
                cursor TEXT NOT NULL DEFAULT '',
                interval_seconds INTEGER NOT NULL DEFAULT 300,
                last_run_at INTEGER,
                last_success_at INTEGER,
                last_rows INTEGER NOT NULL DEFAULT 0,
                total_rows INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                failures INTEGER NOT NULL DEFAULT 0,
                notified_at INTEGER,
                requested_at INTEGER,
                PRIMARY KEY (org_id, source)
            );
            """)

    static let v22 = Migration(
        version: 22, name: "reviews",
        sql: """
            -- Customer reviews as imported: one a review, found again by the platform's id or, without one, by
            -- its day, author and words, so importing the same export again changes nothing.
            CREATE TABLE IF NOT EXISTS reviews (
                id INTEGER PRIMARY KEY,
                org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                review_key TEXT NOT NULL,
                reviewed_at INTEGER NOT NULL,
                rating INTEGER CHECK (rating BETWEEN 1 AND 5),
                author TEXT NOT NULL DEFAULT '',
                text TEXT NOT NULL DEFAULT '',
                import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,
                UNIQUE (org_id, review_key)
            );
            CREATE INDEX IF NOT EXISTS reviews_by_time ON reviews (org_id, reviewed_at);
            """)

    static let v23 = Migration(
        version: 23, name: "transport inbox",
        sql: """
            -- What a platform handed the bot (a Slack event, a button press, a slash command), kept before it is
            -- acknowledged and handled from here in order: a crash after the acknowledgement loses nothing, and
            -- the platform's retries of one event (its event id, the key) are kept once.
            CREATE TABLE IF NOT EXISTS transport_inbox (
                id INTEGER PRIMARY KEY,
                transport TEXT NOT NULL,
                event_key TEXT NOT NULL,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                handled_at INTEGER,
                UNIQUE (transport, event_key)
            );
            CREATE INDEX IF NOT EXISTS transport_inbox_waiting ON transport_inbox (transport, id)
                WHERE handled_at IS NULL;
            """)
}
