using System.Collections.Immutable;

namespace Topo.Core.Tests.Properties;

/// <summary>Edits a user makes to a lab that must renumber nothing already in it.</summary>
internal static class DraftChanges
{
    /// <summary>No generated node starts with 'z', so this name is free in every draft.</summary>
    public const string Late = "zlate";

    /// <summary>A new node at the end of the file, linked to <paramref name="bridge"/> with no address written.</summary>
    public static LabDraft WithLateNode(LabDraft draft, string bridge) => draft with
    {
        Nodes = draft.Nodes.Add(new NodeDraft(Late, [], [], [], Bare: false)),
        Links = draft.Links.Add(new LinkDraft($"{Late}:eth0", bridge, [], null, [], LongForm: false)),
    };

    /// <summary>The bridges with an IPv4 subnet and no IPv6 one, which <see cref="WithIpv6Subnets"/> makes dual-stack.</summary>
    public static ImmutableArray<string> Ipv4Only(LabDraft draft) =>
        [.. draft.Bridges.Where(b => b.SubnetOf(v6: false) is not null && b.SubnetOf(v6: true) is null).Select(b => b.Name)];

    /// <summary>Each IPv4-only bridge gains fd1e:N::/64 (N its place in the file), a network no generated lab uses otherwise.</summary>
    public static LabDraft WithIpv6Subnets(LabDraft draft)
    {
        var ipv4Only = Ipv4Only(draft);
        return draft with
        {
            Bridges = [.. draft.Bridges.Select((b, i) => ipv4Only.Contains(b.Name) ? b with { Subnets = b.Subnets.Add($"fd1e:{i:x}::/64") } : b)],
        };
    }
}
