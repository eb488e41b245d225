using Topo.Core.State;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>
/// A link of one device (a macvlan, a vxlan) whose device and parent resolved. <see cref="Parent"/> names a
/// bridge by the bridge's own name, and is null for a kind without one (a vxlan); <see cref="ExternalParent"/>
/// is set once the lab's interfaces are known and the parent is not among them: the lab only names it, and never
/// changes it. <see cref="Underlay"/> is the namespace a vxlan is made in.
/// </summary>
internal sealed record ResolvedDevice(int Index, LinkSpec Spec, Endpoint Device, Endpoint? Parent, bool ExternalParent = false, Netns Underlay = default)
{
    public string Path => $"links[{Index}]";

    private string Kind => Spec.IsVxlan ? "vxlan" : "macvlan";

    /// <summary>The one interface a link of one device puts addresses and a MAC on.</summary>
    public string NotTheEndpoint(string text) =>
        $"'{text}' is not the endpoint of this {Kind} link (endpoint: {Device.Text}" + (Parent is null ? ")" : "; the parent is not the lab's to address)");
}
