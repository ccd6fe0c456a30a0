#!/bin/sh
# go test -exec wrapper: runs one package's test binary under /usr/bin/time and appends
# "<package dir> <wall s> <user s> <sys s> <peak KB>" to $TESTTIME_CPU (default /tmp/testtime.cpu).
# The CPU counts the test binary and every child it waited for (kubectl, Chromium, our own binary).
exec /usr/bin/time -a -o "${TESTTIME_CPU:-/tmp/testtime.cpu}" -f "$(pwd) %e %U %S %M" "$@"
