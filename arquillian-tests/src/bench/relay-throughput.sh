#!/bin/sh
# Relay benchmark: Postfix's smtp-source into the gateway (port 2525) and on to smtp-sink on
# 127.0.0.1:10026, next to the same load straight into smtp-sink. Start the gateway first with the
# README's run command. Needs Debian's postfix package (smtp-source and smtp-sink; Postfix itself
# is not started). Loopback only; stops the smtp-sink it starts.
#
#   relay-throughput.sh [messages, default 5000] [sessions, default 20] [size, default 5120]
#
# smtp-sink offers XCLIENT and XFORWARD, so by default the gateway passes the real client on with
# each message; SINK_OPTS="-C -F" turns both off to measure without that round trip.
set -eu
messages=${1:-5000}
sessions=${2:-20}
size=${3:-5120}
runs=3
gateway=127.0.0.1:2525
sink=127.0.0.1:10026

sink_user=""
[ "$(id -u)" = 0 ] && sink_user="-u nobody"
# shellcheck disable=SC2086
smtp-sink $sink_user ${SINK_OPTS:-} -m 2000 $sink 1000 &
sink_pid=$!
trap 'kill $sink_pid 2>/dev/null' EXIT
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

for target in "$sink" "$gateway"; do
    r=""
    for _ in $(seq $runs); do
        r="$r $(rate "$sessions" "$messages" "$target")"
    done
    m=$(echo "$r" | tr ' ' '\n' | grep . | median)
    echo "$target: $sessions sessions x $size bytes, $messages messages, new connection per message: median $m msg/s of$r"
done

# light load: one session, one message at a time, so 1/rate is the time a client waits per message
for target in "$sink" "$gateway"; do
    r=""
    for _ in $(seq $runs); do
        r="$r $(rate 1 1000 "$target")"
    done
    m=$(echo "$r" | tr ' ' '\n' | grep . | median)
    echo "$target: 1 session, 1000 messages: median $m msg/s = $(echo "1000 / $m" | bc -l | cut -c1-5) ms per message (connect to QUIT)"
done
