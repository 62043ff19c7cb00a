#!/bin/sh
# Applies sluice.cli to a stopped WildFly through the CLI's embedded server (no ports opened).
# Usage: configure-server.sh JBOSS_HOME [server-config, default standalone.xml]
set -eu
home=${1:?usage: configure-server.sh JBOSS_HOME [standalone.xml]}
config=${2:-standalone.xml}
here=$(cd "$(dirname "$0")" && pwd)
script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
    echo "embed-server --server-config=$config --std-out=discard"
    cat "$here/sluice.cli"
    echo "stop-embedded-server"
} > "$script"
JAVA_OPTS="${JAVA_OPTS:-} -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    "$home/bin/jboss-cli.sh" --file="$script"
