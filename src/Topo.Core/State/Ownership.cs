namespace Topo.Core.State;

/// <summary>
/// The marks topo writes into the kernel: the interface alias, the loopback alias of a namespace, a route's protocol.
/// </summary>
public static class Ownership
{
    public const string Prefix = "topo:";

    /// <summary>
    /// The protocol (rtm_protocol) of every route topo writes: its mark on a route. In the host and attached
    /// namespaces a route is a lab's only with it, and then the lab's whose interface it goes out of.
    /// 116 ('t') is in no list of the kernel's RTPROT_* values (0-4, 8-18, 42, 99, 186-189, 192) nor in
    /// iproute2's rt_protos, and clear of what routing daemons use beyond those (FRR 186-198, Calico 80);
    /// the kernel passes values above 4 through untouched.
    /// </summary>
    public const byte RouteProtocol = 116;

    public static string Mark(string lab) => Prefix + lab;

    /// <summary>The lab named by an alias, or <c>null</c> when the alias is not topo's.</summary>
    public static string? LabOf(string? alias) =>
        alias is not null && alias.StartsWith(Prefix, StringComparison.Ordinal) && alias.Length > Prefix.Length
            ? alias[Prefix.Length..]
            : null;
}
