#!/bin/sh
# /usr/bin/passculture-kiosk, installed by the passculture-kiosk .deb: the kiosk and its
# screenless commands (config, enroll, sync, status, simulator), frozen in /opt.
#
# - The install-time answers (debconf: central URL, kiosk name) live in
#   /etc/passculture-kiosk/debconf.toml, read as the "user file", after the system file
#   /etc/passculture-kiosk/kiosk.toml; `passculture-kiosk config show` names each value's
#   source. A PCK_USER_CONFIG_FILE already set wins.
# - Run by root, the command runs as the kiosk's own account, so that whatever it writes in
#   /var/lib/passculture-kiosk (device token, catalog, state) stays the service's to read.
APP=/opt/passculture-kiosk/passculture-kiosk
ACCOUNT=passculture-kiosk

: "${PCK_USER_CONFIG_FILE:=/etc/passculture-kiosk/debconf.toml}"
export PCK_USER_CONFIG_FILE

if [ "$(id -u)" = 0 ] && getent passwd "$ACCOUNT" >/dev/null 2>&1; then
    # root's session bus and runtime folder are not the kiosk account's to use.
    unset XDG_RUNTIME_DIR DBUS_SESSION_BUS_ADDRESS
    exec /usr/sbin/runuser -u "$ACCOUNT" -- "$APP" "$@"
fi
exec "$APP" "$@"
