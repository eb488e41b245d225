using System.Collections.Immutable;
using System.Text;
using Topo.Core.Kinds;
using Topo.Core.Model;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>
/// <c>names: true</c>, Docker's rule for user-defined networks: a node resolves, by their names in the file,
/// itself and the nodes it shares a bridge (whose <c>names:</c>, or else the file's, is true) or a link (when the
/// file's is) with, at their addresses there. The addresses are the desired state's, whatever made them and in
/// whichever family. Each node with a namespace of its own and a named neighbourhood gets a hosts file.
/// </summary>
internal static class NodeNames
{
    private const string Localhost = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

    /// <summary>A node's interface on a shared bridge or link.</summary>
    private sealed record Member(string Node, Netns Ns, string Device);

    public static ImmutableArray<HostsFileResource> Files(LabFile file, LabNames names, ImmutableArray<ResolvedLink> links, LabState desired)
    {
        var everywhere = file.Names is { Value: true };
        var networks = new List<List<Member>>();
        foreach (var bridge in names.Bridges.Where(b => b.Spec.Names?.Value ?? everywhere))
        {
            var on = links.Select(l => l.A.Bridge == bridge ? l.B : l.B.Bridge == bridge ? l.A : null)
                .Where(e => e is { Kind: EndKind.Node }).Select(e => MemberOf(e!)).ToList();
            if (on.Count > 0) networks.Add(on);
        }

        if (everywhere)
            networks.AddRange(links.Where(l => l.A.Kind == EndKind.Node && l.B.Kind == EndKind.Node).Select(l => new List<Member> { MemberOf(l.A), MemberOf(l.B) }));
        if (networks.Count == 0) return [];

        var addresses = desired.Resources.OfType<AddressResource>().ToLookup(a => (a.Ns, a.Device), a => a.Cidr[..a.Cidr.IndexOf('/')]);
        var files = ImmutableArray.CreateBuilder<HostsFileResource>();
        foreach (var node in names.Nodes.Where(names.OwnsNamespace))
        {
            var name = node.Name.Value;
            var around = networks.Where(n => n.Any(m => m.Node == name)).ToList();
            if (around.Count == 0) continue;
            var text = new StringBuilder(Localhost);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in around.SelectMany(n => n))
            {
                foreach (var ip in addresses[(member.Ns, member.Device)])
                {
                    var line = $"{ip}\t{member.Node}\n";
                    if (seen.Add(line)) text.Append(line);
                }
            }

            files.Add(new HostsFileResource(names.NsOf(name), text.ToString()));
        }

        return files.ToImmutable();
    }

    private static Member MemberOf(Endpoint end) => new(end.Text[..end.Text.IndexOf(':')], end.Ns, end.Name!);
}
