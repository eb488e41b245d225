using Topo.Core.Model;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Validation;

internal enum EndKind
{
    Node,
    Host,
    BridgePort,
}

/// <summary>
/// One end of a link with its meaning: the namespace it lands in, its interface name
/// (null until a bridge-side end without one gets a generated name) and its bridge.
/// </summary>
internal sealed record Endpoint(Located<string> Written, EndKind Kind, Netns Ns, string? Name, BridgePlace? Bridge)
{
    public string Text => Written.Value;

    public string Display => Ns.Display + ":" + Name;

    /// <summary>What a generated name for the other end hashes: what the user wrote, which no other end of the lab repeats.</summary>
    public string Identity => Kind == EndKind.BridgePort && Name is null ? Bridge!.Name : $"{Ns.Display}:{Name}";
}

/// <summary>A link whose two ends resolved; <see cref="Index"/> is its place in <c>links</c>.</summary>
internal sealed record ResolvedLink(int Index, LinkSpec Spec, Endpoint A, Endpoint B)
{
    public string Path => $"links[{Index}]";

    public IEnumerable<Endpoint> Ends => [A, B];

    public Endpoint? EndWritten(string text) => A.Text == text ? A : B.Text == text ? B : null;

    public string NotAnEnd(string text) => $"'{text}' is not an end of this link (ends: {A.Text}, {B.Text})";
}
