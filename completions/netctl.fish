# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_netctl_global_optspecs
    string join \n q/quiet v/verbose color= h/help V/version
end

function __fish_netctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_netctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_netctl_using_subcommand
    set -l cmd (__fish_netctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c netctl -n "__fish_netctl_needs_command" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_needs_command" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_needs_command" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netctl -n "__fish_netctl_needs_command" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "validate" -d 'Check a topology file and report every problem with its line and column'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "matrix" -d 'Show the service × network matrix (or service × service with --reach)'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "graph" -d 'Draw networks and services as a Mermaid or Graphviz graph'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "plan" -d 'Show what apply would change on the daemon (exit 2 with --detailed-exitcode if anything)'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "apply" -d 'Make the daemon\'s networks and memberships match the file'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "destroy" -d 'Disconnect the declared memberships and remove the networks this project owns'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "import" -d 'Write a topology file from the daemon (`import live`) or from compose files'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "schema" -d 'Print the JSON Schema of the topology format, for editors and CI'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "man" -d 'Print the man page (roff), or write one page per command with --dir'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "agent" -d 'The probe agent: the placeholder service, and its image\'s root filesystem'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "lint" -d 'Lint compose files for network-safety mistakes (exit 2 on findings at --fail-on)'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "export" -d 'Write the topology as a compose fragment or as Kubernetes NetworkPolicies'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "probe" -d 'Probe from one service to another: DNS, ICMP, TCP to its ports, HTTP health (exit 2 if one fails)'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "verify" -d 'Prove the whole topology: shared networks connect, the rest stays isolated (exit 2 if not)'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "demo" -d 'Apply the Versatile Hub as a throwaway instance with placeholder services, verify it, clean up'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netctl -n "__fish_netctl_using_subcommand validate" -s f -l file -d 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand validate" -s o -l output -r -f -a "text\t''
json\t''"
complete -c netctl -n "__fish_netctl_using_subcommand validate" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand validate" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand validate" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand validate" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand validate" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s f -l file -d 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s p -l project-name -d 'The Compose project: its containers are found by Compose\'s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file\'s `name:`, else its directory\'s name]' -r
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -l env-file -d 'Variables for the compose files\' `${...}` instead of the `.env` beside them' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s H -l host -d 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]' -r
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -l context -d 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]' -r
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -l api-timeout -d 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -l project -d 'Project name: prefixes network and container names and the ownership labels' -r
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -l subnet-remap -d 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)' -r
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -l subnet-offset -d 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it' -r
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s o -l output -r -f -a "table\t''
markdown\t''
json\t''
csv\t''"
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -l reach -d 'Service × service: the networks each pair shares (blank: they cannot talk)'
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -l live -d 'From the daemon: its own table without FILE, drift (ok/missing/extra/none) with FILE'
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -l all -d 'With --live and no FILE: show the bridge, host and none networks too'
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand graph" -s f -l file -d 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand graph" -s o -l output -r -f -a "mermaid\t''
dot\t''
json\t''"
complete -c netctl -n "__fish_netctl_using_subcommand graph" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand graph" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand graph" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand graph" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand graph" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand plan" -s f -l file -d 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand plan" -s p -l project-name -d 'The Compose project: its containers are found by Compose\'s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file\'s `name:`, else its directory\'s name]' -r
complete -c netctl -n "__fish_netctl_using_subcommand plan" -l env-file -d 'Variables for the compose files\' `${...}` instead of the `.env` beside them' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand plan" -s H -l host -d 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]' -r
complete -c netctl -n "__fish_netctl_using_subcommand plan" -l context -d 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]' -r
complete -c netctl -n "__fish_netctl_using_subcommand plan" -l api-timeout -d 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand plan" -l project -d 'Project name: prefixes network and container names and the ownership labels' -r
complete -c netctl -n "__fish_netctl_using_subcommand plan" -l subnet-remap -d 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)' -r
complete -c netctl -n "__fish_netctl_using_subcommand plan" -l subnet-offset -d 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it' -r
complete -c netctl -n "__fish_netctl_using_subcommand plan" -l out -d 'Save the plan; `netctl apply FILE` then reads it back and applies exactly it, or refuses if the daemon no longer offers what an action starts from' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand plan" -s o -l output -r -f -a "text\t''
json\t''"
complete -c netctl -n "__fish_netctl_using_subcommand plan" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand plan" -l prune -d 'Also disconnect undeclared containers from owned networks and remove owned networks the file no longer declares'
complete -c netctl -n "__fish_netctl_using_subcommand plan" -l create-missing-external -d 'Create a missing external network (without ownership label) instead of blocking'
complete -c netctl -n "__fish_netctl_using_subcommand plan" -l detailed-exitcode -d 'Exit 0 when there is nothing to change, 2 when there is, 1 on error or a blocked plan'
complete -c netctl -n "__fish_netctl_using_subcommand plan" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand plan" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand plan" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand plan" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand apply" -s f -l file -d 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand apply" -s H -l host -d 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]' -r
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l context -d 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]' -r
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l api-timeout -d 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l project -d 'Project name: prefixes network and container names and the ownership labels' -r
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l subnet-remap -d 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)' -r
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l subnet-offset -d 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it' -r
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l lock-timeout -d 'How long to wait for another netctl working on the project before giving up, naming it (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand apply" -s o -l output -r -f -a "text\t''
json\t''"
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l prune -d 'Also disconnect undeclared containers from owned networks and remove owned networks the file no longer declares'
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l create-missing-external -d 'Create a missing external network (without ownership label) instead of blocking'
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l allow-recreate -d 'Allow recreating networks whose settings changed (every endpoint is restored)'
complete -c netctl -n "__fish_netctl_using_subcommand apply" -s y -l yes -d 'Do not ask before recreating or removing anything'
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l dry-run -d 'Show the plan and stop (an interrupted recreate is shown, not finished)'
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l abandon-journal -d 'Forget the journal of an interrupted recreate instead of finishing it (asks first unless --yes); the endpoints it still owes stay as they are'
complete -c netctl -n "__fish_netctl_using_subcommand apply" -l watch -d 'Keep running: re-apply when containers are (re)started or memberships change'
complete -c netctl -n "__fish_netctl_using_subcommand apply" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand apply" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand apply" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand apply" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -s f -l file -d 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -s H -l host -d 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]' -r
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -l context -d 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]' -r
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -l api-timeout -d 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -l project -d 'Project name: prefixes network and container names and the ownership labels' -r
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -l subnet-remap -d 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)' -r
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -l subnet-offset -d 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it' -r
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -l lock-timeout -d 'How long to wait for another netctl working on the project before giving up, naming it (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -s o -l output -r -f -a "text\t''
json\t''"
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -s y -l yes -d 'Do not ask first'
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand destroy" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -l project -d 'Import this project\'s networks (and its containers\' other networks, as external); without it every user-defined network is imported as external' -r
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -s H -l host -d 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]' -r
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -l context -d 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]' -r
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -l api-timeout -d 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -l live -d 'Read the live daemon (same as `netctl import live`)'
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -f -a "compose" -d 'Compose files (or a directory), merged in order, to a topology on standard output'
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -f -a "live" -d 'The live daemon\'s networks and memberships, to a topology on standard output'
complete -c netctl -n "__fish_netctl_using_subcommand import; and not __fish_seen_subcommand_from compose live help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from compose" -l project -d 'Project name [default: the compose `name:`, else the first file\'s directory name]' -r
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from compose" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from compose" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from compose" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from compose" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from compose" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from live" -l project -d 'Import this project\'s networks (and its containers\' other networks, as external); without it every user-defined network is imported as external' -r
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from live" -s H -l host -d 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]' -r
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from live" -l context -d 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]' -r
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from live" -l api-timeout -d 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from live" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from live" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from live" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from live" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from live" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "compose" -d 'Compose files (or a directory), merged in order, to a topology on standard output'
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "live" -d 'The live daemon\'s networks and memberships, to a topology on standard output'
complete -c netctl -n "__fish_netctl_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netctl -n "__fish_netctl_using_subcommand schema" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand schema" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand schema" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand schema" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand schema" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand completions" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand completions" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand completions" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand man" -l dir -d 'Write netctl.1 and a page per command (netctl-apply.1, netctl-import-compose.1, ...) into DIR instead of printing netctl.1' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand man" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand man" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand man" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand man" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand man" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe image help" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe image help" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe image help" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe image help" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe image help" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe image help" -f -a "serve" -d 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe image help" -f -a "rootfs" -d 'Write the agent image\'s root filesystem to stdout as a tar, for `docker import`'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe image help" -f -a "probe" -d 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe image help" -f -a "image" -d 'Build (or refresh) the agent image on the daemon from this binary, tagged with netctl\'s version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe image help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -l tcp -d 'Accept connections on PORT (repeatable)' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -l http -d 'Answer HTTP 200 on / and /health on PORT' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -l bind -d 'The address to listen on' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from rootfs" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from rootfs" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from rootfs" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from rootfs" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from rootfs" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -l probes -d 'The probes, as the JSON array netctl sends' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -l timeout -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -l count -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -l deadline -d 'Exit after SECONDS whatever happens, so no sidecar outlives the netctl that started it' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from image" -s H -l host -d 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from image" -l context -d 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from image" -l api-timeout -d 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from image" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from image" -l refresh -d 'Import it again even when the image already holds this binary'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from image" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from image" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from image" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from image" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "rootfs" -d 'Write the agent image\'s root filesystem to stdout as a tar, for `docker import`'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "probe" -d 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "image" -d 'Build (or refresh) the agent image on the daemon from this binary, tagged with netctl\'s version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netctl -n "__fish_netctl_using_subcommand lint" -l merge -d 'Lint these files as one project, merged in order like `docker compose -f a -f b` (it takes every file that follows it: put PATHs before it)' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand lint" -l glob -d 'Also lint the files this glob matches when walking a PATH folder (repeatable): on the file name at any depth without a `/` (`*.stack.yaml`), else on the path relative to the folder (`stacks/*.yml`; `**` crosses folders)' -r
complete -c netctl -n "__fish_netctl_using_subcommand lint" -s o -l output -d 'Output format: rustc-like text, JSON, SARIF 2.1.0, or GitHub workflow annotations' -r -f -a "text\t''
json\t''
sarif\t''
github\t''"
complete -c netctl -n "__fish_netctl_using_subcommand lint" -l fail-on -d 'Exit 2 when a finding is at least this severe' -r -f -a "error\t''
warning\t''
info\t''
never\t'Always exit 0 when every file was read'"
complete -c netctl -n "__fish_netctl_using_subcommand lint" -l config -d 'Lint config [default: .netctl-lint.yaml in the current directory, if present]' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand lint" -l topology -d 'Check that compose memberships match this topology file (rule NL014)' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand lint" -s H -l host -d 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]' -r
complete -c netctl -n "__fish_netctl_using_subcommand lint" -l context -d 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]' -r
complete -c netctl -n "__fish_netctl_using_subcommand lint" -l api-timeout -d 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand lint" -l explain -d 'Print what a rule (ID or name) checks, why, and how to fix it' -r
complete -c netctl -n "__fish_netctl_using_subcommand lint" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand lint" -l live -d 'Also check the daemon: external networks must exist there (rule NL016)'
complete -c netctl -n "__fish_netctl_using_subcommand lint" -l list-rules -d 'List every rule with its ID, name and default severity'
complete -c netctl -n "__fish_netctl_using_subcommand lint" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand lint" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netctl -n "__fish_netctl_using_subcommand lint" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand export" -s f -l file -d 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand export" -l to -d 'What to write' -r -f -a "compose\t'A compose fragment: top-level networks and each service\'s networks'
k8s\t'Kubernetes NetworkPolicies, one per service'"
complete -c netctl -n "__fish_netctl_using_subcommand export" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand export" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand export" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netctl -n "__fish_netctl_using_subcommand export" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand probe" -s f -l file -d 'Topology file [default: topology.yaml or netctl.yaml in the current directory; without one, FROM and TO are container names]' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l port -d 'Also check a TCP connection to PORT (repeatable)' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l dns -d 'Also check that NAME resolves to TO (repeatable)' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l http -d 'Also check that GET PATH on PORT answers 2xx or 3xx (repeatable)' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l expect -d 'What every check must show [default: what the topology says of the pair (reachable when they share a network, isolated when not); reachable without a topology]' -r -f -a "reachable\t'Every check must get through'
isolated\t'No check may reach the target (no name resolves to it, no packet gets there)'"
complete -c netctl -n "__fish_netctl_using_subcommand probe" -s p -l project-name -d 'The Compose project: its containers are found by Compose\'s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file\'s `name:`, else its directory\'s name]' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l env-file -d 'Variables for the compose files\' `${...}` instead of the `.env` beside them' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l count -d 'Tries per check; above one, latency is reported as min / p50 / p95 / p99' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l timeout -d 'Bound on each try, e.g. 500ms or 2s; isolation checks often wait all of it' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l strategy -d 'How to get into the source container\'s network' -r -f -a "auto\t'netns when netctl may enter namespaces on the daemon\'s host, else sidecar, else exec'
netns\t'Enter /proc/PID/ns/net from the host: no container, milliseconds a check'
sidecar\t'A short-lived agent container sharing the source\'s network namespace'
exec\t'`docker exec` in the source with its own tools (ping, nc, nslookup)'"
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l concurrency -d 'Probes (sockets) in flight at most [default: what the open-file limit allows, up to 16384]' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l replicas -d 'Which replicas of a scaled Compose service probe and are probed: every one (up to 16 per service, noted past it) or the first' -r -f -a "all\t''
one\t''"
complete -c netctl -n "__fish_netctl_using_subcommand probe" -s H -l host -d 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l context -d 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l api-timeout -d 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l project -d 'Project name: prefixes network and container names and the ownership labels' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l subnet-remap -d 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l subnet-offset -d 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it' -r
complete -c netctl -n "__fish_netctl_using_subcommand probe" -s o -l output -r -f -a "table\t''
json\t''
junit\t''"
complete -c netctl -n "__fish_netctl_using_subcommand probe" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand probe" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand probe" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand probe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netctl -n "__fish_netctl_using_subcommand probe" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand verify" -s f -l file -d 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand verify" -s p -l project-name -d 'The Compose project: its containers are found by Compose\'s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file\'s `name:`, else its directory\'s name]' -r
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l env-file -d 'Variables for the compose files\' `${...}` instead of the `.env` beside them' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l count -d 'Tries per check; above one, latency is reported as min / p50 / p95 / p99' -r
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l timeout -d 'Bound on each try, e.g. 500ms or 2s; isolation checks often wait all of it' -r
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l strategy -d 'How to get into the source container\'s network' -r -f -a "auto\t'netns when netctl may enter namespaces on the daemon\'s host, else sidecar, else exec'
netns\t'Enter /proc/PID/ns/net from the host: no container, milliseconds a check'
sidecar\t'A short-lived agent container sharing the source\'s network namespace'
exec\t'`docker exec` in the source with its own tools (ping, nc, nslookup)'"
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l concurrency -d 'Probes (sockets) in flight at most [default: what the open-file limit allows, up to 16384]' -r
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l replicas -d 'Which replicas of a scaled Compose service probe and are probed: every one (up to 16 per service, noted past it) or the first' -r -f -a "all\t''
one\t''"
complete -c netctl -n "__fish_netctl_using_subcommand verify" -s H -l host -d 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]' -r
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l context -d 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]' -r
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l api-timeout -d 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l project -d 'Project name: prefixes network and container names and the ownership labels' -r
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l subnet-remap -d 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)' -r
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l subnet-offset -d 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it' -r
complete -c netctl -n "__fish_netctl_using_subcommand verify" -s o -l output -r -f -a "table\t''
json\t''
junit\t''"
complete -c netctl -n "__fish_netctl_using_subcommand verify" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand verify" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand verify" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netctl -n "__fish_netctl_using_subcommand verify" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand demo" -s H -l host -d 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]' -r
complete -c netctl -n "__fish_netctl_using_subcommand demo" -l context -d 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]' -r
complete -c netctl -n "__fish_netctl_using_subcommand demo" -l api-timeout -d 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)' -r
complete -c netctl -n "__fish_netctl_using_subcommand demo" -l count -d 'Tries per check; above one, latency is reported as min / p50 / p95 / p99' -r
complete -c netctl -n "__fish_netctl_using_subcommand demo" -l timeout -d 'Bound on each try, e.g. 500ms or 2s; isolation checks often wait all of it' -r
complete -c netctl -n "__fish_netctl_using_subcommand demo" -l strategy -d 'How to get into the source container\'s network' -r -f -a "auto\t'netns when netctl may enter namespaces on the daemon\'s host, else sidecar, else exec'
netns\t'Enter /proc/PID/ns/net from the host: no container, milliseconds a check'
sidecar\t'A short-lived agent container sharing the source\'s network namespace'
exec\t'`docker exec` in the source with its own tools (ping, nc, nslookup)'"
complete -c netctl -n "__fish_netctl_using_subcommand demo" -l concurrency -d 'Probes (sockets) in flight at most [default: what the open-file limit allows, up to 16384]' -r
complete -c netctl -n "__fish_netctl_using_subcommand demo" -l replicas -d 'Which replicas of a scaled Compose service probe and are probed: every one (up to 16 per service, noted past it) or the first' -r -f -a "all\t''
one\t''"
complete -c netctl -n "__fish_netctl_using_subcommand demo" -s o -l output -r -f -a "table\t''
json\t''
junit\t''"
complete -c netctl -n "__fish_netctl_using_subcommand demo" -l color -d 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netctl -n "__fish_netctl_using_subcommand demo" -l keep -d 'Leave the demo\'s containers and networks running (it prints how to remove them)'
complete -c netctl -n "__fish_netctl_using_subcommand demo" -l clean -d 'Also remove the agent image at the end'
complete -c netctl -n "__fish_netctl_using_subcommand demo" -s q -l quiet -d 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints'
complete -c netctl -n "__fish_netctl_using_subcommand demo" -s v -l verbose -d 'Print every check as a row (probe, verify, demo) besides the verdict'
complete -c netctl -n "__fish_netctl_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netctl -n "__fish_netctl_using_subcommand demo" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "validate" -d 'Check a topology file and report every problem with its line and column'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "matrix" -d 'Show the service × network matrix (or service × service with --reach)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "graph" -d 'Draw networks and services as a Mermaid or Graphviz graph'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "plan" -d 'Show what apply would change on the daemon (exit 2 with --detailed-exitcode if anything)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "apply" -d 'Make the daemon\'s networks and memberships match the file'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "destroy" -d 'Disconnect the declared memberships and remove the networks this project owns'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "import" -d 'Write a topology file from the daemon (`import live`) or from compose files'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "schema" -d 'Print the JSON Schema of the topology format, for editors and CI'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "completions" -d 'Print a shell completion script'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "man" -d 'Print the man page (roff), or write one page per command with --dir'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "agent" -d 'The probe agent: the placeholder service, and its image\'s root filesystem'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "lint" -d 'Lint compose files for network-safety mistakes (exit 2 on findings at --fail-on)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "export" -d 'Write the topology as a compose fragment or as Kubernetes NetworkPolicies'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "probe" -d 'Probe from one service to another: DNS, ICMP, TCP to its ports, HTTP health (exit 2 if one fails)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "verify" -d 'Prove the whole topology: shared networks connect, the rest stays isolated (exit 2 if not)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "demo" -d 'Apply the Versatile Hub as a throwaway instance with placeholder services, verify it, clean up'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph plan apply destroy import schema completions man agent lint export probe verify demo help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "compose" -d 'Compose files (or a directory), merged in order, to a topology on standard output'
complete -c netctl -n "__fish_netctl_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "live" -d 'The live daemon\'s networks and memberships, to a topology on standard output'
complete -c netctl -n "__fish_netctl_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "serve" -d 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT'
complete -c netctl -n "__fish_netctl_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "rootfs" -d 'Write the agent image\'s root filesystem to stdout as a tar, for `docker import`'
complete -c netctl -n "__fish_netctl_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "probe" -d 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "image" -d 'Build (or refresh) the agent image on the daemon from this binary, tagged with netctl\'s version'
