# Sourced by every script in bin/ and by .ci/run: finds a JDK >= 25 and exports JAVA_HOME.
# Order: $JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/* (newest first).
# Stops with a clear message when there is none.

tractor_required_java=25

# Prints the feature version (17, 21, 25, ...) of the JDK whose home is $1, or nothing.
tractor_jdk_version() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

tractor_is_usable_jdk() {
  v=$(tractor_jdk_version "$1")
  [ -n "$v" ] && [ "$v" -ge "$tractor_required_java" ]
}

tractor_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && tractor_is_usable_jdk "$JAVA_HOME"; then
    printf '%s\n' "$JAVA_HOME"; return 0
  fi
  if command -v java >/dev/null 2>&1; then
    home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1)
    if [ -n "$home" ] && tractor_is_usable_jdk "$home"; then
      printf '%s\n' "$home"; return 0
    fi
  fi
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    home=${home%/}
    if tractor_is_usable_jdk "$home"; then
      printf '%s\n' "$home"; return 0
    fi
  done
  return 1
}

if ! TRACTOR_JDK=$(tractor_find_jdk); then
  {
    echo "error: tractor needs a JDK $tractor_required_java or newer (javac included) and found none."
    echo "  looked at: JAVA_HOME=${JAVA_HOME:-<unset>}, 'java' on PATH ($(command -v java || echo none)), /usr/lib/jvm/*"
    echo "  fix: install a JDK $tractor_required_java (for example Temurin 25) or set JAVA_HOME to one."
  } >&2
  exit 1
fi
export JAVA_HOME="$TRACTOR_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
