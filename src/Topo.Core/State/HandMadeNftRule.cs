namespace Topo.Core.State;

/// <summary>
/// A rule of an nftables table made by hand: its table (<c>ip nat</c>), its text as nft lists it, and, for a
/// masquerade of traffic from one source network, that network, which a lab file says as its bridge's
/// <c>masquerade: true</c>.
/// </summary>
public sealed record HandMadeNftRule(string Table, string Text, string? MasqueradedSubnet)
{
    /// <summary>The namespace the table is in (resource key).</summary>
    public Netns Namespace { get; init; } = Netns.Host;
}
