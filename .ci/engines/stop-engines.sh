#!/usr/bin/env bash
# Stops what start-engines.sh started.
run=/run/sluice-engines
for p in clamd spamd rspamd; do
    [ -f "$run/$p.pid" ] && kill "$(cat "$run/$p.pid")" 2>/dev/null
done
pkill -f "rspamd -f -u _rspamd" 2>/dev/null
exit 0
