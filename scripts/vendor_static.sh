#!/bin/sh
# Copy the front-end files Voordeur serves from node_modules (installed by `npm ci`)
# into voordeur/static/vendor/ (gitignored). Nothing is loaded from a CDN.
set -eu

cd "$(dirname "$0")/.."
SRC=node_modules
DEST=voordeur/static/vendor

copy() {  # copy SOURCE TARGET_NAME
    if [ ! -f "$SRC/$1" ]; then
        echo "vendor_static: missing $SRC/$1 (run npm ci first)" >&2
        exit 1
    fi
    cp "$SRC/$1" "$DEST/$2"
}

mkdir -p "$DEST"
copy @utrecht/component-library-css/dist/index.css utrecht-components.css
# The NL Design System example theme (EUPL-1.2); Voordeur's own theme layer is
# voordeur/static/voordeur/theme.css. Its fonts (Noto) are not vendored: theme.css sets a
# system font stack instead.
copy @nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css voorbeeld-theme.css
copy htmx.org/dist/htmx.min.js htmx.min.js
echo "vendor_static: copied 3 files into $DEST"
