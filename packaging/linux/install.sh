#!/bin/sh
# Installs a built desdesk (dist/desdesk/, from `make package`) for the current user, or
# for everyone when run as root: the program, the menu entry, the icon and the .des type.
#   packaging/linux/install.sh [dist/desdesk]        install
#   packaging/linux/install.sh --uninstall           remove
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUNDLE=${1:-$ROOT/dist/desdesk}

if [ "$(id -u)" = 0 ]; then
    PREFIX=/opt/desdesk
    BIN_DIR=/usr/local/bin
    MODE=system
else
    PREFIX=${XDG_DATA_HOME:-$HOME/.local/share}/desdesk/app
    BIN_DIR=$HOME/.local/bin
    MODE=user
fi

if [ "$BUNDLE" = --uninstall ]; then
    xdg-desktop-menu uninstall --mode "$MODE" desdesk.desktop || true
    xdg-mime uninstall --mode "$MODE" "$HERE/desdesk-mime.xml" || true
    for size in 16 32 48 64 128 256 512; do
        for context in apps mimetypes; do
            xdg-icon-resource uninstall --mode "$MODE" --noupdate --context "$context" \
                --size "$size" desdesk || true
        done
    done
    xdg-icon-resource forceupdate --mode "$MODE" || true
    rm -f "$BIN_DIR/desdesk"
    rm -rf "$PREFIX"
    echo "desdesk removed (the district files and backups are left where they are)."
    exit 0
fi

if [ ! -x "$BUNDLE/desdesk" ]; then
    echo "No $BUNDLE/desdesk: build it first with 'make package'." >&2
    exit 1
fi

mkdir -p "$(dirname "$PREFIX")" "$BIN_DIR"
rm -rf "$PREFIX"
cp -a "$BUNDLE" "$PREFIX"
ln -sf "$PREFIX/desdesk" "$BIN_DIR/desdesk"

for size in 16 32 48 64 128 256 512; do
    xdg-icon-resource install --mode "$MODE" --novendor --noupdate --context apps --size "$size" \
        "$ROOT/packaging/icons/desdesk-$size.png" desdesk
    xdg-icon-resource install --mode "$MODE" --novendor --noupdate --context mimetypes --size "$size" \
        "$ROOT/packaging/icons/desdesk-$size.png" desdesk
done
xdg-icon-resource forceupdate --mode "$MODE"
xdg-mime install --mode "$MODE" --novendor "$HERE/desdesk-mime.xml"
xdg-desktop-menu install --mode "$MODE" --novendor "$HERE/desdesk.desktop"
xdg-mime default desdesk.desktop application/x-desdesk
echo "desdesk installed in $PREFIX, command $BIN_DIR/desdesk; .des files open with it."
