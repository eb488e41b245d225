using System.CommandLine;
using System.CommandLine.Completions;

namespace Topo.Cli.Commands;

/// <summary>
/// <c>topo completion bash</c>: a bash completion script that asks topo itself for candidates through
/// System.CommandLine's <c>[suggest:POSITION]</c> directive (the protocol of <c>dotnet-suggest</c>), so
/// completion always knows the commands, options and values of the topo that is installed.
/// </summary>
public static class CompletionCommand
{
    /// <summary>Adds the <c>completion</c> command, and lab-file candidates to every FILE argument of the tree.</summary>
    public static void AddTo(RootCommand root, Terminal terminal)
    {
        foreach (var file in Arguments(root).Where(argument => argument.ValueType == typeof(FileInfo)))
        {
            // Help shows an argument that has completions by listing them, which here would be the
            // folders of the current directory: its name is what the argument is.
            file.HelpName ??= file.Name;
            file.CompletionSources.Add(context => LabFiles(context.WordToComplete));
        }

        root.Subcommands.Add(Create(terminal));
    }

    public static Command Create(Terminal terminal)
    {
        var shell = new Argument<string>("SHELL") { Description = "The shell: bash." }.AcceptOnlyFromAmong("bash");
        var command = new Command("completion", "Print a shell completion script; load it with: source <(topo completion bash)") { shell };
        command.SetAction(_ =>
        {
            terminal.Out.Write(BashScript);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Lab files (<c>.yaml</c>, <c>.yml</c>) and folders that start with <paramref name="word"/>, as typed:
    /// relative stays relative, so the shell can put the candidate in place of the word.
    /// </summary>
    public static IEnumerable<CompletionItem> LabFiles(string word)
    {
        var slash = word.LastIndexOf('/');
        var folder = slash < 0 ? "" : word[..(slash + 1)];
        var start = word[(slash + 1)..];
        var directory = new DirectoryInfo(folder.Length == 0 ? "." : folder);
        if (!directory.Exists) return [];

        // Hidden entries only when asked for by a leading dot, as shells do.
        var entries = directory.EnumerateFileSystemInfos()
            .Where(entry => entry.Name.StartsWith(start, StringComparison.Ordinal))
            .Where(entry => start.StartsWith('.') || !entry.Name.StartsWith('.'));
        return entries
            .Select(entry => entry switch
            {
                DirectoryInfo => folder + entry.Name + "/",
                _ when entry.Extension is ".yaml" or ".yml" => folder + entry.Name,
                _ => null,
            })
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .Select(path => new CompletionItem(path))
            .ToList();
    }

    private static IEnumerable<Argument> Arguments(Command command) =>
        command.Arguments.Concat(command.Subcommands.SelectMany(Arguments));

    /// <summary>
    /// Hands topo the line up to the cursor and keeps the candidates that start with the word being
    /// completed (topo's own matching also offers words that merely contain it). The loop, not
    /// <c>compgen -W</c>, so that a candidate such as <c>/?</c> is never expanded by the shell.
    /// </summary>
    public const string BashScript = """
        # bash completion for topo, printed by `topo completion bash`.
        # Load it in this shell:  source <(topo completion bash)
        # Load it in every shell: topo completion bash > ~/.local/share/bash-completion/completions/topo
        # topo finds the candidates itself (System.CommandLine's [suggest] directive), so they always
        # match the installed version: commands, options, option values and lab files.
        _topo_complete()
        {
            local line=${COMP_LINE:0:COMP_POINT}
            local word=${COMP_WORDS[COMP_CWORD]}
            local topo=${COMP_WORDS[0]/#\~/$HOME}
            local candidates candidate
            candidates=$("$topo" "[suggest:${#line}]" "$line" 2>/dev/null) || return 0
            COMPREPLY=()
            while IFS= read -r candidate; do
                if [[ -n $candidate && $candidate == "$word"* ]]; then COMPREPLY+=("$candidate"); fi
            done <<<"$candidates"
            # A folder is a step on the way to a lab file: no space after it.
            if [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == */ ]]; then compopt -o nospace; fi
        }
        complete -o bashdefault -o default -F _topo_complete topo

        """;
}
