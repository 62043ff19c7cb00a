#!/usr/bin/env python3
# Light-load latency for relay-throughput.sh: one client, one message at a time, a new connection
# for each (connect, EHLO, MAIL, RCPT, DATA, the message, QUIT), timed from connect to the reply
# to QUIT. Prints "median p99" in milliseconds.
#
#   latency.py HOST:PORT [messages, default 1000] [size, default 5120]
import socket
import sys
import time

host, port = sys.argv[1].rsplit(":", 1)
messages = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
size = int(sys.argv[3]) if len(sys.argv) > 3 else 5120

line = b"La la la la la la la la la la la la la la la la la la la la la la la la la la la la la la la\r\n"
body = (line * (size // len(line) + 1))[:size].rsplit(b"\r\n", 1)[0] + b"\r\n"
head = b"From: sender@example.test\r\nTo: rcpt@example.org\r\nSubject: latency\r\n\r\n"


def reply(f):
    """Reads one (multi-line) reply; fails unless it is 2xx or 3xx."""
    while True:
        r = f.readline()
        if not r:
            raise SystemExit("connection closed")
        if r[3:4] != b"-":
            if r[:1] not in (b"2", b"3"):
                raise SystemExit("unexpected reply: " + r.decode(errors="replace").strip())
            return


def one():
    start = time.perf_counter()
    with socket.create_connection((host, int(port))) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        f = s.makefile("rb")
        reply(f)
        for command in (b"EHLO bench.test\r\n", b"MAIL FROM:<sender@example.test>\r\n",
                        b"RCPT TO:<rcpt@example.org>\r\n", b"DATA\r\n"):
            s.sendall(command)
            reply(f)
        s.sendall(head + body + b".\r\n")
        reply(f)
        s.sendall(b"QUIT\r\n")
        reply(f)
    return (time.perf_counter() - start) * 1000


for _ in range(50):  # warm-up, not counted
    one()
times = sorted(one() for _ in range(messages))
median = times[len(times) // 2]
p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
print(f"{median:.3f} {p99:.3f}")
