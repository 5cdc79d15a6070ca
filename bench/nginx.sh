# nginx for herd's benchmarks (sourced after lib.sh, not run): a private nginx under $bench_tmp, on loopback, in its
# own process group, stopped by its master's pid. bench/nchan.sh and bench/peers.sh serve nchan with it,
# bench/tls-storm.sh a TLS proxy.

nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
nchan_module=/usr/lib/nginx/modules/ngx_nchan_module.so
nginx_pid=""

nginx_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Prints the start of a configuration for an nginx living in directory $1 (made here) with $2 connections for its
# one worker (herd, nginx and any target share the machine's cores): the main context, any further main-context
# lines given after $2, and an open http block with its temporary paths inside $1. The caller adds its servers and
# the closing brace.
nginx_conf_head() {
  local dir="$1" connections="$2" files
  shift 2
  mkdir -p "$dir/logs" "$dir/tmp"
  files=$((connections + 1000))
  [ "$(ulimit -Hn)" != unlimited ] && [ "$files" -gt "$(ulimit -Hn)" ] && files="$(ulimit -Hn)"
  [ "$(id -u)" = 0 ] && echo "user root;"
  [ $# -gt 0 ] && printf '%s\n' "$@"
  cat <<EOF
worker_processes 1;
worker_rlimit_nofile $files;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections $connections; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
EOF
}

# Starts nginx with $1/nginx.conf in its own process group (setsid) and waits until it accepts on port $2: sets
# $nginx_pid (the master, from its pid file).
nginx_start() {
  local dir="$1" port="$2"
  bench_background setsid "$nginx_bin" -p "$dir" -c "$dir/nginx.conf" -g "daemon off;" >"$dir/logs/stdout.log" 2>&1
  for _ in $(seq 1 100); do
    [ -s "$dir/nginx.pid" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  nginx_pid="$(cat "$dir/nginx.pid" 2>/dev/null || true)"
  if [ -z "$nginx_pid" ]; then
    echo "nginx did not start:" >&2
    cat "$dir/logs/error.log" "$dir/logs/stdout.log" >&2
    return 1
  fi
}

nginx_stop() {
  [ -n "$nginx_pid" ] || return 0
  kill -TERM "$nginx_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$nginx_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
}

# Installs nginx and Debian's nchan module when missing (as root, with apt-get), or says what is needed.
nchan_install() {
  [ -x "$nginx_bin" ] && [ -f "$nchan_module" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "needs nginx and libnginx-mod-nchan: apt-get install nginx libnginx-mod-nchan" >&2
    return 1
  fi
  echo "installing nginx and libnginx-mod-nchan (Debian)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx libnginx-mod-nchan >"$bench_tmp/apt.log" 2>&1 \
    || { cat "$bench_tmp/apt.log" >&2; return 1; }
  nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
}

# Starts nginx + nchan on a free loopback port: sets $nchan_port and $nginx_pid. Channels by path: subscribers on
# /ws/CHANNEL (WebSocket) and /sse/CHANNEL (EventSource), publishers by HTTP POST to /pub/CHANNEL. A subscriber gets
# messages published after it subscribed (first message: newest).
nchan_start() {
  nchan_port="$(nginx_free_port)"
  local dir="$bench_tmp/nginx-nchan-$nchan_port" head
  head="$(nginx_conf_head "$dir" 30000 "load_module $nchan_module;")"
  {
    echo "$head"
    cat <<EOF
  server {
    listen 127.0.0.1:$nchan_port backlog=4096;
    location ~ ^/ws/([A-Za-z0-9_.-]+)$ {
      nchan_subscriber websocket;
      nchan_channel_id \$1;
      nchan_subscriber_first_message newest;
    }
    location ~ ^/sse/([A-Za-z0-9_.-]+)$ {
      nchan_subscriber eventsource;
      nchan_channel_id \$1;
      nchan_subscriber_first_message newest;
    }
    location ~ ^/pub/([A-Za-z0-9_.-]+)$ {
      nchan_publisher http;
      nchan_channel_id \$1;
      nchan_message_buffer_length 10;
      nchan_message_timeout 10s;
    }
  }
}
EOF
  } >"$dir/nginx.conf"
  nginx_start "$dir" "$nchan_port"
  for _ in $(seq 1 50); do
    curl -s -o /dev/null -X POST --data x "http://127.0.0.1:$nchan_port/pub/warmup" && return 0
    sleep 0.1
  done
  echo "nchan did not answer a publish:" >&2
  cat "$dir/logs/error.log" >&2
  return 1
}

# nginx's and the nchan package's versions, for a report.
nchan_version() {
  echo "nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///') + nchan (Debian $(dpkg-query -W -f '${Version}' libnginx-mod-nchan 2>/dev/null || echo '?'))"
}

# The server line for a report: versions, the worker's port and the master's pid.
nchan_describe() {
  echo "$(nchan_version), 1 worker, 127.0.0.1:$nchan_port, pid $nginx_pid"
}
