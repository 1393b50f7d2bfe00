-- Added to Arca's sample database (io.arca.pg.verify.SampleDatabase.stressScript) for the export and restore tests: one column per type
-- family the JSON mapping treats differently, values that are hard for COPY text, CSV and JSON, a table without
-- columns, and comments on an index and on a foreign key (post-data items that name, rather than carry, what they
-- belong to).

CREATE TABLE public.stress (
    id integer PRIMARY KEY,
    i2 smallint,
    i4 integer,
    i8 bigint,
    n numeric,
    n_prec numeric(40, 20),
    r real,
    d double precision,
    b boolean,
    t text,
    vc varchar(20),
    ch char(5),
    j json,
    jb jsonb,
    by bytea,
    ts timestamp,
    tstz timestamptz,
    dt date,
    tm time,
    tmtz timetz,
    iv interval,
    u uuid,
    arr_t text[],
    arr_i integer[],
    mood public.mood,
    yr public.year,
    ip inet,
    pt point
);
CREATE INDEX stress_t_idx ON public.stress (t);
COMMENT ON INDEX public.stress_t_idx IS 'an index with a comment';

CREATE TABLE public.stress_child (
    id serial PRIMARY KEY,
    stress_id integer REFERENCES public.stress (id),
    note text
);
COMMENT ON CONSTRAINT stress_child_stress_id_fkey ON public.stress_child IS 'a foreign key with a comment';

CREATE TABLE public.no_columns ();

INSERT INTO public.stress VALUES
    (1, 1, 2, 3, 4.5, 1.5, 1.25, 2.5, true, 'plain', 'varchar', 'abc', '{"a": 1}', '{"b": [1, 2, {"c": null}]}',
     '\x00ff10', '2024-01-02 03:04:05.678901', '2024-01-02 03:04:05.678901+00', '2024-01-02', '03:04:05',
     '03:04:05+02', '1 year 2 mons 3 days 04:05:06.5', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
     '{a,b,"c d"}', '{1,2,3}', 'happy', 2000, '192.168.0.1/24', '(1.5,-2)'),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (3, 0, 0, 0, 0, 0, 0, 0, false, '', '', '', '""', '{}', '', NULL, NULL, NULL, NULL, NULL, '0', NULL,
     '{}', '{}', NULL, NULL, NULL, NULL),
    (4, -32768, -2147483648, 9223372036854775807, 'NaN', 12345678901234567890.12345678901234567890, 'Infinity',
     '-Infinity', true, 'NULL', '\N', '\', '[]', '[1.5, "x", true, null]', '\x5c4e', '0001-01-01 00:00:00',
     '2024-02-29 23:59:59.999999+05:30', 'infinity', '24:00:00', '00:00:00-12', '-1 days -00:00:01',
     '00000000-0000-0000-0000-000000000000', '{NULL,"",NULL}', '{NULL,-1}', 'sad', 1900, '::1', '(0,0)'),
    (5, 1, 1, 1, -0.000000000000000000001, -0.00000000000000000001, 1e-38, 0.1, false,
     E'tab\there new\nline cr\rreturn "quote" comma, back\\slash \\N', E'semi;colon\ttab',
     NULL, E'{\n  "nested": {"s": "x\\ny \\"q\\" \\\\ ü"},\n  "n": 1e2\n}',
     '{"emoji": "🐘", "ctl": "\u0001", "big": 123456789012345678901234567890}',
     (SELECT string_agg(set_byte('\x00'::bytea, 0, i), ''::bytea) FROM generate_series(0, 255) AS i),
     '2262-04-11 23:47:16.854775', '1970-01-01 00:00:00+00', '2000-01-01', '23:59:59.999999', '12:00:00+14:00',
     '100 years', 'ffffffff-ffff-ffff-ffff-ffffffffffff', E'{"tab\\there","quote\\"","back\\\\slash",", comma"}',
     '{2147483647}', 'ok', 2200, '2001:db8::/32', '(-1e300,1e-300)'),
    (6, 7, 8, 9, 1e20, 0.1, 3.4028235e38, 1e308, true, '日本語 テキスト 🐘 ü', 'ü', 'ü', 'null', '"a string"',
     '\xdeadbeef', NULL, '-infinity', NULL, NULL, NULL, NULL, NULL, '{"日本","🐘"}', NULL, NULL, NULL, NULL, NULL);

-- volume: enough rows for every entry to span several chunks
INSERT INTO public.stress (id, i8, n, d, b, t, jb, by, tstz, arr_i)
SELECT 100 + i, i::bigint * 1000003, i / 7.0, i / 3.0, i % 2 = 0, repeat('row ' || i || E'\t', 1 + i % 5),
       jsonb_build_object('i', i, 's', 'v' || i), sha256(i::text::bytea),
       timestamptz '2020-01-01 00:00:00+00' + make_interval(secs => i * 61.5), ARRAY[i, -i]
FROM generate_series(1, 3000) AS i;

INSERT INTO public.stress_child (stress_id, note) SELECT 100 + i, 'child ' || i FROM generate_series(1, 500) AS i;
INSERT INTO public.no_columns DEFAULT VALUES;
INSERT INTO public.no_columns DEFAULT VALUES;
INSERT INTO public.no_columns DEFAULT VALUES;
