#!/bin/bash
# Crash-restart loop: the gateway is stopped abruptly (kill -9 or SIGTERM, at a random moment) while
# smtp-source sends it mail that is quarantined and mail that is delivered (both tracked), then
# started again; every start must deploy sluice.ear, answer on SMTP and serve the quarantine and the
# tracking log from the database it left behind. Needs Debian's postfix package (smtp-source and
# smtp-sink; Postfix itself is not started) and curl. Loopback only.
#
#   crash-restart.sh [cycles, default 50]
#
# JBOSS_HOME: a server set up by the README's run command (sluice.cli applied, sluice.ear in
#   standalone/deployments), default ear/target/wildfly-39.0.1.Final. Stop that server first.
# PORT_OFFSET (0), SMTP_PORT (2525), SINK_PORT (10026): the ports, as for the run command.
# OUT: where the logs and the copies of damaged databases go (default crash-restart-<time>).
#
# A start that fails is recorded (its error lines, and the data directory copied to OUT/failure-N),
# then the database is moved aside so the loop can go on. Prints one line per cycle and a summary;
# exits 1 if any start failed.
set -u
cycles=${1:-50}
here=$(cd "$(dirname "$0")" && pwd)
home=${JBOSS_HOME:-$here/../../../ear/target/wildfly-39.0.1.Final}
home=$(cd "$home" && pwd)
offset=${PORT_OFFSET:-0}
smtp_port=${SMTP_PORT:-2525}
sink_port=${SINK_PORT:-10026}
http_port=$((8080 + offset))
out=${OUT:-$PWD/crash-restart-$(date +%Y%m%dT%H%M%S)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
log=$home/standalone/log/server.log
data=$home/standalone/data/sluice
boot_limit=300

# The load: small mail that is delivered, GTUBE mail that the default policy quarantines (spam
# score >= 15), and GTUBE mail of 600 KB, stored in several 256 KiB chunks.
gtube='XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X'
printf 'Subject: crash-restart spam\n\n%s\n' "$gtube" > "$out/gtube.eml"
{
    printf 'Subject: crash-restart large spam\n\n%s\n' "$gtube"
    for _ in $(seq 8000); do printf '%s\n' 'padding padding padding padding padding padding padding padding'; done
} > "$out/gtube-large.eml"

sink_user=""
[ "$(id -u)" = 0 ] && sink_user="-u nobody"
# shellcheck disable=SC2086
smtp-sink $sink_user -m 1000 "127.0.0.1:$sink_port" 1000 &
sink_pid=$!
server_pid=""
load_pids=""

stop_load() {
    for p in $load_pids; do kill "$p" 2>/dev/null; done
    for p in $load_pids; do wait "$p" 2>/dev/null; done
    load_pids=""
}

# Waits for the server process to end; after 120 s kills it.
await_exit() {
    for _ in $(seq 240); do
        kill -0 "$server_pid" 2>/dev/null || { wait "$server_pid" 2>/dev/null; return; }
        sleep 0.5
    done
    kill -KILL "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
}

cleanup() {
    stop_load
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        await_exit
    fi
    kill "$sink_pid" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts the server in the background as the run command does (standalone.sh, standalone.xml);
# server_pid is the java process itself, so a signal reaches the JVM directly.
start_server() {
    log_offset=$( [ -f "$log" ] && stat -c %s "$log" || echo 0)
    rm -f "$out/pid"
    LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE=$out/pid "$home/bin/standalone.sh" \
        -Djboss.socket.binding.port-offset="$offset" -Dsluice.smtp.port="$smtp_port" \
        -Dsluice.relay.port="$sink_port" >> "$out/console.log" 2>&1 &
    for _ in $(seq 100); do [ -s "$out/pid" ] && break; sleep 0.1; done
    server_pid=$(cat "$out/pid")
}

# What this start wrote to server.log so far.
this_start() {
    tail -c +$((log_offset + 1)) "$log" 2>/dev/null
}

# Waits until the server says it started (WFLYSRV0025, or WFLYSRV0026 with errors).
await_boot() {
    for _ in $(seq $((boot_limit * 2))); do
        this_start | grep -q -E 'WFLYSRV002[56]' && return 0
        kill -0 "$server_pid" 2>/dev/null || return 1
        sleep 0.5
    done
    return 1
}

# The first line the server sends on the SMTP port.
smtp_greeting() {
    exec 3<>"/dev/tcp/127.0.0.1/$smtp_port" || return
    read -r -t 10 line <&3
    printf 'QUIT\r\n' >&3
    exec 3<&-
    printf '%s' "${line%$'\r'}"
}

# The admin password the first start with this database printed (the last one in the log).
admin_password() {
    grep -h "created user 'admin' with password" "$log" 2>/dev/null | tail -1 \
        | sed -E "s/.*with password '([^']*)'.*/\1/"
}

# GET on the admin API: prints the HTTP status, the body goes to $out/last-body.json.
api() {
    curl -s -m 30 -o "$out/last-body.json" -w '%{http_code}' -u "admin:$(admin_password)" \
        "http://127.0.0.1:$http_port/api/v1/$1"
}

# Checks the start that just booted; prints what failed, nothing if it is all right.
check_start() {
    if ! this_start | grep -q 'WFLYSRV0010: Deployed "sluice.ear"'; then
        echo "sluice.ear not deployed"
        return
    fi
    if this_start | grep -q 'WFLYSRV0026'; then
        echo "server started with errors"
        return
    fi
    greeting=$(smtp_greeting)
    case $greeting in
        220\ *) ;;
        *) echo "SMTP greeting: '$greeting'"; return ;;
    esac
    for resource in quarantine tracking; do
        status=$(api "$resource")
        [ "$status" = 200 ] || { echo "GET /api/v1/$resource: $status $(head -c 300 "$out/last-body.json")"; return; }
    done
}

