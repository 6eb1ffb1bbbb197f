#!/usr/bin/env bash
# Crossings developer commands. Both set everything up on a fresh machine first.
#   ./dev.sh run    install (first time) and start the dashboard on the bundled data
#   ./dev.sh test   install (first time, including Debian's chromium) and run every test
#   ./dev.sh check  validate the bundled data only
set -euo pipefail
cd "$(dirname "$0")"
VENV="${CROSSINGS_VENV:-.venv}"
PY="$VENV/bin/python"

setup_python() {
  if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.requirements.sha256"
  local want
  want=$(sha256sum requirements.txt | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    "$PY" -m pip install --disable-pip-version-check -q --upgrade pip
    "$PY" -m pip install --disable-pip-version-check -q -r requirements.txt
    echo "$want" > "$stamp"
  fi
}

setup_browser() {
  # Debian's chromium: browser tests drive it, and chart exports (kaleido) render with it.
  # Playwright and kaleido never download a browser of their own. Noto's Arabic faces
  # (fonts-noto-core) draw Arabic in the PDF deck, the still map and the browser.
  if command -v chromium >/dev/null 2>&1 && [ -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ]; then
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  $sudo apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core fonts-noto-core >/dev/null
}

# axe-core, the accessibility checker the browser tests inject into each page
# (tests/browser/test_accessibility.py): a pinned version from the npm registry, installed once
# under .cache/ (ignored by git), never fetched while the tests run.
AXE_VERSION="4.14.1"
AXE_PREFIX=".cache/axe"
setup_axe() {
  local installed="$AXE_PREFIX/node_modules/axe-core/package.json"
  if [ -f "$installed" ] && grep -q "\"version\": \"$AXE_VERSION\"" "$installed"; then
    return 0
  fi
  npm install --no-save --no-audit --no-fund --prefix "$AXE_PREFIX" "axe-core@$AXE_VERSION" >/dev/null
}

command="${1:-}"
shift || true
case "$command" in
  run)
    setup_python
    setup_browser || echo "warning: could not install chromium; PNG/PDF exports will be unavailable" >&2
    # serve.py serves app.py through Streamlit's ASGI entry (st.App): files compressed once,
    # routes of our own (serving/); every `streamlit run` option still applies
    exec "$VENV/bin/streamlit" run serve.py "$@"
    ;;
  test)
    setup_python
    setup_browser
    setup_axe
    "$VENV/bin/ruff" check .
    "$PY" -m crossings.validate
    # two workers: the browser tests wait on a server and a browser most of the time
    exec "$PY" -m pytest -n 2 "$@"
    ;;
  check)
    setup_python
    exec "$PY" -m crossings.validate "$@"
    ;;
  *)
    echo "usage: ./dev.sh run | test | check" >&2
    exit 64
    ;;
esac
