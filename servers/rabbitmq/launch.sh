#!/usr/bin/env bash
# Runs a RabbitMQ node with STOMP over WebSocket (rabbitmq_web_stomp) for herd's integration tests:
# ws://127.0.0.1:PORT/ws, guest/guest (allowed from loopback only), a wrong passcode refused at CONNECT, no AMQP or
# plain STOMP listener. servers/start.sh rabbitmq starts it. Usage: launch.sh DIR PORT
# Everything is its own and in DIR: node name, epmd (started here, in this process group, so stop.sh ends it too)
# on a free port of 127.0.0.1, the distribution port on 127.0.0.1, config, enabled plugins, Mnesia, logs, cookie.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/lib.sh"
dir=$1 port=$2

epmd_port=$(free_port)
dist_port=$(free_port)
while [ "$dist_port" = "$epmd_port" ]; do dist_port=$(free_port); done

cat >"$dir/rabbitmq.conf" <<CONF
# No AMQP listener, no plain STOMP listener: WebSocket STOMP only, on loopback.
listeners.tcp = none
stomp.listeners.tcp = none
web_stomp.tcp.ip = 127.0.0.1
web_stomp.tcp.port = $port
web_stomp.ws_path = /ws
# A WebSocket that sends nothing for 4 s is closed: a test run of a few seconds proves the client's heart-beats.
web_stomp.ws_opts.idle_timeout = 4000
# guest/guest, from loopback only (RabbitMQ's default, said here because the tests rely on it).
loopback_users.guest = true
log.console = true
log.console.level = warning
log.file = false
CONF
echo '[rabbitmq_web_stomp].' >"$dir/enabled_plugins"
: >"$dir/rabbitmq-env.conf"

export HOME=$dir
export RABBITMQ_NODENAME=herd-$port@localhost
export RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf
export RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf
export RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
export RABBITMQ_MNESIA_BASE=$dir/mnesia
export RABBITMQ_LOG_BASE=$dir/log
export RABBITMQ_PID_FILE=$dir/rabbitmq.pid
export RABBITMQ_DIST_PORT=$dist_port
# Distribution on loopback; and the syslog library RabbitMQ starts (it logs nothing there) binds its UDP socket to
# loopback too, instead of 0.0.0.0.
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} \
  -syslog protocol {rfc3164,udp,[{ip,{127,0,0,1}}]}"
export ERL_EPMD_PORT=$epmd_port
export ERL_EPMD_ADDRESS=127.0.0.1

# Our own epmd in the foreground of this process group (Erlang would otherwise start a daemon of its own, outside
# the group, on every address).
epmd -address 127.0.0.1 -port "$epmd_port" &
deadline=$((SECONDS + 10))
until port_in_use "$epmd_port"; do
  [ $SECONDS -lt $deadline ] || { echo "epmd did not listen on 127.0.0.1:$epmd_port" >&2; exit 1; }
  sleep 0.1
done
exec "$RABBITMQ_SERVER"
