using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>A lab file that passed every check: its desired state and its resolved checks.</summary>
public sealed record ValidatedLab(string Lab, LabState Desired, ImmutableArray<ResolvedCheck> Checks);

/// <summary>
/// A check from the file with its ends resolved: <see cref="FromNamespace"/> is the namespace of the
/// node <see cref="FromText"/> names (its own, <see cref="Netns.Host"/>, or an attached one's path);
/// <see cref="Address"/> is the IP to reach; <see cref="Port"/> is set for tcp/udp.
/// </summary>
public sealed record ResolvedCheck(
    Netns FromNamespace,
    string FromText,
    string ToText,
    string Address,
    string Protocol,
    int? Port,
    bool ExpectReach,
    TimeSpan Timeout)
{
    /// <summary>
    /// The node as written, and where it runs when that is not its own namespace: <c>monitor (host)</c>
    /// for a node on the host network, <c>web (/proc/4242/ns/net)</c> for an attached one.
    /// </summary>
    public string FromShown => FromText == FromNamespace.Display ? FromText : $"{FromText} ({FromNamespace.Display})";
}
