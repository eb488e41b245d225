namespace Topo.Core.Validation;

/// <summary>What /proc/sys says of a key: there and writable, there but read-only, not there, or not known (no way to look).</summary>
public enum SysctlKeyState
{
    Writable,
    ReadOnly,
    Missing,
    Unknown,
}

/// <summary>
/// Looks a sysctl key up under /proc/sys: in the host's namespace (<paramref name="inHost"/>), or in a
/// namespace as new as the ones the lab makes. Given by the Linux side, so validation itself reads no kernel.
/// </summary>
public delegate SysctlKeyState SysctlKeyProbe(string key, bool inHost);
