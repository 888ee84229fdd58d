
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
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Check a topology file and report every problem with its line and column'
            cand matrix 'Show the service × network matrix (or service × service with --reach)'
            cand graph 'Draw networks and services as a Mermaid or Graphviz graph'
            cand schema 'Print the JSON Schema of the topology format, for editors and CI'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand agent 'The probe agent: the placeholder service, and its image''s root filesystem'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netctl;validate'= {
            cand -f 'Topology file (same as FILE)'
            cand --file 'Topology file (same as FILE)'
            cand -o 'o'
            cand --output 'output'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;matrix'= {
            cand -f 'Topology file (same as FILE)'
            cand --file 'Topology file (same as FILE)'
            cand -o 'o'
            cand --output 'output'
            cand --reach 'Service × service: the networks each pair shares (blank: they cannot talk)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;graph'= {
            cand -f 'Topology file (same as FILE)'
            cand --file 'Topology file (same as FILE)'
            cand -o 'o'
            cand --output 'output'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;schema'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;man'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;agent'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT'
            cand rootfs 'Write the agent image''s root filesystem to stdout as a tar, for `docker import`'
            cand probe 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netctl;agent;serve'= {
            cand --tcp 'Accept connections on PORT (repeatable)'
            cand --http 'Answer HTTP 200 on / and /health on PORT'
            cand --bind 'The address to listen on'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;agent;rootfs'= {
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
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netctl;agent;help'= {
            cand serve 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT'
            cand rootfs 'Write the agent image''s root filesystem to stdout as a tar, for `docker import`'
            cand probe 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netctl;agent;help;serve'= {
        }
        &'netctl;agent;help;rootfs'= {
        }
        &'netctl;agent;help;probe'= {
        }
        &'netctl;agent;help;help'= {
        }
        &'netctl;help'= {
            cand validate 'Check a topology file and report every problem with its line and column'
            cand matrix 'Show the service × network matrix (or service × service with --reach)'
            cand graph 'Draw networks and services as a Mermaid or Graphviz graph'
            cand schema 'Print the JSON Schema of the topology format, for editors and CI'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand agent 'The probe agent: the placeholder service, and its image''s root filesystem'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netctl;help;validate'= {
        }
        &'netctl;help;matrix'= {
        }
        &'netctl;help;graph'= {
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
        }
        &'netctl;help;agent;serve'= {
        }
        &'netctl;help;agent;rootfs'= {
        }
        &'netctl;help;agent;probe'= {
        }
        &'netctl;help;help'= {
        }
    ]
    $completions[$command]
}
