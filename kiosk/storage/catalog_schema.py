"""The local catalog's SQL: numbered migrations and the statements the catalog reuses.

Datetimes are stored as ``YYYY-MM-DDTHH:MM:SSZ`` text in UTC so that comparing the strings
compares the instants, and a ``now`` bound the same way can filter rows in SQL.
"""

from __future__ import annotations

from typing import Final

#: Stands for "no deadline" in ``stocks.closes_at``, so ``MAX()`` and ``>`` need no NULL case.
NEVER: Final = "9999-12-31T23:59:59Z"

#: Numbered schema steps; never edit a published one, append a new one.
MIGRATIONS: Final = (
    """
    CREATE TABLE offers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        subcategory_id TEXT NOT NULL,
        search_group TEXT,
        venue_id INTEGER NOT NULL,
        venue_name TEXT NOT NULL,
        artists TEXT NOT NULL,
        is_digital INTEGER NOT NULL,
        is_duo INTEGER NOT NULL,
        is_event INTEGER NOT NULL,
        audio_disability INTEGER,
        mental_disability INTEGER,
        motor_disability INTEGER,
        visual_disability INTEGER,
        image_url TEXT,
        latitude REAL,
        longitude REAL,
        -- Over the stocks bookable at the last write or refresh_bookable(now):
        min_price_cents INTEGER,
        next_beginning TEXT,
        -- Last instant any stock can still be booked (NULL: none can). Unlike the two
        -- columns above it does not depend on "now": bookable now <=> bookable_until > now.
        bookable_until TEXT,
        generation INTEGER NOT NULL,
        payload TEXT NOT NULL
    );
    CREATE INDEX offers_by_bookable_until ON offers (bookable_until);
    CREATE INDEX offers_by_venue ON offers (venue_id);
    CREATE INDEX offers_by_subcategory ON offers (subcategory_id);
    CREATE INDEX offers_by_search_group ON offers (search_group);
    CREATE INDEX offers_by_generation ON offers (generation);

    CREATE TABLE stocks (
        offer_id INTEGER NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        price_cents INTEGER NOT NULL,
        beginning TEXT,
        booking_limit TEXT,
        remaining_quantity INTEGER,
        -- The server called it bookable when it sent it (flags, quantity, offer state).
        is_open INTEGER NOT NULL,
        -- Earliest of beginning and booking limit: past it, the stock cannot be booked.
        closes_at TEXT NOT NULL,
        PRIMARY KEY (offer_id, id)
    ) WITHOUT ROWID;

    -- Visitors search names, descriptions, venues and artists, without accents, by prefix.
    CREATE VIRTUAL TABLE offers_fts USING fts5 (
        name, description, venue_name, artists,
        content = 'offers', content_rowid = 'id',
        tokenize = "unicode61 remove_diacritics 2",
        prefix = '2 3 4'
    );
    -- An external-content index must be told the old values to forget: triggers always know
    -- them, so the index cannot drift from the table whoever writes it.
    CREATE TRIGGER offers_fts_insert AFTER INSERT ON offers BEGIN
        INSERT INTO offers_fts (rowid, name, description, venue_name, artists)
        VALUES (new.id, new.name, new.description, new.venue_name, new.artists);
    END;
    CREATE TRIGGER offers_fts_delete AFTER DELETE ON offers BEGIN
        INSERT INTO offers_fts (offers_fts, rowid, name, description, venue_name, artists)
        VALUES ('delete', old.id, old.name, old.description, old.venue_name, old.artists);
    END;
    CREATE TRIGGER offers_fts_update
    AFTER UPDATE OF name, description, venue_name, artists ON offers BEGIN
        INSERT INTO offers_fts (offers_fts, rowid, name, description, venue_name, artists)
        VALUES ('delete', old.id, old.name, old.description, old.venue_name, old.artists);
        INSERT INTO offers_fts (rowid, name, description, venue_name, artists)
        VALUES (new.id, new.name, new.description, new.venue_name, new.artists);
    END;

    CREATE TABLE venues (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        public_name TEXT,
        activity TEXT,
        postal_code TEXT,
        city TEXT,
        timezone TEXT,
        latitude REAL,
        longitude REAL,
        generation INTEGER NOT NULL,
        payload TEXT NOT NULL
    );
    CREATE INDEX venues_by_generation ON venues (generation);

    -- From GET /native/v1/subcategories/v2, so offers can be grouped without parsing JSON.
    CREATE TABLE subcategories (
        id TEXT PRIMARY KEY,
        search_group TEXT NOT NULL,
        native_category TEXT,
        app_label TEXT,
        is_event INTEGER
    );

    -- Whole JSON documents with their ETag: settings, taxonomy, remote kiosk config.
    CREATE TABLE documents (
        key TEXT PRIMARY KEY,
        payload TEXT NOT NULL,
        etag TEXT
    );

    -- One row per feed. A full resync builds generation `building`; its last page makes it
    -- `generation` and deletes the rows of older ones.
    CREATE TABLE sync_state (
        feed TEXT PRIMARY KEY,
        cursor TEXT,
        generation INTEGER NOT NULL DEFAULT 0,
        building INTEGER
    );
    INSERT INTO sync_state (feed) VALUES ('offers'), ('venues');

    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: every upsert names the searchable columns, so the index was rewritten for every
    # offer a resync or a price change brought again; now only when their text changed.
    """
    DROP TRIGGER offers_fts_update;
    CREATE TRIGGER offers_fts_update
    AFTER UPDATE OF name, description, venue_name, artists ON offers
    WHEN old.name IS NOT new.name OR old.description IS NOT new.description
        OR old.venue_name IS NOT new.venue_name OR old.artists IS NOT new.artists
    BEGIN
        INSERT INTO offers_fts (offers_fts, rowid, name, description, venue_name, artists)
        VALUES ('delete', old.id, old.name, old.description, old.venue_name, old.artists);
        INSERT INTO offers_fts (rowid, name, description, venue_name, artists)
        VALUES (new.id, new.name, new.description, new.venue_name, new.artists);
    END;
    """,
    # 3: browsing offers (issue 8). The JSON payloads (~1.8 kB an offer, 90 % of the table)
    # move to a table of their own so that scans and searches read narrow rows; each offer
    # gets its distance to the kiosk (set_origin), and one covering index holds every column
    # a filter reads, in distance order: the default "closest first" list stops after a
    # page, and a count never touches the table.
    """
    CREATE TABLE offer_payloads (
        id INTEGER PRIMARY KEY REFERENCES offers (id) ON DELETE CASCADE,
        payload TEXT NOT NULL
    );
    INSERT INTO offer_payloads (id, payload) SELECT id, payload FROM offers;
    ALTER TABLE offers DROP COLUMN payload;
    -- Kilometres from the kiosk; NULL for digital offers and when either place is unknown.
    ALTER TABLE offers ADD COLUMN distance_km REAL;
    DROP INDEX offers_by_search_group;
    DROP INDEX offers_by_subcategory;
    CREATE INDEX offers_facets ON offers (
        distance_km, bookable_until, search_group, subcategory_id, min_price_cents,
        next_beginning, is_event, is_duo, is_digital, audio_disability, mental_disability,
        motor_disability, visual_disability
    );
    CREATE INDEX offers_by_next_beginning ON offers (next_beginning)
        WHERE next_beginning IS NOT NULL;
    """,
    # 4: search starts at the first letter, and a 1-letter prefix without an index of its
    # own merged the entries of every word starting with it (~105 ms p95 on 100,000 offers;
    # 56 ms with it). The index is rebuilt from the offers (~2 s for 100,000); the triggers
    # name the table, not its options, and stay as they are.
    """
    DROP TABLE offers_fts;
    CREATE VIRTUAL TABLE offers_fts USING fts5 (
        name, description, venue_name, artists,
        content = 'offers', content_rowid = 'id',
        tokenize = "unicode61 remove_diacritics 2",
        prefix = '1 2 3 4'
    );
    INSERT INTO offers_fts (offers_fts) VALUES ('rebuild');
    """,
)

#: A page of offers is staged in this per-connection table, then written to ``offers`` by
#: one statement (:data:`UPSERT_STAGED_OFFERS`). FTS5 flushes its pending index data at each
#: statement, so an upsert per row would write a tiny index segment per offer (and merge
#: them); one statement per page writes one, and the triggers still keep the index exact.
CREATE_STAGED_OFFERS: Final = """
    CREATE TEMP TABLE IF NOT EXISTS staged_offers (
        id INTEGER PRIMARY KEY, name, description, subcategory_id, venue_id, venue_name,
        artists, is_digital, is_duo, is_event, audio_disability, mental_disability,
        motor_disability, visual_disability, image_url, latitude, longitude, payload,
        min_price_cents, next_beginning, bookable_until, distance_km
    )
"""

#: One offer of the page, in the column order of ``staged_offers``; a repeated id replaces.
STAGE_OFFER: Final = """
    INSERT OR REPLACE INTO temp.staged_offers
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

#: Writes every staged offer under ``:generation``; the aggregates come computed.
UPSERT_STAGED_OFFERS: Final = """
    INSERT INTO offers (
        id, name, description, subcategory_id, search_group, venue_id, venue_name, artists,
        is_digital, is_duo, is_event, audio_disability, mental_disability, motor_disability,
        visual_disability, image_url, latitude, longitude, min_price_cents, next_beginning,
        bookable_until, distance_km, generation
    )
    SELECT
        s.id, s.name, s.description, s.subcategory_id,
        (SELECT search_group FROM subcategories WHERE id = s.subcategory_id),
        s.venue_id, s.venue_name, s.artists, s.is_digital, s.is_duo, s.is_event,
        s.audio_disability, s.mental_disability, s.motor_disability, s.visual_disability,
        s.image_url, s.latitude, s.longitude, s.min_price_cents, s.next_beginning,
        s.bookable_until, s.distance_km, :generation
    FROM temp.staged_offers AS s
    WHERE true  -- without a WHERE, SQLite could read ON CONFLICT as a join's ON
    ON CONFLICT (id) DO UPDATE SET
        name = excluded.name, description = excluded.description,
        subcategory_id = excluded.subcategory_id, search_group = excluded.search_group,
        venue_id = excluded.venue_id, venue_name = excluded.venue_name,
        artists = excluded.artists, is_digital = excluded.is_digital,
        is_duo = excluded.is_duo, is_event = excluded.is_event,
        audio_disability = excluded.audio_disability,
        mental_disability = excluded.mental_disability,
        motor_disability = excluded.motor_disability,
        visual_disability = excluded.visual_disability, image_url = excluded.image_url,
        latitude = excluded.latitude, longitude = excluded.longitude,
        min_price_cents = excluded.min_price_cents,
        next_beginning = excluded.next_beginning, bookable_until = excluded.bookable_until,
        distance_km = excluded.distance_km, generation = excluded.generation
"""

#: The staged offers' JSON, after UPSERT_STAGED_OFFERS wrote their rows.
UPSERT_STAGED_PAYLOADS: Final = """
    INSERT INTO offer_payloads (id, payload)
    SELECT id, payload FROM temp.staged_offers WHERE true
    ON CONFLICT (id) DO UPDATE SET payload = excluded.payload
"""

DELETE_STAGED_STOCKS: Final = (
    "DELETE FROM stocks WHERE offer_id IN (SELECT id FROM temp.staged_offers)"
)

INSERT_STOCK: Final = """
    INSERT INTO stocks (
        offer_id, id, price_cents, beginning, booking_limit, remaining_quantity, is_open,
        closes_at
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""

UPSERT_VENUE: Final = """
    INSERT INTO venues (
        id, name, public_name, activity, postal_code, city, timezone, latitude, longitude,
        generation, payload
    ) VALUES (
        :id, :name, :public_name, :activity, :postal_code, :city, :timezone, :latitude,
        :longitude, :generation, :payload
    )
    ON CONFLICT (id) DO UPDATE SET
        name = excluded.name, public_name = excluded.public_name,
        activity = excluded.activity, postal_code = excluded.postal_code,
        city = excluded.city, timezone = excluded.timezone, latitude = excluded.latitude,
        longitude = excluded.longitude, generation = excluded.generation,
        payload = excluded.payload
"""

#: Recomputes the stock summaries of offers; append a WHERE clause to limit it.
REFRESH_AGGREGATES: Final = """
    UPDATE offers SET
        min_price_cents = (
            SELECT MIN(price_cents) FROM stocks
            WHERE offer_id = offers.id AND is_open AND closes_at > :now
        ),
        next_beginning = (
            SELECT MIN(beginning) FROM stocks
            WHERE offer_id = offers.id AND is_open AND closes_at > :now
        ),
        bookable_until = (
            SELECT MAX(closes_at) FROM stocks WHERE offer_id = offers.id AND is_open
        )
"""

#: The search itself; ``:query`` is always built by the catalog, never visitor text.
SEARCH_OFFERS: Final = """
    SELECT offers_fts.rowid FROM offers_fts
    JOIN offers ON offers.id = offers_fts.rowid
    WHERE offers_fts MATCH :query
      AND (:now IS NULL OR offers.bookable_until > :now)
    ORDER BY bm25(offers_fts, 10.0, 1.0, 3.0, 5.0), offers_fts.rowid
    LIMIT :limit
"""
