# Sourced by the scripts that need a display. start_xvfb starts Xvfb on a
# display it picks itself (-displayfd: never one a leftover server or lock
# file holds), waits until it answers, prints ":N" and leaves its pid in
# $xvfb_pid_file for the caller's cleanup. -noreset: by default the server
# resets when its last client leaves — here the xdpyinfo that checked it —
# and a window opening during that reset fails ("Failed to open display").
xvfb_pid_file=$(mktemp)
start_xvfb() {
  local fdfile
  fdfile=$(mktemp)
  Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp -noreset 3>"$fdfile" >/dev/null 2>&1 &
  echo $! >"$xvfb_pid_file"
  for _ in $(seq 100); do
    if [ -s "$fdfile" ] && xdpyinfo -display ":$(head -n1 "$fdfile")" >/dev/null 2>&1; then
      echo ":$(head -n1 "$fdfile")"
      rm -f "$fdfile"
      return 0
    fi
    sleep 0.1
  done
  echo "Xvfb did not start" >&2
  return 1
}
# stop_xvfb waits until the server has gone: a dying server removes its
# socket as it exits, and would take the one of a new server that was given
# the same display number in the meantime.
stop_xvfb() {
  local pid
  if [ -s "$xvfb_pid_file" ]; then
    pid=$(cat "$xvfb_pid_file")
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$xvfb_pid_file"
  return 0
}
