"""The query plans of the SQL each benchmark address runs, with the sequential scans of large
tables pointed out: where an index may be missing.

    DATABASE_URL=postgres://…/care_bench_10000 .venv/bin/python bench/explain.py [NAME …]

PostgreSQL only (SQLite's plans say little about a server's). Uses the database as it is: build
it first with `bench/run.py --sizes 10000 --no-load` and DATABASE_URL set."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LARGE_TABLE_ROWS = 1000
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


def main(argv):
    from bench.inprocess import run, setup_django

    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("EXPLAIN is only meaningful on PostgreSQL: set DATABASE_URL.", file=sys.stderr)
        return 2
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT relname, n_live_tup FROM pg_stat_user_tables")
        rows = dict(cursor.fetchall())
    pages = run(requests=1, warmup=1, only=argv or None)
    flagged = 0
    for name, page in pages.items():
        print(f"== {name} {page['url']}")
        for sql in page["warm_sql"]:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(line for (line,) in cursor.fetchall())
            large = [t for t in SEQ_SCAN.findall(plan) if rows.get(t, 0) >= LARGE_TABLE_ROWS]
            if large:
                flagged += 1
                print(f"-- sequential scan of {', '.join(sorted(set(large)))}:\n{sql}\n{plan}\n")
    print(f"{flagged} queries scan a table of {LARGE_TABLE_ROWS}+ rows sequentially.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
