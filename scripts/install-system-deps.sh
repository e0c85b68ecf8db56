#!/bin/sh
# Installs the Debian packages pathplanner needs outside Python:
#   graphviz  - the `dot` program that renders dependency graphs (HTML report, --format dot to SVG)
#   chromium  - headless browser used by the test that opens the HTML report
#   fonts-wqy-microhei - a Chinese font, so the report's screenshots show Chinese text
#   fonts-noto-cjk - the CJK font the PDF letter embeds (--format pdf), so it prints anywhere
#   poppler-utils - pdftotext, pdftoppm, pdffonts and pdfinfo, with which the tests read the PDF back
#   libpango-1.0-0, libpangoft2-1.0-0 - the text layout WeasyPrint draws the PDF letter with
# Only runs apt-get when something is missing and we are root; otherwise says what to do.
set -eu
missing=""
command -v dot >/dev/null 2>&1 || missing="$missing graphviz"
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing="$missing fonts-noto-cjk"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
if [ "${PATHPLANNER_SKIP_BROWSER:-0}" != "1" ]; then
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing="$missing fonts-wqy-microhei"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "missing system packages:$missing" >&2
  echo "install them with: sudo apt-get install$missing" >&2
  exit 1
fi
