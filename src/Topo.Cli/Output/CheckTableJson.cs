using Topo.Core;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Probes;

namespace Topo.Cli.Output;

/// <summary>
/// <c>check --output json</c>: <c>{"lab", "ok", "checks": [{from, fromNamespace, to, address, protocol, port, expect,
/// seen, detail, standIn, holds, timeMs}]}</c>; <c>seen</c> is answer, refused, unreachable, no-answer or error.
/// </summary>
public static class CheckTableJson
{
    public static string Write(string lab, IReadOnlyList<CheckResult> results) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("lab", lab);
        json.WriteBoolean("ok", results.All(r => r.Holds));
        json.WriteStartArray("checks");
        foreach (var r in results)
        {
            json.WriteStartObject();
            json.WriteString("from", r.Check.FromText);
            json.WriteString("fromNamespace", Netns.Display(r.Check.FromNamespace));
            json.WriteString("to", r.Check.ToText);
            json.WriteString("address", r.Check.Address);
            json.WriteString("protocol", r.Check.Protocol);
            if (r.Check.Port is { } port) json.WriteNumber("port", port);
            else json.WriteNull("port");
            json.WriteString("expect", CheckTable.Expected(r));
            json.WriteString("seen", r.Probe.Seen == Seen.NoAnswer ? "no-answer" : r.Probe.Seen.ToString().ToLowerInvariant());
            json.WriteString("detail", r.Probe.Detail);
            if (r.StandIn is { } standIn) json.WriteString("standIn", standIn);
            else json.WriteNull("standIn");
            json.WriteBoolean("holds", r.Holds);
            json.WriteNumber("timeMs", Math.Round(r.Probe.Elapsed.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });
}