# Totals shown in the cycle line, so one sees the data grow across crashes.
totals() {
    q=$( [ "$(api 'quarantine?size=1')" = 200 ] && grep -o '"total":[0-9]*' "$out/last-body.json" | head -1 | cut -d: -f2)
    t=$( [ "$(api 'tracking?size=1')" = 200 ] && grep -o '"total":[0-9]*' "$out/last-body.json" | head -1 | cut -d: -f2)
    echo "quarantine=${q:-?} tracking=${t:-?}"
}

start_load() {
    smtp-source -s 4 -m 1000000 -l 5120 -f sender@example.test -t rcpt@example.org \
        "127.0.0.1:$smtp_port" > /dev/null 2>&1 &
    load_pids="$load_pids $!"
    smtp-source -s 2 -m 1000000 -F "$out/gtube.eml" -f spammer@example.test -t rcpt@example.org \
        "127.0.0.1:$smtp_port" > /dev/null 2>&1 &
    load_pids="$load_pids $!"
    smtp-source -s 1 -m 1000000 -F "$out/gtube-large.eml" -f spammer@example.test -t rcpt@example.org \
        "127.0.0.1:$smtp_port" > /dev/null 2>&1 &
    load_pids="$load_pids $!"
}

failures=0
for cycle in $(seq "$cycles"); do
    # One cycle in five also kills the server while it boots (Flyway, first queries), with -9.
    early=""
    if [ $((RANDOM % 5)) = 0 ]; then
        start_server
        delay=$((2 + RANDOM % 12))
        sleep "$delay"
        kill -KILL "$server_pid" 2>/dev/null
        await_exit
        early="boot-kill@${delay}s "
    fi
    start_server
    booting=$(date +%s)
    if ! await_boot; then
        problem="no start within ${boot_limit}s"
    else
        problem=$(check_start)
    fi
    if [ -n "$problem" ]; then
        failures=$((failures + 1))
        mkdir -p "$out/failure-$cycle"
        this_start > "$out/failure-$cycle/server.log"
        errors=$(this_start | grep -E 'corrupt|MVStoreException|Caused by|ERROR' | head -5 | cut -c1-400)
        kill -KILL "$server_pid" 2>/dev/null
        await_exit
        cp -a "$data" "$out/failure-$cycle/data"
        mv "$data" "$data.damaged-$cycle"
        echo "cycle $cycle: ${early}FAILED: $problem"
        printf '%s\n' "$errors" | sed 's/^/    /'
        continue
    fi
    boot=$(($(date +%s) - booting))
    start_load
    delay=$((1 + RANDOM % 20))
    sleep "$delay"
    if [ $((RANDOM % 2)) = 0 ]; then signal=KILL; else signal=TERM; fi
    summary=$(totals)
    kill -"$signal" "$server_pid" 2>/dev/null
    await_exit
    stop_load
    echo "cycle $cycle: ${early}ok (started in ${boot}s), load ${delay}s, then SIG$signal; $summary"
done
echo "cycles: $cycles, failed starts: $failures (logs in $out)"
[ "$failures" = 0 ]
