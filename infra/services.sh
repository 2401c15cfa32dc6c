#!/usr/bin/env bash
# Real services for the tests: PostgreSQL 15 and RabbitMQ 3.10 on 127.0.0.1, in a private folder, on free ports.
#
#   infra/services.sh start    install what is missing, start (or reuse) both servers, wait until they accept connections
#   infra/services.sh stop     end exactly the processes this folder started (postgres, beam, epmd), by pid
#   infra/services.sh status   each service up/down with its ports; exit 0 only when all are up
#   infra/services.sh env      print the connection settings as exports:  eval "$(infra/services.sh env)"
#
# Settings (environment): PW_SERVICES_DIR (state folder, default <repo>/.services), PW_SKIP_CHROMIUM=1 (do not install
# the browser), PW_SKIP_LIBREOFFICE=1 (do not install libreoffice-calc, which the workbook tests convert with),
# PW_RABBITMQ_MANAGEMENT=1 (enable the management UI; off by default because its HTTP listener adds
# about 5 s to every stop).
# Progress goes to stderr so that the stdout of `env` stays clean for eval.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${PW_SERVICES_DIR:-$REPO/.services}
STATE=$DIR/state.env
PG_BIN=/usr/lib/postgresql/15/bin
RMQ_BIN=/usr/lib/rabbitmq/bin
CHROMIUM=/usr/bin/chromium
SOFFICE=/usr/bin/soffice
RMQ_DIR=$DIR/rabbitmq
MANAGEMENT=${PW_RABBITMQ_MANAGEMENT:-0}

# ---------------------------------------------------------------------------------------------------------- helpers

say() { printf 'services: %s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%ds' $((ms / 1000)) $(((ms % 1000) / 100)); }

# Names the service, shows the tail of its logs and stops the script.
fail() {
  local service=$1 message=$2; shift 2
  say "FAILED: $service: $message"
  local f
  for f in "$@"; do
    [[ -f $f ]] || continue
    printf -- '----- tail of %s -----\n' "$f" >&2
    tail -n 30 "$f" >&2
  done
  exit 1
}

