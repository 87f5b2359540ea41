# Sourced by the scripts that run govbuy under Wine. new_wine_prefix makes a
# throw-away prefix in $1 and exports WINEPREFIX and the quiet settings. Wine
# before 9 lacks bcryptprimitives.dll, without which no Go 1.24+ program
# starts: the prefix then gets the small ProcessPrng of bcryptprimitives.c.
new_wine_prefix() {
  export WINEPREFIX=$1 WINEDEBUG=-all WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
  wineboot -i >/dev/null 2>&1
  wineserver -w
  local sys32=$WINEPREFIX/drive_c/windows/system32 here
  here=$(dirname "${BASH_SOURCE[0]}")
  if [ ! -e "$sys32/bcryptprimitives.dll" ] && [ ! -e "/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/bcryptprimitives.dll" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -o "$sys32/bcryptprimitives.dll" \
      "$here/bcryptprimitives.c" "$here/bcryptprimitives.def" -lbcrypt
  fi
}
