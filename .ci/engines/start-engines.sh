#!/usr/bin/env bash
# Starts the real scanning engines the tests use, on loopback only, and prints the environment
# variables that point the tests at them (eval "$(.ci/engines/start-engines.sh)"):
#   ClamAV clamd     on 127.0.0.1:3310, with the test signatures of this directory (freshclam cannot
#                    download here);
#   SpamAssassin     spamd on 127.0.0.1:7830, local tests only (-L: no DNS, no network rules);
#   Rspamd           in a network namespace that has nothing but loopback, so it cannot reach any
#                    outside host; it listens on a unix socket, which crosses namespaces.
# Stop them with stop-engines.sh. Needs root (users, namespaces) and the Debian packages
# clamav-daemon, spamassassin and rspamd.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
run=/run/sluice-engines
mkdir -p "$run"

# --- clamd ---------------------------------------------------------------------------------------
mkdir -p "$run/clamd-db"
cp "$here"/sluice-test.ndb "$here"/sluice-test.hdb "$run/clamd-db/"
chown -R clamav:clamav "$run/clamd-db"
cat > "$run/clamd.conf" <<CONF
Foreground yes
DatabaseDirectory $run/clamd-db
TCPSocket 3310
TCPAddr 127.0.0.1
User clamav
StreamMaxLength 25M
LogFile $run/clamd.log
LogFileUnlock yes
CONF
touch "$run/clamd.log" && chown clamav "$run/clamd.log"
clamd --config-file="$run/clamd.conf" > "$run/clamd.out" 2>&1 &
echo $! > "$run/clamd.pid"

# --- spamd ---------------------------------------------------------------------------------------
spamd -i 127.0.0.1 -p 7830 -A 127.0.0.1 -m 2 -L -u debian-spamd -s "$run/spamd.log" -r "$run/spamd.pid" \
    > "$run/spamd.out" 2>&1 &

# --- rspamd, in a loopback-only network namespace ------------------------------------------------
# Its shipped configuration with a local directory of ours instead of /etc/rspamd/local.d.
local=$run/rspamd-local
mkdir -p "$local/local.d" "$run/rspamd-db"
cat > "$local/local.d/worker-normal.inc" <<CONF
bind_socket = "$run/rspamd.sock mode=0666";
CONF
cat > "$local/local.d/worker-controller.inc" <<CONF
bind_socket = "$run/rspamd-controller.sock mode=0600";
CONF
cat > "$local/local.d/worker-proxy.inc" <<CONF
enabled = false;
CONF
chown -R _rspamd:_rspamd "$run/rspamd-db"
chmod 0777 "$run"
unshare -n sh -c "ip link set lo up; exec rspamd -f -u _rspamd -g _rspamd -c /etc/rspamd/rspamd.conf \
    --var=LOCAL_CONFDIR=$local --var=DBDIR=$run/rspamd-db --var=RUNDIR=$run" \
    > "$run/rspamd.out" 2>&1 &
echo $! > "$run/rspamd.pid"

# --- wait until all three answer ----------------------------------------------------------------
for _ in $(seq 1 120); do
    clamd_ok=$( (printf 'zPING\0' | timeout 2 socat - TCP:127.0.0.1:3310 2>/dev/null | tr -d '\0') || true)
    spamd_ok=$( (printf 'PING SPAMC/1.5\r\n\r\n' | timeout 2 socat - TCP:127.0.0.1:7830 2>/dev/null | head -1) || true)
    rspamd_ok=$( (printf 'GET /ping HTTP/1.0\r\n\r\n' | timeout 2 socat - UNIX-CONNECT:$run/rspamd.sock 2>/dev/null | tail -1) || true)
    if [ "$clamd_ok" = PONG ] && [[ "$spamd_ok" == *PONG* ]] && [[ "$rspamd_ok" == *pong* ]]; then
        echo "export SLUICE_IT_CLAMD=127.0.0.1:3310"
        echo "export SLUICE_IT_SPAMD=127.0.0.1:7830"
        echo "export SLUICE_IT_RSPAMD=unix:$run/rspamd.sock"
        exit 0
    fi
    sleep 1
done
echo "engines did not start: clamd='$clamd_ok' spamd='$spamd_ok' rspamd='$rspamd_ok'" >&2
tail -5 "$run"/*.out "$run"/*.log >&2 || true
exit 1
