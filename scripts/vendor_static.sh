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
copy @utrecht/design-tokens/dist/index.css utrecht-design-tokens.css
copy htmx.org/dist/htmx.min.js htmx.min.js
echo "vendor_static: copied 3 files into $DEST"
