namespace Topo.Core.State;

/// <summary>
/// One network interface's settings. <c>null</c> fields are not managed (desired) or unknown (actual).
/// </summary>
public sealed record LinkEnd(string Namespace, string Name, string? Master = null, int? Mtu = null, string? Mac = null, bool? Up = true)
{
    public ResourceKey Key => new(ResourceKind.Link, Namespace, Name);

    public string Display => Namespace.Length == 0 ? Name : $"{Namespace}:{Name}";
}
