using System.Collections.Immutable;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>A lab file that passed every check: its desired state and its resolved checks.</summary>
public sealed record ValidatedLab(string Lab, LabState Desired, ImmutableArray<ResolvedCheck> Checks);

/// <summary>
/// A check from the file with its ends resolved: <see cref="FromNamespace"/> is a node name or
/// <see cref="Netns.Host"/>; <see cref="Address"/> is the IP to reach; <see cref="Port"/> is set for tcp/udp.
/// </summary>
public sealed record ResolvedCheck(
    string FromNamespace,
    string ToText,
    string Address,
    string Protocol,
    int? Port,
    bool ExpectReach,
    TimeSpan Timeout);
