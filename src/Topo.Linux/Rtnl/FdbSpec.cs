using System.Globalization;
using System.Net;

namespace Topo.Linux.Rtnl;

/// <summary>
/// A VXLAN device's forwarding entry to send: frames for <see cref="Mac"/> (by default the all-zero MAC of head-end
/// replication) go to <see cref="Destination"/>, with <see cref="Vni"/> and <see cref="Port"/> when they are not the device's own.
/// </summary>
public sealed record FdbSpec(string Device, IPAddress Destination, string Mac = Nda.AllZeroMac, uint? Vni = null, ushort? Port = null)
{
    /// <summary>As <c>bridge fdb</c> writes it: <c>00:00:00:00:00:00 dst 192.0.2.12 port 4790 vni 77</c>.</summary>
    public override string ToString() =>
        $"{Mac} dst {Destination}" +
        (Port is { } port ? $" port {port.ToString(CultureInfo.InvariantCulture)}" : "") +
        (Vni is { } vni ? $" vni {vni.ToString(CultureInfo.InvariantCulture)}" : "");
}
