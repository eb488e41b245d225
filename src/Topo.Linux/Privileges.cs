using System.Globalization;

namespace Topo.Linux;

/// <summary>Whether this process may change network namespaces, told before any kernel call.</summary>
public static class Privileges
{
    private const int CapSysAdmin = 21;
    private const int CapNetAdmin = 12;

    /// <summary>Why the process cannot change the network, or <c>null</c> when it can.</summary>
    public static string? Missing()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        var caps = line is null ? 0 : ulong.Parse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var has = (caps & (1UL << CapNetAdmin)) != 0 && (caps & (1UL << CapSysAdmin)) != 0;
        return has ? null : "this command works inside network namespaces and needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN): run it with sudo";
    }
}
