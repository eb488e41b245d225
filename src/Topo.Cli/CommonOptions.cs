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

    public Option<double> LockTimeout { get; } = new("--lock-timeout")
    {
        Description = "Seconds to wait for another apply or down of the same lab to finish.",
        DefaultValueFactory = _ => 30,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print no line per step." };

    /// <summary>Which machine's share of a lab that spans several (<c>hosts:</c>) this machine holds.</summary>
    public Option<string?> Host { get; } = new(HostName) { Description = "In a lab of several hosts: the one this machine is (its share only)." };

    public const string HostName = "--host";
}
