#!/usr/bin/env bash
# Installs Debian's `chromium` package, which the HTML timeline test drives headless to take a screenshot.
# Idempotent: does nothing when /usr/bin/chromium is already there. Needs root (or sudo) and apt.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
# With its recommended packages: fonts-liberation is one, and without a font the page renders no text.
$sudo apt-get install -y chromium
/usr/bin/chromium --version
