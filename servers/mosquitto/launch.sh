#!/usr/bin/env bash
# Runs mosquitto for herd's integration tests (servers/start.sh mosquitto starts it; see servers/README.md):
# MQTT over WebSocket on 127.0.0.1:PORT; anonymous clients allowed; user herd/secret known, so a wrong password is
# refused at CONNECT (CONNACK 5); subscribing to forbidden or forbidden/... refused (SUBACK 0x80). State in DIR.
# Usage: launch.sh DIR PORT
set -euo pipefail
dir=$1 port=$2

# mosquitto 2.0.11's acl_file never refuses a SUBSCRIBE (its check is a FIXME there), its dynamic security plugin
# does: the plugin's JSON holds the user, the anonymous clients' group and a role that denies the forbidden topics.
plugin=$(dpkg -L mosquitto 2>/dev/null | grep '/mosquitto_dynamic_security\.so$' | head -n 1)
[ -n "$plugin" ] || { echo "mosquitto_dynamic_security.so not found (dpkg -L mosquitto)" >&2; exit 1; }
# The plugin's password hash: PBKDF2-HMAC-SHA512 of the password over a 12-byte salt, 64 bytes, base64.
openssl rand 12 >"$dir/salt"
salt=$(od -An -tx1 "$dir/salt" | tr -d " \n")
hash=$(openssl kdf -keylen 64 -kdfopt digest:SHA512 -kdfopt pass:secret -kdfopt "hexsalt:$salt" -kdfopt iter:101 \
  -binary PBKDF2 | base64 -w0)
cat >"$dir/dynamic-security.json" <<JSON
{
  "defaultACLAccess": { "publishClientSend": true, "publishClientReceive": true, "subscribe": true, "unsubscribe": true },
  "clients": [
    { "username": "herd", "salt": "$(base64 -w0 "$dir/salt")", "password": "$hash",
      "iterations": 101, "roles": [ { "rolename": "tests" } ] }
  ],
  "groups": [ { "groupname": "anonymous", "roles": [ { "rolename": "tests" } ] } ],
  "anonymousGroup": "anonymous",
  "roles": [
    { "rolename": "tests", "acls": [
      { "acltype": "subscribeLiteral", "topic": "forbidden", "allow": false },
      { "acltype": "subscribePattern", "topic": "forbidden/#", "allow": false } ] }
  ]
}
JSON
cat >"$dir/mosquitto.conf" <<CONF
per_listener_settings false
# Run as whoever starts it (as root, mosquitto would switch to its system user, who cannot write DIR).
user $(id -un)
persistence false
log_dest stderr
log_type error
log_type warning
log_type notice
allow_anonymous true
plugin $plugin
plugin_opt_config_file $dir/dynamic-security.json
# mosquitto 2.0.11 exits with only a websockets listener ("Unable to start any listening sockets"): it also gets a
# plain MQTT listener, on a unix socket in DIR, so there is no second TCP port.
listener 0 $dir/mqtt.sock
# Without socket_domain ipv4 the websockets listener binds every address whatever the listener line says.
listener $port 127.0.0.1
socket_domain ipv4
protocol websockets
CONF
exec mosquitto -c "$dir/mosquitto.conf"
