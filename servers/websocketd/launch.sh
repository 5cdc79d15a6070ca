#!/usr/bin/env bash
# Runs websocketd with the line protocol of lines.sh, one process per connection, topics as files in DIR/topics.
# servers/start.sh websocketd starts it. Usage: launch.sh DIR PORT
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$1/topics"
cd "$1"
exec websocketd --address=127.0.0.1 --port="$2" --loglevel=error -- /bin/sh "$here/lines.sh" "$1/topics"
