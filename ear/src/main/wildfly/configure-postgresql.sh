#!/bin/sh
# Switches a stopped WildFly already configured with sluice.cli to PostgreSQL: installs the JDBC
# driver jar as the module org.postgresql, then applies sluice-postgresql.cli.
# Usage: configure-postgresql.sh JBOSS_HOME POSTGRESQL_JDBC_JAR [server-config, default standalone.xml]
set -eu
home=${1:?usage: configure-postgresql.sh JBOSS_HOME POSTGRESQL_JDBC_JAR [standalone.xml]}
jar=${2:?usage: configure-postgresql.sh JBOSS_HOME POSTGRESQL_JDBC_JAR [standalone.xml]}
config=${3:-standalone.xml}
here=$(cd "$(dirname "$0")" && pwd)
script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
    if [ ! -d "$home/modules/org/postgresql/main" ]; then
        echo "module add --name=org.postgresql --resources=$jar --dependencies=java.se,jakarta.transaction.api"
    fi
    echo "embed-server --server-config=$config --std-out=discard"
    cat "$here/sluice-postgresql.cli"
    echo "stop-embedded-server"
} > "$script"
JAVA_OPTS="${JAVA_OPTS:-} -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    "$home/bin/jboss-cli.sh" --file="$script"
