using System.CommandLine;
using Topo.Core.Validation;

namespace Topo.Cli;

/// <summary><c>--watch[=INTERVAL]</c>: how often <c>apply --watch</c> plans again; <c>--watch</c> alone is every 30 s.</summary>
public sealed class WatchOption
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    public Option<TimeSpan> Option { get; } = new("--watch")
    {
        Description = "Keep the lab converged: plan again every INTERVAL (30s, 500ms, 2m; 30s if left out) and when the file changes, and repair; SIGTERM or SIGINT ends it.",
        HelpName = "INTERVAL",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return DefaultInterval;
            var text = result.Tokens[0].Value;
            if (Duration.Parse(text) is { } span) return span;
            // The value is optional, so a word after --watch is taken as it: say how to write it so it is not.
            result.AddError($"--watch: '{text}' is not an interval like 30s, 500ms or 2m (write it as --watch=INTERVAL, or put --watch last)");
            return default;
        },
    };
}
