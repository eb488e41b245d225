namespace Topo.Linux.Rtnl;

/// <summary>
/// Settings for an interface being made. <see cref="Master"/> is a name in the interface's own
/// namespace; <c>null</c> fields are left as the kernel makes them. All but the alias ride in the
/// creating request; the kernel ignores an alias there, so it follows in the same batch.
/// </summary>
public sealed record LinkOptions(int? Mtu = null, string? Mac = null, string? Alias = null, string? Master = null, bool Up = false)
{
    public static readonly LinkOptions None = new();
}
