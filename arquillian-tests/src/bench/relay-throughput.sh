#!/bin/sh
# Relay benchmark: Postfix's smtp-source into the gateway (port 2525) and on to the mail server on
# 127.0.0.1:10026, side by side with the same load through Postfix's own before-queue proxy
# (smtpd_proxy_filter, passing the client on with XFORWARD, scanning nothing; a private instance on
# 127.0.0.1:10025) and straight into the mail server; then the ratios, and the latency one client
# adds per message at light load (latency.py). Start the gateway first with the README's run
# command. Needs Debian's postfix package (smtp-source, smtp-sink, and root for the private Postfix
# instances; the system instance is not touched). Loopback only; stops what it starts.
#
#   relay-throughput.sh [messages per run, default 5000] [sessions, default 20] [size, default 5120]
#
# The mail server is smtp-sink, which offers XCLIENT and XFORWARD, so by default the gateway passes
# the real client on with each message; SINK_OPTS="-C -F" turns both off to measure without that
# round trip (the proxy then sends no XFORWARD either). MAIL_SERVER=postfix puts a real Postfix there
# instead (another private instance, taking XCLIENT and XFORWARD from loopback, queueing every
# message and discarding it). NO_PROXY=1 leaves the Postfix proxy out.
#
# The gateway is warmed up first: its JIT compiler needs well over 100,000 messages before the
# gateway runs at its steady speed (on 2 cores, while the rate roughly quadruples). Runs of the given
# size go to it until WARMUP_MIN messages (default 50,000) have passed and the JIT compiler has
# spent less than 2% of two runs in a row compiling (jstat -compiler on the local WildFly), or, with
# no local WildFly to ask, four runs in a row brought no rate 3% above the best so far; at most
# WARMUP_MAX messages (default 400,000). Each warm-up run's rate is printed.
set -eu
messages=${1:-5000}
sessions=${2:-20}
size=${3:-5120}
runs=3
here=$(cd "$(dirname "$0")" && pwd)
gateway=127.0.0.1:2525
sink=127.0.0.1:10026
proxy=127.0.0.1:${PROXY_PORT:-10025}
work=${TMPDIR:-/tmp}/sluice-bench
mail_server=${MAIL_SERVER:-smtp-sink}

# a private Postfix instance: postfix_start NAME LISTEN (NAME-master.cf beside main.cf)
postfix_start() {
    home=$work/$1
    postfix_stop "$1"
    rm -rf "$home"
    mkdir -p "$home/conf" "$home/queue" "$home/data"
    chown postfix:postfix "$home/data"
    sed -e "s|@HOME@|$home|g" -e "s|@NAME@|$1|g" "$here/postfix/main.cf" > "$home/conf/main.cf"
    sed -e "s|@SINK@|$sink|g" -e "s|@LISTEN@|$2|g" "$here/postfix/$1-master.cf" > "$home/conf/master.cf"
    postfix -c "$home/conf" start
}

postfix_stop() {
    [ -f "$work/$1/conf/main.cf" ] && postfix -c "$work/$1/conf" stop >/dev/null 2>&1 || true
}

ports=$sink
[ -z "${NO_PROXY:-}" ] && ports="$ports $proxy"
for address in $ports; do
    if ss -ltnH "sport = :${address##*:}" | grep -q .; then
        echo "something listens on $address already: stop it first" >&2
        exit 1
    fi
done

sink_pid=""
trap '[ -n "$sink_pid" ] && kill $sink_pid 2>/dev/null; postfix_stop proxy; postfix_stop server' EXIT
trap 'exit 1' HUP INT PIPE TERM
mkdir -p "$work"
if [ "$mail_server" = postfix ]; then
    postfix_start server "$sink"
else
    sink_user=""
    [ "$(id -u)" = 0 ] && sink_user="-u nobody"
    # shellcheck disable=SC2086
    smtp-sink $sink_user ${SINK_OPTS:-} -m 2000 $sink 1000 &
    sink_pid=$!
fi

targets="$sink $gateway"
if [ -z "${NO_PROXY:-}" ]; then
    postfix_start proxy "$proxy"
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

# seconds the local WildFly's JIT compiler has spent so far; empty without one
wildfly=$(pgrep -f jboss-modules.jar | head -1 || true)
compiled() {
    [ -n "$wildfly" ] && jstat -compiler "$wildfly" 2>/dev/null | awk 'NR == 2 { print $4 }'
}

echo "warming up the gateway (mail server: $mail_server)..."
warmed=0 best=0 since_best=0 quiet=0
while [ "$warmed" -lt "${WARMUP_MAX:-400000}" ]; do
    c0=$(compiled)
    r=$(rate "$sessions" "$messages" "$gateway")
    c1=$(compiled)
    warmed=$((warmed + messages))
    if [ -n "$c0" ] && [ -n "$c1" ]; then
        share=$(echo "100 * ($c1 - $c0) * $r / $messages" | bc -l | cut -c1-4)
        echo "  after $warmed messages: $r msg/s, JIT compiling ${share}% of the run"
        if [ "$(echo "$share < 2" | bc)" = 1 ]; then quiet=$((quiet + 1)); else quiet=0; fi
        [ "$warmed" -ge "${WARMUP_MIN:-50000}" ] && [ "$quiet" -ge 2 ] && break
    else
        echo "  after $warmed messages: $r msg/s"
        if [ "$r" -gt $((best * 103 / 100)) ]; then
            best=$r since_best=0
        else
            since_best=$((since_best + 1))
        fi
        [ "$warmed" -ge "${WARMUP_MIN:-50000}" ] && [ "$since_best" -ge 4 ] && break
    fi
done

# the paths take turns run by run, so that a change in the machine's load falls on all of them
rm -f "$work/rates"
for _ in $(seq $runs); do
    for target in $targets; do
        echo "$target $(rate "$sessions" "$messages" "$target")" >> "$work/rates"
    done
done
for target in $targets; do
    r=$(awk -v t="$target" '$1 == t { printf " %s", $2 }' "$work/rates")
    m=$(echo "$r" | tr ' ' '\n' | grep . | median)
    eval "rate_$(echo "$target" | tr -c '0-9\n' '_')=$m"
    echo "$target: $sessions sessions x $size bytes, $messages messages, new connection per message: median $m msg/s of$r"
done
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
