#!/bin/bash
# Many idle connections: starts the gateway with the connection limit raised (default 10,000) on
# the JVM given (default Temurin 25) and WildFly's default 512 MB heap, measures relay throughput
# with smtp-source (as relay-throughput.sh does: 20 sessions, 5,000 messages of 5 KB, a new
# connection per message, to smtp-sink) first alone, then while idle-connections.py holds that many
# connections open (each greeted and past EHLO), and reports the heap after a full GC in both
# states, whether every idle connection still answers, and what the server counts. Needs Debian's
# postfix package (smtp-source, smtp-sink; Postfix itself is not started) and curl. Loopback only;
# stops everything it starts.
#
#   many-connections.sh [idle connections, default 10000] [messages, default 5000] [sessions, default 20] [size, default 5120]
#
# JBOSS_HOME: a server set up by the README's run command (sluice.cli applied, sluice.ear in
#   standalone/deployments), default ear/target/wildfly-39.0.1.Final. Stop that server first.
# JDK: the JDK the server runs on (default /usr/lib/jvm/temurin-25-jdk-amd64); with Java 17 the
#   sessions run on the work manager's 1,100 threads and the run shows that limit.
# At the end the server is stopped (SIGTERM) with the idle connections still open: each must be
# told 421 4.3.2 and closed.
# MAX_CONNECTIONS: sluice.smtp.max-connections (default: the idle connections + 100, room for the
#   smtp-source sessions beside them; at exactly the number of idle connections they get 421).
# THREADS: sluice.smtp.threads (default: unset, AUTO).
# IDLE_TIMEOUT, IDLE_PARALLEL, IDLE_TLS: see idle-connections.py (a Java 17 run needs a short timeout, say 10,
#   and 1000 at a time: most of its connections are never answered).
# PORT_OFFSET (0), SMTP_PORT (2525), SINK_PORT (10026): the ports, as for the run command.
# OUT: where the logs, the heap figures and the class histograms go (default many-connections-<time>).
#
# The idle connections come from 127.0.0.2 (their own ephemeral ports, apart from smtp-source's)
# and from a process of their own, whose open files count against its own limit: 10,000 server
# sockets and 10,000 client sockets in one process would not fit a limit of 20,000.
set -u
idle=${1:-10000}
messages=${2:-5000}
sessions=${3:-20}
size=${4:-5120}
runs=3
max_connections=${MAX_CONNECTIONS:-$((idle + 100))}
here=$(cd "$(dirname "$0")" && pwd)
home=${JBOSS_HOME:-$here/../../../ear/target/wildfly-39.0.1.Final}
home=$(cd "$home" && pwd)
java_home=${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
offset=${PORT_OFFSET:-0}
smtp_port=${SMTP_PORT:-2525}
sink_port=${SINK_PORT:-10026}
http_port=$((8080 + offset))
gateway=127.0.0.1:$smtp_port
out=${OUT:-$PWD/many-connections-$(date +%Y%m%dT%H%M%S)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
log=$home/standalone/log/server.log

sink_user=""
[ "$(id -u)" = 0 ] && sink_user="-u nobody"
# shellcheck disable=SC2086
smtp-sink $sink_user -m 2000 "127.0.0.1:$sink_port" 1000 &
sink_pid=$!
server_pid=""
idle_pid=""

cleanup() {
    [ -n "$idle_pid" ] && kill "$idle_pid" 2>/dev/null && wait "$idle_pid" 2>/dev/null
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        for _ in $(seq 120); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$server_pid" 2>/dev/null
    fi
    kill "$sink_pid" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

threads_opt=""
[ -n "${THREADS:-}" ] && threads_opt="-Dsluice.smtp.threads=$THREADS"
log_offset=$( [ -f "$log" ] && stat -c %s "$log" || echo 0)
# WildFly's own default heap, said explicitly; JAVA_OPTS stays unset so standalone.conf adds the rest
JAVA=$java_home/bin/java JAVA_HOME=$java_home JBOSS_JAVA_SIZING="-Xms64m -Xmx512m" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE=$out/pid "$home/bin/standalone.sh" \
    -Djboss.socket.binding.port-offset="$offset" -Dsluice.smtp.port="$smtp_port" \
    -Dsluice.relay.port="$sink_port" "-Dsluice.smtp.max-connections=$max_connections" $threads_opt \
    > "$out/console.log" 2>&1 &
for _ in $(seq 100); do [ -s "$out/pid" ] && break; sleep 0.1; done
server_pid=$(cat "$out/pid")
this_start() { tail -c +$((log_offset + 1)) "$log" 2>/dev/null; }
for _ in $(seq 600); do
    this_start | grep -q -E 'WFLYSRV002[56]' && break
    sleep 0.5
done
if ! this_start | grep -q 'WFLYSRV0010: Deployed "sluice.ear"'; then
    echo "sluice.ear did not deploy; see $log" >&2
    exit 1
fi
echo "server: $("$java_home/bin/java" -version 2>&1 | head -1), pid $server_pid, max-connections $max_connections"
this_start | grep -o 'SMTP sessions run on .*' | head -1

password=$(grep -h "created user 'admin' with password" "$log" | tail -1 | sed -E "s/.*with password '([^']*)'.*/\1/")
active() {
    curl -s -m 30 -u "admin:$password" "http://127.0.0.1:$http_port/api/v1/status" \
        | grep -o '"activeConnections":[0-9]*' | head -1 | cut -d: -f2
}

# one run: prints messages per second (smtp-source gives up on a refused session, so it is bounded)
rate() {
    start=$(date +%s.%N)
    if ! timeout 300 smtp-source -s "$sessions" -m "$messages" -l "$size" -f sender@example.test \
            -t rcpt@example.org "$gateway" > "$out/smtp-source.last" 2>&1; then
        echo "failed: $(head -c 200 "$out/smtp-source.last" | tr '\n' ' ')"
        return
    fi
    end=$(date +%s.%N)
    printf '%.0f\n' "$(echo "$messages / ($end - $start)" | bc -l)"
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }'
}

measure() {
    r=""
    for _ in $(seq $runs); do
        one=$(rate)
        case $one in failed*) echo "$one"; return ;; esac
        r="$r $one"
    done
    echo "median $(echo "$r" | tr ' ' '\n' | grep . | median) msg/s of$r"
}

# The heap after a full collection (what the live objects take), and its largest classes.
heap() {
    "$java_home/bin/jcmd" "$server_pid" GC.run > /dev/null
    "$java_home/bin/jcmd" "$server_pid" GC.heap_info > "$out/heap-$1.txt"
    "$java_home/bin/jcmd" "$server_pid" GC.class_histogram > "$out/histogram-$1.txt"
    used=$(grep -o -E 'used [0-9]+K' "$out/heap-$1.txt" | head -1 | grep -o -E '[0-9]+')
    max=$("$java_home/bin/jcmd" "$server_pid" VM.flags | grep -o -E -- '-XX:MaxHeapSize=[0-9]+' | cut -d= -f2)
    echo "heap after GC ($1): $((used / 1024)) MB used, at most $((max / 1048576)) MB;" \
        "JVM threads $(ls "/proc/$server_pid/task" | wc -l), open files $(ls "/proc/$server_pid/fd" | wc -l)," \
        "resident $(($(grep VmRSS "/proc/$server_pid/status" | grep -o -E '[0-9]+') / 1024)) MB"
}

echo "warming up..."
rate > /dev/null
rate > /dev/null
echo "without idle connections: $sessions sessions x $size bytes, $messages messages: $(measure)"
heap without-idle

/usr/bin/python3 "$here/idle-connections.py" "$gateway" "$idle" > "$out/idle.log" 2>&1 &
idle_pid=$!
started=$(date +%s)
for _ in $(seq 1200); do
    grep -q '^opened' "$out/idle.log" && break
    kill -0 "$idle_pid" 2>/dev/null || break
    sleep 0.5
done
echo "idle connections: $(grep '^opened' "$out/idle.log") in $(($(date +%s) - started)) s; the server counts $(active) active"
heap with-idle
echo "with them open: $sessions sessions x $size bytes, $messages messages: $(measure)"
kill -USR1 "$idle_pid"
for _ in $(seq 240); do grep -q '^alive' "$out/idle.log" && break; sleep 0.5; done
echo "after the runs: $(grep '^alive' "$out/idle.log" | tail -1) idle connections answer NOOP; the server counts $(active) active"
heap after-runs
echo "server's open-file limit: $(grep 'Max open files' "/proc/$server_pid/limits" | awk '{ print $4 " soft, " $5 " hard" }')"

# a graceful stop tells every idle client 421 and closes it
kill -USR2 "$idle_pid"
sleep 1
stopping=$(date +%s.%N)
kill -TERM "$server_pid"
for _ in $(seq 240); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.25; done
stopped=$(date +%s.%N)
for _ in $(seq 240); do grep -q '^shutdown' "$out/idle.log" && break; sleep 0.5; done
echo "server stopped in $(printf '%.1f' "$(echo "$stopped - $stopping" | bc -l)") s;" \
    "$(grep '^shutdown' "$out/idle.log" || echo "the idle client saw no end")"
wait "$idle_pid" 2>/dev/null
idle_pid=""
grep -E ' (WARN|ERROR) ' "$log" | tail -n 20 | cut -c1-300 > "$out/last-warnings.txt"
echo "output in $out"
