#!/usr/bin/env bash
# Regenerates completions/ and man/netctl.1 from the binary's own clap definition.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
bin() { cargo run --quiet -- "$@"; }
bin completions bash > completions/netctl.bash
bin completions zsh > completions/_netctl
bin completions fish > completions/netctl.fish
bin completions powershell > completions/_netctl.ps1
bin completions elvish > completions/netctl.elv
bin man > man/netctl.1
echo "completions/ and man/netctl.1 are up to date"
