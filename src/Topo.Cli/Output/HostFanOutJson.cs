using System.Text.Json;

namespace Topo.Cli.Output;

/// <summary>
/// <c>--output json</c> of a command on every machine of a lab:
/// <c>{"hosts": [{host, where, exitCode, result, error}], "summary": {command, hosts, failed, exitCode}}</c>,
/// each <c>result</c> the machine's own document as its topo wrote it (null when it wrote none that parses).
/// </summary>
internal static class HostFanOutJson
{
    public static string Write(string command, IReadOnlyList<HostRunDocument> hosts, IReadOnlyList<string> failed, int exitCode) =>
        OutputJsonContext.Write(new HostFanOutDocument(hosts, new HostFanOutSummary(command, hosts.Count, failed, exitCode)), c => c.HostFanOutDocument);

    public static HostRunDocument Host(string name, bool local, int exitCode, string stdout, string stderr) =>
        new(name, local ? "local" : "ssh", exitCode, Parsed(stdout), stderr.Trim() is { Length: > 0 } error ? error : null);

    // A machine that failed before it wrote its document (unreachable, a file it could not read) has text or nothing on stdout.
    private static JsonElement? Parsed(string stdout)
    {
        try
        {
            using var document = JsonDocument.Parse(stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed record HostFanOutDocument(IReadOnlyList<HostRunDocument> Hosts, HostFanOutSummary Summary);

internal sealed record HostRunDocument(string Host, string Where, int ExitCode, JsonElement? Result, string? Error);

internal sealed record HostFanOutSummary(string Command, int Hosts, IReadOnlyList<string> Failed, int ExitCode);
