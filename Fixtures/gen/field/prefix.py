#!/usr/bin/env python3
"""Prefix every line of a real goroutine dump the way a log collector does.

    prefix.py MODE [--start RFC3339] < in > out

kubectl, docker, containerd, GitHub Actions and journald are not on the machine that writes
the fixtures, so this script applies exactly the prefix each of them writes, to the real dump
that Fixtures/gen/field/capture.sh captured. Every input line gets the prefix, empty lines
too, and the line end stays "\n". Timestamps start at --start (default
2026-03-01T10:00:00.123456789Z) and grow by 1,234,567 ns per line; the output depends only
on the input.

MODE:
  kubectl   `kubectl logs --timestamps`: RFC 3339 in UTC with exactly 9
            fractional digits, then one space: "2026-03-01T10:00:00.123456789Z ". The kubelet
            writes Go's layout "2006-01-02T15:04:05.000000000Z07:00" (RFC3339NanoFixed, its
            timeFormatOut).
  docker    `docker logs -t`: the same as kubectl; docker's jsonmessage.RFC3339NanoFixed is the
            same layout.
  github    a GitHub Actions raw log: 7 fractional digits, "2026-03-01T10:00:00.1234567Z ".
  compose   `docker compose logs` of two services, "web-1" (the dump) and "db-1" (postgres
            lines, written here by hand in postgres's default "%m [%p] " log_line_prefix
            form), one db-1 line after every 7 dump lines. Compose pads each name to the
            longest name plus one, then writes " | " (cmd/formatter/logs.go:
            fmt.Sprintf("%-"+strconv.Itoa(width)+"s | ", name), width = longest + 1), so
            "web-1  | " and "db-1   | ". No colours: compose writes none when stdout is not a
            terminal.
  journald  `journalctl` (-o short, the default): "Mar 01 10:00:00 host dockerd[1748]: ", the
            time as "%b %d %H:%M:%S".
  indent    four spaces, as `go test -v` indents a test's log output one level (testing's
            decorate writes "\\n" and four spaces before every line after the first, empty
            lines too).
"""

import argparse
import datetime
import sys

STEP_NS = 1_234_567

# Postgres log lines for the db-1 service of the compose mode (not the output of a real
# postgres: there is none on this machine). Their order is kept; they repeat if the dump is long.
POSTGRES_LINES = [
    "LOG:  checkpoint starting: time",
    "LOG:  checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.204 s, sync=0.002 s, total=0.215 s; sync files=2, longest=0.001 s, average=0.001 s; distance=12 kB, estimate=12 kB; lsn=0/1A2B3C8, redo lsn=0/1A2B390",
    "ERROR:  duplicate key value violates unique constraint \"uploads_pkey\"",
    "DETAIL:  Key (id)=(42) already exists.",
    "STATEMENT:  INSERT INTO uploads (id, tenant, size) VALUES ($1, $2, $3)",
    "LOG:  could not receive data from client: Connection reset by peer",
]
COMPOSE_EVERY = 7


def parse_start(text):
    """Nanoseconds since the epoch of an RFC 3339 UTC time with up to 9 fractional digits."""
    if not text.endswith("Z"):
        raise SystemExit("prefix.py: --start must be UTC and end in Z")
    whole, _, frac = text[:-1].partition(".")
    seconds = datetime.datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    frac = (frac + "000000000")[:9]
    return int(seconds.timestamp()) * 1_000_000_000 + int(frac)


def utc(ns):
    return datetime.datetime.fromtimestamp(ns // 1_000_000_000, datetime.timezone.utc)


def rfc3339(ns, digits):
    frac = f"{ns % 1_000_000_000:09d}"[:digits]
    return utc(ns).strftime("%Y-%m-%dT%H:%M:%S") + "." + frac + "Z"


def compose_prefix(name, names):
    width = max(len(n) for n in names) + 1
    return f"{name:<{width}} | "


def main():
    parser = argparse.ArgumentParser(description="Prefix every line like a log collector.")
    parser.add_argument("mode", choices=["kubectl", "docker", "github", "compose", "journald", "indent"])
    parser.add_argument("--start", default="2026-03-01T10:00:00.123456789Z")
    args = parser.parse_args()
    ns = parse_start(args.start)

    data = sys.stdin.buffer.read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the final "\n" ends the last line; it does not start another
    out = sys.stdout.buffer
    db_next = 0
    for i, line in enumerate(lines):
        if args.mode in ("kubectl", "docker"):
            prefix = rfc3339(ns, 9) + " "
        elif args.mode == "github":
            prefix = rfc3339(ns, 7) + " "
        elif args.mode == "journald":
            prefix = utc(ns).strftime("%b %d %H:%M:%S") + " host dockerd[1748]: "
        elif args.mode == "compose":
            prefix = compose_prefix("web-1", ["web-1", "db-1"])
            if i > 0 and i % COMPOSE_EVERY == 0:
                stamp = utc(ns).strftime("%Y-%m-%d %H:%M:%S") + f".{ns // 1_000_000 % 1000:03d} UTC [1] "
                db = POSTGRES_LINES[db_next % len(POSTGRES_LINES)]
                db_next += 1
                out.write(compose_prefix("db-1", ["web-1", "db-1"]).encode() + stamp.encode() + db.encode() + b"\n")
        else:
            prefix = "    "
        out.write(prefix.encode() + line + b"\n")
        ns += STEP_NS


if __name__ == "__main__":
    main()