# A pid counts only when the process exists, is not a zombie (nothing reaps here) and is the expected program.
alive() {
  local pid=$1 comm=$2 marker=${3:-}
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/stat && -r /proc/$pid/comm ]] || return 1
  local state
  state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $state != Z && $state != X ]] || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$comm" ]] || return 1
  if [[ -n $marker ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  fi
}

have_python() { command -v python3 >/dev/null 2>&1 && python3 -c '' >/dev/null 2>&1; }

# True when nothing listens on 127.0.0.1:PORT (a bind test with python, else a connect probe).
port_free() {
  local port=$1
  if have_python; then
    python3 - "$port" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
  else
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# True when 127.0.0.1:PORT accepts a TCP connection.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free port in 20000-32000 (below the kernel's ephemeral range, and low enough that RabbitMQ's CLI ports,
# dist port + 10000, stay valid), not one of the ports given as arguments.
pick_port() {
  local taken=" $* " port i
  for ((i = 0; i < 500; i++)); do
    port=$((20000 + RANDOM % 12000))
    [[ $taken == *" $port "* ]] && continue
    port_free "$port" && { echo "$port"; return 0; }
  done
  say "no free port found"
  return 1
}

save_state() {
  mkdir -p "$DIR"
  cat >"$STATE.tmp" <<EOF
# Written by infra/services.sh; ports are reused by env, stop and the next start.
PG_PORT=$PG_PORT
PG_DIR=$PG_DIR
AMQP_PORT=$AMQP_PORT
DIST_PORT=$DIST_PORT
EPMD_PORT=$EPMD_PORT
MGMT_PORT=$MGMT_PORT
RMQ_NODE=$RMQ_NODE
EOF
  mv "$STATE.tmp" "$STATE"
}

load_state() {
  PG_PORT='' PG_DIR='' AMQP_PORT='' DIST_PORT='' EPMD_PORT='' MGMT_PORT='' RMQ_NODE=''
  if [[ -f $STATE ]]; then
    # shellcheck disable=SC1090
    source "$STATE"
  fi
  PG_DIR=${PG_DIR:-$DIR/postgres}
  # The node name is per state folder so that two checkouts never address each other's broker.
  RMQ_NODE=${RMQ_NODE:-pw$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)@localhost}
}

# Serialises start/stop of one state folder (two shells, or a test run and a manual stop). Servers are started
# with fd 9 closed so that they do not inherit (and hold) the lock.
lock() {
  mkdir -p "$DIR"
  exec 9>"$DIR/.lock"
  flock -w 300 9 || { say "another services.sh holds $DIR/.lock"; exit 1; }
}

# ------------------------------------------------------------------------------------------------------- packages

install_missing() {
  local wanted=(rabbitmq-server) missing=() p
  [[ ${PW_SKIP_CHROMIUM:-0} == 1 ]] || wanted+=(chromium fonts-wqy-microhei)
  [[ ${PW_SKIP_LIBREOFFICE:-0} == 1 ]] || wanted+=(libreoffice-calc fonts-wqy-microhei)
  for p in "${wanted[@]}"; do
    # `dpkg -s` also succeeds for a removed package whose config files remain; ask for the installed state.
    [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == "install ok installed" ]] || missing+=("$p")
  done
  [[ -x $PG_BIN/postgres ]] || missing+=(postgresql-15)
  ((${#missing[@]})) || return 0
  local t
  t=$(now_ms)
  say "installing ${missing[*]} (apt-get)..."
  local log=$DIR/apt.log
  export DEBIAN_FRONTEND=noninteractive
  # Other users of this machine may hold the apt locks for a while: wait for them instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update >"$log" 2>&1 || fail apt "apt-get update failed" "$log"
  apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1 \
    || fail apt "apt-get install ${missing[*]} failed" "$log"
  say "installed ${missing[*]} in $(since "$t")"
}

# ----------------------------------------------------------------------------------------------------- PostgreSQL

pg_pid() { head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true; }
pg_alive() { alive "$(pg_pid)" postgres "$PG_DIR/data"; }
# From the data's parent folder: the caller's working folder may be one the postgres user cannot enter.
as_postgres() { (cd "$PG_DIR" && runuser -u postgres -- "$@"); }

# The data folder must be writable by the postgres user; a repository under a private home is not, so fall back.
pg_prepare_dir() {
  mkdir -p "$PG_DIR"
  chown postgres:postgres "$PG_DIR"
  if ! as_postgres test -w "$PG_DIR"; then
    local fallback
    fallback=/var/tmp/pw-services-$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)/postgres
    say "postgres cannot write $PG_DIR; using $fallback"
    PG_DIR=$fallback
    mkdir -p "$PG_DIR"
    chmod 755 "$(dirname "$PG_DIR")"
    chown postgres:postgres "$PG_DIR"
  fi
}

pg_start() {
  local t
  t=$(now_ms)
  if pg_alive; then
    say "postgres already running (pid $(pg_pid), port $PG_PORT): reused"
    return 0
  fi
  if [[ -z $PG_PORT ]] || ! port_free "$PG_PORT"; then
    PG_PORT=$(pick_port "$AMQP_PORT" "$DIST_PORT" "$EPMD_PORT" "$MGMT_PORT")
  fi
  [[ -f $PG_DIR/data/PG_VERSION ]] || pg_prepare_dir
  save_state
  if [[ ! -f $PG_DIR/data/PG_VERSION ]]; then
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$PG_DIR/initdb.log" 2>&1 || fail postgres "initdb failed" "$PG_DIR/initdb.log"
    say "postgres initdb done in $(since "$t")"
  fi
  # Test data only: durability settings off make migrations and resets several times faster.
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >"$PG_DIR/pg_ctl.log" 2>&1 9>&- || fail postgres "pg_ctl start failed (port $PG_PORT)" "$PG_DIR/pg_ctl.log" "$PG_DIR/server.log"
  "$PG_BIN/pg_isready" -q -U postgres -h 127.0.0.1 -p "$PG_PORT" -t 30 \
    || fail postgres "not accepting connections on 127.0.0.1:$PG_PORT" "$PG_DIR/server.log"
  "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>"$PG_DIR/psql.log" \
    || fail postgres "a query on 127.0.0.1:$PG_PORT failed" "$PG_DIR/psql.log" "$PG_DIR/server.log"
  say "postgres ready on 127.0.0.1:$PG_PORT (pid $(pg_pid)) in $(since "$t")"
}

pg_stop() {
  local pid
  pid=$(pg_pid)
  if ! pg_alive; then
    say "postgres not running"
    return 0
  fi
  local t
  t=$(now_ms)
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >"$PG_DIR/pg_ctl.log" 2>&1 || true
  if alive "$pid" postgres "$PG_DIR/data"; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  say "postgres stopped (pid $pid) in $(since "$t")"
}

# ------------------------------------------------------------------------------------------------------- RabbitMQ

rmq_pid() { cat "$RMQ_DIR/rabbit.pid" 2>/dev/null || true; }
epmd_pid() { cat "$RMQ_DIR/epmd.pid" 2>/dev/null || true; }
rmq_alive() { alive "$(rmq_pid)" beam.smp "-home $RMQ_DIR "; }
epmd_alive() { alive "$(epmd_pid)" epmd "-port $EPMD_PORT"; }

# Runs a command with the broker's private environment; the CLI tools need the same HOME (cookie), node and epmd port.
rmq() {
  env HOME="$RMQ_DIR" \
    RABBITMQ_NODENAME="$RMQ_NODE" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$AMQP_PORT" \
    RABBITMQ_DIST_PORT="$DIST_PORT" \
    ERL_EPMD_PORT="$EPMD_PORT" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_MNESIA_BASE="$RMQ_DIR/mnesia" \
    RABBITMQ_LOG_BASE="$RMQ_DIR/log" \
    RABBITMQ_PID_FILE="$RMQ_DIR/rabbit.pid" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins" \
    RABBITMQ_CONFIG_FILE="$RMQ_DIR/rabbitmq" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false" \
    PATH="$RMQ_BIN:$PATH" \
    "$@"
}

rmq_logs() { printf '%s\n' "$RMQ_DIR/log/epmd.log" "$RMQ_DIR/log/start.log" "$RMQ_DIR/log/$RMQ_NODE.log"; }

# AMQP handshake: send the protocol header, expect a frame of type 1 (connection.start).
amqp_answers() {
  local port=$1
  if have_python; then
    python3 - "$port" <<'PY'
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5) as s:
    s.sendall(b"AMQP\x00\x00\x09\x01")
    sys.exit(0 if s.recv(1) == b"\x01" else 1)
PY
  else
    port_open "$port"
  fi
}

epmd_start() {
  if epmd_alive; then
    return 0
  fi
  if [[ -z $EPMD_PORT ]] || ! port_free "$EPMD_PORT"; then
    EPMD_PORT=$(pick_port "$PG_PORT" "$AMQP_PORT" "$DIST_PORT" "$MGMT_PORT")
    save_state
  fi
  local epmd
  epmd=$(command -v epmd || ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | head -n 1 || true)
  [[ -x $epmd ]] || fail rabbitmq "epmd not found (is erlang installed?)"
  # Started by us, in the foreground of its own session, so that its pid is known and nothing else is ever stopped.
  setsid "$epmd" -port "$EPMD_PORT" -address 127.0.0.1 </dev/null >>"$RMQ_DIR/log/epmd.log" 2>&1 9>&- &
  echo $! >"$RMQ_DIR/epmd.pid"
  local i
  for ((i = 0; i < 50; i++)); do
    port_open "$EPMD_PORT" && epmd_alive && return 0
    sleep 0.1
  done
  fail rabbitmq "epmd did not listen on 127.0.0.1:$EPMD_PORT" "$RMQ_DIR/log/epmd.log"
}

rmq_start() {
  local t
  t=$(now_ms)
  mkdir -p "$RMQ_DIR/mnesia" "$RMQ_DIR/log"
  if rmq_alive; then
    # An AMQP handshake is proof enough and costs milliseconds; the CLI would cost two seconds.
    amqp_answers "$AMQP_PORT" 2>/dev/null \
      || fail rabbitmq "running (pid $(rmq_pid)) but no AMQP answer on 127.0.0.1:$AMQP_PORT" $(rmq_logs)
    say "rabbitmq already running (pid $(rmq_pid), port $AMQP_PORT): reused"
    return 0
  fi
  [[ -x $RMQ_BIN/rabbitmq-server ]] || fail rabbitmq "$RMQ_BIN/rabbitmq-server missing (apt package rabbitmq-server)"
  local p
  for p in AMQP_PORT DIST_PORT MGMT_PORT; do
    if [[ -z ${!p} ]] || ! port_free "${!p}"; then
      printf -v "$p" '%s' "$(pick_port "$PG_PORT" "$AMQP_PORT" "$DIST_PORT" "$EPMD_PORT" "$MGMT_PORT")"
    fi
  done
  save_state
  epmd_start

  {
    echo "loopback_users = none"
    echo "log.file.level = info"
    if [[ $MANAGEMENT == 1 ]]; then
      echo "management.tcp.ip = 127.0.0.1"
      echo "management.tcp.port = $MGMT_PORT"
    fi
  } >"$RMQ_DIR/rabbitmq.conf"
  echo "[]." >"$RMQ_DIR/advanced.config"
  if [[ $MANAGEMENT == 1 ]]; then
    echo "[rabbitmq_management]." >"$RMQ_DIR/enabled_plugins"
  else
    echo "[]." >"$RMQ_DIR/enabled_plugins"
  fi
  rm -f "$RMQ_DIR/rabbit.pid"

  # Started from its own folder: Erlang drops crash dumps (erl_crash.dump, MnesiaCore.*) in the working folder.
  (cd "$RMQ_DIR" && rmq "$RMQ_BIN/rabbitmq-server" -detached) >"$RMQ_DIR/log/start.log" 2>&1 9>&- \
    || fail rabbitmq "rabbitmq-server -detached failed" $(rmq_logs)
  local i
  # The pid file appears early in the boot; `rabbitmqctl wait` needs it.
  for ((i = 0; i < 300; i++)); do
    [[ -s $RMQ_DIR/rabbit.pid ]] && break
    sleep 0.1
  done
  [[ -s $RMQ_DIR/rabbit.pid ]] || fail rabbitmq "no pid file after 30 s" $(rmq_logs)
  rmq "$RMQ_BIN/rabbitmqctl" -q wait --timeout 90 "$RMQ_DIR/rabbit.pid" >>"$RMQ_DIR/log/start.log" 2>&1 \
    || fail rabbitmq "did not become ready (port $AMQP_PORT)" $(rmq_logs)
  for ((i = 0; i < 100; i++)); do
    amqp_answers "$AMQP_PORT" 2>/dev/null && break
    sleep 0.1
  done
  ((i < 100)) || fail rabbitmq "no AMQP answer on 127.0.0.1:$AMQP_PORT" $(rmq_logs)
  rmq_alive || fail rabbitmq "pid file $(rmq_pid) is not the broker" $(rmq_logs)
  say "rabbitmq ready on 127.0.0.1:$AMQP_PORT (pid $(rmq_pid), epmd $(epmd_pid)) in $(since "$t")"
}

# Waits up to $2 tenths of a second for a process to go, then kills it.
end_process() {
  local pid=$1 comm=$2 marker=$3 tenths=$4 i
  alive "$pid" "$comm" "$marker" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < tenths; i++)); do
    alive "$pid" "$comm" "$marker" || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

