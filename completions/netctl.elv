
use builtin;
use str;

set edit:completion:arg-completer[netctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'netctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'netctl'= {
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Check a topology file and report every problem with its line and column'
            cand matrix 'Show the service × network matrix (or service × service with --reach)'
            cand graph 'Draw networks and services as a Mermaid or Graphviz graph'
            cand plan 'Show what apply would change on the daemon (exit 2 with --detailed-exitcode if anything)'
            cand apply 'Make the daemon''s networks and memberships match the file'
            cand destroy 'Disconnect the declared memberships and remove the networks this project owns'
            cand import 'Write a topology file from the daemon (`import live`) or from compose files'
            cand schema 'Print the JSON Schema of the topology format, for editors and CI'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff), or write one page per command with --dir'
            cand agent 'The probe agent: the placeholder service, and its image''s root filesystem'
            cand lint 'Lint compose files for network-safety mistakes (exit 2 on findings at --fail-on)'
            cand export 'Write the topology as a compose fragment or as Kubernetes NetworkPolicies'
            cand probe 'Probe from one service to another: DNS, ICMP, TCP to its ports, HTTP health (exit 2 if one fails)'
            cand verify 'Prove the whole topology: shared networks connect, the rest stays isolated (exit 2 if not)'
            cand demo 'Apply the Versatile Hub as a throwaway instance with placeholder services, verify it, clean up'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netctl;validate'= {
            cand -f 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand --file 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand -o 'o'
            cand --output 'output'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;matrix'= {
            cand -f 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand --file 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand -p 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]'
            cand --project-name 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]'
            cand --env-file 'Variables for the compose files'' `${...}` instead of the `.env` beside them'
            cand -H 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --host 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --context 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]'
            cand --api-timeout 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)'
            cand --project 'Project name: prefixes network and container names and the ownership labels'
            cand --subnet-remap 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)'
            cand --subnet-offset 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it'
            cand -o 'o'
            cand --output 'output'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand --reach 'Service × service: the networks each pair shares (blank: they cannot talk)'
            cand --live 'From the daemon: its own table without FILE, drift (ok/missing/extra/none) with FILE'
            cand --all 'With --live and no FILE: show the bridge, host and none networks too'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;graph'= {
            cand -f 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand --file 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand -o 'o'
            cand --output 'output'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;plan'= {
            cand -f 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand --file 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand -p 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]'
            cand --project-name 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]'
            cand --env-file 'Variables for the compose files'' `${...}` instead of the `.env` beside them'
            cand -H 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --host 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --context 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]'
            cand --api-timeout 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)'
            cand --project 'Project name: prefixes network and container names and the ownership labels'
            cand --subnet-remap 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)'
            cand --subnet-offset 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it'
            cand --out 'Save the plan; `netctl apply FILE` then reads it back and applies exactly it, or refuses if the daemon no longer offers what an action starts from'
            cand -o 'o'
            cand --output 'output'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand --prune 'Also disconnect undeclared containers from owned networks and remove owned networks the file no longer declares'
            cand --create-missing-external 'Create a missing external network (without ownership label) instead of blocking'
            cand --detailed-exitcode 'Exit 0 when there is nothing to change, 2 when there is, 1 on error or a blocked plan'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;apply'= {
            cand -f 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand --file 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand -H 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --host 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --context 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]'
            cand --api-timeout 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)'
            cand --project 'Project name: prefixes network and container names and the ownership labels'
            cand --subnet-remap 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)'
            cand --subnet-offset 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it'
            cand --lock-timeout 'How long to wait for another netctl working on the project before giving up, naming it (1s..10m)'
            cand -o 'o'
            cand --output 'output'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand --prune 'Also disconnect undeclared containers from owned networks and remove owned networks the file no longer declares'
            cand --create-missing-external 'Create a missing external network (without ownership label) instead of blocking'
            cand --allow-recreate 'Allow recreating networks whose settings changed (every endpoint is restored)'
            cand -y 'Do not ask before recreating or removing anything'
            cand --yes 'Do not ask before recreating or removing anything'
            cand --dry-run 'Show the plan and stop (an interrupted recreate is shown, not finished)'
            cand --abandon-journal 'Forget the journal of an interrupted recreate instead of finishing it (asks first unless --yes); the endpoints it still owes stay as they are'
            cand --watch 'Keep running: re-apply when containers are (re)started or memberships change'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;destroy'= {
            cand -f 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand --file 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand -H 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --host 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --context 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]'
            cand --api-timeout 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)'
            cand --project 'Project name: prefixes network and container names and the ownership labels'
            cand --subnet-remap 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)'
            cand --subnet-offset 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it'
            cand --lock-timeout 'How long to wait for another netctl working on the project before giving up, naming it (1s..10m)'
            cand -o 'o'
            cand --output 'output'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -y 'Do not ask first'
            cand --yes 'Do not ask first'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;import'= {
            cand --project 'Import this project''s networks (and its containers'' other networks, as external); without it every user-defined network is imported as external'
            cand -H 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --host 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --context 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]'
            cand --api-timeout 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand --live 'Read the live daemon (same as `netctl import live`)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand compose 'Compose files (or a directory), merged in order, to a topology on standard output'
            cand live 'The live daemon''s networks and memberships, to a topology on standard output'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netctl;import;compose'= {
            cand --project 'Project name [default: the compose `name:`, else the first file''s directory name]'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;import;live'= {
            cand --project 'Import this project''s networks (and its containers'' other networks, as external); without it every user-defined network is imported as external'
            cand -H 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --host 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --context 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]'
            cand --api-timeout 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;import;help'= {
            cand compose 'Compose files (or a directory), merged in order, to a topology on standard output'
            cand live 'The live daemon''s networks and memberships, to a topology on standard output'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netctl;import;help;compose'= {
        }
        &'netctl;import;help;live'= {
        }
        &'netctl;import;help;help'= {
        }
        &'netctl;schema'= {
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;completions'= {
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;man'= {
            cand --dir 'Write netctl.1 and a page per command (netctl-apply.1, netctl-import-compose.1, ...) into DIR instead of printing netctl.1'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;agent'= {
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT'
            cand rootfs 'Write the agent image''s root filesystem to stdout as a tar, for `docker import`'
            cand probe 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)'
            cand image 'Build (or refresh) the agent image on the daemon from this binary, tagged with netctl''s version'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netctl;agent;serve'= {
            cand --tcp 'Accept connections on PORT (repeatable)'
            cand --http 'Answer HTTP 200 on / and /health on PORT'
            cand --bind 'The address to listen on'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;agent;rootfs'= {
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;agent;probe'= {
            cand --probes 'The probes, as the JSON array netctl sends'
            cand --timeout 'timeout'
            cand --count 'count'
            cand --deadline 'Exit after SECONDS whatever happens, so no sidecar outlives the netctl that started it'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;agent;image'= {
            cand -H 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --host 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --context 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]'
            cand --api-timeout 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand --refresh 'Import it again even when the image already holds this binary'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;agent;help'= {
            cand serve 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT'
            cand rootfs 'Write the agent image''s root filesystem to stdout as a tar, for `docker import`'
            cand probe 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)'
            cand image 'Build (or refresh) the agent image on the daemon from this binary, tagged with netctl''s version'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netctl;agent;help;serve'= {
        }
        &'netctl;agent;help;rootfs'= {
        }
        &'netctl;agent;help;probe'= {
        }
        &'netctl;agent;help;image'= {
        }
        &'netctl;agent;help;help'= {
        }
        &'netctl;lint'= {
            cand --merge 'Lint these files as one project, merged in order like `docker compose -f a -f b` (it takes every file that follows it: put PATHs before it)'
            cand --glob 'Also lint the files this glob matches when walking a PATH folder (repeatable): on the file name at any depth without a `/` (`*.stack.yaml`), else on the path relative to the folder (`stacks/*.yml`; `**` crosses folders)'
            cand -o 'Output format: rustc-like text, JSON, SARIF 2.1.0, or GitHub workflow annotations'
            cand --output 'Output format: rustc-like text, JSON, SARIF 2.1.0, or GitHub workflow annotations'
            cand --fail-on 'Exit 2 when a finding is at least this severe'
            cand --config 'Lint config [default: .netctl-lint.yaml in the current directory, if present]'
            cand --topology 'Check that compose memberships match this topology file (rule NL014)'
            cand -H 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --host 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --context 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]'
            cand --api-timeout 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)'
            cand --explain 'Print what a rule (ID or name) checks, why, and how to fix it'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand --live 'Also check the daemon: external networks must exist there (rule NL016)'
            cand --list-rules 'List every rule with its ID, name and default severity'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;export'= {
            cand -f 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand --file 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand --to 'What to write'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;probe'= {
            cand -f 'Topology file [default: topology.yaml or netctl.yaml in the current directory; without one, FROM and TO are container names]'
            cand --file 'Topology file [default: topology.yaml or netctl.yaml in the current directory; without one, FROM and TO are container names]'
            cand --port 'Also check a TCP connection to PORT (repeatable)'
            cand --dns 'Also check that NAME resolves to TO (repeatable)'
            cand --http 'Also check that GET PATH on PORT answers 2xx or 3xx (repeatable)'
            cand --expect 'What every check must show [default: what the topology says of the pair (reachable when they share a network, isolated when not); reachable without a topology]'
            cand -p 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]'
            cand --project-name 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]'
            cand --env-file 'Variables for the compose files'' `${...}` instead of the `.env` beside them'
            cand --count 'Tries per check; above one, latency is reported as min / p50 / p95 / p99'
            cand --timeout 'Bound on each try, e.g. 500ms or 2s; isolation checks often wait all of it'
            cand --strategy 'How to get into the source container''s network'
            cand --concurrency 'Probes (sockets) in flight at most [default: what the open-file limit allows, up to 16384]'
            cand --replicas 'Which replicas of a scaled Compose service probe and are probed: every one (up to 16 per service, noted past it) or the first'
            cand -H 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --host 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --context 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]'
            cand --api-timeout 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)'
            cand --project 'Project name: prefixes network and container names and the ownership labels'
            cand --subnet-remap 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)'
            cand --subnet-offset 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it'
            cand -o 'o'
            cand --output 'output'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;verify'= {
            cand -f 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand --file 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`'
            cand -p 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]'
            cand --project-name 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]'
            cand --env-file 'Variables for the compose files'' `${...}` instead of the `.env` beside them'
            cand --count 'Tries per check; above one, latency is reported as min / p50 / p95 / p99'
            cand --timeout 'Bound on each try, e.g. 500ms or 2s; isolation checks often wait all of it'
            cand --strategy 'How to get into the source container''s network'
            cand --concurrency 'Probes (sockets) in flight at most [default: what the open-file limit allows, up to 16384]'
            cand --replicas 'Which replicas of a scaled Compose service probe and are probed: every one (up to 16 per service, noted past it) or the first'
            cand -H 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --host 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --context 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]'
            cand --api-timeout 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)'
            cand --project 'Project name: prefixes network and container names and the ownership labels'
            cand --subnet-remap 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)'
            cand --subnet-offset 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it'
            cand -o 'o'
            cand --output 'output'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;demo'= {
            cand -H 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --host 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]'
            cand --context 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]'
            cand --api-timeout 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)'
            cand --count 'Tries per check; above one, latency is reported as min / p50 / p95 / p99'
            cand --timeout 'Bound on each try, e.g. 500ms or 2s; isolation checks often wait all of it'
            cand --strategy 'How to get into the source container''s network'
            cand --concurrency 'Probes (sockets) in flight at most [default: what the open-file limit allows, up to 16384]'
            cand --replicas 'Which replicas of a scaled Compose service probe and are probed: every one (up to 16 per service, noted past it) or the first'
            cand -o 'o'
            cand --output 'output'
            cand --color 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)'
            cand --keep 'Leave the demo''s containers and networks running (it prints how to remove them)'
            cand --clean 'Also remove the agent image at the end'
            cand -q 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand --quiet 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
            cand -v 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand --verbose 'Print every check as a row (probe, verify, demo) besides the verdict'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;help'= {
            cand validate 'Check a topology file and report every problem with its line and column'
            cand matrix 'Show the service × network matrix (or service × service with --reach)'
            cand graph 'Draw networks and services as a Mermaid or Graphviz graph'
            cand plan 'Show what apply would change on the daemon (exit 2 with --detailed-exitcode if anything)'
            cand apply 'Make the daemon''s networks and memberships match the file'
            cand destroy 'Disconnect the declared memberships and remove the networks this project owns'
            cand import 'Write a topology file from the daemon (`import live`) or from compose files'
            cand schema 'Print the JSON Schema of the topology format, for editors and CI'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff), or write one page per command with --dir'
            cand agent 'The probe agent: the placeholder service, and its image''s root filesystem'
            cand lint 'Lint compose files for network-safety mistakes (exit 2 on findings at --fail-on)'
            cand export 'Write the topology as a compose fragment or as Kubernetes NetworkPolicies'
            cand probe 'Probe from one service to another: DNS, ICMP, TCP to its ports, HTTP health (exit 2 if one fails)'
            cand verify 'Prove the whole topology: shared networks connect, the rest stays isolated (exit 2 if not)'
            cand demo 'Apply the Versatile Hub as a throwaway instance with placeholder services, verify it, clean up'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netctl;help;validate'= {
        }
        &'netctl;help;matrix'= {
        }
        &'netctl;help;graph'= {
        }
        &'netctl;help;plan'= {
        }
        &'netctl;help;apply'= {
        }
        &'netctl;help;destroy'= {
        }
        &'netctl;help;import'= {
            cand compose 'Compose files (or a directory), merged in order, to a topology on standard output'
            cand live 'The live daemon''s networks and memberships, to a topology on standard output'
        }
        &'netctl;help;import;compose'= {
        }
        &'netctl;help;import;live'= {
        }
        &'netctl;help;schema'= {
        }
        &'netctl;help;completions'= {
        }
        &'netctl;help;man'= {
        }
        &'netctl;help;agent'= {
            cand serve 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT'
            cand rootfs 'Write the agent image''s root filesystem to stdout as a tar, for `docker import`'
            cand probe 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)'
            cand image 'Build (or refresh) the agent image on the daemon from this binary, tagged with netctl''s version'
        }
        &'netctl;help;agent;serve'= {
        }
        &'netctl;help;agent;rootfs'= {
        }
        &'netctl;help;agent;probe'= {
        }
        &'netctl;help;agent;image'= {
        }
        &'netctl;help;lint'= {
        }
        &'netctl;help;export'= {
        }
        &'netctl;help;probe'= {
        }
        &'netctl;help;verify'= {
        }
        &'netctl;help;demo'= {
        }
        &'netctl;help;help'= {
        }
    ]
    $completions[$command]
}
