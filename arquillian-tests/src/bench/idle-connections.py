#!/usr/bin/python3
"""Holds many idle SMTP connections open: each reads the greeting and sends EHLO, then waits.

    idle-connections.py HOST:PORT COUNT [SOURCE-ADDRESS, default 127.0.0.2]

Prints one line once every connection has been tried ("opened N greeted, M refused (421), K
without greeting, E failed"), then waits. On SIGUSR1 it sends NOOP on every greeted connection and
prints how many answered "250 2.0.0 Ok" ("alive N of M"). On SIGUSR2 it waits for the server to
stop: it reads every connection to its end and prints how many were told "421 4.3.2 ... Service
shutting down" last ("shutdown: N of M told 421 4.3.2 and closed"), then exits. On SIGTERM or
SIGINT it closes them all (QUIT) and exits. Runs in a process of its own so that its sockets count against its own file
limit, not the server's. A connection that gets no greeting within IDLE_TIMEOUT seconds (30)
counts as "without greeting", as does one whose connection is not even set up in that time: a
server whose threads are all taken leaves new clients waiting in its listen queue, and once that
is full, their connection attempts unanswered. IDLE_PARALLEL (200) connections are opened at a time (each connection's first
phase calls the gateway bean: a flood would only wait for its pool). IDLE_TLS=1: each connection
also does STARTTLS (no certificate check) and EHLO again before it goes quiet.
"""
import asyncio
import os
import resource
import signal
import ssl
import sys

GREETING_TIMEOUT = float(os.environ.get("IDLE_TIMEOUT", "30"))
OPENING_AT_ONCE = int(os.environ.get("IDLE_PARALLEL", "200"))
TLS = os.environ.get("IDLE_TLS") == "1"
TLS_CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # one for all: each loads no roots (none checked)
TLS_CONTEXT.check_hostname = False
TLS_CONTEXT.verify_mode = ssl.CERT_NONE


async def ehlo(reader, writer):
    writer.write(b"EHLO idle.example\r\n")
    while True:
        line = await asyncio.wait_for(reader.readline(), GREETING_TIMEOUT)
        if not line.startswith(b"250"):
            raise ConnectionError(line)
        if line[3:4] == b" ":
            return


async def start_tls(reader, writer):
    writer.write(b"STARTTLS\r\n")
    line = await asyncio.wait_for(reader.readline(), GREETING_TIMEOUT)
    if not line.startswith(b"220 "):
        raise ConnectionError(line)
    await asyncio.wait_for(writer.start_tls(TLS_CONTEXT), GREETING_TIMEOUT)
    await ehlo(reader, writer)


async def open_one(host, port, source, slots, greeted, counts):
    async with slots:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(host, port, local_addr=(source, 0)), GREETING_TIMEOUT)
        except asyncio.TimeoutError:  # the listen queue is full too: the SYN went unanswered
            counts["silent"] += 1
            return
        except OSError:
            counts["failed"] += 1
            return
        try:
            line = await asyncio.wait_for(reader.readline(), GREETING_TIMEOUT)
            if not line.startswith(b"220 "):
                counts["refused" if line.startswith(b"421") else "failed"] += 1
                writer.close()
                return
            await ehlo(reader, writer)
            if TLS:
                await start_tls(reader, writer)
            greeted.append((reader, writer))
        except asyncio.TimeoutError:
            counts["silent"] += 1
            writer.close()
        except (OSError, ConnectionError, ssl.SSLError) as e:
            counts["failed"] += 1
            if counts["failed"] == 1:
                print(f"first failure: {e!r}", file=sys.stderr, flush=True)
            writer.close()


async def noop(reader, writer):
    try:
        writer.write(b"NOOP\r\n")
        line = await asyncio.wait_for(reader.readline(), GREETING_TIMEOUT)
        return line == b"250 2.0.0 Ok\r\n"
    except (OSError, asyncio.TimeoutError):
        return False


async def told_shutdown(reader):
    last = b""
    try:
        while True:
            line = await asyncio.wait_for(reader.readline(), 120)
            if not line:
                return last.startswith(b"421 4.3.2 ") and b"Service shutting down" in last
            last = line
    except (OSError, asyncio.TimeoutError):
        return False


async def main():
    target, count = sys.argv[1], int(sys.argv[2])
    source = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.2"
    host, port = target.rsplit(":", 1)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    greeted = []
    counts = {"refused": 0, "silent": 0, "failed": 0}
    slots = asyncio.Semaphore(OPENING_AT_ONCE)
    await asyncio.gather(*(open_one(host, int(port), source, slots, greeted, counts) for _ in range(count)))
    print(f"opened {len(greeted)} greeted, {counts['refused']} refused (421), "
          f"{counts['silent']} without greeting, {counts['failed']} failed", flush=True)

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    checks = asyncio.Queue()
    loop.add_signal_handler(signal.SIGUSR1, checks.put_nowait, "alive")
    loop.add_signal_handler(signal.SIGUSR2, checks.put_nowait, "shutdown")
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    stopping = asyncio.ensure_future(stop.wait())
    while not stop.is_set():
        check = asyncio.ensure_future(checks.get())
        done, _ = await asyncio.wait({check, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if check in done and check.result() == "alive":
            answers = await asyncio.gather(*(noop(r, w) for r, w in greeted))
            print(f"alive {sum(answers)} of {len(greeted)}", flush=True)
        elif check in done:
            told = await asyncio.gather(*(told_shutdown(r) for r, _ in greeted))
            print(f"shutdown: {sum(told)} of {len(greeted)} told 421 4.3.2 and closed", flush=True)
            return
        else:
            check.cancel()
    for _, writer in greeted:
        try:
            writer.write(b"QUIT\r\n")
            writer.close()
        except OSError:
            pass
    await asyncio.sleep(1)


asyncio.run(main())
