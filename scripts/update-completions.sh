#!/usr/bin/env bash
# Regenerates completions/ and man/ (netctl.1 and a page per command) from the binary's own
# clap definition.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
bin() { cargo run --quiet -- "$@"; }
bin completions bash > completions/netctl.bash
bin completions zsh > completions/_netctl
bin completions fish > completions/netctl.fish
bin completions powershell > completions/_netctl.ps1
bin completions elvish > completions/netctl.elv
rm -f man/*.1
bin man --dir man
echo "completions/ and man/ are up to date"
