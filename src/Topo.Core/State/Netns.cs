namespace Topo.Core.State;

/// <summary>
/// Which network namespace a resource lives in: the host's (the root namespace), a node's own one
/// by its name (which the lab makes and marks), or an existing one a node attaches to, by the
/// absolute path of its file (<c>/proc/PID/ns/net</c>, opened and never made or deleted).
/// The identity is the text the kernel layer opens it by: empty for the host, so the host sorts first.
/// </summary>
public readonly record struct Netns : IComparable<Netns>
{
    private readonly string? _id;

    private Netns(string id) => _id = id.Length == 0 ? null : id;

    public static Netns Host => default;

    /// <summary>A namespace from its identity: empty for the host, a path for an attached one, else a name.</summary>
    public static Netns Of(string id) => new(id);

    public static implicit operator Netns(string id) => new(id);

    /// <summary>Empty for the host, the path of an attached namespace, the name of a named one.</summary>
    public string Id => _id ?? "";

    public bool IsHost => _id is null;

    public bool IsAttached => _id is not null && _id.StartsWith('/');

    /// <summary>A namespace the lab makes and marks (neither the host nor an attached one).</summary>
    public bool IsNamed => _id is not null && !_id.StartsWith('/');

    /// <summary>How a person reads it: <c>host</c>, or the name or path.</summary>
    public string Display => _id ?? "host";

    public int CompareTo(Netns other) => string.CompareOrdinal(Id, other.Id);

    public override string ToString() => Id;
}
