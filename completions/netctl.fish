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
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man help" -f -a "validate" -d 'Check a topology file and report every problem with its line and column'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man help" -f -a "matrix" -d 'Show the service × network matrix (or service × service with --reach)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man help" -f -a "graph" -d 'Draw networks and services as a Mermaid or Graphviz graph'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man help" -f -a "schema" -d 'Print the JSON Schema of the topology format, for editors and CI'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c netctl -n "__fish_netctl_using_subcommand help; and not __fish_seen_subcommand_from validate matrix graph schema completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
