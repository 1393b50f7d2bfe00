-- Arca demo database: a small shop with the kinds of objects a real backup must carry — foreign keys,
-- numeric/jsonb/text[]/bytea/timestamptz columns, a range-partitioned table, a view, a function, a trigger,
-- a sequence, indexes. About 15 MB on disk with indexes. Deterministic: setseed() fixes random(), timestamps derive from a fixed
-- instant, and parallel query is off so rows are generated in one order.
--
-- Loaded by `deploy/local/arca-local demo` into the database arca_demo (psql --single-transaction).

SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
DO $$ BEGIN PERFORM setseed(0.4242); END $$;

CREATE SCHEMA shop;
SET search_path = shop, public;

CREATE SEQUENCE invoice_number_seq START WITH 100000 INCREMENT BY 1;

CREATE TABLE customers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    email       text        NOT NULL UNIQUE,
    country     char(2)     NOT NULL,
    vip         boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL
);

CREATE TABLE products (
    id          integer PRIMARY KEY,
    sku         text          NOT NULL UNIQUE,
    name        text          NOT NULL,
    price       numeric(12,2) NOT NULL CHECK (price >= 0),
    attributes  jsonb         NOT NULL DEFAULT '{}',
    tags        text[]        NOT NULL DEFAULT '{}',
    thumbnail   bytea
);

CREATE TABLE orders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint        NOT NULL REFERENCES customers (id),
    product_id  integer       NOT NULL REFERENCES products (id),
    quantity    integer       NOT NULL CHECK (quantity > 0),
    unit_price  numeric(12,2) NOT NULL,
    total       numeric(14,2) NOT NULL,
    status      text          NOT NULL CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')),
    invoice_no  bigint        NOT NULL DEFAULT nextval('invoice_number_seq'),
    ordered_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL
);
ALTER SEQUENCE invoice_number_seq OWNED BY orders.invoice_no;

-- Range-partitioned by quarter, plus a default partition for anything outside.
CREATE TABLE events (
    id          bigint      NOT NULL,
    occurred_at timestamptz NOT NULL,
    kind        text        NOT NULL,
    customer_id bigint      REFERENCES customers (id),
    payload     jsonb,
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE events_2026_q1 PARTITION OF events FOR VALUES FROM ('2026-01-01 00:00+00') TO ('2026-04-01 00:00+00');
CREATE TABLE events_2026_q2 PARTITION OF events FOR VALUES FROM ('2026-04-01 00:00+00') TO ('2026-07-01 00:00+00');
CREATE TABLE events_2026_q3 PARTITION OF events FOR VALUES FROM ('2026-07-01 00:00+00') TO ('2026-10-01 00:00+00');
CREATE TABLE events_2026_q4 PARTITION OF events FOR VALUES FROM ('2026-10-01 00:00+00') TO ('2027-01-01 00:00+00');
CREATE TABLE events_other PARTITION OF events DEFAULT;

-- The total is always derived from quantity and unit price, whoever writes the row.
CREATE FUNCTION order_total(quantity integer, unit_price numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT
    RETURN round(quantity * unit_price, 2);

CREATE FUNCTION orders_before_write() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.total := order_total(NEW.quantity, NEW.unit_price);
    IF TG_OP = 'UPDATE' THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_compute_total
    BEFORE INSERT OR UPDATE OF quantity, unit_price ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_before_write();

-- ---- data ----------------------------------------------------------------------------------------------

INSERT INTO customers (name, email, country, vip, created_at)
SELECT initcap(substr(md5('first' || g), 1, 6)) || ' ' || initcap(substr(md5('last' || g), 1, 9)),
       'customer' || g || '@example.com',
       (ARRAY['DE', 'FR', 'US', 'GB', 'JP', 'BR', 'IN', 'ES'])[1 + floor(random() * 8)::int],
       random() < 0.05,
       timestamptz '2025-01-01 00:00+00' + (g * interval '17 minutes')
FROM generate_series(1, 10000) AS g;

INSERT INTO products (id, sku, name, price, attributes, tags, thumbnail)
SELECT g,
       'SKU-' || lpad(g::text, 6, '0'),
       'Product ' || g || ' ' || substr(md5('p' || g), 1, 12),
       round((1 + random() * 499)::numeric, 2),
       jsonb_build_object('color', (ARRAY['red', 'green', 'blue', 'black'])[1 + floor(random() * 4)::int],
                          'weight_g', floor(random() * 5000)::int,
                          'dimensions', jsonb_build_array(floor(random() * 100)::int, floor(random() * 100)::int),
                          'note', 'quotes '' and "double", unicode: Grüße ✓'),
       ARRAY['tag' || (g % 7), 'line' || (g % 3)] || CASE WHEN g % 10 = 0 THEN ARRAY['sale'] ELSE '{}' END,
       CASE WHEN g % 5 = 0 THEN NULL
            ELSE decode(repeat(md5('thumb' || g), 8), 'hex') || '\x000102fffe'::bytea END
FROM generate_series(1, 5000) AS g;

INSERT INTO orders (customer_id, product_id, quantity, unit_price, total, status, ordered_at, updated_at)
SELECT 1 + floor(random() * 10000)::int,
       p.id,
       q.quantity,
       p.price,
       0,  -- computed by the trigger
       (ARRAY['new', 'paid', 'shipped', 'cancelled'])[1 + floor(random() * 4)::int],
       timestamptz '2026-01-01 00:00+00' + (g * interval '7 minutes'),
       timestamptz '2026-01-01 00:00+00' + (g * interval '7 minutes')
FROM generate_series(1, 30000) AS g
CROSS JOIN LATERAL (SELECT 1 + floor(random() * 5)::int AS quantity, 1 + floor(random() * 5000)::int AS pid
                    WHERE g > 0) AS q
JOIN products p ON p.id = q.pid;

INSERT INTO events (id, occurred_at, kind, customer_id, payload)
SELECT g,
       timestamptz '2025-12-01 00:00+00' + (g * interval '6 minutes'),
       (ARRAY['login', 'view', 'cart', 'checkout', 'logout'])[1 + floor(random() * 5)::int],
       CASE WHEN g % 9 = 0 THEN NULL ELSE 1 + floor(random() * 10000)::int END,
       jsonb_build_object('ip', '10.' || (g % 256) || '.' || (g / 256 % 256) || '.1',
                          'ms', floor(random() * 2000)::int)
FROM generate_series(1, 40000) AS g;

-- ---- indexes and a view ----------------------------------------------------------------------------------

CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX orders_ordered_at_idx ON orders (ordered_at DESC);
CREATE INDEX orders_open_idx ON orders (status) WHERE status IN ('new', 'paid');
CREATE INDEX products_attributes_idx ON products USING gin (attributes);
CREATE INDEX products_tags_idx ON products USING gin (tags);
CREATE INDEX events_kind_idx ON events (kind, occurred_at);
CREATE INDEX customers_lower_name_idx ON customers (lower(name));

CREATE VIEW customer_order_totals AS
SELECT c.id AS customer_id, c.name, c.country, count(o.id) AS orders, coalesce(sum(o.total), 0) AS revenue
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id AND o.status <> 'cancelled'
GROUP BY c.id, c.name, c.country;

COMMENT ON TABLE orders IS 'Orders; total is maintained by the orders_compute_total trigger';

ANALYZE;
