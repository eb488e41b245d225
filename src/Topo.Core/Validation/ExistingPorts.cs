using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Model;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>
/// <c>bridges.NAME.ports: [host:eth1]</c>: interfaces of the machine enslaved to a bridge of the host. Each names an
/// interface the lab does not make, in one bridge at most; whether it exists is the kernel's to say at plan time.
/// </summary>
internal static class ExistingPorts
{
    private const string Prefix = "host:";

    public static ImmutableArray<BridgePortResource> Resolve(LabNames names, LabInterfaces interfaces, Problems problems)
    {
        var ports = ImmutableArray.CreateBuilder<BridgePortResource>();
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var bridge in names.Bridges)
        {
            for (var i = 0; i < bridge.Spec.Ports.Length; i++)
            {
                var port = bridge.Spec.Ports[i];
                var path = $"{bridge.Path}.ports[{i}]";
                if (Problem(bridge, port.Value, interfaces, claimed) is { } problem)
                {
                    problems.Add(port.Mark, path, problem);
                    continue;
                }

                var name = port.Value[Prefix.Length..];
                claimed[name] = path;
                ports.Add(new BridgePortResource(Netns.Host, name, bridge.Name));
            }
        }

        return ports.ToImmutable();
    }

    private static string? Problem(BridgePlace bridge, string port, LabInterfaces interfaces, Dictionary<string, string> claimed)
    {
        if (bridge.Spec.IsOverlay) return $"an overlay bridge takes no ports: each machine's part of '{bridge.Name}' is made by topo; put the interface in a bridge of one host";
        if (!bridge.Ns.IsHost) return $"bridge '{bridge.Name}' is in node '{bridge.Spec.Node?.Value}': ports names interfaces of the machine, which only a bridge of the host can take";
        if (!port.StartsWith(Prefix, StringComparison.Ordinal))
            return $"expected '{Prefix}IFNAME', an interface of the machine as 'ip link' lists it (e.g. '{Prefix}eth1'), got '{NameRules.Shown(port)}'";
        var name = port[Prefix.Length..];
        if (NameRules.InterfaceProblem(name) is { } bad) return $"interface name '{NameRules.Shown(name)}' {bad}";
        if (name == NameRules.Loopback) return "the loopback cannot be a bridge port; name an Ethernet interface (e.g. 'host:eth1')";
        if (interfaces.Has(Netns.Host, name))
            return $"'{port}' is an interface the lab makes; ports names one that is there already (a NIC of the machine); link the lab's own with links:";
        if (claimed.TryGetValue(name, out var first)) return $"interface '{port}' is already a port at {first}; an interface has one master";
        return null;
    }
}
