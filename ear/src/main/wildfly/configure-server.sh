#!/bin/sh
# Applies sluice.cli to a stopped WildFly through the CLI's embedded server (no ports opened), and
# installs the H2 version Sluice needs for its embedded database when its jar is given.
# Usage: configure-server.sh JBOSS_HOME [server-config, default standalone.xml] [h2-VERSION.jar]
set -eu
home=${1:?usage: configure-server.sh JBOSS_HOME [standalone.xml] [h2-VERSION.jar]}
config=${2:-standalone.xml}
h2=${3:-}
here=$(cd "$(dirname "$0")" && pwd)

# WildFly's own H2 (2.2.224 in WildFly 39) can leave the database unreadable after an abrupt stop
# ("Double mark", fixed in H2 2.3.232). A module in $JBOSS_HOME/modules comes before the one in
# modules/system/layers/base, so this replaces it for the server's "h2" driver without touching
# WildFly's files; the module descriptor is WildFly's own with the new jar. Run again with another
# jar to change the version.
if [ -n "$h2" ]; then
    [ -f "$h2" ] || { echo "no such file: $h2" >&2; exit 1; }
    module=$home/modules/com/h2database/h2/main
    jar=$(basename "$h2")
    if [ ! -f "$module/$jar" ]; then
        rm -rf "$module"
        mkdir -p "$module"
        cp "$h2" "$module/$jar"
        sed -E "s#<resource-root path=\"[^\"]*\"#<resource-root path=\"$jar\"#" \
            "$home/modules/system/layers/base/com/h2database/h2/main/module.xml" > "$module/module.xml"
        echo "installed $jar as the module com.h2database.h2"
    fi
fi

script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
    echo "embed-server --server-config=$config --std-out=discard"
    cat "$here/sluice.cli"
    echo "stop-embedded-server"
} > "$script"
JAVA_OPTS="${JAVA_OPTS:-} -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    "$home/bin/jboss-cli.sh" --file="$script"
