"""A deliberately hostile pprof service on 127.0.0.1, for the hardening tests of collect.

Prints "listening on http://127.0.0.1:PORT" (the base URL the tests give collect), then serves
/debug/pprof/* on behalf of the mode in the first path segment, e.g.
http://127.0.0.1:PORT/redirect-elsewhere/debug/pprof/goroutine. A second port (the "other
host") records every request's headers, one JSON object a line, in the file given as the
second argument.

Modes:
  ok                 200, the profile file given as the first argument
  redirect-same      302 to the same mode "ok" on the same origin
  redirect-elsewhere 302 / 307 (mode redirect307-elsewhere) to the other port
  redirect-loop      302 to itself, forever
  endless            200 with a body that never ends (chunked)
  bomb               200, Content-Encoding: gzip over 64 MiB of zeros (64 KiB on the wire)
  brotli             200, Content-Encoding: br
  big-header         200 with 2 MiB of header lines
  giant-header       200 with one header line of 50 MB
  echo               401 whose body echoes the request's Authorization header
  slow-body          200 that sends 10 bytes, then waits 30 s
The server exits when its standard input closes (as it does when the test process dies), and
by itself after 120 s at the latest; every request loop is bounded in time.
"""
import gzip
import http.server
import json
import os
import signal
import socketserver
import sys
import threading
import time

profile = open(sys.argv[1], "rb").read()
record_path = sys.argv[2]
bomb = gzip.compress(b"\0" * (64 << 20), compresslevel=9)


class Other(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(record_path, "a") as record:
            record.write(json.dumps({"path": self.path, "headers": dict(self.headers)}) + "\n")
        self.send_response(200)
        self.send_header("Content-Length", str(len(profile)))
        self.end_headers()
        self.wfile.write(profile)

    def log_message(self, *args):
        pass


class Hostile(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        mode = self.path.split("/")[1]
        rest = self.path[len(mode) + 1:]
        if mode == "ok":
            self.body(200, profile)
        elif mode == "redirect-same":
            self.redirect(302, "/ok" + rest)
        elif mode in ("redirect-elsewhere", "redirect307-elsewhere"):
            code = 307 if mode.startswith("redirect307") else 302
            self.redirect(code, "http://127.0.0.1:%d%s?token=abc" % (other_port, rest))
        elif mode == "redirect-loop":
            self.redirect(302, self.path)
        elif mode == "endless":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"goroutine 1 [running]:\n" * 2000
            started = time.time()
            try:
                while time.time() - started < 60:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                pass
        elif mode == "bomb":
            self.body(200, bomb, [("Content-Encoding", "gzip")])
        elif mode == "brotli":
            self.body(200, b"\x0b\x02\x80hello\x03", [("Content-Encoding", "br")])
        elif mode == "big-header":
            self.body(200, profile, [("X-Filler-%d" % i, "x" * 1000) for i in range(2100)])
        elif mode == "giant-header":
            self.body(200, profile, [("X-Giant", "x" * 50_000_000)])
        elif mode == "echo":
            self.body(401, ("denied: Authorization: %s\n" % self.headers.get("Authorization")).encode())
        elif mode == "slow-body":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"0123456789")
            self.wfile.flush()
            time.sleep(30)
        else:
            self.body(404, b"no such mode\n")

    def body(self, code, data, headers=()):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            pass

    def redirect(self, code, location):
        self.send_response(code)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


other = Server(("127.0.0.1", 0), Other)
other_port = other.server_address[1]
main = Server(("127.0.0.1", 0), Hostile)
threading.Thread(target=other.serve_forever, daemon=True).start()
threading.Thread(target=main.serve_forever, daemon=True).start()
# A test runner's thread may have left these blocked; the tests stop the server with SIGTERM.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
threading.Thread(target=lambda: (time.sleep(120), os._exit(0)), daemon=True).start()
print("listening on http://127.0.0.1:%d" % main.server_address[1], flush=True)
sys.stdin.read()
os._exit(0)
