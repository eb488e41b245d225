namespace Topo.Core.State;

/// <summary>
/// How text output names a namespace. Objects in an attached namespace are keyed by its path, which
/// says nothing to the reader of a plan; the file's node name does, so with the file at hand such a
/// namespace reads <c>web (/proc/4242/ns/net)</c>. Without the file (<c>down --lab</c>) it is the path.
/// </summary>
public sealed class NamespaceNames
{
    public static readonly NamespaceNames Plain = new([]);

    private readonly Dictionary<Netns, string> _attached;

    public NamespaceNames(IEnumerable<SharedNamespace> shared) =>
        _attached = shared.Where(s => s.Ns.IsAttached).GroupBy(s => s.Ns)
            .ToDictionary(g => g.Key, g => $"{string.Join(", ", g.Select(s => s.Node))} ({g.Key})");

    public static NamespaceNames Of(LabState desired) => new(desired.Shared);

    /// <summary><c>host</c>, a node's own namespace by its name, an attached one by its node and path.</summary>
    public string Of(Netns ns) => _attached.GetValueOrDefault(ns) ?? ns.Display;

    /// <summary>An interface as <c>NS:NAME</c>; a host interface by its name alone, as a veth end is written.</summary>
    public string End(LinkEnd end) => end.Namespace.IsHost ? end.Name : $"{Of(end.Namespace)}:{end.Name}";
}
