using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>
/// Where each node lives: a namespace of its own named after it (also with <c>network: none</c>), the
/// host's (<c>network: host</c>), or an existing one it attaches to (<c>netns: PATH</c>), which is keyed
/// by its path. The settings that cannot follow a node there are refused here.
/// </summary>
internal static class NodeNetworks
{
    public const string HostNetwork = "host";
    public const string NoNetwork = "none";

    public static ImmutableDictionary<string, Netns> Place(IEnumerable<NodeSpec> nodes, Problems problems)
    {
        var placed = ImmutableDictionary.CreateBuilder<string, Netns>(StringComparer.Ordinal);
        var attachedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var name = node.Name.Value;
            var path = $"nodes.{name}";
            var ns = Netns.Of(name);
            if (node.Network is { } network && node.Netns is { } both)
            {
                problems.Add(both.Mark, $"{path}.netns", "netns and network exclude each other: a node attaches to an existing namespace (netns:) or is on the host network (network: host), not both");
            }
            else if (node.Network is { } written)
            {
                if (written.Value == HostNetwork) ns = Netns.Host;
                else if (written.Value != NoNetwork)
                    problems.Add(written.Mark, $"{path}.network", $"network '{written.Value}' is not one topo knows: the networks are {HostNetwork} (the host's own namespace) and {NoNetwork} (loopback only); leave it out for a namespace of its own");
            }
            else if (node.Netns is { } file)
            {
                if (!IsNamespacePath(file.Value))
                    problems.Add(file.Mark, $"{path}.netns", $"netns '{file.Value}' must be the absolute path of a namespace file without '.', '..' or empty parts (e.g. /proc/PID/ns/net, /var/run/docker/netns/ID, /run/netns/NAME)");
                else if (!attachedBy.TryAdd(file.Value, name))
                    problems.Add(file.Mark, $"{path}.netns", $"node '{attachedBy[file.Value]}' attaches to {file.Value} already: two nodes cannot share one namespace");
                else
                    ns = file.Value;
            }

            RefuseSettings(node, ns, path, problems);
            placed[name] = ns;
        }

        return placed.ToImmutable();
    }

    /// <summary>A node with <c>network: none</c> has only its loopback.</summary>
    public static bool HasNoNetwork(NodeSpec node) => node.Network?.Value == NoNetwork;

    private static void RefuseSettings(NodeSpec node, Netns ns, string path, Problems problems)
    {
        if (ns.IsHost && !node.Ports.IsEmpty)
            problems.Add(node.Ports[0].Mark, $"{path}.ports", "a node on the host network listens on the host's ports itself; remove 'ports'");

        // The previous values of a host sysctl are kept under /run/topo/LAB/ by key; an attached namespace
        // has no name that outlives its process to keep them by, so down could not put them back.
        if (ns.IsAttached && !node.Sysctls.IsEmpty)
            problems.Add(node.Sysctls[0].Key.Mark, $"{path}.sysctls", "sysctls are not supported on a node attached with netns: (down could not put the namespace's previous values back); set them where the namespace is made, e.g. docker run --sysctl");
    }

    private static bool IsNamespacePath(string path) =>
        path.Length is > 1 and <= 4096 && path[0] == '/'
        && !path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || NameRules.IsInvisible(c))
        && path[1..].Split('/').All(part => part.Length > 0 && part != "." && part != "..");
}
