using System.Collections.Immutable;
using Topo.Core.Planning;

namespace Topo.Core.State;

/// <summary>
/// A setting of an interface that the kernel changes in place. The order is the order they are set in:
/// the mark first, the master before hairpin (a bridge-port setting, which exists only once the
/// interface is a port), up last.
/// </summary>
public enum LinkSetting
{
    Marked,
    Master,
    Mtu,
    Mac,
    Hairpin,
    Up,
}

/// <summary>The settings' attribute names, and which of them a plan step changes: the one place that reads the names back.</summary>
public static class LinkSettings
{
    public static string Name(LinkSetting setting) => setting.ToString().ToLowerInvariant();

    /// <summary>
    /// The settings among <paramref name="changes"/> whose attribute is named with <paramref name="prefix"/>
    /// (a veth end's <c>a.</c>), in the order they are set; their new values are the changed resource's own.
    /// </summary>
    /// <exception cref="ArgumentException">A changed attribute with that prefix is no setting changed in place.</exception>
    public static IReadOnlyList<LinkSetting> Changed(ImmutableArray<AttrChange> changes, string prefix = "") =>
    [
        .. changes.Where(c => c.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(c => Parse(c.Name[prefix.Length..]) ?? throw new ArgumentException($"attribute '{c.Name}' cannot be changed in place"))
            .Order(),
    ];

    private static LinkSetting? Parse(string name) =>
        Enum.GetValues<LinkSetting>().Cast<LinkSetting?>().FirstOrDefault(s => Name(s!.Value) == name);
}
