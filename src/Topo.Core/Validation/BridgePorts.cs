using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>
/// The kernel numbers a bridge's ports in 10 bits (BR_MAX_PORTS 1024) and keeps port 0 for none, so a
/// bridge takes 1023 ports; the 1024th fails with "Exchange full" in the middle of an apply.
/// </summary>
internal static class BridgePorts
{
    public const int Max = 1023;

    public static void Check(LabNames names, ImmutableArray<ResolvedLink> links, Problems problems)
    {
        var ports = links.SelectMany(l => l.Ends).Where(e => e.Bridge is not null).CountBy(e => e.Bridge!.Name).ToDictionary();
        foreach (var bridge in names.Bridges)
        {
            if (ports.GetValueOrDefault(bridge.Name) is var count and > Max)
                problems.Add(bridge.Spec.Name.Mark, bridge.Path, $"bridge '{bridge.Name}' has {count} ports (links to it); the kernel takes at most {Max} on one bridge: spread the links over more bridges");
        }
    }
}
