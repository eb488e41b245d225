using System.CommandLine;

namespace Topo.Cli;

/// <summary>Arguments and options that several commands share, made fresh per command tree.</summary>
public sealed class CommonOptions
{
    public Argument<FileInfo> File { get; } = new("FILE") { Description = "The lab file (YAML)." };

    public Option<string> Output { get; } = new Option<string>("--output", "-o")
    {
        Description = "Output format: text or json.",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json");
}
