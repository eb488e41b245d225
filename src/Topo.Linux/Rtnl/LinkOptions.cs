namespace Topo.Linux.Rtnl;

/// <summary>
/// Settings that can ride in the request that makes an interface. <see cref="Master"/> is a
/// name in the interface's own namespace; <c>null</c> fields are left as the kernel makes them.
/// </summary>
public sealed record LinkOptions(int? Mtu = null, string? Mac = null, string? Alias = null, string? Master = null, bool Up = false)
{
    public static readonly LinkOptions None = new();
}
