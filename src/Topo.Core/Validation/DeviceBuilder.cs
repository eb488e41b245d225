using System.Collections.Immutable;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>The lab's bridges and veth pairs, each end with its namespace, name, master, MTU and MAC.</summary>
internal static class DeviceBuilder
{
    public static ImmutableArray<Resource> Build(LabNames names, ImmutableArray<ResolvedLink> links, Problems problems)
    {
        var devices = ImmutableArray.CreateBuilder<Resource>();
        foreach (var bridge in names.Bridges)
        {
            var spec = bridge.Spec;
            var mtu = DeviceSettings.Mtu(spec.Mtu, $"{bridge.Path}.mtu", problems);
            var mac = spec.Mac is null ? null : DeviceSettings.Mac(spec.Mac, $"{bridge.Path}.mac", problems);
            devices.Add(new BridgeResource(new LinkEnd(bridge.Ns, bridge.Name, Mtu: mtu, Mac: mac)));
        }

        foreach (var link in links)
        {
            var mtu = DeviceSettings.Mtu(link.Spec.Mtu, $"{link.Path}.mtu", problems);
            var macs = new Dictionary<Endpoint, string>();
            foreach (var entry in link.Spec.Macs)
            {
                var path = $"{link.Path}.mac['{entry.Endpoint.Value}']";
                if (link.EndWritten(entry.Endpoint.Value) is not { } end)
                    problems.Add(entry.Endpoint.Mark, path, link.NotAnEnd(entry.Endpoint.Value));
                else if (DeviceSettings.Mac(entry.Mac, path, problems) is { } mac)
                    macs[end] = mac;
            }

            LinkEnd End(Endpoint e) => new(e.Ns, e.Name!, e.Bridge?.Name, mtu, macs.GetValueOrDefault(e));
            devices.Add(VethResource.Of(End(link.A), End(link.B)));
        }

        return devices.ToImmutable();
    }
}
