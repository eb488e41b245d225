using CsCheck;

namespace Topo.Core.Tests.Properties;

/// <summary>
/// Generated labs as a CsCheck generator. CsCheck shrinks by drawing fresh cases and keeping a
/// failing one of smaller <see cref="Size"/>, so the size says what a smaller lab is: first the
/// number of things the file declares, then the length of its text (shorter names, fewer options).
/// </summary>
internal sealed class GeneratedLabGen(bool ipv6Subnets) : Gen<GeneratedLab>
{
    public override GeneratedLab Generate(PCG pcg, Size? min, out Size size)
    {
        // The seed before the first draw is the one CsCheck reports to replay this case.
        var seed = pcg.ToString();
        var lab = GeneratedLab.From(seed, LabDraftGenerator.Generate(new PcgRandom(pcg), ipv6Subnets));
        size = new Size(Things(lab.Draft), new Size((ulong)lab.Text.Length));
        return lab;
    }

    private static ulong Things(LabDraft draft) => (ulong)(
        draft.HostSysctls.Length + draft.HostRoutes.Length
        + draft.Bridges.Sum(b => 1 + b.Subnets.Length + b.IpRanges.Length + new object?[] { b.Node, b.Address, b.Masquerade, b.Isolated, b.Mtu }.Count(v => v is not null))
        + draft.Nodes.Sum(n => 1 + n.Sysctls.Length + n.Routes.Length + n.Ports.Length)
        + draft.Links.Sum(l => 1 + l.Addresses.Sum(a => a.Cidrs.Length) + l.Macs.Length + (l.Mtu is null ? 0 : 1))
        + draft.Checks.Length);
}
