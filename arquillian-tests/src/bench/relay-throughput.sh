#!/bin/sh
# Relay benchmark: Postfix's smtp-source into the gateway (port 2525) and on to smtp-sink on
# 127.0.0.1:10026, side by side with the same load through Postfix's own before-queue proxy
# (smtpd_proxy_filter, passing the client on with XFORWARD, scanning nothing; config in
# postfix-proxy/, a private instance on 127.0.0.1:10025) and straight into smtp-sink; then the
# ratios, and the latency one client adds per message at light load (latency.py). Start the gateway
# first with the README's run command. Needs Debian's postfix package (smtp-source, smtp-sink, and
# root for the private Postfix; the system instance is not touched). Loopback only; stops the
# smtp-sink and the Postfix it starts.
#
#   relay-throughput.sh [messages, default 5000] [sessions, default 20] [size, default 5120]
#
# smtp-sink offers XCLIENT and XFORWARD, so by default the gateway passes the real client on with
# each message; SINK_OPTS="-C -F" turns both off to measure without that round trip (the proxy then
# sends no XFORWARD either). NO_PROXY=1 leaves the Postfix proxy out.
set -eu
messages=${1:-5000}
sessions=${2:-20}
size=${3:-5120}
runs=3
here=$(cd "$(dirname "$0")" && pwd)
gateway=127.0.0.1:2525
sink=127.0.0.1:10026
proxy=127.0.0.1:${PROXY_PORT:-10025}
proxy_home=${PROXY_HOME:-${TMPDIR:-/tmp}/sluice-bench-postfix}

sink_user=""
[ "$(id -u)" = 0 ] && sink_user="-u nobody"
# shellcheck disable=SC2086
smtp-sink $sink_user ${SINK_OPTS:-} -m 2000 $sink 1000 &
sink_pid=$!

stop_proxy() {
    [ -f "$proxy_home/conf/main.cf" ] && postfix -c "$proxy_home/conf" stop >/dev/null 2>&1 || true
}
trap 'kill $sink_pid 2>/dev/null; stop_proxy' EXIT

targets="$sink $gateway"
if [ -z "${NO_PROXY:-}" ]; then
    stop_proxy
    rm -rf "$proxy_home"
    mkdir -p "$proxy_home/conf" "$proxy_home/queue" "$proxy_home/data"
    chown postfix:postfix "$proxy_home/data"
    for f in main.cf master.cf; do
        sed -e "s|@HOME@|$proxy_home|g" -e "s|@SINK@|$sink|g" -e "s|@LISTEN@|$proxy|g" \
            "$here/postfix-proxy/$f" > "$proxy_home/conf/$f"
    done
    postfix -c "$proxy_home/conf" start
    targets="$sink $proxy $gateway"
fi
sleep 1

# one run: prints messages per second
rate() {
    start=$(date +%s.%N)
    smtp-source -s "$1" -m "$2" -l "$size" -f sender@example.test -t rcpt@example.org "$3"
    end=$(date +%s.%N)
    printf '%.0f\n' "$(echo "$2 / ($end - $start)" | bc -l)"
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }'
}

echo "warming up the gateway..."
rate "$sessions" "$messages" "$gateway" > /dev/null
rate "$sessions" "$messages" "$gateway" > /dev/null

# the paths take turns run by run, so that a change in the machine's load falls on all of them
for _ in $(seq $runs); do
    for target in $targets; do
        echo "$target $(rate "$sessions" "$messages" "$target")" >> "$proxy_home.rates"
    done
done
for target in $targets; do
    r=$(awk -v t="$target" '$1 == t { printf " %s", $2 }' "$proxy_home.rates")
    m=$(echo "$r" | tr ' ' '\n' | grep . | median)
    eval "rate_$(echo "$target" | tr -c '0-9\n' '_')=$m"
    echo "$target: $sessions sessions x $size bytes, $messages messages, new connection per message: median $m msg/s of$r"
done
rm -f "$proxy_home.rates"
gw=$(eval echo "\$rate_$(echo "$gateway" | tr -c '0-9\n' '_')")
direct=$(eval echo "\$rate_$(echo "$sink" | tr -c '0-9\n' '_')")
echo "ratio gateway/direct: $(echo "$gw / $direct" | bc -l | cut -c1-4)"
if [ -z "${NO_PROXY:-}" ]; then
    px=$(eval echo "\$rate_$(echo "$proxy" | tr -c '0-9\n' '_')")
    echo "ratio gateway/postfix-proxy: $(echo "$gw / $px" | bc -l | cut -c1-4); postfix-proxy/direct: $(echo "$px / $direct" | bc -l | cut -c1-4)"
fi

# light load: one client, 5 KB, a new connection per message; the latency a path adds is its
# median (p99) minus that of straight delivery
python=/usr/bin/python3
set -- $($python "$here/latency.py" "$sink" 1000 "$size")
d_med=$1 d_p99=$2
echo "$sink: 1 session, 1000 messages: median $d_med ms, p99 $d_p99 ms (connect to QUIT)"
for target in $targets; do
    [ "$target" = "$sink" ] && continue
    set -- $($python "$here/latency.py" "$target" 1000 "$size")
    echo "$target: 1 session, 1000 messages: median $1 ms, p99 $2 ms; added over direct: median" \
        "$(echo "$1 - $d_med" | bc -l | cut -c1-6) ms, p99 $(echo "$2 - $d_p99" | bc -l | cut -c1-6) ms"
done
