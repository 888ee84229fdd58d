# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_netctl_global_optspecs
    string join \n h/help V/version
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

complete -c netctl -n "__fish_netctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netctl -n "__fish_netctl_needs_command" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "validate" -d 'Check a topology file and report every problem with its line and column'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "matrix" -d 'Show the service × network matrix (or service × service with --reach)'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "graph" -d 'Draw networks and services as a Mermaid or Graphviz graph'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "schema" -d 'Print the JSON Schema of the topology format, for editors and CI'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "agent" -d 'The probe agent: the placeholder service, and its image\'s root filesystem'
complete -c netctl -n "__fish_netctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netctl -n "__fish_netctl_using_subcommand validate" -s f -l file -d 'Topology file (same as FILE)' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand validate" -s o -l output -r -f -a "text\t''
json\t''"
complete -c netctl -n "__fish_netctl_using_subcommand validate" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand validate" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s f -l file -d 'Topology file (same as FILE)' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s o -l output -r -f -a "table\t''
markdown\t''
json\t''
csv\t''"
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -l reach -d 'Service × service: the networks each pair shares (blank: they cannot talk)'
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand matrix" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand graph" -s f -l file -d 'Topology file (same as FILE)' -r -F
complete -c netctl -n "__fish_netctl_using_subcommand graph" -s o -l output -r -f -a "mermaid\t''
dot\t''
json\t''"
complete -c netctl -n "__fish_netctl_using_subcommand graph" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand graph" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand schema" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand schema" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand man" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand man" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe help" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe help" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe help" -f -a "serve" -d 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe help" -f -a "rootfs" -d 'Write the agent image\'s root filesystem to stdout as a tar, for `docker import`'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe help" -f -a "probe" -d 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and not __fish_seen_subcommand_from serve rootfs probe help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -l tcp -d 'Accept connections on PORT (repeatable)' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -l http -d 'Answer HTTP 200 on / and /health on PORT' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -l bind -d 'The address to listen on' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from rootfs" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from rootfs" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -l probes -d 'The probes, as the JSON array netctl sends' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -l timeout -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -l count -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -l deadline -d 'Exit after SECONDS whatever happens, so no sidecar outlives the netctl that started it' -r
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -s h -l help -d 'Print help'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from probe" -s V -l version -d 'Print version'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "rootfs" -d 'Write the agent image\'s root filesystem to stdout as a tar, for `docker import`'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "probe" -d 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)'
complete -c netctl -n "__fish_netctl_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man agent help" -f -a "validate" -d 'Check a topology file and report every problem with its line and column'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man agent help" -f -a "matrix" -d 'Show the service × network matrix (or service × service with --reach)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man agent help" -f -a "graph" -d 'Draw networks and services as a Mermaid or Graphviz graph'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man agent help" -f -a "schema" -d 'Print the JSON Schema of the topology format, for editors and CI'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man agent help" -f -a "completions" -d 'Print a shell completion script'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man agent help" -f -a "man" -d 'Print the man page (roff)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man agent help" -f -a "agent" -d 'The probe agent: the placeholder service, and its image\'s root filesystem'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man agent help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "serve" -d 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT'
complete -c netctl -n "__fish_netctl_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "rootfs" -d 'Write the agent image\'s root filesystem to stdout as a tar, for `docker import`'
complete -c netctl -n "__fish_netctl_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "probe" -d 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)'