rmq_stop() {
  local t pid
  t=$(now_ms)
  pid=$(rmq_pid)
  if rmq_alive; then
    end_process "$pid" beam.smp "-home $RMQ_DIR " 300
    say "rabbitmq stopped (pid $pid) in $(since "$t")"
  else
    say "rabbitmq not running"
  fi
  pid=$(epmd_pid)
  if epmd_alive; then
    end_process "$pid" epmd "-port $EPMD_PORT" 50
    say "epmd stopped (pid $pid)"
  fi
  rm -f "$RMQ_DIR/rabbit.pid" "$RMQ_DIR/epmd.pid"
}

# -------------------------------------------------------------------------------------------------------- commands

cmd_start() {
  local t
  t=$(now_ms)
  lock
  load_state
  install_missing
  pg_start
  rmq_start
  say "all services ready in $(since "$t") (state: $STATE)"
}

cmd_stop() {
  lock
  load_state
  pg_stop
  rmq_stop
}

cmd_status() {
  load_state
  local all=0
  if pg_alive; then
    printf 'postgres  up    127.0.0.1:%s  pid %s  data %s\n' "$PG_PORT" "$(pg_pid)" "$PG_DIR/data"
  else
    printf 'postgres  down\n'
    all=1
  fi
  if rmq_alive; then
    local mgmt=''
    grep -q rabbitmq_management "$RMQ_DIR/enabled_plugins" 2>/dev/null && mgmt="  management http://127.0.0.1:$MGMT_PORT/"
    printf 'rabbitmq  up    127.0.0.1:%s  pid %s  node %s  dist %s%s\n' "$AMQP_PORT" "$(rmq_pid)" "$RMQ_NODE" "$DIST_PORT" "$mgmt"
  else
    printf 'rabbitmq  down\n'
    all=1
  fi
  if epmd_alive; then
    printf 'epmd      up    127.0.0.1:%s  pid %s\n' "$EPMD_PORT" "$(epmd_pid)"
  else
    printf 'epmd      down\n'
  fi
  if [[ -x $CHROMIUM ]]; then
    printf 'chromium  installed  %s\n' "$CHROMIUM"
  else
    printf 'chromium  missing\n'
  fi
  if [[ -x $SOFFICE ]]; then
    printf 'soffice   installed  %s\n' "$SOFFICE"
  else
    printf 'soffice   missing\n'
  fi
  return "$all"
}

cmd_env() {
  load_state
  [[ -n $PG_PORT && -n $AMQP_PORT ]] || { say "not started: run infra/services.sh start"; exit 1; }
  pg_alive || say "warning: postgres is not running"
  rmq_alive || say "warning: rabbitmq is not running"
  echo "export PW_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres'"
  echo "export PW_TEST_RABBITMQ='amqp://guest:guest@127.0.0.1:$AMQP_PORT/'"
  if [[ -x $CHROMIUM ]]; then
    echo "export PW_TEST_CHROMIUM=$CHROMIUM"
  fi
  if [[ -x $SOFFICE ]]; then
    echo "export PW_TEST_SOFFICE=$SOFFICE"
  fi
}

# Runs a command with the broker's private environment, e.g. `infra/services.sh rabbitmqctl status`.
cmd_rabbitmqctl() {
  load_state
  rmq "$RMQ_BIN/rabbitmqctl" "$@"
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  rabbitmqctl) shift; cmd_rabbitmqctl "$@" ;;
  *)
    echo "usage: $0 start|stop|status|env|rabbitmqctl ARGS..." >&2
    exit 2
    ;;
esac
