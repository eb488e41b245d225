using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>A lab file that passed every check: its desired state and its resolved checks.</summary>
public sealed record ValidatedLab(string Lab, LabState Desired, ImmutableArray<ResolvedCheck> Checks)
{
    /// <summary>The machines of a lab that spans several (<c>hosts:</c>); empty for a lab on one machine.</summary>
    public ImmutableArray<Machine> Hosts { get; init; } = [];

    public ImmutableDictionary<string, string> HostOfNode { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Each machine's share of a lab that spans several; <see cref="Desired"/> is then the whole lab, which no machine holds.</summary>
    public ImmutableDictionary<string, LabState> Shares { get; init; } = ImmutableDictionary<string, LabState>.Empty;

    public bool Spans => !Hosts.IsEmpty;

    /// <summary>
    /// The lab as <paramref name="host"/> holds it: its share, and the checks from its nodes (and from the host
    /// namespace, which every machine has).
    /// </summary>
    public ValidatedLab On(string host) => this with
    {
        Desired = Shares[host],
        Checks = [.. Checks.Where(c => HostOfNode.GetValueOrDefault(c.FromText, host) == host)],
        Shares = ImmutableDictionary<string, LabState>.Empty,
    };
}

/// <summary>
/// A check from the file with its ends resolved: <see cref="FromNamespace"/> is the namespace of the
/// node <see cref="FromText"/> names (its own, <see cref="Netns.Host"/>, or an attached one's path);
/// <see cref="Address"/> is the IP to reach; <see cref="Port"/> is set for tcp/udp.
/// <see cref="ExpectRefused"/> (<c>expect: refused</c>, with <see cref="ExpectReach"/> false) wants a refusal
/// back, not silence; <see cref="StandIn"/> false (<c>standin: false</c>) starts no stand-in listener.
/// </summary>
public sealed record ResolvedCheck(
    Netns FromNamespace,
    string FromText,
    string ToText,
    string Address,
    string Protocol,
    int? Port,
    bool ExpectReach,
    TimeSpan Timeout,
    bool ExpectRefused = false,
    bool StandIn = true)
{
    /// <summary>What <c>expect:</c> said: reach, no-reach or refused.</summary>
    public string ExpectText => ExpectRefused ? "refused" : ExpectReach ? "reach" : "no-reach";

    /// <summary>
    /// The node as written, and where it runs when that is not its own namespace: <c>monitor (host)</c>
    /// for a node on the host network, <c>web (/proc/4242/ns/net)</c> for an attached one.
    /// </summary>
    public string FromShown => FromText == FromNamespace.Display ? FromText : $"{FromText} ({FromNamespace.Display})";

    /// <summary>
    /// <c>by: name</c>: the node whose name is looked up inside <see cref="FromNamespace"/> (through its hosts file) when the
    /// check runs, the address found taking the place of <see cref="Address"/>; null for a check by address.
    /// </summary>
    public string? ByName { get; init; }
}
