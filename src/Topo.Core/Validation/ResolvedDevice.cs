using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>
/// A macvlan link whose device and parent resolved. <see cref="Parent"/> names a bridge by the
/// bridge's own name; <see cref="ExternalParent"/> is set once the lab's interfaces are known and the
/// parent is not among them: the lab only names it, and never changes it.
/// </summary>
internal sealed record ResolvedDevice(int Index, LinkSpec Spec, Endpoint Device, Endpoint Parent, bool ExternalParent = false)
{
    public string Path => $"links[{Index}]";

    /// <summary>The one interface a macvlan link puts addresses and a MAC on.</summary>
    public string NotTheEndpoint(string text) => $"'{text}' is not the endpoint of this macvlan link (endpoint: {Device.Text}; the parent is not the lab's to address)";
}
