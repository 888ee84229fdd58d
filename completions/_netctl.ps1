
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'netctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'netctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'netctl' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a topology file and report every problem with its line and column')
            [CompletionResult]::new('matrix', 'matrix', [CompletionResultType]::ParameterValue, 'Show the service × network matrix (or service × service with --reach)')
            [CompletionResult]::new('graph', 'graph', [CompletionResultType]::ParameterValue, 'Draw networks and services as a Mermaid or Graphviz graph')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the topology format, for editors and CI')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'The probe agent: the placeholder service, and its image''s root filesystem')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netctl;validate' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file (same as FILE)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file (same as FILE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;matrix' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file (same as FILE)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file (same as FILE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('--reach', '--reach', [CompletionResultType]::ParameterName, 'Service × service: the networks each pair shares (blank: they cannot talk)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;graph' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file (same as FILE)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file (same as FILE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;schema' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;man' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;agent' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT')
            [CompletionResult]::new('rootfs', 'rootfs', [CompletionResultType]::ParameterValue, 'Write the agent image''s root filesystem to stdout as a tar, for `docker import`')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netctl;agent;serve' {
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Accept connections on PORT (repeatable)')
            [CompletionResult]::new('--http', '--http', [CompletionResultType]::ParameterName, 'Answer HTTP 200 on / and /health on PORT')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'The address to listen on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;agent;rootfs' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;agent;probe' {
            [CompletionResult]::new('--probes', '--probes', [CompletionResultType]::ParameterName, 'The probes, as the JSON array netctl sends')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'timeout')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'count')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Exit after SECONDS whatever happens, so no sidecar outlives the netctl that started it')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;agent;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT')
            [CompletionResult]::new('rootfs', 'rootfs', [CompletionResultType]::ParameterValue, 'Write the agent image''s root filesystem to stdout as a tar, for `docker import`')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netctl;agent;help;serve' {
            break
        }
        'netctl;agent;help;rootfs' {
            break
        }
        'netctl;agent;help;probe' {
            break
        }
        'netctl;agent;help;help' {
            break
        }
        'netctl;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a topology file and report every problem with its line and column')
            [CompletionResult]::new('matrix', 'matrix', [CompletionResultType]::ParameterValue, 'Show the service × network matrix (or service × service with --reach)')
            [CompletionResult]::new('graph', 'graph', [CompletionResultType]::ParameterValue, 'Draw networks and services as a Mermaid or Graphviz graph')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the topology format, for editors and CI')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'The probe agent: the placeholder service, and its image''s root filesystem')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netctl;help;validate' {
            break
        }
        'netctl;help;matrix' {
            break
        }
        'netctl;help;graph' {
            break
        }
        'netctl;help;schema' {
            break
        }
        'netctl;help;completions' {
            break
        }
        'netctl;help;man' {
            break
        }
        'netctl;help;agent' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT')
            [CompletionResult]::new('rootfs', 'rootfs', [CompletionResultType]::ParameterValue, 'Write the agent image''s root filesystem to stdout as a tar, for `docker import`')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)')
            break
        }
        'netctl;help;agent;serve' {
            break
        }
        'netctl;help;agent;rootfs' {
            break
        }
        'netctl;help;agent;probe' {
            break
        }
        'netctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
