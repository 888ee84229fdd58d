
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
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a topology file and report every problem with its line and column')
            [CompletionResult]::new('matrix', 'matrix', [CompletionResultType]::ParameterValue, 'Show the service × network matrix (or service × service with --reach)')
            [CompletionResult]::new('graph', 'graph', [CompletionResultType]::ParameterValue, 'Draw networks and services as a Mermaid or Graphviz graph')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what apply would change on the daemon (exit 2 with --detailed-exitcode if anything)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the daemon''s networks and memberships match the file')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Disconnect the declared memberships and remove the networks this project owns')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Write a topology file from the daemon (`import live`) or from compose files')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the topology format, for editors and CI')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one page per command with --dir')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'The probe agent: the placeholder service, and its image''s root filesystem')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Lint compose files for network-safety mistakes (exit 2 on findings at --fail-on)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the topology as a compose fragment or as Kubernetes NetworkPolicies')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Probe from one service to another: DNS, ICMP, TCP to its ports, HTTP health (exit 2 if one fails)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Prove the whole topology: shared networks connect, the rest stays isolated (exit 2 if not)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Apply the Versatile Hub as a throwaway instance with placeholder services, verify it, clean up')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netctl;validate' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;matrix' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]')
            [CompletionResult]::new('--project-name', '--project-name', [CompletionResultType]::ParameterName, 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Variables for the compose files'' `${...}` instead of the `.env` beside them')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project name: prefixes network and container names and the ownership labels')
            [CompletionResult]::new('--subnet-remap', '--subnet-remap', [CompletionResultType]::ParameterName, 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)')
            [CompletionResult]::new('--subnet-offset', '--subnet-offset', [CompletionResultType]::ParameterName, 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('--reach', '--reach', [CompletionResultType]::ParameterName, 'Service × service: the networks each pair shares (blank: they cannot talk)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'From the daemon: its own table without FILE, drift (ok/missing/extra/none) with FILE')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'With --live and no FILE: show the bridge, host and none networks too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;graph' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;plan' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]')
            [CompletionResult]::new('--project-name', '--project-name', [CompletionResultType]::ParameterName, 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Variables for the compose files'' `${...}` instead of the `.env` beside them')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project name: prefixes network and container names and the ownership labels')
            [CompletionResult]::new('--subnet-remap', '--subnet-remap', [CompletionResultType]::ParameterName, 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)')
            [CompletionResult]::new('--subnet-offset', '--subnet-offset', [CompletionResultType]::ParameterName, 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Save the plan; `netctl apply FILE` then reads it back and applies exactly it, or refuses if the daemon no longer offers what an action starts from')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also disconnect undeclared containers from owned networks and remove owned networks the file no longer declares')
            [CompletionResult]::new('--create-missing-external', '--create-missing-external', [CompletionResultType]::ParameterName, 'Create a missing external network (without ownership label) instead of blocking')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'Exit 0 when there is nothing to change, 2 when there is, 1 on error or a blocked plan')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;apply' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project name: prefixes network and container names and the ownership labels')
            [CompletionResult]::new('--subnet-remap', '--subnet-remap', [CompletionResultType]::ParameterName, 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)')
            [CompletionResult]::new('--subnet-offset', '--subnet-offset', [CompletionResultType]::ParameterName, 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another netctl working on the project before giving up, naming it (1s..10m)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also disconnect undeclared containers from owned networks and remove owned networks the file no longer declares')
            [CompletionResult]::new('--create-missing-external', '--create-missing-external', [CompletionResultType]::ParameterName, 'Create a missing external network (without ownership label) instead of blocking')
            [CompletionResult]::new('--allow-recreate', '--allow-recreate', [CompletionResultType]::ParameterName, 'Allow recreating networks whose settings changed (every endpoint is restored)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before recreating or removing anything')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before recreating or removing anything')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and stop (an interrupted recreate is shown, not finished)')
            [CompletionResult]::new('--abandon-journal', '--abandon-journal', [CompletionResultType]::ParameterName, 'Forget the journal of an interrupted recreate instead of finishing it (asks first unless --yes); the endpoints it still owes stay as they are')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep running: re-apply when containers are (re)started or memberships change')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;destroy' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project name: prefixes network and container names and the ownership labels')
            [CompletionResult]::new('--subnet-remap', '--subnet-remap', [CompletionResultType]::ParameterName, 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)')
            [CompletionResult]::new('--subnet-offset', '--subnet-offset', [CompletionResultType]::ParameterName, 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another netctl working on the project before giving up, naming it (1s..10m)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask first')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask first')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;import' {
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Import this project''s networks (and its containers'' other networks, as external); without it every user-defined network is imported as external')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Read the live daemon (same as `netctl import live`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('compose', 'compose', [CompletionResultType]::ParameterValue, 'Compose files (or a directory), merged in order, to a topology on standard output')
            [CompletionResult]::new('live', 'live', [CompletionResultType]::ParameterValue, 'The live daemon''s networks and memberships, to a topology on standard output')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netctl;import;compose' {
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project name [default: the compose `name:`, else the first file''s directory name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;import;live' {
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Import this project''s networks (and its containers'' other networks, as external); without it every user-defined network is imported as external')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;import;help' {
            [CompletionResult]::new('compose', 'compose', [CompletionResultType]::ParameterValue, 'Compose files (or a directory), merged in order, to a topology on standard output')
            [CompletionResult]::new('live', 'live', [CompletionResultType]::ParameterValue, 'The live daemon''s networks and memberships, to a topology on standard output')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netctl;import;help;compose' {
            break
        }
        'netctl;import;help;live' {
            break
        }
        'netctl;import;help;help' {
            break
        }
        'netctl;schema' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write netctl.1 and a page per command (netctl-apply.1, netctl-import-compose.1, ...) into DIR instead of printing netctl.1')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;agent' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT')
            [CompletionResult]::new('rootfs', 'rootfs', [CompletionResultType]::ParameterValue, 'Write the agent image''s root filesystem to stdout as a tar, for `docker import`')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Run probes from this network namespace and print the attempts as JSON (in a sidecar)')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Build (or refresh) the agent image on the daemon from this binary, tagged with netctl''s version')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netctl;agent;serve' {
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Accept connections on PORT (repeatable)')
            [CompletionResult]::new('--http', '--http', [CompletionResultType]::ParameterName, 'Answer HTTP 200 on / and /health on PORT')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'The address to listen on')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;agent;rootfs' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
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
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;agent;image' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Import it again even when the image already holds this binary')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
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
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Build (or refresh) the agent image on the daemon from this binary, tagged with netctl''s version')
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
        'netctl;agent;help;image' {
            break
        }
        'netctl;agent;help;help' {
            break
        }
        'netctl;lint' {
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'Lint these files as one project, merged in order like `docker compose -f a -f b` (it takes every file that follows it: put PATHs before it)')
            [CompletionResult]::new('--glob', '--glob', [CompletionResultType]::ParameterName, 'Also lint the files this glob matches when walking a PATH folder (repeatable): on the file name at any depth without a `/` (`*.stack.yaml`), else on the path relative to the folder (`stacks/*.yml`; `**` crosses folders)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: rustc-like text, JSON, SARIF 2.1.0, or GitHub workflow annotations')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: rustc-like text, JSON, SARIF 2.1.0, or GitHub workflow annotations')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 2 when a finding is at least this severe')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Lint config [default: .netctl-lint.yaml in the current directory, if present]')
            [CompletionResult]::new('--topology', '--topology', [CompletionResultType]::ParameterName, 'Check that compose memberships match this topology file (rule NL014)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print what a rule (ID or name) checks, why, and how to fix it')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Also check the daemon: external networks must exist there (rule NL016)')
            [CompletionResult]::new('--list-rules', '--list-rules', [CompletionResultType]::ParameterName, 'List every rule with its ID, name and default severity')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;export' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'What to write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;probe' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file [default: topology.yaml or netctl.yaml in the current directory; without one, FROM and TO are container names]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file [default: topology.yaml or netctl.yaml in the current directory; without one, FROM and TO are container names]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Also check a TCP connection to PORT (repeatable)')
            [CompletionResult]::new('--dns', '--dns', [CompletionResultType]::ParameterName, 'Also check that NAME resolves to TO (repeatable)')
            [CompletionResult]::new('--http', '--http', [CompletionResultType]::ParameterName, 'Also check that GET PATH on PORT answers 2xx or 3xx (repeatable)')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'What every check must show [default: what the topology says of the pair (reachable when they share a network, isolated when not); reachable without a topology]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]')
            [CompletionResult]::new('--project-name', '--project-name', [CompletionResultType]::ParameterName, 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Variables for the compose files'' `${...}` instead of the `.env` beside them')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Tries per check; above one, latency is reported as min / p50 / p95 / p99')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each try, e.g. 500ms or 2s; isolation checks often wait all of it')
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'How to get into the source container''s network')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Probes (sockets) in flight at most [default: what the open-file limit allows, up to 16384]')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Which replicas of a scaled Compose service probe and are probed: every one (up to 16 per service, noted past it) or the first')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project name: prefixes network and container names and the ownership labels')
            [CompletionResult]::new('--subnet-remap', '--subnet-remap', [CompletionResultType]::ParameterName, 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)')
            [CompletionResult]::new('--subnet-offset', '--subnet-offset', [CompletionResultType]::ParameterName, 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;verify' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated for its overrides as with `docker-compose -f base -f override`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]')
            [CompletionResult]::new('--project-name', '--project-name', [CompletionResultType]::ParameterName, 'The Compose project: its containers are found by Compose''s labels; without a file, its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the compose file''s `name:`, else its directory''s name]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Variables for the compose files'' `${...}` instead of the `.env` beside them')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Tries per check; above one, latency is reported as min / p50 / p95 / p99')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each try, e.g. 500ms or 2s; isolation checks often wait all of it')
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'How to get into the source container''s network')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Probes (sockets) in flight at most [default: what the open-file limit allows, up to 16384]')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Which replicas of a scaled Compose service probe and are probed: every one (up to 16 per service, noted past it) or the first')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project name: prefixes network and container names and the ownership labels')
            [CompletionResult]::new('--subnet-remap', '--subnet-remap', [CompletionResultType]::ParameterName, 'Move fixed subnets and the static addresses in them: FROM=TO (repeatable)')
            [CompletionResult]::new('--subnet-offset', '--subnet-offset', [CompletionResultType]::ParameterName, 'Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16), with the static addresses in it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;demo' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A docker CLI context (docker context ls) [env: DOCKER_CONTEXT]')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one daemon call may take before netctl stops waiting and names the call (1s..10m)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Tries per check; above one, latency is reported as min / p50 / p95 / p99')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each try, e.g. 500ms or 2s; isolation checks often wait all of it')
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'How to get into the source container''s network')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Probes (sockets) in flight at most [default: what the open-file limit allows, up to 16384]')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Which replicas of a scaled Compose service probe and are probed: every one (up to 16 per service, noted past it) or the first')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'o')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE forces it)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Leave the demo''s containers and networks running (it prints how to remove them)')
            [CompletionResult]::new('--clean', '--clean', [CompletionResultType]::ParameterName, 'Also remove the agent image at the end')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and what was found (failures, findings, changes): no progress, no notes, no summary of a run that went well. Output asked for with -o still prints')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print every check as a row (probe, verify, demo) besides the verdict')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netctl;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a topology file and report every problem with its line and column')
            [CompletionResult]::new('matrix', 'matrix', [CompletionResultType]::ParameterValue, 'Show the service × network matrix (or service × service with --reach)')
            [CompletionResult]::new('graph', 'graph', [CompletionResultType]::ParameterValue, 'Draw networks and services as a Mermaid or Graphviz graph')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what apply would change on the daemon (exit 2 with --detailed-exitcode if anything)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the daemon''s networks and memberships match the file')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Disconnect the declared memberships and remove the networks this project owns')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Write a topology file from the daemon (`import live`) or from compose files')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the topology format, for editors and CI')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one page per command with --dir')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'The probe agent: the placeholder service, and its image''s root filesystem')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Lint compose files for network-safety mistakes (exit 2 on findings at --fail-on)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the topology as a compose fragment or as Kubernetes NetworkPolicies')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Probe from one service to another: DNS, ICMP, TCP to its ports, HTTP health (exit 2 if one fails)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Prove the whole topology: shared networks connect, the rest stays isolated (exit 2 if not)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Apply the Versatile Hub as a throwaway instance with placeholder services, verify it, clean up')
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
        'netctl;help;plan' {
            break
        }
        'netctl;help;apply' {
            break
        }
        'netctl;help;destroy' {
            break
        }
        'netctl;help;import' {
            [CompletionResult]::new('compose', 'compose', [CompletionResultType]::ParameterValue, 'Compose files (or a directory), merged in order, to a topology on standard output')
            [CompletionResult]::new('live', 'live', [CompletionResultType]::ParameterValue, 'The live daemon''s networks and memberships, to a topology on standard output')
            break
        }
        'netctl;help;import;compose' {
            break
        }
        'netctl;help;import;live' {
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
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Build (or refresh) the agent image on the daemon from this binary, tagged with netctl''s version')
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
        'netctl;help;agent;image' {
            break
        }
        'netctl;help;lint' {
            break
        }
        'netctl;help;export' {
            break
        }
        'netctl;help;probe' {
            break
        }
        'netctl;help;verify' {
            break
        }
        'netctl;help;demo' {
            break
        }
        'netctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
